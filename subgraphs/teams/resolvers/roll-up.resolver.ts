import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { NATION_CODE } from '../../common/auth';
import { ActivityReport, AdministrativeUnit, Indicator, PeriodLock, Team, TeamStatus, indicatorDefinition } from '../entities';
import { locksAt, missingReports, rangeKey } from '../loaders/reports';
import {
  dueRange,
  missingReportsOf,
  monthlyRollUps,
  percentOf,
  progress,
  rollUpBelow,
  rollUpOf,
  targetsOfRollUp,
  teamCountsOf,
  totalsOf,
  unitsBelow,
} from '../services/roll-ups';
import { IndicatorProgress, SubUnitRanking, UnitRollUp } from './report-types';

/** A unit's reports rolled up: totals, progress, who has not reported, sub-units ranked. */
@Resolver(() => UnitRollUp)
export class UnitRollUpResolver {
  @Query(() => UnitRollUp, {
    description: 'Totals of every indicator over a unit’s whole subtree (VN: the country, admins) for a month, quarter or year',
  })
  unitRollUp(@Arg('unitCode', { description: 'The unit’s code, or VN for the whole country' }) unitCode: string, @Arg('period', { description: 'A month, quarter or year: 2025-07, 2025-Q3, 2025' }) period: string, @Ctx() ctx: Context): Promise<UnitRollUp> {
    return rollUpOf(ctx, unitCode, period);
  }

  @FieldResolver(() => AdministrativeUnit, { nullable: true, description: 'Null for the whole country' })
  unit(@Root() rollUp: UnitRollUp): AdministrativeUnit | undefined {
    return rollUp.unit;
  }

  @FieldResolver(() => [IndicatorProgress], { description: 'Every indicator, in the order of the paper form' })
  async figures(@Root() rollUp: UnitRollUp, @Ctx() ctx: Context): Promise<IndicatorProgress[]> {
    const [totals, targets] = await Promise.all([totalsOf(ctx, rollUp), targetsOfRollUp(ctx, rollUp)]);
    return progress(totals.figures, targets);
  }

  @FieldResolver(() => Int, { description: 'Monthly reports received from teams in the subtree' })
  async reportsReceived(@Root() rollUp: UnitRollUp, @Ctx() ctx: Context): Promise<number> {
    return (await totalsOf(ctx, rollUp)).reports;
  }

  @FieldResolver(() => Int, { description: 'Active teams in the subtree' })
  async teamCount(@Root() rollUp: UnitRollUp, @Ctx() ctx: Context): Promise<number> {
    return (await teamCountsOf(ctx, rollUp)).teams;
  }

  @FieldResolver(() => Int, {
    description:
      'Monthly reports the active teams owe and have not sent: each month of the period that has ended, from the month a team was set up (for a month: the teams that have not reported)',
  })
  missingReports(@Root() rollUp: UnitRollUp, @Ctx() ctx: Context): Promise<number> {
    return missingReportsOf(ctx, rollUp);
  }

  @FieldResolver(() => [Team], {
    description: 'Teams missing a report they owe, by unit and name (at most `first`, up to 200; one lookup per team of the subtree: for a commune or a province)',
  })
  async teamsNotReported(
    @Root() rollUp: UnitRollUp,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many teams to return, up to 200' }) first: number,
    @Ctx() ctx: Context,
  ): Promise<Team[]> {
    const missing = missingReports(dueRange(rollUp.parsed));
    if (!missing) return [];
    return ctx.db.manager
      .createQueryBuilder(Team, 'team')
      .innerJoin('team.unit', 'unit')
      .where('unit.path LIKE :prefix', { prefix: `${rollUp.path}%` })
      .andWhere('team.status = :active', { active: TeamStatus.ACTIVE })
      .andWhere(missing.condition, missing.parameters)
      .orderBy('unit.path', 'ASC')
      .addOrderBy('team.name', 'ASC')
      .limit(Math.min(Math.max(first, 1), 200))
      .getMany();
  }

  @FieldResolver(() => [SubUnitRanking], { description: 'The units directly under this one, highest value of an indicator first' })
  async ranking(
    @Root() rollUp: UnitRollUp,
    @Arg('by', () => Indicator, { description: 'The indicator to rank on' }) by: Indicator,
    @Ctx() ctx: Context,
  ): Promise<SubUnitRanking[]> {
    const { column } = indicatorDefinition(by);
    const below = (await unitsBelow(ctx, rollUp)).map((unit) => rollUpBelow(rollUp, unit));
    const [totals, targets] = await Promise.all([
      Promise.all(below.map((child) => totalsOf(ctx, child))),
      Promise.all(below.map((child) => targetsOfRollUp(ctx, child))),
    ]);
    const entries = below.map((child, index) => {
      const value = totals[index].figures[column];
      const target = targets[index].get(by) ?? null;
      return { rollUp: child, value, target, percent: percentOf(value, target ?? undefined), rank: 0 };
    });
    entries.sort((a, b) => b.value - a.value || a.rollUp.unit!.name.localeCompare(b.rollUp.unit!.name, 'vi'));
    entries.forEach((entry, index) => (entry.rank = index > 0 && entries[index - 1].value === entry.value ? entries[index - 1].rank : index + 1));
    return entries;
  }

  @FieldResolver(() => [UnitRollUp], { description: 'Each month of the period rolled up on its own, in order (the points of a chart over months)' })
  months(@Root() rollUp: UnitRollUp): UnitRollUp[] {
    return monthlyRollUps(rollUp);
  }

  @FieldResolver(() => [ActivityReport], { description: 'The teams’ reports in the subtree, by month and unit (at most `first`, up to 500)' })
  reports(
    @Root() rollUp: UnitRollUp,
    @Arg('first', () => Int, { defaultValue: 100, description: 'How many reports to return, up to 500' }) first: number,
    @Ctx() ctx: Context,
  ): Promise<ActivityReport[]> {
    return reportsUnder(ctx, rollUp, Math.min(Math.max(first, 1), 500));
  }

  @FieldResolver(() => [PeriodLock], { description: 'Locks on the period’s months at this unit or above' })
  async locks(@Root() rollUp: UnitRollUp, @Ctx() ctx: Context): Promise<PeriodLock[]> {
    const codes = rollUp.unit ? [...rollUp.unit.ancestorCodes, rollUp.unit.code] : [NATION_CODE];
    // Batched: the sub-units of a ranking share their ancestors' locks and one query.
    const locks = await Promise.all(codes.map((code) => ctx.loaders.get(locksAt).load(rangeKey(code, rollUp.parsed))));
    return locks.flat().sort((a, b) => a.month.localeCompare(b.month));
  }
}

/** Reports in a roll-up's subtree and period, by month and unit path: one indexed range scan. */
export function reportsUnder(ctx: Context, rollUp: UnitRollUp, limit: number): Promise<ActivityReport[]> {
  return ctx.db.manager
    .createQueryBuilder(ActivityReport, 'report')
    .where('report.unitPath LIKE :prefix', { prefix: `${rollUp.path}%` })
    .andWhere('report.month BETWEEN :first AND :last', { first: rollUp.parsed.firstMonth, last: rollUp.parsed.lastMonth })
    .orderBy('report.month', 'ASC')
    .addOrderBy('report.unitPath', 'ASC')
    .limit(limit)
    .getMany();
}
