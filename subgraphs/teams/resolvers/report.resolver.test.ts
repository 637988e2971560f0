import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../../common/audit';
import { Role } from '../../common/auth';
import { eventsInOutbox } from '../../common/testing/events';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { teams } from '..';
import { ActivityReport, ActivityReportRevision, AdministrativeUnit, FIGURE_COLUMNS, Indicator, Target, UnitMonthTotal, type Team } from '../entities';
import { fakeReport, fakeTeam, fakeThreeTierTree, fakeTwoTierTree, fakeUnit } from '../testing/factories';

let subgraph: TestSubgraph;
let two: Awaited<ReturnType<typeof fakeTwoTierTree>>;
let three: Awaited<ReturnType<typeof fakeThreeTierTree>>;
let communeTeam: Team;
let villageTeam: Team;
let otherVillageTeam: Team;
let otherCommuneTeam: Team;

const admin = { sub: 'admin', roles: [Role.ADMIN] };
const officerOver = (...units: AdministrativeUnit[]) => ({ sub: `officer-${units[0].code}`, roles: [Role.OFFICER], units: units.map((unit) => unit.code) });
const leaderOf = (team: Pick<Team, 'id'>) => ({ sub: `leader-${team.id}`, roles: [Role.TEAM_LEADER], team: team.id });

beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
  two = await fakeTwoTierTree(subgraph.db);
  three = await fakeThreeTierTree(subgraph.db);
  communeTeam = (await fakeTeam(subgraph.db, two.commune, { name: 'Tổ xã Một' })).team;
  villageTeam = (await fakeTeam(subgraph.db, two.village, { name: 'Tổ thôn Một' })).team;
  otherVillageTeam = (await fakeTeam(subgraph.db, two.otherVillage, { name: 'Tổ thôn Hai' })).team;
  otherCommuneTeam = (await fakeTeam(subgraph.db, two.otherCommune, { name: 'Tổ xã Hai' })).team;
});
afterAll(() => subgraph.close());

const SUBMIT = /* GraphQL */ `
  mutation ($input: ActivityReportInput!) {
    submitActivityReport(input: $input) { id month revision figures { indicator value } }
  }
`;
const CORRECT = /* GraphQL */ `
  mutation ($input: ActivityReportCorrectionInput!) {
    correctActivityReport(input: $input) { id revision note revisions { revision reason changedBy figures { indicator value } } }
  }
`;
const ROLL_UP = /* GraphQL */ `
  query ($unitCode: String!, $period: String!, $by: Indicator!) {
    unitRollUp(unitCode: $unitCode, period: $period) {
      unitCode period reportsReceived teamCount missingReports
      teamsNotReported { name }
      figures { indicator value target percent }
      ranking(by: $by) { rank value target percent rollUp { unitCode unit { name } reportsReceived missingReports } }
    }
  }
`;

const submit = (team: Pick<Team, 'id'>, month: string, figures: Record<string, number>, as: object = leaderOf(team)) =>
  subgraph.execute(SUBMIT, {
    as: as as never,
    variables: { input: { teamId: team.id, month, figures: Object.entries(figures).map(([indicator, value]) => ({ indicator, value })) } },
  });

type Figure = { indicator: string; value: number; target?: number | null; percent?: number | null };
const figure = (figures: Figure[], indicator: string) => figures.find((candidate) => candidate.indicator === indicator);

/** What every unit's monthly totals should be, summed from the reports themselves. */
async function recomputedTotals(): Promise<Record<string, Record<string, number>>> {
  const { manager } = subgraph.db;
  const reports = await manager.find(ActivityReport);
  const units = await manager.find(AdministrativeUnit);
  const expected: Record<string, Record<string, number>> = {};
  for (const report of reports) {
    // The nation (VN, path `/`) is a unit above every report's.
    const codes = units.filter((unit) => report.unitPath.startsWith(unit.path)).map((unit) => unit.code);
    for (const code of codes) {
      const row = (expected[`${code}|${report.month}`] ??= Object.fromEntries(['reports', ...FIGURE_COLUMNS].map((column) => [column, 0])));
      row.reports += 1;
      for (const column of FIGURE_COLUMNS) row[column] += report.figures[column];
    }
  }
  return expected;
}

async function storedTotals(): Promise<Record<string, Record<string, number>>> {
  const rows = await subgraph.db.manager.find(UnitMonthTotal);
  return Object.fromEntries(
    rows
      .filter((row) => row.reports > 0)
      .map((row) => [`${row.unitCode}|${row.month}`, { reports: row.reports, ...Object.fromEntries(FIGURE_COLUMNS.map((column) => [column, row.figures[column]])) }]),
  );
}

describe('submitting and rolling up reports over the two-tier tree', () => {
  beforeAll(async () => {
    for (const [team, month, payment, visits] of [
      [villageTeam, '2025-07', 40, 30],
      [villageTeam, '2025-08', 35, 25],
      [villageTeam, '2025-09', 20, 10],
      [otherVillageTeam, '2025-07', 12, 8],
      [communeTeam, '2025-07', 5, 0],
      [communeTeam, '2025-08', 5, 0],
      [communeTeam, '2025-09', 5, 0],
      [otherCommuneTeam, '2025-07', 100, 100],
    ] as const) {
      const result = await submit(team, month, { GUIDED_ONLINE_PAYMENT: payment, HOUSEHOLD_VISITS: visits });
      expect(result.errors).toBeUndefined();
    }
  });

  it('returns the report with every indicator, in the order of the form', async () => {
    const result = await submit(villageTeam, '2025-10', { MEETINGS_HELD: 2 });
    expect(result.data?.submitActivityReport).toMatchObject({ month: '2025-10', revision: 1 });
    expect(result.data?.submitActivityReport.figures).toHaveLength(13);
    expect(figure(result.data?.submitActivityReport.figures, 'MEETINGS_HELD')?.value).toBe(2);
  });

  it('sums every indicator over the commune’s subtree, with progress, missing teams and a ranking', async () => {
    await subgraph.execute(`mutation ($input: TargetsInput!) { setTargets(input: $input) { indicator value } }`, {
      as: officerOver(two.commune),
      variables: { input: { unitCode: two.commune.code, period: '2025-Q3', targets: [{ indicator: 'GUIDED_ONLINE_PAYMENT', value: 200 }] } },
    });
    await subgraph.execute(`mutation ($input: TargetsInput!) { setTargets(input: $input) { indicator } }`, {
      as: officerOver(two.commune),
      variables: { input: { unitCode: two.village.code, period: '2025-Q3', targets: [{ indicator: 'GUIDED_ONLINE_PAYMENT', value: 100 }] } },
    });
    const result = await subgraph.execute(ROLL_UP, {
      as: officerOver(two.commune),
      variables: { unitCode: two.commune.code, period: '2025-Q3', by: 'GUIDED_ONLINE_PAYMENT' },
    });
    expect(result.errors).toBeUndefined();
    const rollUp = result.data?.unitRollUp;
    expect(rollUp).toMatchObject({ reportsReceived: 7, teamCount: 3, missingReports: 2, teamsNotReported: [{ name: 'Tổ thôn Hai' }] });
    expect(figure(rollUp.figures, 'GUIDED_ONLINE_PAYMENT')).toEqual({ indicator: 'GUIDED_ONLINE_PAYMENT', value: 122, target: 200, percent: 61 });
    expect(figure(rollUp.figures, 'HOUSEHOLD_VISITS')).toMatchObject({ value: 73, target: null, percent: null });
    expect(rollUp.ranking).toEqual([
      { rank: 1, value: 95, target: 100, percent: 95, rollUp: { unitCode: two.village.code, unit: { name: 'Thôn Một' }, reportsReceived: 3, missingReports: 0 } },
      { rank: 2, value: 12, target: null, percent: null, rollUp: { unitCode: two.otherVillage.code, unit: { name: 'Thôn Hai' }, reportsReceived: 1, missingReports: 2 } },
    ]);
  });

  it('rolls each month of a quarter up on its own, in order, for charts over months', async () => {
    const MONTHS = `query ($unitCode: String!) {
      unitRollUp(unitCode: $unitCode, period: "2025-Q3") { months { period reportsReceived figures { indicator value } } }
    }`;
    const result = await subgraph.execute(MONTHS, { as: officerOver(two.commune), variables: { unitCode: two.commune.code } });
    expect(result.errors).toBeUndefined();
    const months = result.data?.unitRollUp.months as { period: string; reportsReceived: number; figures: Figure[] }[];
    expect(months.map(({ period, reportsReceived, figures }) => [period, reportsReceived, figure(figures, 'GUIDED_ONLINE_PAYMENT')?.value])).toEqual([
      ['2025-07', 3, 57],
      ['2025-08', 2, 40],
      ['2025-09', 2, 25],
    ]);
  });

  it('rolls a month and a year up from the same months', async () => {
    const month = await subgraph.execute(ROLL_UP, { as: admin, variables: { unitCode: two.province.code, period: '2025-07', by: 'HOUSEHOLD_VISITS' } });
    expect(figure(month.data?.unitRollUp.figures, 'HOUSEHOLD_VISITS')?.value).toBe(138);
    expect(month.data?.unitRollUp.ranking.map((entry: { rollUp: { unitCode: string } }) => entry.rollUp.unitCode)).toEqual([two.otherCommune.code, two.commune.code]);
    const year = await subgraph.execute(ROLL_UP, { as: admin, variables: { unitCode: two.province.code, period: '2025', by: 'HOUSEHOLD_VISITS' } });
    // Four teams set up in January owe twelve months each.
    expect(year.data?.unitRollUp).toMatchObject({ reportsReceived: 9, teamCount: 4, missingReports: 48 - 9 });
    expect(figure(year.data?.unitRollUp.figures, 'GUIDED_ONLINE_PAYMENT')?.value).toBe(222);
  });

  it('refuses a second report of the same month, a bad month and an indicator given twice, writing nothing', async () => {
    const before = await subgraph.db.manager.count(ActivityReport);
    expect(errorCodes(await submit(villageTeam, '2025-07', { MEETINGS_HELD: 1 }))).toEqual(['CONFLICT']);
    const badMonth = await submit(villageTeam, '2025-13', {});
    expect(badMonth.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
    const twice = await subgraph.execute(SUBMIT, {
      as: leaderOf(villageTeam),
      variables: { input: { teamId: villageTeam.id, month: '2025-11', figures: [{ indicator: 'MEETINGS_HELD', value: 1 }, { indicator: 'MEETINGS_HELD', value: 2 }] } },
    });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'figures.1.indicator' });
    const beforeSetUp = await submit(villageTeam, '2024-12', { MEETINGS_HELD: 1 });
    expect(beforeSetUp.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'month' });
    const negative = await submit(villageTeam, '2025-11', { MEETINGS_HELD: -1 });
    expect(negative.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'figures.0.value' });
    expect(await subgraph.db.manager.count(ActivityReport)).toBe(before);
  });

  it('answers a report sent again with its key (its answer lost) with the first one, writing once; the key with other figures is a CONFLICT', async () => {
    // A team of its own tree: the roll-ups of the other tests do not count it.
    const { team } = await fakeTeam(subgraph.db, (await fakeTwoTierTree(subgraph.db)).village);
    const input = { teamId: team.id, month: '2025-08', figures: [{ indicator: 'MEETINGS_HELD', value: 3 }], note: 'Họp tổ', idempotencyKey: 'report-retry-0001' };
    const send = (figures = input.figures) => subgraph.execute(SUBMIT, { as: leaderOf(team), variables: { input: { ...input, figures } } });
    const first = await send();
    const again = await send();
    expect(again.errors).toBeUndefined();
    expect(first.data?.submitActivityReport).toMatchObject({ month: '2025-08', revision: 1 });
    expect(again.data?.submitActivityReport).toEqual(first.data?.submitActivityReport);
    const reportId = first.data?.submitActivityReport.id;
    expect(await subgraph.db.manager.countBy(ActivityReportRevision, { reportId })).toBe(1);
    expect(await subgraph.db.manager.countBy(AuditEntry, { action: 'submitActivityReport', entityId: reportId })).toBe(1);
    expect(errorCodes(await send([{ indicator: 'MEETINGS_HELD', value: 4 }]))).toEqual(['CONFLICT']);
    // Without its key, a second first report of the month is refused as before.
    expect(errorCodes(await submit(team, '2025-08', { MEETINGS_HELD: 3 }))).toEqual(['CONFLICT']);

    // A correction sent again with its key is answered with the same report, corrected once.
    const correction = { ...input, figures: [{ indicator: 'MEETINGS_HELD', value: 5 }], reason: 'Sót hai buổi họp', idempotencyKey: 'report-correct-0001' };
    const correct = () => subgraph.execute<{ correctActivityReport: { id: string; revision: number } }>(CORRECT, { as: leaderOf(team), variables: { input: correction } });
    const corrected = await correct();
    expect(corrected.data?.correctActivityReport).toMatchObject({ id: reportId, revision: 2 });
    expect((await correct()).data?.correctActivityReport).toMatchObject({ id: reportId, revision: 2 });
    expect(await subgraph.db.manager.countBy(ActivityReportRevision, { reportId })).toBe(2);

    // Sent again by the same person once they lead another team: refused, not answered with the report.
    const moved = { ...leaderOf(team), team: otherVillageTeam.id };
    const late = await subgraph.execute(SUBMIT, { as: moved, variables: { input } });
    expect(errorCodes(late)).toEqual(['FORBIDDEN']);
    expect(late.data?.submitActivityReport).toBeUndefined();
  });
});

describe('the three-tier tree', () => {
  it('rolls villages up through the commune and the district to the province', async () => {
    const setUp = { decisionDate: '2024-01-01' };
    const village = (await fakeTeam(subgraph.db, three.village, setUp)).team;
    const otherVillage = (await fakeTeam(subgraph.db, three.otherVillage, setUp)).team;
    const otherCommune = (await fakeTeam(subgraph.db, three.otherCommune, setUp)).team;
    await fakeReport(subgraph.db, village, '2024-10', { vneidActivations: 50 });
    await fakeReport(subgraph.db, otherVillage, '2024-10', { vneidActivations: 30 });
    await fakeReport(subgraph.db, otherCommune, '2024-11', { vneidActivations: 90 });
    // Set up in November 2024, it owes November and December, and sent November only.
    const late = (await fakeTeam(subgraph.db, three.commune, { name: 'Tổ xã Ba', decisionDate: '2024-11-20' })).team;
    await fakeReport(subgraph.db, late, '2024-11', { meetingsHeld: 1 });

    const result = await subgraph.execute(ROLL_UP, {
      as: officerOver(three.province),
      variables: { unitCode: three.province.code, period: '2024-Q4', by: 'VNEID_ACTIVATIONS' },
    });
    expect(result.errors).toBeUndefined();
    const rollUp = result.data?.unitRollUp;
    expect(figure(rollUp.figures, 'VNEID_ACTIVATIONS')?.value).toBe(170);
    // Three teams owe October to December, the late one November and December: 11 owed, 4 received.
    expect(rollUp).toMatchObject({ reportsReceived: 4, teamCount: 4, missingReports: 7 });
    expect(rollUp.teamsNotReported).toHaveLength(4);
    expect(rollUp.ranking.map((entry: { rank: number; value: number; rollUp: { unit: { name: string } } }) => [entry.rank, entry.rollUp.unit.name, entry.value])).toEqual([
      [1, 'Huyện Hai', 90],
      [2, 'Huyện Một', 80],
    ]);
    const district = await subgraph.execute(ROLL_UP, {
      as: officerOver(three.district),
      variables: { unitCode: three.district.code, period: '2024-10', by: 'VNEID_ACTIVATIONS' },
    });
    expect(district.data?.unitRollUp).toMatchObject({ reportsReceived: 2, missingReports: 0, ranking: [{ rank: 1, value: 80 }] });
    const december = await subgraph.execute(ROLL_UP, { as: officerOver(three.district), variables: { unitCode: three.district.code, period: '2024-12', by: 'VNEID_ACTIVATIONS' } });
    expect(december.data?.unitRollUp).toMatchObject({ reportsReceived: 0, missingReports: 3 });
    expect(december.data?.unitRollUp.teamsNotReported).toContainEqual({ name: 'Tổ xã Ba' });
    const october = await subgraph.execute(ROLL_UP, { as: officerOver(three.commune), variables: { unitCode: three.commune.code, period: '2024-10', by: 'VNEID_ACTIVATIONS' } });
    // Set up in November, the late team owed nothing for October.
    expect(october.data?.unitRollUp).toMatchObject({ reportsReceived: 2, missingReports: 0, teamsNotReported: [] });
  });
});

describe('corrections and locked periods', () => {
  const correct = (team: Team, month: string, value: number, reason = 'Đếm nhầm số hộ', as: object = leaderOf(team)) =>
    subgraph.execute(CORRECT, {
      as: as as never,
      variables: { input: { teamId: team.id, month, figures: [{ indicator: 'GUIDED_ONLINE_PAYMENT', value }], note: 'Đã sửa', reason } },
    });

  it('keeps every version with who changed it and why, and moves the totals by the difference', async () => {
    const result = await correct(villageTeam, '2025-08', 45);
    expect(result.errors).toBeUndefined();
    expect(result.data?.correctActivityReport).toMatchObject({ revision: 2, note: 'Đã sửa' });
    const revisions = result.data?.correctActivityReport.revisions;
    expect(revisions.map((revision: { revision: number; reason: string | null }) => [revision.revision, revision.reason])).toEqual([
      [1, null],
      [2, 'Đếm nhầm số hộ'],
    ]);
    expect(figure(revisions[0].figures, 'GUIDED_ONLINE_PAYMENT')?.value).toBe(35);
    expect(revisions[1].changedBy).toBe(`leader-${villageTeam.id}`);
    // Ordered by action: on SQLite both may carry the same second.
    const trail = await subgraph.db.manager.find(AuditEntry, { where: { entityId: result.data?.correctActivityReport.id }, order: { action: 'ASC' } });
    expect(trail.map((entry) => [entry.action, entry.unitPath])).toEqual([
      ['correctActivityReport', two.village.path],
      ['submitActivityReport', two.village.path],
    ]);
    expect(JSON.parse(trail[0].after!)).toMatchObject({ reason: 'Đếm nhầm số hộ', revision: 2 });

    const rollUp = await subgraph.execute(ROLL_UP, { as: admin, variables: { unitCode: two.commune.code, period: '2025-08', by: 'GUIDED_ONLINE_PAYMENT' } });
    expect(rollUp.data?.unitRollUp.reportsReceived).toBe(2);
    expect(figure(rollUp.data?.unitRollUp.figures, 'GUIDED_ONLINE_PAYMENT')?.value).toBe(50);
    // The correction replaces the figures: visits not given are now 0.
    expect(figure(rollUp.data?.unitRollUp.figures, 'HOUSEHOLD_VISITS')?.value).toBe(0);
  });

  it('refuses a correction of a month never reported, and one without a reason', async () => {
    expect(errorCodes(await correct(otherVillageTeam, '2025-09', 1))).toEqual(['CONFLICT']);
    expect((await correct(villageTeam, '2025-07', 1, '')).errors?.[0].extensions?.field).toBe('reason');
  });

  it('lets the commune lock a period for its subtree; then corrections and late reports are CONFLICTs', async () => {
    const LOCK = `mutation ($unitCode: String!, $period: String!) { lockPeriod(unitCode: $unitCode, period: $period) { unitCode month lockedBy } }`;
    expect(errorCodes(await subgraph.execute(LOCK, { as: leaderOf(communeTeam), variables: { unitCode: two.commune.code, period: '2025-09' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.execute(LOCK, { as: officerOver(two.otherCommune), variables: { unitCode: two.commune.code, period: '2025-09' } }))).toEqual(['FORBIDDEN']);
    const village = await subgraph.execute(LOCK, { as: officerOver(two.commune), variables: { unitCode: two.village.code, period: '2025-09' } });
    expect(village.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unitCode' });

    const locked = await subgraph.execute(LOCK, { as: officerOver(two.commune), variables: { unitCode: two.commune.code, period: '2025-09' } });
    expect(locked.data?.lockPeriod).toEqual([{ unitCode: two.commune.code, month: '2025-09', lockedBy: `officer-${two.commune.code}` }]);

    // The lock's event, in the lock's transaction; the refused writes below record none.
    const teamsOutbox = { name: 'teams', db: subgraph.db };
    expect(await eventsInOutbox(teamsOutbox, 'period.locked')).toEqual([
      expect.objectContaining({ version: 1, payload: expect.objectContaining({ unitCode: two.commune.code, month: '2025-09' }), scope: { unitPath: two.commune.path } }),
    ]);
    const events = (await eventsInOutbox(teamsOutbox)).length;
    const before = await subgraph.db.manager.count(ActivityReportRevision);
    const refused = await correct(villageTeam, '2025-09', 99);
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors?.[0].message).toMatch(/đã bị khoá/);
    expect(errorCodes(await correct(villageTeam, '2025-09', 99, 'Sửa', officerOver(two.province)))).toEqual(['CONFLICT']);
    expect(errorCodes(await submit(otherVillageTeam, '2025-09', { MEETINGS_HELD: 1 }))).toEqual(['CONFLICT']);
    expect(await subgraph.db.manager.count(ActivityReportRevision)).toBe(before);
    expect(await eventsInOutbox(teamsOutbox)).toHaveLength(events);
    // Other months and other communes are still open.
    expect((await correct(villageTeam, '2025-07', 41)).errors).toBeUndefined();
    expect((await eventsInOutbox(teamsOutbox, 'activity-report.corrected')).at(-1)).toMatchObject({ payload: { teamId: villageTeam.id, month: '2025-07' } });
    expect((await correct(otherCommuneTeam, '2025-07', 101)).errors).toBeUndefined();
  });
});

describe('who sees reports and roll-ups', () => {
  const REPORTS = `query ($id: ID!) { team(id: $id) { activityReports(period: "2025-Q3") { month } } }`;
  const SIMPLE_ROLL_UP = `query ($unitCode: String!) { unitRollUp(unitCode: $unitCode, period: "2025-Q3") { reportsReceived } }`;

  it.each([
    ['the team’s leader', () => leaderOf(villageTeam), () => villageTeam, []],
    ['the commune team’s leader', () => leaderOf(communeTeam), () => villageTeam, []],
    ['an officer over the commune', () => officerOver(two.commune), () => villageTeam, []],
    ['another village’s leader', () => leaderOf(otherVillageTeam), () => villageTeam, ['FORBIDDEN']],
    ['a village leader, for the commune team', () => leaderOf(villageTeam), () => communeTeam, ['FORBIDDEN']],
    ['an officer over another commune', () => officerOver(two.otherCommune), () => villageTeam, ['FORBIDDEN']],
    ['a partner', () => ({ sub: 'p', roles: [Role.PARTNER], partner: 'x' }), () => villageTeam, ['FORBIDDEN']],
    ['anonymous', () => undefined, () => villageTeam, ['UNAUTHENTICATED']],
  ])('a team’s reports: %s', async (_, as, team, codes) => {
    const result = await subgraph.execute(REPORTS, { as: as() as never, variables: { id: team().id } });
    expect(errorCodes(result)).toEqual(codes);
  });

  it.each([
    ['an officer over the commune', () => officerOver(two.commune), () => two.commune, []],
    ['an officer over the province', () => officerOver(two.province), () => two.commune, []],
    ['the commune team’s leader', () => leaderOf(communeTeam), () => two.commune, []],
    ['a village leader, for their own village', () => leaderOf(villageTeam), () => two.village, []],
    ['a village leader, for the commune', () => leaderOf(villageTeam), () => two.commune, ['FORBIDDEN']],
    ['a village leader, for another village', () => leaderOf(villageTeam), () => two.otherVillage, ['FORBIDDEN']],
    ['an officer over another commune', () => officerOver(two.otherCommune), () => two.commune, ['FORBIDDEN']],
    ['a province officer, for the whole country', () => officerOver(two.province), () => ({ code: 'VN' }), ['FORBIDDEN']],
    ['an admin, for the whole country', () => admin, () => ({ code: 'VN' }), []],
    ['anonymous', () => undefined, () => two.commune, ['UNAUTHENTICATED']],
  ])('a roll-up: %s', async (_, as, unit, codes) => {
    expect(errorCodes(await subgraph.execute(SIMPLE_ROLL_UP, { as: as() as never, variables: { unitCode: unit().code } }))).toEqual(codes);
  });

  it('says whose roll-up was refused in words: the unit’s name, or the whole country', async () => {
    const messages = async (unitCode: string) => (await subgraph.execute(SIMPLE_ROLL_UP, { as: officerOver(two.otherCommune), variables: { unitCode } })).errors?.map((error) => error.message);
    expect(await messages(two.commune.code)).toEqual([`Bạn không có quyền xem báo cáo của ${two.commune.name}`]);
    expect(await messages('VN')).toEqual(['Bạn không có quyền xem báo cáo của cả nước']);
  });

  it('lets only the team’s leaders and officers over it report, and a refused report writes nothing', async () => {
    const audited = () => subgraph.db.manager.countBy(AuditEntry, { action: 'submitActivityReport', unitPath: two.otherVillage.path });
    const auditedBefore = await audited();
    const refused = await submit(otherVillageTeam, '2025-10', {}, leaderOf(villageTeam));
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.errors?.[0].message).toBe('Bạn không có quyền báo cáo cho Tổ thôn Hai');
    expect(errorCodes(await submit(otherVillageTeam, '2025-10', {}, leaderOf(communeTeam)))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await submit(otherVillageTeam, '2025-10', {}, {}))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await submit(otherVillageTeam, '2025-10', {}, officerOver(two.otherCommune)))).toEqual(['FORBIDDEN']);
    expect(await subgraph.db.manager.countBy(ActivityReport, { teamId: otherVillageTeam.id, month: '2025-10' })).toBe(0);
    expect(await audited()).toBe(auditedBefore);
    expect(errorCodes(await submit(otherVillageTeam, '2025-10', {}, officerOver(two.commune)))).toEqual([]);
    expect(errorCodes(await submit({ id: randomUUID() }, '2025-10', {}, officerOver(two.commune)))).toEqual(['NOT_FOUND']);
  });
});

describe('the monthly totals behind roll-ups', () => {
  it('equal a recomputation from the reports, also after concurrent reports under one commune', async () => {
    const commune = await fakeUnit(subgraph.db, { parent: two.province, level: 'COMMUNE' as never, name: 'Xã Đồng Thời' });
    const villageTeams = await Promise.all(
      Array.from({ length: 8 }, async (_, index) => {
        const village = await fakeUnit(subgraph.db, { parent: commune, level: 'VILLAGE' as never, name: `Bản ${index}` });
        return (await fakeTeam(subgraph.db, village)).team;
      }),
    );
    const results = await Promise.all(villageTeams.map((team, index) => submit(team, '2025-06', { ONLINE_DOSSIERS: index + 1, MEETINGS_HELD: 2 })));
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    expect(await storedTotals()).toEqual(await recomputedTotals());
  });
});

describe('setting targets at once', () => {
  // On MariaDB the requests run on separate connections at once; on SQLite one write at a time.
  it('keeps one row per target, each change audited after the one before it, when many officers set it at once', async () => {
    const SET = `mutation ($input: TargetsInput!) { setTargets(input: $input) { indicator value } }`;
    const { team } = await fakeTeam(subgraph.db, two.village);
    for (const [whose, scope] of [[{ unitCode: two.commune.code }, `unit:${two.commune.code}`], [{ teamId: team.id }, `team:${team.id}`]] as const) {
      const values = Array.from({ length: 12 }, (_, index) => 100 + index);
      const results = await Promise.all(
        values.map((value, index) =>
          subgraph.execute(SET, {
            variables: { input: { ...whose, period: '2026', targets: [{ indicator: 'HOUSEHOLD_VISITS', value }] } },
            as: { sub: `officer-${index}`, roles: [Role.OFFICER], units: [two.commune.code] },
          }),
        ),
      );
      expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);

      const rows = await subgraph.db.manager.findBy(Target, { scope, period: '2026', indicator: Indicator.HOUSEHOLD_VISITS });
      expect(rows).toHaveLength(1);
      // Each change's "before" is the value committed just before it: the first has none, every other value was replaced once.
      const changes = await subgraph.db.manager.findBy(AuditEntry, { action: 'setTargets', entityId: rows[0].id });
      const valueOf = (json: string | null) => (json === null ? null : (JSON.parse(json) as { value: number }).value);
      expect(changes.map((change) => valueOf(change.after)).sort()).toEqual(values);
      const replaced = changes.map((change) => valueOf(change.before));
      expect(replaced.filter((value) => value === null)).toHaveLength(1);
      expect(replaced.filter((value) => value !== null).sort()).toEqual(values.filter((value) => value !== rows[0].value));
    }
  });
});

describe('query counts', () => {
  it('submit a first report, sent with its key as the web app does, in the statements its rules need (MariaDB)', async () => {
    const { team } = await fakeTeam(subgraph.db, await fakeUnit(subgraph.db, { parent: two.province, level: 'COMMUNE' as never }));
    const input = { teamId: team.id, figures: [{ indicator: 'HOUSEHOLD_VISITS', value: 3 }] };
    const statements = (as: object, month: string, idempotencyKey: string) =>
      subgraph.countQueries(async () => {
        expect((await subgraph.execute(SUBMIT, { as: as as never, variables: { input: { ...input, month, idempotencyKey } } })).errors).toBeUndefined();
      });
    // START; the key claimed; the team locked and its unit read under the lock, where the caller
    // may or may not report for it (nothing read before); the month's locks, its units' and the
    // team's own, in one read; the month's report, if any; the report; its version; its units'
    // totals in one upsert; the outbox event; the audit entry; COMMIT. For an officer over it,
    // one more before: the codes their token names as they are now (units merged since).
    const byLeader = await statements(leaderOf(team), '2025-05', 'report-count-0001');
    const byOfficer = await statements(officerOver(two.province), '2025-06', 'report-count-0002');
    if (subgraph.db.isMysql) expect([byLeader, byOfficer]).toEqual([12, 13]);
  });

  it('add to the totals last, just before the commit: every report in the country adds to the nation’s row and holds its lock to the end', async () => {
    const { team } = await fakeTeam(subgraph.db, await fakeUnit(subgraph.db, { parent: two.province, level: 'COMMUNE' as never }));
    const input = { teamId: team.id, month: '2025-05', figures: [{ indicator: 'HOUSEHOLD_VISITS', value: 3 }], idempotencyKey: 'report-order-0001' };
    const statements = await subgraph.statementsOf(async () => {
      expect((await subgraph.execute(SUBMIT, { as: leaderOf(team), variables: { input } })).errors).toBeUndefined();
    });
    expect(statements.slice(-2).map((sql) => sql.trim().split(/\s+/).slice(0, 3).join(' '))).toEqual(['INSERT INTO unit_month_total', 'COMMIT']);
  });

  it('do not grow with the number of sub-units or teams in a roll-up', async () => {
    async function communeWith(villages: number) {
      const commune = await fakeUnit(subgraph.db, { parent: two.province, level: 'COMMUNE' as never });
      for (let index = 0; index < villages; index += 1) {
        const village = await fakeUnit(subgraph.db, { parent: commune, level: 'VILLAGE' as never });
        const { team } = await fakeTeam(subgraph.db, village);
        await fakeReport(subgraph.db, team, '2025-05', { householdVisits: index });
      }
      return commune;
    }
    const small = await communeWith(2);
    const large = await communeWith(7);
    const count = (unit: AdministrativeUnit) =>
      subgraph.countQueries(async () => {
        const result = await subgraph.execute(ROLL_UP, { as: admin, variables: { unitCode: unit.code, period: '2025-Q2', by: 'HOUSEHOLD_VISITS' } });
        expect(result.errors).toBeUndefined();
      });
    expect(await count(large)).toBe(await count(small));
  });

  it('do not grow with the number of months charted', async () => {
    const MONTHS = `query ($period: String!) {
      unitRollUp(unitCode: "VN", period: $period) { months { reportsReceived figures { value target } } }
    }`;
    const count = (period: string, months: number) =>
      subgraph.countQueries(async () => {
        const result = await subgraph.execute(MONTHS, { as: admin, variables: { period } });
        expect(result.errors).toBeUndefined();
        expect(result.data?.unitRollUp.months).toHaveLength(months);
      });
    expect(await count('2025', 12)).toBe(await count('2025-Q3', 3));
  });

  it('do not grow with the number of sub-units whose locks a ranking shows', async () => {
    const LOCKS = `query ($unitCode: String!) {
      unitRollUp(unitCode: $unitCode, period: "2025-Q2") { locks { month } ranking(by: HOUSEHOLD_VISITS) { rollUp { locks { month } } } }
    }`;
    async function communeWith(villages: number) {
      const commune = await fakeUnit(subgraph.db, { parent: two.province, level: 'COMMUNE' as never });
      for (let index = 0; index < villages; index += 1) await fakeUnit(subgraph.db, { parent: commune, level: 'VILLAGE' as never });
      return commune;
    }
    const count = async (villages: number) => {
      const unit = await communeWith(villages);
      return subgraph.countQueries(async () => {
        const result = await subgraph.execute(LOCKS, { as: admin, variables: { unitCode: unit.code } });
        expect(result.errors).toBeUndefined();
        expect(result.data?.unitRollUp.ranking).toHaveLength(villages);
      });
    };
    expect(await count(7)).toBe(await count(2));
  });
});
