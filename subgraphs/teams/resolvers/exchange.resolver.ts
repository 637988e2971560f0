import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { RowProblems } from '../../common/batch';
import type { Context } from '../../common/context';
import { invalidInput } from '../../common/errors';
import { parseMonth } from '../../common/periods';
import { ExportedFile, SheetFormat, exportSheets, importSheet } from '../../common/spreadsheets';
import { loadUnit } from '../access';
import { ActivityReport, type Team } from '../entities';
import { teamById } from '../loaders';
import { readsReportsOf } from '../report-access';
import { readReportForm, reportFormSheet, rollUpSheets } from '../services/report-forms';
import { writeReport } from '../services/reports';
import { rollUpOf, rollUpSummary } from '../services/roll-ups';
import { ImportActivityReportArgs } from './report-types';
import { reportsUnder } from './roll-up.resolver';
import { loadTeam } from './team.resolver';
import { t } from '../../common/messages';

/** The most team reports one exported workbook holds; beyond, export a lower unit or a shorter period. */
const EXPORT_LIMIT = 10_000;

/** Officers' spreadsheets: the report form (blank, it is the template), a unit's roll-up; importing a filled-in form. */
@Resolver()
export class ReportExchangeResolver {
  @Query(() => ExportedFile, { description: 'A team’s report of a month as the paper form (blank if not reported: the template to fill in)' })
  async exportActivityReport(
    @Arg('teamId', () => ID, { description: 'The team whose report it is' }) teamId: string,
    @Arg('month', { description: 'The month, e.g. 2025-07' }) month: string,
    @Arg('format', () => SheetFormat, { defaultValue: SheetFormat.XLSX, description: 'The file’s format' }) format: SheetFormat,
    @Ctx() ctx: Context,
  ): Promise<ExportedFile> {
    const parsedMonth = parseMonth(month);
    const team = await loadTeam(ctx, teamId);
    const unit = await loadUnit(ctx, team.unitCode);
    ctx.viewer.insist(await readsReportsOf(ctx, team, unit.path), 'actions.readTeamReports', { teamName: team.name });
    const report = await ctx.db.manager.findOneBy(ActivityReport, { teamId: team.id, month: parsedMonth });
    return exportSheets(format, `bao-cao-${parsedMonth}-${team.id.slice(0, 8)}`, [reportFormSheet(team, unit, parsedMonth, report)]);
  }

  @Query(() => ExportedFile, { description: 'A unit’s roll-up (figures, targets, per cent) and its teams’ reports for a period' })
  async exportUnitRollUp(
    @Arg('unitCode', { description: 'The unit’s code, or VN for the whole country' }) unitCode: string,
    @Arg('period', { description: 'A month, quarter or year: 2025-07, 2025-Q3, 2025' }) period: string,
    @Arg('format', () => SheetFormat, { defaultValue: SheetFormat.XLSX, description: 'The file’s format' }) format: SheetFormat,
    @Ctx() ctx: Context,
  ): Promise<ExportedFile> {
    const rollUp = await rollUpOf(ctx, unitCode, period);
    const [summary, reports] = await Promise.all([rollUpSummary(ctx, rollUp), reportsUnder(ctx, rollUp, EXPORT_LIMIT + 1)]);
    if (reports.length > EXPORT_LIMIT) {
      throw invalidInput('unitCode', t('problems.tooManyReports', { EXPORT_LIMIT, period }));
    }
    const teams = (await ctx.loaders.get(teamById).loadMany([...new Set(reports.map((report) => report.teamId))])) as Team[];
    const teamOf = new Map(teams.map((team) => [team.id, team]));
    const rows = reports.map((report) => ({ report, team: teamOf.get(report.teamId)! }));
    return exportSheets(format, `tong-hop-${unitCode}-${rollUp.period}`, rollUpSheets(rollUp, summary, rows));
  }

  @Mutation(() => ActivityReport, {
    description:
      'Imports a filled-in report form (exportActivityReport’s layout): a first report, or a correction with `reason`. Every bad row is named in extensions.problems and nothing is written',
  })
  async importActivityReport(@Args() { format, content, reason, idempotencyKey }: ImportActivityReportArgs, @Ctx() ctx: Context): Promise<ActivityReport> {
    ctx.viewer.requireSignedIn();
    const form = readReportForm(await importSheet(format, content));
    const problems = new RowProblems();
    await problems.lookup('rows.2.teamId', () => loadTeam(ctx, form.teamId));
    problems.check();
    return writeReport(ctx, {
      teamId: form.teamId,
      month: form.month,
      figures: form.figures,
      note: form.note,
      reason: reason?.trim() || null,
      action: 'importActivityReport',
      firstOrCorrection: true,
      idempotencyKey,
    });
  }
}
