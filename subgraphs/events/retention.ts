import type { EnvReader } from '../common/env';
import { monthsBefore, type RetentionRule } from '../common/retention';
import { ERASED_NAME } from '../common/consent';
import { Event, ExhibitorKind, StallApplication } from './entities';

/** Stall applicants' contact details serve the organisers until the fair is over: kept 6 months after it ends by default. */
export const STALL_CONTACT_MONTHS = 6;

/** An application with its contact erased: the application stays, a business's or partner's name too (also erasure.ts). */
export function withoutContact(application: StallApplication): StallApplication {
  return Object.assign(application, {
    contactName: ERASED_NAME,
    contactPhone: null,
    // The hash of the phone goes with it; the key stays unique per category.
    exhibitorKey: application.exhibitorKey.startsWith('phone:') ? `erased:${application.id}` : application.exhibitorKey,
    exhibitorName: application.exhibitorKind === ExhibitorKind.HOUSEHOLD ? ERASED_NAME : application.exhibitorName,
  });
}

export function eventsRetention(env: EnvReader): RetentionRule[] {
  const stallContactMonths = env.int('RETENTION_STALL_CONTACT_MONTHS', STALL_CONTACT_MONTHS, { min: 1, max: 120 });
  return [
    {
      name: 'stall-contacts',
      description: `stall applicants’ contact (name, phone) and a household’s name, ${stallContactMonths} months after the fair ends`,
      async eraseBatch(manager, now, limit) {
        const rows = await manager
          .createQueryBuilder(StallApplication, 'application')
          .innerJoin(Event, 'event', 'event.id = application.eventId')
          .where('event.endsOn < :until', { until: monthsBefore(now, stallContactMonths).date })
          .andWhere('application.contactName <> :erased', { erased: ERASED_NAME })
          .orderBy('application.id')
          .limit(limit)
          .getMany();
        await manager.save(rows.map(withoutContact));
        return rows.length;
      },
    },
  ];
}
