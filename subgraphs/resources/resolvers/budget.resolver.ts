import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { Money, type Total } from '../../common/money';
import { loadProgramme, managesProgramme } from '../access';
import { BudgetLine, BudgetSide } from '../entities';
import { spendingOfBudgetLine } from '../loaders';

/** An expense line of the estimate against what was spent on it; income lines have no spending (null). */
@Resolver(() => BudgetLine)
export class BudgetLineResolver {
  @FieldResolver(() => Money, { nullable: true, description: 'Expense line: spending approved by an officer' })
  async approvedSpending(@Root() line: BudgetLine, @Ctx() ctx: Context): Promise<Total | null> {
    if (line.side !== BudgetSide.EXPENSE) return null;
    return (await ctx.loaders.get(spendingOfBudgetLine).load(line.id)).approved;
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Expense line: spending recorded, not yet decided (the programme’s managers)' })
  async pendingSpending(@Root() line: BudgetLine, @Ctx() ctx: Context): Promise<Total | null> {
    ctx.viewer.insist(managesProgramme(ctx, await loadProgramme(ctx, line.programmeId)), 'actions.seeSpendingAwaitingApproval');
    if (line.side !== BudgetSide.EXPENSE) return null;
    return (await ctx.loaders.get(spendingOfBudgetLine).load(line.id)).pending;
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Expense line: estimate less approved spending, never below 0' })
  async remaining(@Root() line: BudgetLine, @Ctx() ctx: Context): Promise<Total | null> {
    const approved = await this.approvedSpending(line, ctx);
    if (approved === null) return null;
    const left = BigInt(line.amount) - approved;
    return left > 0n ? left : 0n;
  }

  @FieldResolver(() => Money, { nullable: true, description: 'Expense line: approved spending less the estimate (above 0: over the estimate)' })
  async variance(@Root() line: BudgetLine, @Ctx() ctx: Context): Promise<Total | null> {
    const approved = await this.approvedSpending(line, ctx);
    return approved === null ? null : approved - BigInt(line.amount);
  }

  @FieldResolver(() => Boolean, { description: 'Expense line: approved spending is over the estimate' })
  async overEstimate(@Root() line: BudgetLine, @Ctx() ctx: Context): Promise<boolean> {
    return ((await this.variance(line, ctx)) ?? 0n) > 0n;
  }
}
