import { Field, ObjectType } from 'type-graphql';
import type { Database } from '../../common/database';
import { Money, sumOfMoney, totalFrom, type Total } from '../../common/money';
import { Expense, ExpenseStatus } from '../entities';

/** Spending recorded against one expense line of an estimate: approved by an officer, or waiting. */
@ObjectType({ description: 'Spending against an expense line' })
export class LineSpending {
  @Field(() => Money, { description: 'Approved by an officer over the unit' })
  approved: Total = 0n;

  /** Recorded, not yet decided: for the programme's managers only (see `BudgetLine.pendingSpending`). */
  pending: Total = 0n;
}

/** Approved and pending spending per budget line, in one aggregate query for all the lines asked for, summed exactly. */
export async function spendingByBudgetLine(db: Database, lineIds: readonly string[]): Promise<Map<string, LineSpending>> {
  const rows = await db.manager
    .createQueryBuilder(Expense, 'expense')
    .select('expense.budgetLineId', 'lineId')
    .addSelect('expense.status', 'status')
    .addSelect(sumOfMoney('expense.amount'), 'total')
    .where('expense.budgetLineId IN (:...lineIds)', { lineIds })
    .andWhere('expense.status IN (:...counted)', { counted: [ExpenseStatus.APPROVED, ExpenseStatus.PENDING] })
    .groupBy('expense.budgetLineId')
    .addGroupBy('expense.status')
    .getRawMany<{ lineId: string; status: ExpenseStatus; total: string }>();
  const spending = new Map<string, LineSpending>();
  for (const row of rows) {
    const line = spending.get(row.lineId) ?? spending.set(row.lineId, new LineSpending()).get(row.lineId)!;
    if (row.status === ExpenseStatus.APPROVED) line.approved += totalFrom(row.total);
    else line.pending += totalFrom(row.total);
  }
  return spending;
}
