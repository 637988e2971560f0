import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { audit } from '../../common/audit';
import type { Context } from '../../common/context';
import { conflict, invalidInput, notFound } from '../../common/errors';
import { once } from '../../common/idempotency';
import { loadProgramme, managesProgramme } from '../access';
import { BudgetLine, BudgetSide, Expense, ExpenseStatus } from '../entities';
import { budgetLineById } from '../loaders';
import { ExpenseInput } from './inputs';

@Resolver(() => Expense)
export class ExpenseResolver {
  @FieldResolver(() => BudgetLine, { nullable: true })
  async budgetLine(@Root() expense: Expense, @Ctx() ctx: Context): Promise<BudgetLine | undefined> {
    return expense.budgetLineId ? ctx.loaders.get(budgetLineById).load(expense.budgetLineId) : undefined;
  }

  @Mutation(() => Expense, { description: 'Records cash spent, with its evidence; it counts once an officer approves it' })
  async recordExpense(@Arg('input') input: ExpenseInput, @Ctx() ctx: Context): Promise<Expense> {
    const programme = await loadProgramme(ctx, input.programmeId);
    ctx.viewer.insist(managesProgramme(ctx, programme), 'record spending for this programme');
    const { idempotencyKey, ...request } = input;
    return once(
      ctx.db,
      { scope: `recordExpense:${ctx.viewer.subject}`, key: idempotencyKey, input: request },
      async (manager) => {
        if (input.budgetLineId) {
          const line = await manager.findOneBy(BudgetLine, { id: input.budgetLineId });
          if (line?.programmeId !== programme.id || line.side !== BudgetSide.EXPENSE) {
            throw invalidInput('budgetLineId', 'is not an expense line of this programme’s budget');
          }
        }
        const expense = await manager.save(
          manager.create(Expense, { ...request, budgetLineId: input.budgetLineId ?? null, status: ExpenseStatus.PENDING, decidedBy: null }),
        );
        await audit(manager, ctx.viewer, { action: 'recordExpense', entity: expense, unitPath: programme.unitPath, after: expense });
        return expense;
      },
      (manager, id) => manager.findOneByOrFail(Expense, { id }),
    );
  }

  @Mutation(() => Expense, { description: 'An officer over the programme’s unit approves or rejects spending (the commune supervises money)' })
  async decideExpense(@Arg('id', () => ID) id: string, @Arg('approve') approve: boolean, @Ctx() ctx: Context): Promise<Expense> {
    const found = await ctx.db.manager.findOneBy(Expense, { id });
    if (!found) throw notFound('Expense', id);
    const programme = await loadProgramme(ctx, found.programmeId);
    ctx.viewer.insist(ctx.viewer.oversees(programme.unitPath), 'approve spending: officers over the unit do');
    return ctx.db.transaction(async (manager) => {
      // Decided once: the status is checked under the row lock.
      const expense = (await ctx.db.lockForUpdate(manager, Expense, { id }))!;
      if (expense.status !== ExpenseStatus.PENDING) throw conflict(`This expense is already ${expense.status}`);
      const before = { ...expense };
      const after = await manager.save(
        Object.assign(expense, { status: approve ? ExpenseStatus.APPROVED : ExpenseStatus.REJECTED, decidedBy: ctx.viewer.subject }),
      );
      await audit(manager, ctx.viewer, { action: 'decideExpense', entity: expense, unitPath: programme.unitPath, before, after });
      return after;
    });
  }
}
