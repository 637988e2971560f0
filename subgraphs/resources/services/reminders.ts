import { In, LessThanOrEqual } from 'typeorm';
import { addDays, dateInWords, todayInVietnam } from '../../common/dates';
import type { Database } from '../../common/database';
import type { AnnouncedReminder, ReminderJob } from '../../common/reminders/scheduler';
import { Expense, Pledge, PledgeInstalment, Programme, Sponsor, SponsorKind, ExpenseStatus } from '../entities';
import { instalmentsToFollowUp, memorandaEnding } from './follow-up';

/**
 * The resources subgraph's reminders, all to the officers over a unit: their preferences are kept
 * by the teams subgraph, so each reminder is announced once as a `reminder.due` event and teams
 * sends it on (common/reminders/scheduler.ts). Never a person's name in the text: an individual
 * sponsor is "một nhà hảo tâm".
 */
export const RESOURCE_REMINDERS = {
  /** An instalment is reminded of this many days before it falls due (and once more when overdue). */
  instalmentDaysAhead: 7,
  /** A memorandum is reminded of this many days before it ends. */
  memorandumDaysAhead: 30,
  /** An expense waiting this many days for an officer's approval is reminded of, once. */
  expenseWaitingDays: 3,
  /** How often the jobs look. */
  everyMinutes: 60,
} as const;

const dong = (amount: number) => `${new Intl.NumberFormat('vi-VN').format(amount)} đồng`;
/** An organisation by its name; a person only as a benefactor (their name is personal data). */
const sponsorInWords = (sponsor: Sponsor) => (sponsor.kind === SponsorKind.ORGANISATION ? sponsor.name : 'một nhà hảo tâm');

/** Instalments (a pledge paid at once has one) falling due within 7 days, and overdue: to the officers over the sponsor's unit. */
export const instalmentsDue: ReminderJob = {
  name: 'resources.pledge-instalments-due',
  everyMinutes: RESOURCE_REMINDERS.everyMinutes,
  async due(db: Database, now: Date): Promise<AnnouncedReminder[]> {
    const today = todayInVietnam(now);
    const instalments = await instalmentsToFollowUp(db.manager, { today, until: addDays(today, RESOURCE_REMINDERS.instalmentDaysAhead) });
    if (instalments.length === 0) return [];
    const pledges = instalments.map((instalment) => instalment.pledge!);
    const [sponsors, programmes, counts] = await Promise.all([
      db.manager.findBy(Sponsor, { id: In([...new Set(pledges.map((pledge) => pledge.sponsorId))]) }),
      db.manager.findBy(Programme, { id: In([...new Set(pledges.map((pledge) => pledge.programmeId))]) }),
      db.manager
        .createQueryBuilder(PledgeInstalment, 'instalment')
        .select('instalment.pledgeId', 'pledgeId')
        .addSelect('COUNT(*)', 'count')
        .where({ pledgeId: In([...new Set(pledges.map((pledge) => pledge.id))]) })
        .groupBy('instalment.pledgeId')
        .getRawMany<{ pledgeId: string; count: string | number }>(),
    ]);
    const sponsorOf = new Map(sponsors.map((sponsor) => [sponsor.id, sponsor]));
    const programmeOf = new Map(programmes.map((programme) => [programme.id, programme]));
    const instalmentsOf = new Map(counts.map(({ pledgeId, count }) => [pledgeId, Number(count)]));
    return instalments.map((instalment) => {
      const pledge: Pledge = instalment.pledge!;
      const sponsor = sponsorOf.get(pledge.sponsorId)!;
      const overdue = instalment.dueOn! < today;
      const which = instalmentsOf.get(pledge.id)! > 1 ? `Đợt ${instalment.position} của khoản cam kết` : 'Khoản cam kết';
      const what = `${which} ${dong(pledge.amount)} của ${sponsorInWords(sponsor)} cho chương trình «${programmeOf.get(pledge.programmeId)!.name}»`;
      return {
        kind: overdue ? 'pledge-instalment.overdue' : 'pledge-instalment.due-soon',
        recordId: instalment.id,
        period: instalment.dueOn!,
        officersOver: sponsor.unitPath,
        subject: overdue ? 'Khoản cam kết tài trợ đã quá hạn' : 'Khoản cam kết tài trợ sắp đến hạn',
        text: overdue
          ? `${what} đã quá hạn từ ngày ${dateInWords(instalment.dueOn!)}, còn thiếu ${dong(instalment.outstanding)}. Xin liên hệ nhà tài trợ hoặc ghi nhận khoản đã nhận trên ứng dụng.`
          : `${what} đến hạn ngày ${dateInWords(instalment.dueOn!)}, còn thiếu ${dong(instalment.outstanding)}. Xin liên hệ nhà tài trợ để nhắc.`,
      };
    });
  },
};

/** Memoranda of understanding ending within 30 days: to the officers over the sponsor's unit. */
export const memorandaEndingSoon: ReminderJob = {
  name: 'resources.memoranda-ending',
  everyMinutes: RESOURCE_REMINDERS.everyMinutes,
  async due(db: Database, now: Date): Promise<AnnouncedReminder[]> {
    const today = todayInVietnam(now);
    const memoranda = await memorandaEnding(db.manager, { today, until: addDays(today, RESOURCE_REMINDERS.memorandumDaysAhead) });
    const sponsors = memoranda.length === 0 ? [] : await db.manager.findBy(Sponsor, { id: In([...new Set(memoranda.map((memorandum) => memorandum.sponsorId))]) });
    const sponsorOf = new Map(sponsors.map((sponsor) => [sponsor.id, sponsor]));
    return memoranda.map((memorandum) => {
      const sponsor = sponsorOf.get(memorandum.sponsorId)!;
      return {
        kind: 'memorandum.ending',
        recordId: memorandum.id,
        period: memorandum.validUntil!,
        officersOver: sponsor.unitPath,
        subject: 'Biên bản ghi nhớ với nhà tài trợ sắp hết hiệu lực',
        text: `Biên bản ghi nhớ với ${sponsorInWords(sponsor)} (ký ngày ${dateInWords(memorandum.occurredOn)}) hết hiệu lực ngày ${dateInWords(memorandum.validUntil!)}. Xin xem xét gia hạn hoặc ký biên bản mới.`,
      };
    });
  },
};

/** Spending waiting more than 3 days for an officer's approval: to the officers over the programme's unit. */
export const expensesAwaitingApproval: ReminderJob = {
  name: 'resources.expenses-awaiting-approval',
  everyMinutes: RESOURCE_REMINDERS.everyMinutes,
  async due(db: Database, now: Date): Promise<AnnouncedReminder[]> {
    const before = new Date(now.getTime() - RESOURCE_REMINDERS.expenseWaitingDays * 86_400_000);
    const expenses = await db.manager.find(Expense, {
      where: { status: ExpenseStatus.PENDING, createdAt: LessThanOrEqual(before) },
      relations: { programme: true },
      order: { createdAt: 'ASC' },
    });
    return expenses.map((expense) => ({
      kind: 'expense.awaiting-approval',
      recordId: expense.id,
      period: ExpenseStatus.PENDING,
      officersOver: expense.programme!.unitPath,
      subject: 'Khoản chi chờ cán bộ duyệt',
      text: `Khoản chi ${dong(expense.amount)} ngày ${dateInWords(expense.spentOn)} của chương trình «${expense.programme!.name}» đã chờ duyệt hơn ${RESOURCE_REMINDERS.expenseWaitingDays} ngày. Xin xem chứng từ và duyệt hoặc từ chối trên ứng dụng.`,
    }));
  },
};

export const resourceReminderJobs: readonly ReminderJob[] = [instalmentsDue, memorandaEndingSoon, expensesAwaitingApproval];
