import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { EntityManager } from 'typeorm';
import { audit } from '../../common/audit';
import type { Context } from '../../common/context';
import { conflict, forbidden, invalidInput, notFound } from '../../common/errors';
import { checkedKey, once, RETRY_KEY } from '../../common/idempotency';
import { loadProgramme, managesProgramme } from '../access';
import { BudgetLine, BudgetSide, Expense, ExpenseStatus, Programme } from '../entities';
import { budgetLineById } from '../loaders';
import { cashOnHand } from '../services/funds';
import { recordExpenseEvent } from '../domain-events';
import { ExpenseInput } from './inputs';
import { t } from '../../common/messages';

const dong = (amount: number) => `${amount.toLocaleString('vi-VN')} đồng`;

/**
 * Spending is approved by someone other than who recorded it (four eyes, as Open Collective
 * does), and never beyond the programme's cash on hand: cash received less approved spending.
 */
async function insistApprovable(manager: EntityManager, expense: Expense, approver: string | null): Promise<void> {
  if (expense.recordedBy && expense.recordedBy === approver) {
    throw forbidden(t('refusals.selfApproveExpense'));
  }
  const balance = await cashOnHand(manager, expense.programmeId);
  if (expense.amount > balance) {
    throw conflict(
      t('conflicts.cashShort', { value: dong(expense.amount), value2: dong(balance) }),
      { balance: String(balance) },
    );
  }
}

@Resolver(() => Expense)
export class ExpenseResolver {
  @FieldResolver(() => BudgetLine, { nullable: true, description: 'The budget line the expense is charged to' })
  async budgetLine(@Root() expense: Expense, @Ctx() ctx: Context): Promise<BudgetLine | undefined> {
    return expense.budgetLineId ? ctx.loaders.get(budgetLineById).load(expense.budgetLineId) : undefined;
  }

  /** Whether the caller recorded it, so an approval queue can say why they may not approve it; who did stays private. */
  @FieldResolver(() => Boolean, { description: 'The caller recorded it, so may not approve it (someone else must)' })
  recordedByMe(@Root() expense: Expense, @Ctx() ctx: Context): boolean {
    return expense.recordedBy !== null && expense.recordedBy === ctx.viewer.subject;
  }

  @Mutation(() => Expense, { description: 'Records cash spent, with its evidence; it counts once an officer approves it' })
  async recordExpense(@Arg('input', { description: 'The money spent, for an officer to approve' }) input: ExpenseInput, @Ctx() ctx: Context): Promise<Expense> {
    const programme = await loadProgramme(ctx, input.programmeId);
    ctx.viewer.insist(managesProgramme(ctx, programme), 'actions.recordSpending');
    const { idempotencyKey, ...request } = input;
    return once(
      ctx.db,
      { scope: `recordExpense:${ctx.viewer.subject}`, key: idempotencyKey, input: request },
      async (manager) => {
        if (input.budgetLineId) {
          const line = await manager.findOneBy(BudgetLine, { id: input.budgetLineId });
          if (line?.programmeId !== programme.id || line.side !== BudgetSide.EXPENSE) {
            throw invalidInput('budgetLineId', t('problems.notAnExpenseLine'));
          }
        }
        const expense = await manager.save(
          manager.create(Expense, { ...request, budgetLineId: input.budgetLineId ?? null, status: ExpenseStatus.PENDING, recordedBy: ctx.viewer.subject, decidedBy: null }),
        );
        await audit(manager, ctx.viewer, { action: 'recordExpense', entity: expense, unitPath: programme.unitPath, after: expense });
        await recordExpenseEvent(manager, expense, programme);
        return expense;
      },
      (manager, id) => manager.findOneByOrFail(Expense, { id }),
    );
  }

  @Mutation(() => Expense, { description: 'An officer over the programme’s unit approves or rejects spending (the commune supervises money)' })
  async decideExpense(@Arg('id', () => ID, { description: 'The expense decided' }) id: string, @Arg('approve', { description: 'True to approve, false to reject' }) approve: boolean, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<Expense> {
    const found = await ctx.db.manager.findOneBy(Expense, { id });
    if (!found) throw notFound('Expense', id);
    const programme = await loadProgramme(ctx, found.programmeId);
    ctx.viewer.insist(ctx.viewer.oversees(programme.unitPath), 'actions.approveSpending');
    return once(
      ctx.db,
      { scope: `decideExpense:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { id, approve } },
      async (manager) => {
        // The programme's row first: approvals of one programme queue on it, so each reads the cash
        // the one before it left. Decided once: the status is checked under the expense's row lock.
        await ctx.db.lockForUpdate(manager, Programme, { id: programme.id });
        const expense = (await ctx.db.lockForUpdate(manager, Expense, { id }))!;
        if (expense.status !== ExpenseStatus.PENDING) throw conflict(t('conflicts.expenseDecided', { expenseStatus: t(`enums.ExpenseStatus.${expense.status}`) }));
        if (approve) await insistApprovable(manager, expense, ctx.viewer.subject);
        const before = { ...expense };
        const after = await manager.save(
          Object.assign(expense, { status: approve ? ExpenseStatus.APPROVED : ExpenseStatus.REJECTED, decidedBy: ctx.viewer.subject }),
        );
        await audit(manager, ctx.viewer, { action: 'decideExpense', entity: expense, unitPath: programme.unitPath, before, after });
        await recordExpenseEvent(manager, after, programme);
        return after;
      },
      (manager, id) => manager.findOneByOrFail(Expense, { id }),
    );
  }
}
