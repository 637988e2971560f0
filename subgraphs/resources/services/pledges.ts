import type { EntityManager } from 'typeorm';
import { todayInVietnam } from '../../common/dates';
import type { Database } from '../../common/database';
import { invalidInput } from '../../common/errors';
import { totalOf, type Total } from '../../common/money';
import { InstalmentFrequency, InstalmentStatus, Pledge, PledgeInstalment, PledgeStatus } from '../entities';
import { t } from '../../common/messages';

/** An instalment's status: paid, written off, or still expected (overdue once its date has passed). */
export function instalmentStatus(instalment: PledgeInstalment, today = todayInVietnam()): InstalmentStatus {
  if (instalment.received >= instalment.amount) return InstalmentStatus.PAID;
  if (instalment.writtenOffAt) return InstalmentStatus.WRITTEN_OFF;
  if (instalment.dueOn && instalment.dueOn < today) return InstalmentStatus.OVERDUE;
  return instalment.received > 0 ? InstalmentStatus.PARTLY_PAID : InstalmentStatus.DUE;
}

/** A pledge's status follows from its instalments, except cancellation. */
export function pledgeStatus(pledge: Pledge, instalments: PledgeInstalment[], today = todayInVietnam()): PledgeStatus {
  if (pledge.cancelledAt) return PledgeStatus.CANCELLED;
  const statuses = instalments.map((instalment) => instalmentStatus(instalment, today));
  if (statuses.every((status) => status === InstalmentStatus.PAID)) return PledgeStatus.FULFILLED;
  if (statuses.every((status) => status === InstalmentStatus.PAID || status === InstalmentStatus.WRITTEN_OFF)) return PledgeStatus.WRITTEN_OFF;
  if (statuses.includes(InstalmentStatus.OVERDUE)) return PledgeStatus.OVERDUE;
  return instalments.some((instalment) => instalment.received > 0) ? PledgeStatus.PARTLY_FULFILLED : PledgeStatus.PLEDGED;
}

/** What is still expected of a pledge's instalments, exact. */
export const outstandingOf = (instalments: PledgeInstalment[]): Total => totalOf(instalments.map((instalment) => instalment.outstanding));

/** The day `months` months after `date`, kept within the month (31 January + 1 month = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}

export interface InstalmentPlan {
  amount: number;
  dueOn: string | null;
}

/** `count` instalments a month or a quarter apart; the đồng that do not divide evenly go to the last one. */
export function scheduleInstalments(total: number, frequency: InstalmentFrequency, count: number, firstDueOn: string): InstalmentPlan[] {
  const step = frequency === InstalmentFrequency.QUARTERLY ? 3 : 1;
  const share = Math.floor(total / count);
  return Array.from({ length: count }, (_, index) => ({
    amount: index === count - 1 ? total - share * (count - 1) : share,
    dueOn: addMonths(firstDueOn, index * step),
  }));
}

/**
 * A pledge's instalments, read with a row lock on MySQL (as `Database.lockForUpdate` reads one
 * row): take the pledge's lock first, so receipts, write-offs and cancellations queue in one order.
 */
export function lockInstalments(db: Database, manager: EntityManager, pledgeId: string): Promise<PledgeInstalment[]> {
  return manager.find(PledgeInstalment, {
    where: { pledgeId },
    order: { position: 'ASC' },
    ...(db.isMysql ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
}

/**
 * Fills the instalments in order with `amount` received. Refuses (naming `field`) more than is
 * outstanding; the instalments must have been read with `lockInstalments`.
 */
export async function fulfilInstalments(manager: EntityManager, instalments: PledgeInstalment[], amount: number, field: string): Promise<void> {
  const outstanding = outstandingOf(instalments);
  if (BigInt(amount) > outstanding) throw invalidInput(field, t('problems.moreThanOutstanding', { outstanding }));
  let left = amount;
  for (const instalment of instalments) {
    const share = Math.min(left, instalment.outstanding);
    if (share === 0) continue;
    await manager.update(PledgeInstalment, { id: instalment.id }, { received: instalment.received + share });
    instalment.received += share;
    left -= share;
  }
}

interface PledgeTerms {
  amount: number;
  dueOn?: string | null;
  instalments?: InstalmentPlan[] | null;
  schedule?: { frequency: InstalmentFrequency; count: number; firstDueOn: string } | null;
}

/** The instalments a pledge's input asks for: one payment (maybe with a due date), a list, or a schedule. */
export function instalmentPlan({ amount, dueOn, instalments, schedule }: PledgeTerms): InstalmentPlan[] {
  if (instalments && schedule) throw invalidInput('schedule', t('problems.instalmentsOrSchedule'));
  if (dueOn && (instalments || schedule)) throw invalidInput('dueOn', t('problems.paidAtOnce'));
  if (schedule) {
    if (schedule.count > amount) throw invalidInput('schedule.count', t('problems.morePaymentsThanPledged', { amount }));
    return scheduleInstalments(amount, schedule.frequency, schedule.count, schedule.firstDueOn);
  }
  if (instalments) {
    const total = totalOf(instalments.map((instalment) => instalment.amount));
    if (total !== BigInt(amount)) throw invalidInput('instalments', t('problems.instalmentsTotal', { total, amount }));
    instalments.forEach((instalment, index) => {
      if (index > 0 && instalment.dueOn! < instalments[index - 1].dueOn!) throw invalidInput(`instalments.${index}.dueOn`, t('problems.instalmentsInOrder'));
    });
    return instalments.map(({ amount: share, dueOn: due }) => ({ amount: share, dueOn: due }));
  }
  return [{ amount, dueOn: dueOn ?? null }];
}
