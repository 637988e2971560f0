import { Role } from '../../subgraphs/common/auth';
import { createTestSubgraph, type TestSubgraph } from '../../subgraphs/common/testing/subgraph';
import { StaticUnitDirectory } from '../../subgraphs/common/testing/unit-directory';
import { events } from '../../subgraphs/events';
import { StallApplication } from '../../subgraphs/events/entities';
import { partners } from '../../subgraphs/partners';
import { Attendance, Training } from '../../subgraphs/partners/entities';
import { resources } from '../../subgraphs/resources';
import { Programme, Receipt, ReceiptCounter, Sponsor } from '../../subgraphs/resources/entities';
import { teams } from '../../subgraphs/teams';
import { monthsOf, parsePeriod } from '../../subgraphs/common/periods';
import { dueRange } from '../../subgraphs/teams/services/roll-ups';
import { owedFrom } from '../../subgraphs/teams/services/team-counts';
import {
  ActivityReport,
  ActivityReportRevision,
  AdministrativeUnit,
  INDICATORS,
  Member,
  PeriodLock,
  Person,
  Target,
  Team,
  TeamStatus,
} from '../../subgraphs/teams/entities';
import { generateNational, type GeneratedPart } from './generate';
import { addFirstRevisions, insertRows } from './load';
import { addMonths, REPORTED_MONTHS } from './reports';
import { SUBGRAPH_NAMES, type EntityClass } from './rows';

// The smallest scale: one commune per province (~23 teams each).
const options = { scale: 0.0001, seed: 7, today: '2026-06-15' };

function rowsOf<E extends object>(parts: GeneratedPart[], entity: EntityClass<E>): E[] {
  return parts.flatMap((part) => SUBGRAPH_NAMES.flatMap((name) => (part.rows[name].tables.get(entity) ?? []) as E[]));
}

/** Every row of every table, as text: Maps do not print as JSON. */
function snapshot(parts: GeneratedPart[]): string {
  return JSON.stringify(parts.map((part) => SUBGRAPH_NAMES.map((name) => [...part.rows[name].tables].map(([entity, rows]) => [entity.name, rows]))));
}

describe('the national data generator', () => {
  const parts = [...generateNational(options)];

  it('gives the same rows for the same seed, and other rows for another', () => {
    // The partners and the first provinces are enough: every province draws from its own stream.
    const firstParts = (seed: number) => {
      const generated = generateNational({ ...options, seed });
      return snapshot(Array.from({ length: 4 }, () => generated.next().value as GeneratedPart));
    };
    expect(firstParts(options.seed)).toBe(snapshot(parts.slice(0, 4)));
    expect(firstParts(8)).not.toBe(firstParts(options.seed));
  });

  it('makes the other subgraphs carry the unit paths, teams and members the teams data defines', () => {
    const paths = new Map(rowsOf(parts, AdministrativeUnit).map((unit) => [unit.code, unit.path]));
    const teamPaths = new Map(rowsOf(parts, Team).map((team) => [team.id, paths.get(team.unitCode)]));
    const members = new Map(rowsOf(parts, Member).map((member) => [member.id, member]));
    const people = new Set(rowsOf(parts, Person).map((person) => person.id));
    expect(teamPaths.size).toBeGreaterThan(34 * 15);

    for (const member of members.values()) {
      expect(teamPaths.has(member.teamId)).toBe(true);
      expect(people.has(member.personId)).toBe(true);
    }
    for (const attendance of rowsOf(parts, Attendance)) {
      expect(members.get(attendance.memberId)?.teamId).toBe(attendance.teamId);
      expect(attendance.teamUnitPath).toBe(teamPaths.get(attendance.teamId));
    }
    for (const row of [...rowsOf(parts, Training), ...rowsOf(parts, Sponsor), ...rowsOf(parts, Programme), ...rowsOf(parts, Receipt)]) {
      expect(row.unitPath).toBe(paths.get(row.unitCode));
    }
    for (const programme of rowsOf(parts, Programme).filter((row) => row.teamId)) {
      expect(programme.unitPath).toBe(teamPaths.get(programme.teamId!));
    }
  });

  it('numbers receipts per unit and year without gaps, as the counters say, and books no stall twice', () => {
    const numbers = new Map<string, number[]>();
    for (const receipt of rowsOf(parts, Receipt)) {
      const key = `${receipt.unitCode}:${receipt.year}`;
      numbers.set(key, [...(numbers.get(key) ?? []), receipt.number]);
    }
    for (const counter of rowsOf(parts, ReceiptCounter)) {
      const given = numbers.get(`${counter.unitCode}:${counter.year}`)!.sort((a, b) => a - b);
      expect(given).toEqual(Array.from({ length: counter.lastNumber }, (_, index) => index + 1));
    }
    const stalls = rowsOf(parts, StallApplication).flatMap((application) => (application.stallId ? [application.stallId] : []));
    expect(new Set(stalls).size).toBe(stalls.length);
  });

  describe('loaded into the subgraphs’ databases', () => {
    const units = new StaticUnitDirectory();
    const subgraphs: Record<string, TestSubgraph> = {};
    // The national partners and the first province (Hà Nội).
    const [national, province] = parts;

    beforeAll(async () => {
      for (const definition of [teams, resources, partners, events]) subgraphs[definition.name] = await createTestSubgraph(definition, units);
      for (const name of SUBGRAPH_NAMES) {
        for (const part of [national, province]) await insertRows(subgraphs[name].db, part.rows[name]);
      }
      const tree = new Map<string, ReturnType<StaticUnitDirectory['addUnit']>>();
      for (const unit of rowsOf([province], AdministrativeUnit)) tree.set(unit.code, units.addUnit(unit.code, unit.parentCode ? tree.get(unit.parentCode) : undefined));
    });
    afterAll(() => Promise.all(Object.values(subgraphs).map((subgraph) => subgraph.close())));

    it('serves the teams with their members, and the commune’s public ledger', async () => {
      const commune = rowsOf([province], AdministrativeUnit).find((unit) => unit.level === 'COMMUNE')!;
      const teamsPage = await subgraphs.teams.execute(
        `{ teams(unitCode: "01", level: COMMUNE, first: 5) { totalCount nodes { name memberCount leader { fullName } } } }`,
        { as: { sub: 'admin', roles: [Role.ADMIN] } },
      );
      expect(teamsPage.errors).toBeUndefined();
      expect(teamsPage.data!.teams.totalCount).toBe(1);
      expect(teamsPage.data!.teams.nodes[0]).toMatchObject({ name: `Tổ công nghệ số cộng đồng ${commune.name}`, leader: { fullName: expect.any(String) } });
      expect(teamsPage.data!.teams.nodes[0].memberCount).toBeGreaterThanOrEqual(7);

      const ledger = await subgraphs.resources.execute(`{ disclosure(unitCode: "${commune.code}", from: "2023-01-01", to: "2026-06-15") { totalIncome income { receiptNumber donor } } }`);
      expect(ledger.errors).toBeUndefined();
      expect(ledger.data!.disclosure.income.length).toBeGreaterThan(0);
      expect(Number(ledger.data!.disclosure.totalIncome)).toBeGreaterThan(0);
    });
  });

  it('reports four years of months per team from the month it was set up, a few missing, older months locked', () => {
    const teamsById = new Map(rowsOf(parts, Team).map((team) => [team.id, team]));
    const reports = rowsOf(parts, ActivityReport);
    const lastMonth = addMonths(options.today.slice(0, 7), -1);
    const firstMonth = addMonths(lastMonth, 1 - REPORTED_MONTHS);
    for (const report of reports) {
      expect(report.month >= owedFrom(teamsById.get(report.teamId)!) && report.month >= firstMonth && report.month <= lastMonth).toBe(true);
    }
    const owed = [...teamsById.values()].reduce((sum, team) => sum + monthsOf({ firstMonth: owedFrom(team), lastMonth }).length, 0);
    expect(reports.length / owed).toBeGreaterThan(0.9);
    expect(reports.length / owed).toBeLessThan(1);
    expect(new Set(reports.map((report) => `${report.teamId}|${report.month}`)).size).toBe(reports.length);
    expect(rowsOf(parts, PeriodLock).every((lock) => lock.month <= addMonths(lastMonth, -2))).toBe(true);
    expect(new Set(rowsOf(parts, Target).map((target) => target.period))).toEqual(new Set(['2026', '2026-Q2']));
  });

  describe('its reports loaded into the teams subgraph', () => {
    let subgraph: TestSubgraph;
    const admin = { sub: 'admin', roles: [Role.ADMIN] };
    const unitPaths = new Map(rowsOf(parts, AdministrativeUnit).map((unit) => [unit.code, unit.path]));
    const reports = rowsOf(parts, ActivityReport);
    const activeTeams = rowsOf(parts, Team).filter((team) => team.status === TeamStatus.ACTIVE);

    beforeAll(async () => {
      subgraph = await createTestSubgraph(teams);
      for (const part of parts) {
        await insertRows(subgraph.db, part.rows.teams);
        if (part.unitPath) await addFirstRevisions(subgraph.db, part.unitPath);
      }
    });
    afterAll(() => subgraph.close());

    /** The roll-up recomputed from the generated rows: what the derived tables must give. */
    function recomputed(path: string, periodCode: string) {
      const period = parsePeriod(periodCode);
      const under = (from: string, to: string) => reports.filter((report) => report.unitPath.startsWith(path) && report.month >= from && report.month <= to);
      const inPeriod = under(period.firstMonth, period.lastMonth);
      const due = dueRange(period);
      const teamsUnder = activeTeams.filter((team) => unitPaths.get(team.unitCode)!.startsWith(path));
      const owed = teamsUnder.reduce((sum, team) => sum + monthsOf(due).filter((month) => month >= owedFrom(team)).length, 0);
      return {
        reportsReceived: inPeriod.length,
        teamCount: teamsUnder.length,
        missingReports: Math.max(0, owed - under(due.firstMonth, due.lastMonth).length),
        figures: INDICATORS.map(({ indicator, column }) => ({ indicator, value: inPeriod.reduce((sum, report) => sum + report.figures[column], 0) })),
      };
    }

    it('rolls up the nation, a province and a commune as the generated reports and teams add up', async () => {
      const commune = rowsOf(parts, AdministrativeUnit).find((unit) => unit.level === 'COMMUNE' && unit.parentCode === '48')!;
      for (const [unitCode, path, period] of [
        ['VN', '/', '2025'],
        ['VN', '/', '2026'],
        ['01', '/01/', '2026-Q2'],
        [commune.code, commune.path, '2026-05'],
      ]) {
        const result = await subgraph.execute(
          `{ unitRollUp(unitCode: "${unitCode}", period: "${period}") { reportsReceived teamCount missingReports figures { indicator value } } }`,
          { as: admin },
        );
        expect(result.errors).toBeUndefined();
        expect(result.data!.unitRollUp).toEqual(recomputed(path, period));
      }
    });

    it('ranks the provinces by their own totals, and gives every report its first version', async () => {
      const result = await subgraph.execute(`{ unitRollUp(unitCode: "VN", period: "2026-Q1") { ranking(by: HOUSEHOLD_VISITS) { value rollUp { unitCode } } } }`, { as: admin });
      expect(result.errors).toBeUndefined();
      for (const { value, rollUp } of result.data!.unitRollUp.ranking) {
        const visits = recomputed(unitPaths.get(rollUp.unitCode)!, '2026-Q1').figures.find((figure) => figure.indicator === 'HOUSEHOLD_VISITS')!;
        expect(value).toBe(visits.value);
      }
      expect(await subgraph.db.manager.count(ActivityReportRevision)).toBe(reports.length);
    });
  });
});
