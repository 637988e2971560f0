import { randomUUID } from 'node:crypto';
import { Brackets, In, LessThanOrEqual, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { audit } from '../../common/audit';
import { Role } from '../../common/auth';
import type { Context } from '../../common/context';
import { addDays, dateInWords, todayInVietnam } from '../../common/dates';
import type { Database } from '../../common/database';
import { isEmail } from 'class-validator';
import { invalidInput } from '../../common/errors';
import { once } from '../../common/idempotency';
import { ChannelKind } from '../../common/reminders/channels';
import { normalisePhone } from '../../common/sheet-values';
import { REMINDER_DUE, type DirectReminder, type Recipient, type ReminderDueV1, type ReminderJob } from '../../common/reminders/scheduler';
import { onEvent } from '../../common/outbox';
import { ActivityReport, AdministrativeUnit, AnnouncedReminderRow, MembershipRequest, MembershipRequestKind, MembershipRequestStatus, ReminderPreference, Team, TeamStatus, UnitLevel } from '../entities';
import { t } from '../../common/messages';

/** When the teams subgraph reminds people. */
export const TEAM_REMINDERS = {
  /** A month's activity report is owed from this day of the next month. */
  reportDueDay: 5,
  /** A membership request waiting this many days for the leader's recommendation or the chairman's decision is reminded of, once per stage. */
  waitingDays: 7,
  /** How often the jobs look. */
  everyMinutes: 60,
  /** How often reminders announced by the other subgraphs are sent on. */
  announcedEveryMinutes: 5,
  /** An announced reminder is sent on to officers who want it for this many days (an officer who sets a preference meanwhile gets it too). */
  announcedForDays: 30,
} as const;

/**
 * Sets the signed-in person's own preference (nobody sets another's: not even an admin); the scope of
 * what they are reminded of is their token's: an officer's units, a leader's team. Anyone signed in may
 * keep one, though only officers and team leaders have reminders yet.
 */
export async function setMyReminderPreference(
  ctx: Context,
  input: { channel: ChannelKind; address: string; optedOut: boolean },
  idempotencyKey?: string | null,
): Promise<ReminderPreference> {
  const { viewer } = ctx;
  viewer.requireSignedIn();
  const officer = viewer.has(Role.OFFICER) && viewer.unitCodes.length > 0;
  const leader = viewer.has(Role.TEAM_LEADER) && viewer.teamId !== undefined;
  // The address's form depends on the channel, so it is checked here rather than by a decorator.
  if (input.channel === ChannelKind.EMAIL && !isEmail(input.address)) throw invalidInput('input.address', t('problems.emailAddress'));
  if (input.channel === ChannelKind.ZALO && !normalisePhone(input.address)) throw invalidInput('input.address', t('problems.zaloPhone'));
  const units = officer ? await ctx.db.manager.findBy(AdministrativeUnit, { code: In([...viewer.unitCodes]) }) : [];
  return once(
    ctx.db,
    { scope: `setMyReminderPreference:${viewer.subject}`, key: idempotencyKey, input },
    async (manager) => {
      const existing = await manager.findOneBy(ReminderPreference, { personKey: viewer.subject! });
      const row = existing ?? manager.create(ReminderPreference, { personKey: viewer.subject! });
      Object.assign(row, {
        channel: input.channel,
        address: input.address,
        optedOut: input.optedOut,
        unitPaths: units.length > 0 ? ` ${units.map((unit) => unit.path).join(' ')} ` : null,
        teamId: leader ? viewer.teamId! : null,
      });
      const saved = await manager.save(row);
      // Never the address in the audit trail: only what changed in kind.
      await audit(manager, viewer, { action: 'setMyReminderPreference', entity: saved, after: { channel: input.channel, optedOut: input.optedOut } });
      return saved;
    },
    (manager, id) => manager.findOneByOrFail(ReminderPreference, { id }),
  );
}

export function myReminderPreference(ctx: Context): Promise<ReminderPreference | null> {
  ctx.viewer.requireSignedIn();
  return ctx.db.manager.findOneBy(ReminderPreference, { personKey: ctx.viewer.subject! });
}

const recipientOf = (preference: ReminderPreference): Recipient => ({
  key: preference.personKey,
  channel: preference.channel as ChannelKind,
  address: preference.address,
});

/** The paths of a unit and of every unit above it: `/40/17227/` → `/40/`, `/40/17227/`. */
function pathsUpTo(path: string): string[] {
  const codes = path.split('/').filter(Boolean);
  return codes.map((_, index) => `/${codes.slice(0, index + 1).join('/')}/`);
}

/** Officers over any of `unitPaths` (they oversee a unit on the path) who want reminders: one query. */
async function officersOver(manager: EntityManager, unitPaths: string[]): Promise<Map<string, Recipient[]>> {
  const ancestors = [...new Set(unitPaths.flatMap(pathsUpTo))];
  const byPath = new Map<string, Recipient[]>(unitPaths.map((path) => [path, []]));
  if (ancestors.length === 0) return byPath;
  const preferences = await manager
    .createQueryBuilder(ReminderPreference, 'preference')
    .where('preference.optedOut = :no', { no: false })
    .andWhere(new Brackets((any) => ancestors.forEach((path, index) => any.orWhere(`preference.unitPaths LIKE :path${index}`, { [`path${index}`]: `% ${path} %` }))))
    .getMany();
  for (const path of unitPaths) {
    const above = pathsUpTo(path);
    byPath.set(path, preferences.filter((preference) => above.some((ancestor) => preference.unitPaths!.includes(` ${ancestor} `))).map(recipientOf));
  }
  return byPath;
}

/** The leaders of each team who want reminders: one query. */
async function leadersOf(manager: EntityManager, teamIds: string[]): Promise<Map<string, Recipient[]>> {
  const preferences = teamIds.length === 0 ? [] : await manager.findBy(ReminderPreference, { teamId: In(teamIds), optedOut: false });
  return new Map(teamIds.map((id) => [id, preferences.filter((preference) => preference.teamId === id).map(recipientOf)]));
}


/** After the 5th, every active team without a report for last month, to its leaders. */
export const reportOwed: ReminderJob = {
  name: 'teams.activity-report-owed',
  everyMinutes: TEAM_REMINDERS.everyMinutes,
  async due(db: Database, now: Date): Promise<DirectReminder[]> {
    const today = todayInVietnam(now);
    if (Number(today.slice(8, 10)) <= TEAM_REMINDERS.reportDueDay) return [];
    const month = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
    const reported = db.manager
      .createQueryBuilder(ActivityReport, 'report')
      .select('report.teamId')
      .where('report.month = :month');
    const owing = await db.manager
      .createQueryBuilder(Team, 'team')
      .where('team.status = :active', { active: TeamStatus.ACTIVE })
      .andWhere('(team.decisionDate IS NULL OR team.decisionDate <= :lastDay)', { lastDay: `${month}-31` })
      .andWhere(`team.id NOT IN (${reported.getQuery()})`, { month })
      .getMany();
    const leaders = await leadersOf(db.manager, owing.map((team) => team.id));
    return owing.map((team) => ({
      kind: 'activity-report.owed',
      recordId: team.id,
      period: month,
      recipients: leaders.get(team.id)!,
      subject: `Nhắc nộp báo cáo hoạt động tháng ${dateInWords(month)}`,
      text: `${team.name} chưa nộp báo cáo hoạt động tháng ${dateInWords(month)} (hạn ngày ${String(TEAM_REMINDERS.reportDueDay).padStart(2, '0')}/${dateInWords(today.slice(0, 7))}). Xin tổ trưởng nộp báo cáo trên ứng dụng Tổ công nghệ số cộng đồng.`,
    }));
  },
};

/** Requests waiting too long: for the leader's recommendation (to the leaders), for the chairman's decision (to the officers). */
export const requestsWaiting: ReminderJob = {
  name: 'teams.membership-requests-waiting',
  everyMinutes: TEAM_REMINDERS.everyMinutes,
  async due(db: Database, now: Date): Promise<DirectReminder[]> {
    const before = new Date(now.getTime() - TEAM_REMINDERS.waitingDays * 86_400_000);
    const [pending, recommended] = await Promise.all([
      db.manager.find(MembershipRequest, { where: { status: MembershipRequestStatus.PENDING, createdAt: LessThanOrEqual(before) }, relations: { team: { unit: true } } }),
      db.manager.find(MembershipRequest, { where: { status: MembershipRequestStatus.RECOMMENDED, recommendedAt: LessThanOrEqual(before) }, relations: { team: { unit: true } } }),
    ]);
    // A village team is decided on by its commune's chairman: the officers over the commune or above.
    const decidingPath = (request: MembershipRequest) => {
      const { unit } = request.team!;
      return unit!.level === UnitLevel.VILLAGE ? unit!.path.replace(/[^/]+\/$/, '') : unit!.path;
    };
    const leaders = await leadersOf(db.manager, [...new Set(pending.map((request) => request.teamId))]);
    const officers = await officersOver(db.manager, [...new Set(recommended.map(decidingPath))]);
    const what = (request: MembershipRequest) =>
      `Đơn xin ${request.kind === MembershipRequestKind.JOIN ? 'gia nhập' : 'rời'} ${request.team!.name}${request.referenceCode ? ` (mã ${request.referenceCode})` : ''}`;
    return [
      ...pending.map((request) => ({
        kind: 'membership-request.awaiting-recommendation',
        recordId: request.id,
        period: 'PENDING',
        recipients: leaders.get(request.teamId)!,
        subject: 'Đơn chờ tổ trưởng cho ý kiến',
        text: `${what(request)} đã chờ tổ trưởng cho ý kiến hơn ${TEAM_REMINDERS.waitingDays} ngày. Xin tổ trưởng xem và đề nghị trên ứng dụng.`,
      })),
      ...recommended.map((request) => ({
        kind: 'membership-request.awaiting-decision',
        recordId: request.id,
        period: 'RECOMMENDED',
        recipients: officers.get(decidingPath(request))!,
        subject: 'Đơn chờ Chủ tịch UBND xã quyết định',
        text: `${what(request)} đã được tổ trưởng đề nghị và chờ quyết định hơn ${TEAM_REMINDERS.waitingDays} ngày. Xin xem và quyết định trên ứng dụng.`,
      })),
    ];
  },
};

/**
 * Keeps each reminder another subgraph announces (`reminder.due`: pledges, memoranda, expenses) for
 * the job below; the same reminder announced or delivered again adds nothing.
 */
export const announcedReminders = onEvent('teams-announced-reminders', [REMINDER_DUE], async (event, manager) => {
  const { kind, recordId, period, subject, text } = event.payload as ReminderDueV1;
  await manager
    .createQueryBuilder()
    .insert()
    .into(AnnouncedReminderRow)
    .values({ id: randomUUID(), source: event.source, kind, recordId, period, unitPath: event.scope!.unitPath!, subject, text, receivedAt: new Date(event.occurredAt) })
    .orIgnore()
    .execute();
});

/** Sends on what the other subgraphs announced to the officers over its unit (or above), by their preferences. */
export const sendAnnounced: ReminderJob = {
  name: 'teams.announced-reminders',
  everyMinutes: TEAM_REMINDERS.announcedEveryMinutes,
  async due(db: Database, now: Date): Promise<DirectReminder[]> {
    const since = new Date(now.getTime() - TEAM_REMINDERS.announcedForDays * 86_400_000);
    const announced = await db.manager.find(AnnouncedReminderRow, { where: { receivedAt: MoreThanOrEqual(since) }, order: { receivedAt: 'ASC' } });
    const officers = await officersOver(db.manager, [...new Set(announced.map((row) => row.unitPath))]);
    return announced.map(({ kind, recordId, period, subject, text, unitPath }) => ({ kind, recordId, period, subject, text, recipients: officers.get(unitPath)! }));
  },
};

export const teamReminderJobs: readonly ReminderJob[] = [reportOwed, requestsWaiting, sendAnnounced];
