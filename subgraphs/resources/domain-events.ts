import type { EntityManager } from 'typeorm';
import { recordEvent } from '../common/outbox';
import { totalOf } from '../common/money';
import { BudgetSide, ExpenseStatus, Sponsor, type BudgetRevision, type Expense, type Programme, type Receipt } from './entities';
import { linesOf } from './services/budget-revisions';

/** The resources subgraph's domain events (catalogue: docs/events.md): ids, codes and amounts only, scoped to the unit (and the sponsoring partner). */

export interface ReceiptRecordedV1 {
  receiptId: string;
  programmeId: string;
  unitCode: string;
  year: number;
  /** The receipt's number in its unit's year. */
  number: number;
  /** CASH or IN_KIND. */
  kind: string;
  /** In đồng (in-kind gifts: their value). */
  amount: number;
  /** YYYY-MM-DD. */
  receivedOn: string;
  sponsorId: string | null;
  pledgeId: string | null;
}

/** Cash or gifts received: scoped to the sponsor's partner enterprise too, when a partner sponsored it. */
export async function recordReceiptRecorded(manager: EntityManager, receipt: Receipt): Promise<void> {
  const sponsor = receipt.sponsorId ? await manager.findOneBy(Sponsor, { id: receipt.sponsorId }) : null;
  const payload: ReceiptRecordedV1 = {
    receiptId: receipt.id,
    programmeId: receipt.programmeId,
    unitCode: receipt.unitCode,
    year: receipt.year,
    number: receipt.number,
    kind: receipt.kind,
    amount: receipt.amount,
    receivedOn: receipt.receivedOn,
    sponsorId: receipt.sponsorId,
    pledgeId: receipt.pledgeId,
  };
  await recordEvent(manager, {
    type: 'receipt.recorded',
    version: 1,
    subject: receipt.id,
    payload,
    scope: { unitPath: receipt.unitPath, ...(sponsor?.partnerId ? { partnerId: sponsor.partnerId } : {}) },
  });
}

export interface ExpenseEventV1 {
  expenseId: string;
  programmeId: string;
  unitCode: string;
  budgetLineId: string | null;
  /** In đồng. */
  amount: number;
  /** YYYY-MM-DD. */
  spentOn: string;
  /** PENDING (awaiting approval), APPROVED or REJECTED. */
  status: string;
}

/** Spending recorded and awaiting an officer's approval (`expense.awaiting-approval`), or decided (`expense.decided`). */
export async function recordExpenseEvent(manager: EntityManager, expense: Expense, programme: Programme): Promise<void> {
  const payload: ExpenseEventV1 = {
    expenseId: expense.id,
    programmeId: expense.programmeId,
    unitCode: programme.unitCode,
    budgetLineId: expense.budgetLineId,
    amount: expense.amount,
    spentOn: expense.spentOn,
    status: expense.status,
  };
  const type = expense.status === ExpenseStatus.PENDING ? 'expense.awaiting-approval' : 'expense.decided';
  await recordEvent(manager, { type, version: 1, subject: expense.id, payload, scope: { unitPath: programme.unitPath } });
}

export interface BudgetEventV1 {
  programmeId: string;
  unitCode: string;
  /** The estimate's revision: 1 is the one the programme was created with. */
  revision: number;
  /** In đồng. */
  incomeTotal: string;
  /** In đồng. */
  expenseTotal: string;
}

/** A programme's budget estimate revised, awaiting approval (`budget.revised`), or approved by an officer over its unit (`budget.approved`). */
export async function recordBudgetEvent(
  manager: EntityManager,
  type: 'budget.revised' | 'budget.approved',
  programme: Programme,
  revision: BudgetRevision,
): Promise<void> {
  const lines = linesOf(revision);
  const total = (side: BudgetSide) => String(totalOf(lines.filter((line) => line.side === side).map((line) => line.amount)));
  const payload: BudgetEventV1 = {
    programmeId: programme.id,
    unitCode: programme.unitCode,
    revision: revision.number,
    incomeTotal: total(BudgetSide.INCOME),
    expenseTotal: total(BudgetSide.EXPENSE),
  };
  await recordEvent(manager, { type, version: 1, subject: programme.id, payload, scope: { unitPath: programme.unitPath } });
}
