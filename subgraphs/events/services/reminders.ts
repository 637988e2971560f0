import { In, IsNull, MoreThanOrEqual, Not } from 'typeorm';
import { consentHolds, consentsOf, ConsentPurpose, type Consent } from '../../common/consent';
import { dateInWords, todayInVietnam } from '../../common/dates';
import type { Database } from '../../common/database';
import { ChannelKind } from '../../common/reminders/channels';
import type { DirectReminder, ReminderJob } from '../../common/reminders/scheduler';
import { ApplicationStatus, Event, ExhibitorKind, Stall, StallApplication } from '../entities';
import { unrestricted } from '../../common/restriction';

/** When the events subgraph tells applicants. */
export const EVENT_REMINDERS = {
  /** An approval (or a promotion from the waitlist) older than this is not announced late after downtime. */
  catchUpDays: 14,
  /** How often the job looks. */
  everyMinutes: 15,
} as const;


/**
 * A household whose stall was approved, or given one from the waitlist, is told on Zalo at the
 * phone it applied with: the organisers' contacts about the application are what its consent was
 * given for, so only while that consent holds (withdrawn, the phone is gone too) and the household's
 * processing is not restricted, and only before the fair. Households have no account, hence no preference: the application is their choice.
 */
export const stallApproved: ReminderJob = {
  name: 'events.stall-approved',
  everyMinutes: EVENT_REMINDERS.everyMinutes,
  async due(db: Database, now: Date): Promise<DirectReminder[]> {
    const today = todayInVietnam(now);
    const found = await db.manager.find(StallApplication, {
      where: {
        exhibitorKind: ExhibitorKind.HOUSEHOLD,
        status: ApplicationStatus.APPROVED,
        stallId: Not(IsNull()),
        contactPhone: Not(IsNull()),
        decidedAt: MoreThanOrEqual(new Date(now.getTime() - EVENT_REMINDERS.catchUpDays * 86_400_000)),
      },
    });
    // Nobody whose processing is restricted is told (restriction.ts).
    const approved = await unrestricted(db.manager, found, (application) => application.contactPhoneHash);
    if (approved.length === 0) return [];
    const [consents, fairs, stalls] = await Promise.all([
      consentsOf(db.manager, StallApplication.name, approved.map((application) => application.id)),
      db.manager.findBy(Event, { id: In([...new Set(approved.map((application) => application.eventId))]) }),
      db.manager.findBy(Stall, { id: In(approved.map((application) => application.stallId!)) }),
    ]);
    const fairOf = new Map(fairs.map((fair) => [fair.id, fair]));
    const stallOf = new Map(stalls.map((stall) => [stall.id, stall]));
    const consentsOfApplication = new Map<string, Consent[]>();
    for (const consent of consents) consentsOfApplication.set(consent.recordId, [...(consentsOfApplication.get(consent.recordId) ?? []), consent]);
    return approved
      .filter((application) => fairOf.get(application.eventId)!.startsOn >= today)
      .filter((application) => consentHolds(consentsOfApplication.get(application.id) ?? [], ConsentPurpose.STALL_APPLICATION))
      .map((application) => {
        const fair = fairOf.get(application.eventId)!;
        return {
          kind: 'stall-application.approved',
          recordId: application.id,
          period: ApplicationStatus.APPROVED,
          recipients: [{ key: `application:${application.id}`, channel: ChannelKind.ZALO, address: application.contactPhone! }],
          subject: 'Gian hàng của hộ đã được duyệt',
          text:
            `Đăng ký gian hàng${application.referenceCode ? ` mã ${application.referenceCode}` : ''} tại «${fair.title}» đã được duyệt: ` +
            `gian số ${stallOf.get(application.stallId!)!.code}, ${fair.venue}, từ ngày ${dateInWords(fair.startsOn)}. Hẹn gặp quý vị tại ngày hội.`,
        };
      });
  },
};

export const eventReminderJobs: readonly ReminderJob[] = [stallApproved];
