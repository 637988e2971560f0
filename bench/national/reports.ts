import { NATION_CODE } from '../../subgraphs/common/auth';
import { monthsOf } from '../../subgraphs/common/periods';
import { owedFrom } from '../../subgraphs/teams/services/team-counts';
import {
  ActivityReport,
  FIGURE_COLUMNS,
  INDICATORS,
  PeriodLock,
  Target,
  UnitMonthTotal,
  UnitTeamCount,
  noFigures,
  unitScope,
  type FigureColumn,
  type Figures,
} from '../../subgraphs/teams/entities';
import { Random } from '../random';
import type { GenerationContext, PlacedTeam, PlacedUnit, ProvincePlan, TableRows } from './rows';

/** Months of reports generated, back from the month before `today` (the last one reportable in full). */
export const REPORTED_MONTHS = 48;

/** A village team's usual month, per indicator (a commune team does about twice as much). */
const MONTHLY_RATES: Record<FigureColumn, number> = {
  guidedOnlinePublicServices: 18,
  guidedOnlineShopping: 6,
  guidedOnlinePayment: 12,
  guidedOnlineSafety: 8,
  guidedOtherPlatforms: 4,
  proficientHouseholds: 3,
  vneidActivations: 10,
  onlineDossiers: 9,
  accountsOpened: 7,
  shopsOnboarded: 1,
  peopleTrained: 10,
  householdVisits: 40,
  meetingsHeld: 2,
};
const COMMUNE_TEAM_FACTOR = 2;

/** A commune team's usual month, as the web app's report form sends it (the benchmark's op 7). */
export const COMMUNE_TEAM_MONTH = INDICATORS.map(({ indicator, column }) => ({ indicator, value: MONTHLY_RATES[column] * COMMUNE_TEAM_FACTOR }));

/** `YYYY-MM` `count` months after (or before, when negative) `month`. */
export function addMonths(month: string, count: number): string {
  const [year, value] = month.split('-').map(Number);
  const index = year * 12 + value - 1 + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The quarter a `YYYY-MM-DD` date is in, e.g. `2026-Q4`. */
export const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;

/** The units a team's reports and its count are totalled at: the nation and every unit of its path (as `totalledAt`). */
const totalledAt = (unit: PlacedUnit) => [NATION_CODE, ...unit.path.split('/').filter(Boolean)];

/**
 * What the teams subgraph derives from reports and teams, in its own transactions (unit_month_total,
 * unit_team_count), summed here as the rows are generated: the generator inserts rows directly.
 */
export class DerivedTotals {
  private readonly months = new Map<string, { unitCode: string; month: string; reports: number; figures: Figures }>();
  private readonly teams = new Map<string, { unitCode: string; owedFrom: string; teams: number }>();

  addReport(unitCode: string, month: string, figures: Figures): void {
    const key = `${unitCode}|${month}`;
    const total = this.months.get(key) ?? this.months.set(key, { unitCode, month, reports: 0, figures: noFigures() }).get(key)!;
    total.reports += 1;
    for (const column of FIGURE_COLUMNS) total.figures[column] += figures[column];
  }

  addTeam(unitCode: string, owed: string): void {
    const key = `${unitCode}|${owed}`;
    const count = this.teams.get(key) ?? this.teams.set(key, { unitCode, owedFrom: owed, teams: 0 }).get(key)!;
    count.teams += 1;
  }

  /** Adds the rows in primary-key order (they load faster so). */
  addRowsTo(rows: TableRows): void {
    for (const key of [...this.months.keys()].sort()) rows.add(UnitMonthTotal, this.months.get(key)!);
    for (const key of [...this.teams.keys()].sort()) rows.add(UnitTeamCount, this.teams.get(key)!);
  }
}

/**
 * Report ids in the order they are generated (the province's code, then a serial; UUID-shaped,
 * version 7-like), so the clustered index of 3 million reports grows at its end instead of taking
 * random pages: with MariaDB's default 128 MB buffer pool, random ids make loading disk-bound.
 */
class OrderedIds {
  private serial = 0;

  constructor(
    private readonly random: Random,
    private readonly provinceCode: string,
  ) {}

  next(): string {
    const serial = (this.serial += 1).toString(16).padStart(10, '0');
    const tail = Array.from({ length: 12 }, () => Math.floor(this.random.next() * 16).toString(16)).join('');
    return `${this.provinceCode.padStart(8, '0')}-${serial.slice(0, 4)}-7${serial.slice(4, 7)}-8${serial.slice(7)}-${tail}`;
  }
}

/** The id of a report's first revision: its report's, with version 8 (so revisions also load in order). */
export const FIRST_REVISION_VERSION = '8';

/** A month's figures: the team's usual rate, how active it is, and the month's ups and downs. */
function monthFigures(random: Random, activity: number): Figures {
  const figures = noFigures();
  for (const column of FIGURE_COLUMNS) figures[column] = Math.round(MONTHLY_RATES[column] * activity * (0.5 + random.next()));
  return figures;
}

/** Adds a team's monthly reports (rows, and totals at the province's units and, in `nation`, at `VN`). */
function addReports(random: Random, ids: OrderedIds, rows: TableRows, team: PlacedTeam, months: string[], province: DerivedTotals, nation: DerivedTotals): void {
  const activity = (team.unit.path.split('/').length === 4 ? COMMUNE_TEAM_FACTOR : 1) * (0.6 + random.next());
  // Most teams report every month; a few are patchy; the last month is still coming in; a suspended team stopped.
  const skips = random.chance(0.08) ? 0.15 : 0.005;
  const stoppedAfter = team.active ? undefined : months[months.length - 1 - random.int(1, 6)];
  const codes = totalledAt(team.unit);
  for (const [index, month] of months.entries()) {
    if (month < owedFrom(team) || (stoppedAfter && month > stoppedAfter)) continue;
    const last = index === months.length - 1;
    if (random.chance(last ? 0.2 : skips)) continue;
    const figures = monthFigures(random, activity);
    const reportedAt = new Date(`${addMonths(month, 1)}-0${random.int(1, 9)}T10:00:00Z`);
    rows.add(ActivityReport, {
      id: ids.next(),
      teamId: team.id,
      unitPath: team.unit.path,
      month,
      figures,
      note: null,
      revision: 1,
      reportedBy: `leader-${team.id.slice(0, 8)}`,
      createdAt: reportedAt,
      updatedAt: reportedAt,
    });
    for (const code of codes.slice(1)) province.addReport(code, month, figures);
    nation.addReport(codes[0], month, figures);
  }
  if (team.active) {
    for (const code of codes.slice(1)) province.addTeam(code, owedFrom(team));
    nation.addTeam(codes[0], owedFrom(team));
  }
}

/** A unit's target for a period: its teams' usual figures, a little higher. */
function addTargets(random: Random, rows: TableRows, unit: PlacedUnit, teams: number, periods: { code: string; months: number }[], today: string): void {
  for (const period of periods) {
    for (const { indicator, column } of INDICATORS) {
      rows.add(Target, {
        id: random.uuid(),
        scope: unitScope(unit.code),
        unitCode: unit.code,
        teamId: null,
        period: period.code,
        indicator,
        value: Math.max(1, Math.round(MONTHLY_RATES[column] * 1.2 * teams * period.months * (1 + random.next() * 0.3))),
        setBy: `officer-${unit.code}`,
        updatedAt: new Date(`${today.slice(0, 4)}-01-05T08:00:00Z`),
      });
    }
  }
}

/**
 * The province's activity reports: every team's month from the one it was set up in, over the
 * last four years (a few missing), the older months locked by each commune, targets for the
 * provinces and communes for this year and quarter, and the derived totals. From a stream of its
 * own, so the rest of the province's data is the same with or without them.
 */
export function generateReports(context: GenerationContext, plan: ProvincePlan, nation: DerivedTotals): void {
  const { today, rows } = context;
  const random = new Random(context.seed, context.province.code, 'reports');
  const lastMonth = addMonths(today.slice(0, 7), -1);
  const months = monthsOf({ firstMonth: addMonths(lastMonth, 1 - REPORTED_MONTHS), lastMonth });
  const ids = new OrderedIds(random, context.province.code);
  const totals = new DerivedTotals();
  const year = today.slice(0, 4);
  const periods = [
    { code: year, months: 12 },
    { code: quarterOf(today), months: 3 },
  ];
  for (const commune of plan.communes) {
    for (const team of commune.teams) addReports(random, ids, rows.teams, team, months, totals, nation);
    // Communes lock a month once its reports are in: most two months later, some lag behind.
    const lockedUntil = addMonths(lastMonth, -random.int(2, 5));
    for (const month of months.filter((candidate) => candidate >= owedFrom(commune.teams[0]) && candidate <= lockedUntil)) {
      rows.teams.add(PeriodLock, {
        id: random.uuid(),
        unitCode: commune.unit.code,
        month,
        lockedBy: `officer-${commune.unit.code}`,
        lockedAt: new Date(`${addMonths(month, 2)}-10T09:00:00Z`),
      });
    }
    addTargets(random, rows.teams, commune.unit, commune.teams.length, periods, today);
  }
  addTargets(random, rows.teams, plan.unit, plan.communes.reduce((sum, commune) => sum + commune.teams.length, 0), periods, today);
  totals.addRowsTo(rows.teams);
}
