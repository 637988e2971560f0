import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { invalidInput, notFound } from '../../common/errors';
import { checkedKey, RETRY_KEY } from '../../common/idempotency';
import { monthsOf, parseMonth, parsePeriod } from '../../common/periods';
import { insistDistinct } from '../../common/validation';
import { loadUnit } from '../access';
import {
  ActivityReport,
  ActivityReportRevision,
  INDICATORS,
  PeriodLock,
  Target,
  Team,
  UnitLevel,
  indicatorDefinition,
  noFigures,
  teamScope,
  type Figures,
} from '../entities';
import { teamById } from '../loaders';
import { rangeKey, reportsOfTeam, revisionsOfReport, targetsOf, teamTotals } from '../loaders/reports';
import { readsReportsOf } from '../report-access';
import { lockMonths, saveTargets, writeReport } from '../services/reports';
import { progress } from '../services/roll-ups';
import { loadTeam } from './team.resolver';
import {
  ActivityReportCorrectionInput,
  ActivityReportInput,
  IndicatorFigure,
  LockPeriodArgs,
  TargetsInput,
  TeamProgress,
  type IndicatorFigureInput,
} from './report-types';
import { t } from '../../common/messages';

/** Figures from an input's list, every indicator left out at 0; an indicator listed twice is refused. */
function figuresFrom(figures: IndicatorFigureInput[], field = 'figures'): Figures {
  insistDistinct(
    figures.map((figure) => figure.indicator),
    (index) => `${field}.${index}.indicator`,
    () => t('problems.givenTwice'),
  );
  const result = noFigures();
  for (const { indicator, value } of figures) result[indicatorDefinition(indicator).column] = value;
  return result;
}

function figureList(figures: Figures): IndicatorFigure[] {
  return INDICATORS.map(({ indicator, label, column }) => ({ indicator, label, value: figures[column] }));
}

@Resolver(() => ActivityReportRevision)
export class ActivityReportRevisionResolver {
  @FieldResolver(() => [IndicatorFigure], { description: 'The figures as they were in this revision' })
  figures(@Root() revision: ActivityReportRevision): IndicatorFigure[] {
    return figureList(revision.figures);
  }
}

@Resolver(() => ActivityReport)
export class ActivityReportResolver {
  @Query(() => ActivityReport, { description: 'A report, for its team’s leaders, leaders of teams above it and officers over it' })
  activityReport(@Arg('id', () => ID, { description: 'The report’s identifier' }) id: string, @Ctx() ctx: Context): Promise<ActivityReport> {
    return loadReport(ctx, id);
  }

  @FieldResolver(() => Team, { description: 'The team that reported' })
  async team(@Root() report: ActivityReport, @Ctx() ctx: Context): Promise<Team> {
    return loadTeam(ctx, report.teamId);
  }

  @FieldResolver(() => [IndicatorFigure], { description: 'Every indicator, in the order of the paper form' })
  figures(@Root() report: ActivityReport): IndicatorFigure[] {
    return figureList(report.figures);
  }

  @FieldResolver(() => [ActivityReportRevision], { description: 'Every version, the first submission first' })
  revisions(@Root() report: ActivityReport, @Ctx() ctx: Context): Promise<ActivityReportRevision[]> {
    return ctx.loaders.get(revisionsOfReport).load(report.id);
  }

  @Mutation(() => ActivityReport, { description: 'A team reports a month (its leaders, officers over it); once per month, then corrections' })
  async submitActivityReport(@Arg('input', { description: 'The team’s figures for the month' }) input: ActivityReportInput, @Ctx() ctx: Context): Promise<ActivityReport> {
    const month = parseMonth(input.month);
    const figures = figuresFrom(input.figures);
    return writeReport(ctx, { teamId: input.teamId, month, figures, note: input.note ?? null, reason: null, idempotencyKey: input.idempotencyKey });
  }

  @Mutation(() => ActivityReport, { description: 'Corrects a month’s report until the period is locked (CONFLICT after); the old version is kept' })
  async correctActivityReport(@Arg('input', { description: 'The figures as they should be, and why' }) input: ActivityReportCorrectionInput, @Ctx() ctx: Context): Promise<ActivityReport> {
    const month = parseMonth(input.month);
    const figures = figuresFrom(input.figures);
    return writeReport(ctx, { teamId: input.teamId, month, figures, note: input.note ?? null, reason: input.reason, idempotencyKey: input.idempotencyKey });
  }

  @Mutation(() => [PeriodLock], {
    description: 'Makes every month of the period final for the unit’s whole subtree (officers over a commune or above)',
  })
  async lockPeriod(@Args() { unitCode, period, idempotencyKey }: LockPeriodArgs, @Ctx() ctx: Context): Promise<PeriodLock[]> {
    const parsed = parsePeriod(period);
    const unit = await loadUnit(ctx, unitCode);
    if (unit.level === UnitLevel.VILLAGE) throw invalidInput('unitCode', t('problems.lockByCommune'));
    ctx.viewer.insist(ctx.viewer.oversees(unit.path), 'actions.lockUnitReports', { unitName: unit.name });
    return lockMonths(ctx, unit, monthsOf(parsed), idempotencyKey);
  }

  @Mutation(() => [Target], { description: 'Sets targets of a unit’s subtree or of a team for a period (officers over it)' })
  async setTargets(
    @Arg('input', { description: 'The targets and whose they are' }) input: TargetsInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Target[]> {
    const period = parsePeriod(input.period).code;
    if (Boolean(input.unitCode) === Boolean(input.teamId)) throw invalidInput('unitCode', t('problems.unitOrTeam'));
    const team = input.teamId ? await loadTeam(ctx, input.teamId) : undefined;
    const unit = await loadUnit(ctx, team?.unitCode ?? input.unitCode!);
    ctx.viewer.insist(ctx.viewer.oversees(unit.path), 'actions.setTargets', { value: team?.name ?? unit.name });
    figuresFrom(input.targets, 'targets'); // refuses an indicator listed twice
    return saveTargets(ctx, unit, team, period, input.targets, checkedKey(idempotencyKey));
  }
}

/** The reports on a team, as far as the caller may see them. */
@Resolver(() => Team)
export class TeamReportsResolver {
  @FieldResolver(() => [ActivityReport], {
    nullable: true,
    description: 'Its monthly reports in a period (its leaders, leaders of teams above it, officers over it)',
  })
  async activityReports(@Root() team: Team, @Arg('period', { description: 'A month, quarter or year: 2025-07, 2025-Q3, 2025' }) period: string, @Ctx() ctx: Context): Promise<ActivityReport[]> {
    const parsed = parsePeriod(period);
    const unit = await loadUnit(ctx, team.unitCode);
    ctx.viewer.insist(await readsReportsOf(ctx, team, unit.path), 'actions.readTeamReports', { teamName: team.name });
    return ctx.loaders.get(reportsOfTeam).load(rangeKey(team.id, parsed));
  }

  @FieldResolver(() => TeamProgress, { nullable: true, description: 'Its own figures in a period against its own targets' })
  async progress(@Root() team: Team, @Arg('period', { description: 'A month, quarter or year: 2025-07, 2025-Q3, 2025' }) period: string, @Ctx() ctx: Context): Promise<TeamProgress> {
    const parsed = parsePeriod(period);
    const unit = await loadUnit(ctx, team.unitCode);
    ctx.viewer.insist(await readsReportsOf(ctx, team, unit.path), 'actions.readTeamReports', { teamName: team.name });
    const [totals, targets] = await Promise.all([
      ctx.loaders.get(teamTotals).load(rangeKey(team.id, parsed)),
      ctx.loaders.get(targetsOf).load(`${teamScope(team.id)}|${parsed.code}`),
    ]);
    return { period: parsed.code, reportsReceived: totals.reports, figures: progress(totals.figures, targets) };
  }
}

/** A report by id, for readers of its team. */
async function loadReport(ctx: Context, id: string): Promise<ActivityReport> {
  const report = await ctx.db.manager.findOneBy(ActivityReport, { id });
  const team = report && (await ctx.loaders.get(teamById).load(report.teamId));
  if (!report || !team) throw notFound('ActivityReport', id);
  ctx.viewer.insist(await readsReportsOf(ctx, team, report.unitPath), 'actions.readTeamReports', { teamName: team.name });
  return report;
}
