import { Arg, Args, Ctx, Field, FieldResolver, Float, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { checkedKey, once, RETRY_KEY } from '../../common/idempotency';
import { audit } from '../../common/audit';
import type { Context } from '../../common/context';
import { invalidInput } from '../../common/errors';
import { Money, totalOf, type Total } from '../../common/money';
import { Connection, PageArgs, paginate } from '../../common/pagination';
import { loadProgramme, managesProgramme } from '../access';
import { BudgetLine, BudgetRevision, BudgetSide, Expense, Pledge, Programme, Receipt, SponsorshipPackage, VolunteerShift } from '../entities';
import {
  budgetLinesOfProgramme,
  expensesOfProgramme,
  fundsOfProgramme,
  packagesOfProgramme,
  pledgesOfProgramme,
  programmeById,
  receiptsOfProgramme,
  revisionsOfProgramme,
  shiftsOfProgramme,
} from '../loaders';
import { checkBudgetFits, writeFirstEstimate } from '../services/budget-revisions';
import { FundsSummary } from '../services/funds';
import { CreateProgrammeInput, SponsorshipPackageInput } from './inputs';
import { AdministrativeUnit, Event, Team } from './references';
import { COUNTED_STATUSES } from '../services/volunteering';
import { t } from '../../common/messages';

@ObjectType({ description: 'A page of programmes' })
export class ProgrammeConnection extends Connection(Programme) {}

@ObjectType({ description: 'The budget estimate (income and expense lines with their totals) against what was received and spent' })
class Budget {
  @Field(() => [BudgetLine], { description: 'The lines of the budget estimate' })
  lines: BudgetLine[];

  @Field(() => Money, { description: 'The estimated income: the sum of the income lines' })
  get incomeTotal(): Total {
    return this.total(BudgetSide.INCOME);
  }

  @Field(() => Money, { description: 'The estimated expense: the sum of the expense lines' })
  get expenseTotal(): Total {
    return this.total(BudgetSide.EXPENSE);
  }

  @Field(() => Money, { description: 'Income less expense' })
  get difference(): Total {
    return this.incomeTotal - this.expenseTotal;
  }

  /** The programme's money so far, to set against the estimate. */
  funds: FundsSummary;

  @Field(() => Money, { description: 'Income received so far (cash and in kind), against incomeTotal' })
  get incomeReceived(): Total {
    return this.funds.received;
  }

  @Field(() => Money, { description: 'Approved spending so far, against expenseTotal' })
  get expenseSpent(): Total {
    return this.funds.spent;
  }

  @Field({ description: 'Approved spending is over the expense estimate' })
  get overEstimate(): boolean {
    return this.expenseSpent > this.expenseTotal;
  }

  private total(side: BudgetSide): Total {
    return totalOf(this.lines.filter((line) => line.side === side).map((line) => line.amount));
  }
}

/** Programmes, their budgets and packages are public (transparency); pledges, receipts and spending details are for its managers. */
@Resolver(() => Programme)
export class ProgrammeResolver {
  @Query(() => Programme, { nullable: true, description: 'A programme, by its identifier' })
  programme(@Arg('id', () => ID, { description: 'The programme’s identifier' }) id: string, @Ctx() ctx: Context): Promise<Programme | undefined> {
    return ctx.loaders.get(programmeById).load(id);
  }

  @Query(() => ProgrammeConnection, { description: 'Programmes anywhere under a unit, by name' })
  async programmes(@Arg('unitCode', { description: 'The unit whose programmes to list' }) unitCode: string, @Args() page: PageArgs, @Ctx() ctx: Context): Promise<ProgrammeConnection> {
    const { unitPath } = await ctx.units.unit(unitCode);
    const query = ctx.db.manager.createQueryBuilder(Programme, 'programme').where('programme.unitPath LIKE :prefix', { prefix: `${unitPath}%` });
    return new ProgrammeConnection(await paginate(query, { column: 'programme.name', valueOf: (programme) => programme.name }, page));
  }

  @FieldResolver(() => AdministrativeUnit, { description: 'The unit that runs the programme' })
  unit(@Root() programme: Programme): AdministrativeUnit {
    return { code: programme.unitCode };
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The owning team, if a team runs it' })
  team(@Root() programme: Programme): Team | null {
    return programme.teamId ? { id: programme.teamId } : null;
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The event (e.g. a fair) it pays for' })
  event(@Root() programme: Programme): Event | null {
    return programme.eventId ? { id: programme.eventId } : null;
  }

  @FieldResolver(() => Budget, { description: 'The programme’s budget estimate against what was received and spent' })
  async budget(@Root() programme: Programme, @Ctx() ctx: Context): Promise<Budget> {
    const [lines, funds] = await Promise.all([ctx.loaders.get(budgetLinesOfProgramme).load(programme.id), this.funds(programme, ctx)]);
    return Object.assign(new Budget(), { lines, funds });
  }

  @FieldResolver(() => [BudgetRevision], { description: 'Every version of the budget estimate, from the first (number 1) to the current one' })
  budgetRevisions(@Root() programme: Programme, @Ctx() ctx: Context): Promise<BudgetRevision[]> {
    return ctx.loaders.get(revisionsOfProgramme).load(programme.id);
  }

  @FieldResolver(() => [SponsorshipPackage], { description: 'Cooperation packages offered to sponsors' })
  packages(@Root() programme: Programme, @Ctx() ctx: Context): Promise<SponsorshipPackage[]> {
    return ctx.loaders.get(packagesOfProgramme).load(programme.id);
  }

  @FieldResolver(() => FundsSummary, { description: 'What was pledged, received and spent for the programme' })
  funds(@Root() programme: Programme, @Ctx() ctx: Context): Promise<FundsSummary> {
    return ctx.loaders.get(fundsOfProgramme).load(programme.id);
  }

  @FieldResolver(() => Float, { description: 'Volunteer hours given to it: approved (or corrected) hours only' })
  async volunteerHours(@Root() programme: Programme, @Ctx() ctx: Context): Promise<number> {
    const shifts = await ctx.loaders.get(shiftsOfProgramme).load(programme.id);
    return shifts.filter((shift) => COUNTED_STATUSES.includes(shift.status)).reduce((sum, shift) => sum + shift.hours, 0);
  }

  @FieldResolver(() => [Pledge], { description: 'The pledges to the programme' })
  async pledges(@Root() programme: Programme, @Ctx() ctx: Context): Promise<Pledge[]> {
    ctx.viewer.insist(managesProgramme(ctx, programme), 'actions.seeProgrammePledges');
    return ctx.loaders.get(pledgesOfProgramme).load(programme.id);
  }

  @FieldResolver(() => [Receipt], { description: 'The donations received for the programme' })
  async receipts(@Root() programme: Programme, @Ctx() ctx: Context): Promise<Receipt[]> {
    ctx.viewer.insist(managesProgramme(ctx, programme), 'actions.seeProgrammeReceipts');
    return ctx.loaders.get(receiptsOfProgramme).load(programme.id);
  }

  @FieldResolver(() => [Expense], { description: 'The money spent for the programme' })
  async expenses(@Root() programme: Programme, @Ctx() ctx: Context): Promise<Expense[]> {
    ctx.viewer.insist(managesProgramme(ctx, programme), 'actions.seeProgrammeSpending');
    return ctx.loaders.get(expensesOfProgramme).load(programme.id);
  }

  @FieldResolver(() => [VolunteerShift], { description: 'The hours volunteers gave to the programme' })
  async volunteerShifts(@Root() programme: Programme, @Ctx() ctx: Context): Promise<VolunteerShift[]> {
    ctx.viewer.insist(managesProgramme(ctx, programme), 'actions.seeProgrammeVolunteers');
    return ctx.loaders.get(shiftsOfProgramme).load(programme.id);
  }

  @Mutation(() => Programme, { description: 'A programme of a unit (officers) or a team (its leaders), with its budget estimate' })
  async createProgramme(@Arg('input', { description: 'The programme to mobilise resources for' }) input: CreateProgrammeInput, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<Programme> {
    if (Boolean(input.unitCode) === Boolean(input.teamId)) throw invalidInput('unitCode', t('problems.unitOrTeam'));
    const place = input.teamId ? await ctx.units.team(input.teamId) : await ctx.units.unit(input.unitCode!);
    const { budget, ...fields } = input;
    checkBudgetFits(budget);
    const draft = Object.assign(new Programme(), { ...fields, ...place, teamId: input.teamId ?? null, eventId: input.eventId ?? null, description: input.description ?? null });
    ctx.viewer.insist(managesProgramme(ctx, draft), 'actions.runProgrammes');
    return once(
      ctx.db,
      { scope: `createProgramme:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input },
      async (manager) => {
        const programme = await manager.save(draft);
        await writeFirstEstimate(manager, programme, budget, ctx.viewer.subject);
        await audit(manager, ctx.viewer, { action: 'createProgramme', entity: programme, unitPath: programme.unitPath, after: { ...programme, budget } });
        return programme;
      },
      (manager, id) => manager.findOneByOrFail(Programme, { id }),
    );
  }

  @Mutation(() => SponsorshipPackage, { description: 'Adds a cooperation package to the programme’s sponsorship dossier' })
  async createSponsorshipPackage(
    @Arg('programmeId', () => ID, { description: 'The programme whose sponsorship dossier offers it' }) programmeId: string,
    @Arg('input', { description: 'The cooperation package: what the sponsor gives and gets' }) input: SponsorshipPackageInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<SponsorshipPackage> {
    const programme = await loadProgramme(ctx, programmeId);
    ctx.viewer.insist(managesProgramme(ctx, programme), 'actions.changeProgramme');
    return once(
      ctx.db,
      { scope: `createSponsorshipPackage:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { programmeId, ...input } },
      async (manager) => {
        const offered = await manager.save(
          manager.create(SponsorshipPackage, { ...input, mediaExposure: input.mediaExposure ?? null, value: input.value ?? null, programmeId }),
        );
        await audit(manager, ctx.viewer, { action: 'createSponsorshipPackage', entity: offered, unitPath: programme.unitPath, after: offered });
        return offered;
      },
      (manager, id) => manager.findOneByOrFail(SponsorshipPackage, { id }),
    );
  }
}
