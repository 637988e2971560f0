import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { Database } from '../../common/database';
import { groupedByKey, rowsOf } from '../../common/loaders';
import { monthsOf } from '../../common/periods';
import {
  ActivityPlan,
  ActivityReport,
  ActivityReportRevision,
  FIGURE_COLUMNS,
  PeriodLock,
  PlanTheme,
  ProgrammeActivity,
  Target,
  UnitMonthTotal,
  UnitTeamCount,
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

const sumOf = (column: string) => `SUM(\`${column}\`) AS \`${column}\``;
const FIGURE_SUMS = FIGURE_COLUMNS.map(sumOf).join(', ');

function totalsFrom(row: Record<string, string | number | null> | undefined): Totals {
  const number = (column: string) => Number(row?.[column] ?? 0);
  return {
    reports: number('reports'),
    figures: Object.fromEntries(FIGURE_COLUMNS.map((column) => [column, number(column)])) as unknown as Figures,
  };
}

/**
 * Totals of units' subtrees over a month range, from the per-month totals: at most 12 rows a unit.
 * Single months (a chart's points) share one query grouped by month; each longer range is one query.
 */
export const unitTotals = (db: Database) =>
  new DataLoader<string, Totals>(async (keys) => {
    const found = new Map<string, Totals>();
    const ranges = [...byRange(keys).values()];
    const single = ranges.filter(({ range }) => range.firstMonth === range.lastMonth);
    if (single.length > 1) {
      const rows: Record<string, string>[] = await db.manager
        .createQueryBuilder(UnitMonthTotal, 'total')
        .select('total.unitCode', 'unitCode')
        .addSelect('total.month', 'month')
        .addSelect(sumOf('reports'))
        .addSelect(FIGURE_SUMS)
        .where({ unitCode: In([...new Set(single.flatMap(({ ids }) => ids))]) })
        .andWhere({ month: In(single.map(({ range }) => range.firstMonth)) })
        .groupBy('total.unitCode')
        .addGroupBy('total.month')
        .getRawMany();
      for (const row of rows) found.set(rangeKey(row.unitCode, { firstMonth: row.month, lastMonth: row.month }), totalsFrom(row));
    }
    for (const { range, ids } of single.length > 1 ? ranges.filter((group) => !single.includes(group)) : ranges) {
      const rows: Record<string, string>[] = await db.manager
        .createQueryBuilder(UnitMonthTotal, 'total')
        .select('total.unitCode', 'unitCode')
        .addSelect(sumOf('reports'))
        .addSelect(FIGURE_SUMS)
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
    for (const { range, ids } of byRange(keys).values()) {
      const rows: Record<string, string>[] = await db.manager
        .createQueryBuilder(ActivityReport, 'report')
        .select('report.teamId', 'teamId')
        .addSelect('COUNT(*)', 'reports')
        .addSelect(FIGURE_SUMS)
        .where({ teamId: In(ids) })
        .andWhere('report.month BETWEEN :first AND :last', { first: range.firstMonth, last: range.lastMonth })
        .groupBy('report.teamId')
        .getRawMany();
      for (const row of rows) found.set(rangeKey(row.teamId, range), totalsFrom(row));
    }
    return keys.map((key) => found.get(key) ?? totalsFrom(undefined));
  });

/** Locks set at a unit on the months of a range (not those above it), by month. */
export const locksAt = (db: Database) =>
  new DataLoader<string, PeriodLock[]>(async (keys) => {
    const found = new Map<string, PeriodLock[]>();
    for (const { range, ids } of byRange(keys).values()) {
      const locks = await db.manager
        .createQueryBuilder(PeriodLock, 'periodLock')
        .where({ unitCode: In(ids) })
        .andWhere('periodLock.month BETWEEN :first AND :last', { first: range.firstMonth, last: range.lastMonth })
        .orderBy('periodLock.month', 'ASC')
        .getMany();
      groupedByKey(ids, locks, (lock) => lock.unitCode).forEach((group, index) => found.set(rangeKey(ids[index], range), group));
    }
    return keys.map((key) => found.get(key) ?? []);
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
  /** Monthly reports the active teams owe for the months due: each month from the one they were set up in. */
  owed: number;
}

const firstDayAfter = (month: string) => {
  const [year, value] = month.split('-').map(Number);
  return value === 12 ? `${year + 1}-01-01` : `${year}-${String(value + 1).padStart(2, '0')}-01`;
};

/**
 * SQL on `team`: how many of the months due it owes a report for (the months that end after its
 * establishment decision; all of them without a decision date), and its parameters.
 */
function monthsOwed(due: MonthRange): { owed: string; parameters: Record<string, string> } {
  const months = monthsOf(due);
  const parameters: Record<string, string> = {};
  const owed = months.map((month, index) => {
    parameters[`owedBefore${index}`] = firstDayAfter(month);
    return `CASE WHEN team.decisionDate IS NULL OR team.decisionDate < :owedBefore${index} THEN 1 ELSE 0 END`;
  });
  return { owed: owed.length > 0 ? owed.join(' + ') : '0', parameters };
}

/** An SQL condition on `team`: it has sent fewer reports in the months due than it owes; null when none is due. */
export function missingReports(due: MonthRange): { condition: string; parameters: Record<string, string> } | null {
  if (monthsOf(due).length === 0) return null;
  const { owed, parameters } = monthsOwed(due);
  return {
    condition: `(SELECT COUNT(*) FROM activity_report report WHERE report.teamId = team.id
      AND report.month BETWEEN :dueFirst AND :dueLast) < (${owed})`,
    parameters: { ...parameters, dueFirst: due.firstMonth, dueLast: due.lastMonth },
  };
}

/**
 * Active teams under each unit (`VN`: the nation) and the reports they owe for a range of due
 * months, from unit_team_count: one grouped query per range however many units ask, a handful
 * of rows a unit (one per month its teams were set up in). Keys: `unitCode|first|last`.
 */
export const teamCountsUnder = (db: Database) =>
  new DataLoader<string, TeamCounts>(async (keys) => {
    const found = new Map<string, TeamCounts>();
    for (const { range, ids } of byRange(keys).values()) {
      const months = monthsOf(range);
      // A team owes a due month when it owes reports from that month or before.
      const owed = months.map((_, index) => `SUM(CASE WHEN counted.owedFrom <= :due${index} THEN counted.teams ELSE 0 END)`);
      const rows = await db.manager
        .createQueryBuilder(UnitTeamCount, 'counted')
        .select('counted.unitCode', 'unitCode')
        .addSelect('SUM(counted.teams)', 'teams')
        .addSelect(owed.length > 0 ? owed.join(' + ') : '0', 'owed')
        .where({ unitCode: In(ids) })
        .setParameters(Object.fromEntries(months.map((month, index) => [`due${index}`, month])))
        .groupBy('counted.unitCode')
        .getRawMany<Record<string, string>>();
      for (const row of rows) found.set(rangeKey(row.unitCode, range), { teams: Number(row.teams), owed: Number(row.owed) });
    }
    return keys.map((key) => found.get(key) ?? { teams: 0, owed: 0 });
  });

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

