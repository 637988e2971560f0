import type { Context } from '../../common/context';
import { todayInVietnam } from '../../common/dates';
import { NATION_CODE } from '../../common/auth';
import { monthsOf, parsePeriod, type Period } from '../../common/periods';
import { loadUnit } from '../access';
import { AdministrativeUnit, INDICATORS, UnitLevel, unitScope, type Figures, type Indicator } from '../entities';
import { readsRollUpAt } from '../report-access';
import { IndicatorProgress, UnitRollUp } from '../resolvers/report-types';
import { unitChildren } from '../loaders';
import { rangeKey, targetsOf, teamCountsUnder, unitTotals, type MonthRange, type TeamCounts, type Totals } from '../loaders/reports';
import type { RollUpSummary } from './report-forms';

/** The roll-up of a unit (or the nation, `VN`) over a period, for callers who may read it. */
export async function rollUpOf(ctx: Context, unitCode: string, periodCode: string): Promise<UnitRollUp> {
  const parsed = parsePeriod(periodCode);
  const unit = unitCode === NATION_CODE ? undefined : await loadUnit(ctx, unitCode);
  const path = unit?.path ?? '/';
  const allowed = await readsRollUpAt(ctx, path);
  if (unit) ctx.viewer.insist(allowed, 'actions.readUnitReports', { value: unit.name });
  else ctx.viewer.insist(allowed, 'actions.readCountryReports');
  // A former code's roll-up is its successor's, which includes the former unit's history.
  return Object.assign(new UnitRollUp(), { unitCode: unit?.code ?? NATION_CODE, period: parsed.code, unit, path, parsed });
}

/** The roll-up of a unit the caller may already read a roll-up above (no second access check). */
export function rollUpBelow(parent: UnitRollUp, unit: AdministrativeUnit): UnitRollUp {
  return Object.assign(new UnitRollUp(), { unitCode: unit.code, period: parent.period, unit, path: unit.path, parsed: parent.parsed });
}

/** Each month of a roll-up's period rolled up on its own, in order (the points of a chart over months). */
export function monthlyRollUps(rollUp: UnitRollUp): UnitRollUp[] {
  return monthsOf(rollUp.parsed).map((month) => Object.assign(new UnitRollUp(), { ...rollUp, period: month, parsed: parsePeriod(month) }));
}

/** The months of a period that have ended (reports are due after the month): none for the current month. */
export function dueRange(period: Period, today = todayInVietnam()): MonthRange {
  const current = today.slice(0, 7);
  const [year, month] = current.split('-').map(Number);
  const previous = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  return { firstMonth: period.firstMonth, lastMonth: period.lastMonth < current ? period.lastMonth : previous };
}

/** value / target in per cent, one decimal; null without a target. */
export const percentOf = (value: number, target: number | undefined) =>
  target ? Math.round((value * 1000) / target) / 10 : null;

/** Every indicator's value against its target, in the order of the forms. */
export function progress(figures: Figures, targets: Map<Indicator, number>): IndicatorProgress[] {
  return INDICATORS.map(({ indicator, column, label }) => ({
    indicator,
    label,
    value: figures[column],
    target: targets.get(indicator) ?? null,
    percent: percentOf(figures[column], targets.get(indicator)),
  }));
}

/** Units directly under a roll-up's unit: the provinces for the nation. */
export async function unitsBelow(ctx: Context, rollUp: UnitRollUp): Promise<AdministrativeUnit[]> {
  if (rollUp.unit) return ctx.loaders.get(unitChildren).load(rollUp.unit.code);
  return ctx.db.manager.find(AdministrativeUnit, { where: { level: UnitLevel.PROVINCE }, order: { name: 'ASC' } });
}

export function totalsOf(ctx: Context, rollUp: UnitRollUp): Promise<Totals> {
  return ctx.loaders.get(unitTotals).load(rangeKey(rollUp.unitCode, rollUp.parsed));
}

export function targetsOfRollUp(ctx: Context, rollUp: UnitRollUp): Promise<Map<Indicator, number>> {
  return ctx.loaders.get(targetsOf).load(`${unitScope(rollUp.unitCode)}|${rollUp.period}`);
}

export function teamCountsOf(ctx: Context, rollUp: UnitRollUp): Promise<TeamCounts> {
  return ctx.loaders.get(teamCountsUnder).load(rangeKey(rollUp.unitCode, dueRange(rollUp.parsed)));
}

/**
 * Monthly reports the subtree's active teams owe for the months of the period that have ended and
 * have not sent: the reports owed less those received (teams report no month before they were set
 * up, so every report received was owed, unless its team has since been dissolved or suspended).
 */
export async function missingReportsOf(ctx: Context, rollUp: UnitRollUp): Promise<number> {
  const due = dueRange(rollUp.parsed);
  const [counts, received] = await Promise.all([teamCountsOf(ctx, rollUp), ctx.loaders.get(unitTotals).load(rangeKey(rollUp.unitCode, due))]);
  return Math.max(0, counts.owed - received.reports);
}

/** A roll-up's figures against targets, and its teams and reports, at once (for the exported forms). */
export async function rollUpSummary(ctx: Context, rollUp: UnitRollUp): Promise<RollUpSummary> {
  const [totals, targets, counts, missing] = await Promise.all([
    totalsOf(ctx, rollUp),
    targetsOfRollUp(ctx, rollUp),
    teamCountsOf(ctx, rollUp),
    missingReportsOf(ctx, rollUp),
  ]);
  return { figures: progress(totals.figures, targets), reports: totals.reports, teams: counts.teams, missingReports: missing };
}
