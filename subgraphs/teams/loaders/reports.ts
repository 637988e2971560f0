import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { Database } from '../../common/database';
import { groupedByKey, rowsOf } from '../../common/loaders';
import { sumsUnderPaths } from '../../common/roll-up';
import {
  ActivityPlan,
  ActivityReport,
  ActivityReportRevision,
  FIGURE_COLUMNS,
  PlanTheme,
  ProgrammeActivity,
  Target,
  Team,
  TeamStatus,
  UnitMonthTotal,
  WorkAssignment,
  type Figures,
  type Indicator,
} from '../entities';

/** Per-request loaders of plans, reports, targets and roll-up totals. Keys with a period carry its months. */

/** `first..last`, the months a key covers. */
export interface MonthRange {
  firstMonth: string;
  lastMonth: string;
}

export interface Totals {
  reports: number;
  figures: Figures;
}

export const rangeKey = (id: string, range: MonthRange) => `${id}|${range.firstMonth}|${range.lastMonth}`;

/** Splits `id|first|last` keys by their month range, so each range is one query. */
function byRange(keys: readonly string[]): Map<string, { range: MonthRange; ids: string[] }> {
  const groups = new Map<string, { range: MonthRange; ids: string[] }>();
  for (const key of keys) {
    const [id, firstMonth, lastMonth] = key.split('|');
    const group = groups.get(`${firstMonth}|${lastMonth}`) ?? { range: { firstMonth, lastMonth }, ids: [] };
    group.ids.push(id);
    groups.set(`${firstMonth}|${lastMonth}`, group);
  }
  return groups;
}

const SUMS = ['reports', ...FIGURE_COLUMNS].map((column) => `SUM(\`${column}\`) AS \`${column}\``).join(', ');

function totalsFrom(row: Record<string, string | number | null> | undefined): Totals {
  const number = (column: string) => Number(row?.[column] ?? 0);
  return {
    reports: number('reports'),
    figures: Object.fromEntries(FIGURE_COLUMNS.map((column) => [column, number(column)])) as unknown as Figures,
  };
}

/** Totals of units' subtrees over a month range, from the per-month totals: at most 12 rows a unit. */
export const unitTotals = (db: Database) =>
  new DataLoader<string, Totals>(async (keys) => {
    const found = new Map<string, Totals>();
    for (const { range, ids } of byRange(keys).values()) {
      const rows: Record<string, string>[] = await db.manager
        .createQueryBuilder(UnitMonthTotal, 'total')
        .select('total.unitCode', 'unitCode')
        .addSelect(SUMS)
        .where({ unitCode: In(ids) })
        .andWhere('total.month BETWEEN :first AND :last', { first: range.firstMonth, last: range.lastMonth })
        .groupBy('total.unitCode')
        .getRawMany();
      for (const row of rows) found.set(rangeKey(row.unitCode, range), totalsFrom(row));
    }
    return keys.map((key) => found.get(key) ?? totalsFrom(undefined));
  });

/** Totals of teams' own reports over a month range (each a count of the months they reported). */
export const teamTotals = (db: Database) =>
  new DataLoader<string, Totals>(async (keys) => {
    const found = new Map<string, Totals>();
    const sums = FIGURE_COLUMNS.map((column) => `SUM(\`${column}\`) AS \`${column}\``).join(', ');
    for (const { range, ids } of byRange(keys).values()) {
      const rows: Record<string, string>[] = await db.manager
        .createQueryBuilder(ActivityReport, 'report')
        .select('report.teamId', 'teamId')
        .addSelect('COUNT(*)', 'reports')
        .addSelect(sums)
        .where({ teamId: In(ids) })
        .andWhere('report.month BETWEEN :first AND :last', { first: range.firstMonth, last: range.lastMonth })
        .groupBy('report.teamId')
        .getRawMany();
      for (const row of rows) found.set(rangeKey(row.teamId, range), totalsFrom(row));
    }
    return keys.map((key) => found.get(key) ?? totalsFrom(undefined));
  });

/** A team's reports over a month range, by month. */
export const reportsOfTeam = (db: Database) =>
  new DataLoader<string, ActivityReport[]>(async (keys) => {
    const found = new Map<string, ActivityReport[]>();
    for (const { range, ids } of byRange(keys).values()) {
      const reports = await db.manager
        .createQueryBuilder(ActivityReport, 'report')
        .where({ teamId: In(ids) })
        .andWhere('report.month BETWEEN :first AND :last', { first: range.firstMonth, last: range.lastMonth })
        .orderBy('report.month', 'ASC')
        .getMany();
      groupedByKey(ids, reports, (report) => report.teamId).forEach((group, index) => found.set(rangeKey(ids[index], range), group));
    }
    return keys.map((key) => found.get(key) ?? []);
  });

export interface TeamCounts {
  teams: number;
  /** Active teams missing a report for at least one month that is due. */
  notReported: number;
}

/**
 * Active teams under each unit path, and those that have not reported every due month: one
 * statement per month range for any number of units (keys: `path|first|last`, last = the last due month).
 */
export const teamCountsUnder = (db: Database) =>
  new DataLoader<string, TeamCounts>(async (keys) => {
    const found = new Map<string, TeamCounts>();
    for (const { range, ids: paths } of byRange(keys).values()) {
      const dueMonths = monthsBetween(range);
      const teamsUnder = () =>
        db.manager
          .createQueryBuilder(Team, 'team')
          .innerJoin('team.unit', 'unit')
          .where('team.status = :active', { active: TeamStatus.ACTIVE });
      const teams = await sumsUnderPaths(teamsUnder(), 'unit.path', paths, '1');
      const missing =
        dueMonths === 0
          ? paths.map(() => 0)
          : await sumsUnderPaths(
              teamsUnder().setParameters({ first: range.firstMonth, last: range.lastMonth, due: dueMonths }),
              'unit.path',
              paths,
              `CASE WHEN (SELECT COUNT(*) FROM activity_report report WHERE report.teamId = team.id
                 AND report.month BETWEEN :first AND :last) < :due THEN 1 ELSE 0 END`,
            );
      paths.forEach((path, index) => found.set(rangeKey(path, range), { teams: teams[index], notReported: missing[index] }));
    }
    return keys.map((key) => found.get(key)!);
  });

/** How many months `first..last` spans (0 when last is before first: nothing due yet). */
export function monthsBetween({ firstMonth, lastMonth }: MonthRange): number {
  const index = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5));
  return Math.max(0, index(lastMonth) - index(firstMonth) + 1);
}

/** Targets by `scope|period`, as indicator → value. */
export const targetsOf = (db: Database) =>
  new DataLoader<string, Map<Indicator, number>>(async (keys) => {
    const pairs = keys.map((key) => key.split('|'));
    const targets = await db.manager.findBy(Target, {
      scope: In([...new Set(pairs.map(([scope]) => scope))]),
      period: In([...new Set(pairs.map(([, period]) => period))]),
    });
    return pairs.map(
      ([scope, period]) =>
        new Map(targets.filter((target) => target.scope === scope && target.period === period).map((target) => [target.indicator, target.value])),
    );
  });

export const revisionsOfReport = rowsOf(ActivityReportRevision, 'reportId', { revision: 'ASC' });

/** A team's plan by `teamId|year`. */
export const planOfTeam = (db: Database) =>
  new DataLoader<string, ActivityPlan | undefined>(async (keys) => {
    const pairs = keys.map((key) => key.split('|'));
    const plans = await db.manager.findBy(ActivityPlan, {
      teamId: In([...new Set(pairs.map(([teamId]) => teamId))]),
      year: In([...new Set(pairs.map(([, year]) => Number(year)))]),
    });
    return pairs.map(([teamId, year]) => plans.find((plan) => plan.teamId === teamId && plan.year === Number(year)));
  });

export const themesOfPlan = rowsOf(PlanTheme, 'planId', { quarter: 'ASC' });
export const programmeOfPlan = rowsOf(ProgrammeActivity, 'planId', { position: 'ASC' });
export const assignmentsOfPlan = rowsOf(WorkAssignment, 'planId', { position: 'ASC' });

