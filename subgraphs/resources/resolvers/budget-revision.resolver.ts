import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { audit } from '../../common/audit';
import type { Context } from '../../common/context';
import { once } from '../../common/idempotency';
import { Money, totalOf, type Total } from '../../common/money';
import { loadProgramme, managesProgramme } from '../access';
import { recordBudgetEvent } from '../domain-events';
import { BudgetRevision, BudgetSide, Programme, RevisedBudgetLine } from '../entities';
import { approveEstimate, keepRevision, linesOf, reviseEstimate } from '../services/budget-revisions';
import { ApproveBudgetInput, ReviseBudgetInput } from './inputs';

const totalOfSide = (revision: BudgetRevision, side: BudgetSide): Total => totalOf(linesOf(revision).filter((line) => line.side === side).map((line) => line.amount));

/**
 * A programme's estimate is revised by its managers until an officer over its unit approves it;
 * every version is kept (BudgetRevision). Both writes take the programme's row lock first, so a
 * revision and an approval, or two approvals, are decided one after the other.
 */
@Resolver(() => BudgetRevision)
export class BudgetRevisionResolver {
  @FieldResolver(() => [RevisedBudgetLine], { description: 'The estimate’s lines as this revision left them, income first' })
  lines(@Root() revision: BudgetRevision): RevisedBudgetLine[] {
    return linesOf(revision);
  }

  @FieldResolver(() => Money, { description: 'Total of the income lines in this revision' })
  incomeTotal(@Root() revision: BudgetRevision): Total {
    return totalOfSide(revision, BudgetSide.INCOME);
  }

  @FieldResolver(() => Money, { description: 'Total of the expense lines in this revision' })
  expenseTotal(@Root() revision: BudgetRevision): Total {
    return totalOfSide(revision, BudgetSide.EXPENSE);
  }

  /** Whether the caller made it, so the approval screen can say why they may not approve; who did stays private. */
  @FieldResolver(() => Boolean, { description: 'The caller made this revision (so may not approve the estimate it leaves: someone else must)' })
  revisedByMe(@Root() revision: BudgetRevision, @Ctx() ctx: Context): boolean {
    return revision.revisedBy !== null && revision.revisedBy === ctx.viewer.subject;
  }

  @Mutation(() => BudgetRevision, { description: 'Revises a programme’s budget estimate (its managers), until an officer over its unit approves it; the new version is kept' })
  async reviseBudget(@Arg('input', { description: 'The revised budget lines and why' }) input: ReviseBudgetInput, @Ctx() ctx: Context): Promise<BudgetRevision> {
    const found = await loadProgramme(ctx, input.programmeId);
    ctx.viewer.insist(managesProgramme(ctx, found), 'actions.reviseBudget');
    const { idempotencyKey, ...request } = input;
    return once(
      ctx.db,
      { scope: `reviseBudget:${ctx.viewer.subject}`, key: idempotencyKey, input: request },
      async (manager) => {
        const programme = (await ctx.db.lockForUpdate(manager, Programme, { id: found.id }))!;
        const { before, after } = await reviseEstimate(manager, programme, input.budget);
        const revision = await keepRevision(manager, programme, after, input.reason, ctx.viewer.subject);
        await audit(manager, ctx.viewer, {
          action: 'reviseBudget',
          entity: programme,
          unitPath: programme.unitPath,
          before: { budget: before },
          after: { revision: revision.number, reason: input.reason, budget: after },
        });
        await recordBudgetEvent(manager, 'budget.revised', programme, revision);
        return revision;
      },
      (manager, id) => manager.findOneByOrFail(BudgetRevision, { id }),
    );
  }

  @Mutation(() => Programme, { description: 'An officer over the programme’s unit approves its budget estimate as last revised (never its author); no revision after that' })
  async approveBudget(@Arg('input', { description: 'The budget revision to approve' }) { programmeId, idempotencyKey }: ApproveBudgetInput, @Ctx() ctx: Context): Promise<Programme> {
    const found = await loadProgramme(ctx, programmeId);
    ctx.viewer.insist(ctx.viewer.oversees(found.unitPath), 'actions.approveBudget');
    return once(
      ctx.db,
      { scope: `approveBudget:${ctx.viewer.subject}`, key: idempotencyKey, input: { programmeId } },
      async (manager) => {
        // Under the programme's row lock: of two approvals at once, the second finds it approved.
        const programme = (await ctx.db.lockForUpdate(manager, Programme, { id: found.id }))!;
        const before = { ...programme };
        await approveEstimate(manager, programme, ctx.viewer.subject);
        const revision = await manager.findOne(BudgetRevision, { where: { programmeId: programme.id }, order: { number: 'DESC' } });
        await audit(manager, ctx.viewer, {
          action: 'approveBudget',
          entity: programme,
          unitPath: programme.unitPath,
          before: { budgetApprovedAt: before.budgetApprovedAt },
          after: { budgetApprovedAt: programme.budgetApprovedAt, revision: revision?.number ?? null },
        });
        if (revision) await recordBudgetEvent(manager, 'budget.approved', programme, revision);
        // Read back as stored (MariaDB keeps whole seconds), so a retry's replay answers the same.
        return manager.findOneByOrFail(Programme, { id: programme.id });
      },
      (manager, id) => manager.findOneByOrFail(Programme, { id }),
    );
  }
}
