import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { conflict, forbidden, invalidInput } from '../../common/errors';
import { MAX_AMOUNT } from '../../common/money';
import { BudgetLine, BudgetRevision, BudgetSide, Expense, Programme, RevisedBudgetLine } from '../entities';
import { t } from '../../common/messages';

/** A line as the caller gives it: an existing line (its id) changed, or a new one. */
export interface LineRequest {
  id?: string | null;
  side: BudgetSide;
  item: string;
  unit: string;
  unitPrice: number;
  quantity: number;
  note?: string | null;
}

/** Each line of an estimate stays within what one budget line may hold (its totals are exact, whatever they add up to). */
export function checkBudgetFits(lines: readonly LineRequest[]): void {
  lines.forEach((line, index) => {
    if (line.unitPrice * line.quantity > MAX_AMOUNT.budgetLine) {
      throw invalidInput(`budget.${index}.quantity`, t('problems.budgetLineTooLarge', { value: MAX_AMOUNT.budgetLine.toLocaleString('vi-VN') }));
    }
  });
}

/** The lines a revision keeps, read back as objects with their amounts. */
export function linesOf(revision: BudgetRevision): RevisedBudgetLine[] {
  return (JSON.parse(revision.lines) as RevisedBudgetLine[]).map((line) => Object.assign(new RevisedBudgetLine(), line));
}

function copyOf(lines: readonly BudgetLine[]): Omit<RevisedBudgetLine, 'amount'>[] {
  return lines.map(({ side, position, item, unit, unitPrice, quantity, note }) => ({ side, position, item, unit, unitPrice, quantity, note }));
}

/**
 * Keeps the estimate as `lines` now stand as the programme's next revision. Callers hold the
 * programme's row lock (or create the programme), so numbers follow one another; the unique
 * index on (programme, number) refuses a duplicate whatever happens.
 */
export async function keepRevision(
  manager: EntityManager,
  programme: Programme,
  lines: readonly BudgetLine[],
  reason: string | null,
  revisedBy: string | null,
): Promise<BudgetRevision> {
  const latest = await manager.findOne(BudgetRevision, { where: { programmeId: programme.id }, order: { number: 'DESC' } });
  const sorted = [...lines].sort((a, b) => (a.side === b.side ? a.position - b.position : a.side === BudgetSide.INCOME ? -1 : 1));
  return manager.save(
    manager.create(BudgetRevision, { programmeId: programme.id, number: (latest?.number ?? 0) + 1, reason, lines: JSON.stringify(copyOf(sorted)), revisedBy }),
  );
}

/** Writes a new programme's first estimate, numbered per side in the order given, and keeps it as revision 1. */
export async function writeFirstEstimate(manager: EntityManager, programme: Programme, budget: readonly Omit<LineRequest, 'id'>[], createdBy: string | null): Promise<void> {
  const counters = { [BudgetSide.INCOME]: 0, [BudgetSide.EXPENSE]: 0 };
  const saved: BudgetLine[] = [];
  for (const line of budget) {
    counters[line.side] += 1;
    saved.push(await manager.save(manager.create(BudgetLine, { ...line, note: line.note ?? null, programmeId: programme.id, position: counters[line.side] })));
  }
  await keepRevision(manager, programme, saved, null, createdBy);
}

const approvedOn = (programme: Programme) => programme.budgetApprovedAt!.toISOString().slice(0, 10);

/**
 * Replaces the estimate with `budget` under the programme's row lock (taken by the caller): lines
 * with an id are changed in place (spending recorded against them stays linked), lines without one
 * are added, lines left out are removed unless spending was recorded against them. Refused once the
 * estimate is approved. Returns the lines before and after, for the audit trail.
 */
export async function reviseEstimate(
  manager: EntityManager,
  programme: Programme,
  budget: readonly LineRequest[],
): Promise<{ before: BudgetLine[]; after: BudgetLine[] }> {
  if (programme.budgetApprovedAt) {
    throw conflict(t('conflicts.budgetApprovedOn', { value: approvedOn(programme) }), { field: 'programmeId' });
  }
  checkBudgetFits(budget);
  const before = await manager.find(BudgetLine, { where: { programmeId: programme.id }, order: { side: 'DESC', position: 'ASC' } });
  const current = new Map(before.map((line) => [line.id, line]));
  const kept = new Set<string>();
  budget.forEach((line, index) => {
    if (!line.id) return;
    const existing = current.get(line.id);
    if (!existing || kept.has(line.id)) throw invalidInput(`budget.${index}.id`, t('problems.notALineOfBudget'));
    if (existing.side !== line.side) throw invalidInput(`budget.${index}.side`, t('problems.lineSideFixed'));
    kept.add(line.id);
  });
  const removed = before.filter((line) => !kept.has(line.id));
  if (removed.length > 0) {
    const spent = await manager.findOne(Expense, { where: { budgetLineId: In(removed.map((line) => line.id)) } });
    if (spent) {
      const line = current.get(spent.budgetLineId!)!;
      throw invalidInput('budget', t('problems.lineHasSpending', { lineItem: line.item }));
    }
    await manager.delete(BudgetLine, { id: In(removed.map((line) => line.id)) });
  }
  const counters = { [BudgetSide.INCOME]: 0, [BudgetSide.EXPENSE]: 0 };
  const after: BudgetLine[] = [];
  for (const { id, ...line } of budget) {
    counters[line.side] += 1;
    const target = id ? current.get(id)! : manager.create(BudgetLine, { programmeId: programme.id });
    after.push(await manager.save(Object.assign(target, { ...line, note: line.note ?? null, position: counters[line.side] })));
  }
  return { before, after };
}

/**
 * Approves the estimate under the programme's row lock (taken by the caller): once, and never by
 * the author of its latest revision (four eyes, as with spending).
 */
export async function approveEstimate(manager: EntityManager, programme: Programme, approver: string | null): Promise<void> {
  if (programme.budgetApprovedAt) throw conflict(t('conflicts.budgetApproved', { value: approvedOn(programme) }), { field: 'programmeId' });
  const latest = await manager.findOne(BudgetRevision, { where: { programmeId: programme.id }, order: { number: 'DESC' } });
  if (latest?.revisedBy && latest.revisedBy === approver) {
    throw forbidden(t('refusals.selfApproveBudget'));
  }
  const approval = { budgetApprovedAt: new Date(), budgetApprovedBy: approver };
  await manager.update(Programme, { id: programme.id }, approval);
  Object.assign(programme, approval);
}
