import { Role, type HubClaims } from '../../common/auth';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { teams } from '..';
import { AdministrativeUnit, ActivityReport, Indicator, PeriodLock, Target, Team, UnitLevel, teamScope, unitScope } from '../entities';
import { fakeReport, fakeTeam, fakeThreeTierTree, fakeUnit } from '../testing/factories';

let subgraph: TestSubgraph;
const admin: HubClaims = { sub: 'admin', roles: [Role.ADMIN] };

beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
});
afterAll(() => subgraph.close());

const DISSOLVE = /* GraphQL */ `
  mutation ($input: DissolveLevelInput!) {
    dissolveAdministrativeLevel(input: $input) { code children { code } }
  }
`;
const MERGE = /* GraphQL */ `
  mutation ($input: MergeUnitsInput!) {
    mergeAdministrativeUnits(input: $input) { code path formerUnits { formerCode succession } }
  }
`;
const MOVE = /* GraphQL */ `
  mutation ($input: MoveUnitInput!) {
    moveAdministrativeUnit(input: $input) { code path parent { code } }
  }
`;
const RENAME = /* GraphQL */ `
  mutation ($input: RenameUnitInput!) {
    renameAdministrativeUnit(input: $input) { code name }
  }
`;
const SUBMIT = /* GraphQL */ `
  mutation ($input: ActivityReportInput!) {
    submitActivityReport(input: $input) { id }
  }
`;
const UNIT = /* GraphQL */ `
  query ($code: String!) {
    administrativeUnit(code: $code) { code name path parent { code } children { code } teamsUnder { nodes { name } } }
  }
`;
const ROLL_UP = /* GraphQL */ `
  query ($unitCode: String!, $period: String!) {
    unitRollUp(unitCode: $unitCode, period: $period) { unitCode reportsReceived teamCount figures { indicator value } }
  }
`;

const visits = (rollUp: { figures: { indicator: string; value: number }[] }) =>
  rollUp.figures.find((figure) => figure.indicator === 'HOUSEHOLD_VISITS')?.value;

/** Province › two districts › three communes (two under the first district), a village, teams and their reports. */
async function threeTierProvince() {
  const tree = await fakeThreeTierTree(subgraph.db);
  const thirdCommune = await fakeUnit(subgraph.db, { parent: tree.district, level: UnitLevel.COMMUNE, name: 'Xã Năm' });
  const { team: communeTeam } = await fakeTeam(subgraph.db, tree.commune, { name: 'Tổ xã Ba' });
  const { team: villageTeam } = await fakeTeam(subgraph.db, tree.village, { name: 'Tổ thôn Ba' });
  const { team: otherTeam } = await fakeTeam(subgraph.db, tree.otherCommune, { name: 'Tổ xã Bốn' });
  await fakeReport(subgraph.db, communeTeam, '2025-05', { householdVisits: 10 });
  await fakeReport(subgraph.db, villageTeam, '2025-05', { householdVisits: 20 });
  await fakeReport(subgraph.db, otherTeam, '2025-05', { householdVisits: 40 });
  await fakeReport(subgraph.db, otherTeam, '2025-06', { householdVisits: 80 });
  return { ...tree, thirdCommune, communeTeam, villageTeam, otherTeam };
}

describe('the 2025 reform on a three-tier tree', () => {
  it('dissolves the districts and merges two communes, keeping teams, reports, history and old codes', async () => {
    const tree = await threeTierProvince();
    const { province, district, otherDistrict, commune, otherCommune, thirdCommune, village } = tree;
    const districtOfficer: HubClaims = { sub: 'officer-district', roles: [Role.OFFICER], units: [district.code] };
    const communeOfficer: HubClaims = { sub: 'officer-commune', roles: [Role.OFFICER], units: [otherCommune.code] };
    const provinceBefore = (await subgraph.execute(ROLL_UP, { as: admin, variables: { unitCode: province.code, period: '2025' } })).data?.unitRollUp;

    const dissolved = await subgraph.execute(DISSOLVE, { as: admin, variables: { input: { underCode: province.code, level: 'DISTRICT' } } });
    expect(dissolved.errors).toBeUndefined();
    expect(dissolved.data?.dissolveAdministrativeLevel.children.map((child: { code: string }) => child.code).sort()).toEqual(
      [commune.code, otherCommune.code, thirdCommune.code].sort(),
    );

    const merged = await subgraph.execute(MERGE, { as: admin, variables: { input: { code: otherCommune.code, intoCode: commune.code, idempotencyKey: 'reform-merge' } } });
    expect(merged.errors).toBeUndefined();
    expect(merged.data?.mergeAdministrativeUnits).toMatchObject({ code: commune.code, path: `/${province.code}/${commune.code}/` });
    expect(merged.data?.mergeAdministrativeUnits.formerUnits).toEqual(
      expect.arrayContaining([
        { formerCode: otherCommune.code, succession: 'MERGED' },
        { formerCode: district.code, succession: 'DISSOLVED' },
        { formerCode: otherDistrict.code, succession: 'DISSOLVED' },
      ]),
    );
    // The same request again (a retry) changes nothing and answers the same.
    const retried = await subgraph.execute(MERGE, { as: admin, variables: { input: { code: otherCommune.code, intoCode: commune.code, idempotencyKey: 'reform-merge' } } });
    expect(retried.data?.mergeAdministrativeUnits.code).toBe(commune.code);
    const again = await subgraph.execute(MERGE, { as: admin, variables: { input: { code: otherCommune.code, intoCode: commune.code } } });
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    expect(again.errors?.[0].message).toContain('đã được sáp nhập');

    // The tree is province › commune › village now; the districts and the merged commune are gone.
    const units = await subgraph.db.manager.findBy(AdministrativeUnit, {});
    expect(units.find((unit) => unit.code === district.code || unit.code === otherCommune.code)).toBeUndefined();
    const now = (await subgraph.execute(UNIT, { variables: { code: commune.code } })).data?.administrativeUnit;
    expect(now.parent).toEqual({ code: province.code });
    expect(now.children.map((child: { code: string }) => child.code).sort()).toEqual([village.code, tree.otherVillage.code].sort());
    expect(now.teamsUnder.nodes.map((team: { name: string }) => team.name).sort()).toEqual(['Tổ thôn Ba', 'Tổ xã Ba', 'Tổ xã Bốn']);
    expect((await subgraph.db.manager.findOneByOrFail(AdministrativeUnit, { code: village.code })).path).toBe(`/${province.code}/${commune.code}/${village.code}/`);

    // Old codes still resolve: the merged commune to its successor, a district to the unit holding all its communes.
    expect((await subgraph.execute(UNIT, { variables: { code: otherCommune.code } })).data?.administrativeUnit.code).toBe(commune.code);
    expect((await subgraph.execute(UNIT, { variables: { code: district.code } })).data?.administrativeUnit.code).toBe(province.code);

    // Teams and their reports are intact, under the new paths.
    expect((await subgraph.db.manager.findOneByOrFail(Team, { id: tree.otherTeam.id })).unitCode).toBe(commune.code);
    const reports = await subgraph.db.manager.findBy(ActivityReport, {});
    expect(reports.filter((report) => report.teamId === tree.otherTeam.id).map((report) => report.unitPath)).toEqual([
      `/${province.code}/${commune.code}/`,
      `/${province.code}/${commune.code}/`,
    ]);

    // The merged commune's roll-up includes its predecessor's history; the province's is unchanged.
    const rollUp = (await subgraph.execute(ROLL_UP, { as: admin, variables: { unitCode: commune.code, period: '2025' } })).data?.unitRollUp;
    expect(rollUp).toMatchObject({ reportsReceived: 4, teamCount: 3 });
    expect(visits(rollUp)).toBe(150);
    const byOldCode = (await subgraph.execute(ROLL_UP, { as: admin, variables: { unitCode: otherCommune.code, period: '2025-06' } })).data?.unitRollUp;
    expect(byOldCode).toMatchObject({ unitCode: commune.code, reportsReceived: 1 });
    const provinceAfter = (await subgraph.execute(ROLL_UP, { as: admin, variables: { unitCode: province.code, period: '2025' } })).data?.unitRollUp;
    expect(provinceAfter).toEqual(provinceBefore);

    // Officers' tokens with old codes are scoped to what those codes cover now, and no more.
    const asDistrictOfficer = await subgraph.execute(ROLL_UP, { as: districtOfficer, variables: { unitCode: commune.code, period: '2025' } });
    expect(asDistrictOfficer.errors).toBeUndefined();
    expect(errorCodes(await subgraph.execute(ROLL_UP, { as: districtOfficer, variables: { unitCode: province.code, period: '2025' } }))).toEqual(['FORBIDDEN']);
    const asCommuneOfficer = await subgraph.execute(ROLL_UP, { as: communeOfficer, variables: { unitCode: commune.code, period: '2025-05' } });
    expect(asCommuneOfficer.data?.unitRollUp.reportsReceived).toBe(3);
    expect(errorCodes(await subgraph.execute(ROLL_UP, { as: communeOfficer, variables: { unitCode: thirdCommune.code, period: '2025' } }))).toEqual(['FORBIDDEN']);
  });

  it('adds a merged commune’s targets to its successor’s, keeps its teams’ own with them, and drops a dissolved district’s', async () => {
    const tree = await threeTierProvince();
    const target = (scope: string, unitCode: string, indicator: Indicator, value: number, teamId: string | null = null) =>
      subgraph.db.manager.create(Target, { scope, unitCode, teamId, period: '2025', indicator, value, setBy: 'officer' });
    await subgraph.db.manager.save([
      target(unitScope(tree.commune.code), tree.commune.code, Indicator.HOUSEHOLD_VISITS, 100),
      target(unitScope(tree.otherCommune.code), tree.otherCommune.code, Indicator.HOUSEHOLD_VISITS, 300),
      target(unitScope(tree.otherCommune.code), tree.otherCommune.code, Indicator.PEOPLE_TRAINED, 12),
      target(teamScope(tree.otherTeam.id), tree.otherCommune.code, Indicator.HOUSEHOLD_VISITS, 50, tree.otherTeam.id),
      target(unitScope(tree.district.code), tree.district.code, Indicator.HOUSEHOLD_VISITS, 1000),
    ]);
    const dissolved = await subgraph.execute(DISSOLVE, { as: admin, variables: { input: { underCode: tree.province.code, level: 'DISTRICT' } } });
    expect(dissolved.errors).toBeUndefined();
    const merged = await subgraph.execute(MERGE, { as: admin, variables: { input: { code: tree.otherCommune.code, intoCode: tree.commune.code } } });
    expect(merged.errors).toBeUndefined();

    const targets = await subgraph.db.manager.find(Target, { where: { period: '2025' }, order: { scope: 'ASC', indicator: 'ASC' } });
    const mine = targets.filter((row) => [tree.commune.code, tree.otherCommune.code, tree.district.code].some((code) => row.scope === unitScope(code)) || row.teamId === tree.otherTeam.id);
    expect(mine.map(({ scope, unitCode, indicator, value }) => ({ scope, unitCode, indicator, value }))).toEqual(
      expect.arrayContaining([
        { scope: unitScope(tree.commune.code), unitCode: tree.commune.code, indicator: Indicator.HOUSEHOLD_VISITS, value: 400 },
        { scope: unitScope(tree.commune.code), unitCode: tree.commune.code, indicator: Indicator.PEOPLE_TRAINED, value: 12 },
        { scope: teamScope(tree.otherTeam.id), unitCode: tree.commune.code, indicator: Indicator.HOUSEHOLD_VISITS, value: 50 },
      ]),
    );
    expect(mine).toHaveLength(3);
  });

  it('keeps the months locked over a merged commune locked for what came from it, and opens or closes nothing of its successor’s own', async () => {
    const tree = await threeTierProvince();
    const { province, otherDistrict, commune, otherCommune, communeTeam, villageTeam } = tree;
    const formerVillage = await fakeUnit(subgraph.db, { parent: otherCommune, level: UnitLevel.VILLAGE, name: 'Thôn Bốn' });
    const { team: formerVillageTeam } = await fakeTeam(subgraph.db, formerVillage, { name: 'Tổ thôn Bốn' });
    // The merged commune's own team, with no report yet in May and June (a second report would be a conflict of its own).
    const { team: formerCommuneTeam } = await fakeTeam(subgraph.db, otherCommune, { name: 'Tổ xã Bốn mới' });
    // May locked by the former district, June by the merged commune itself, July by the successor.
    const lock = (unitCode: string, month: string) => subgraph.db.manager.save(subgraph.db.manager.create(PeriodLock, { unitCode, month, lockedBy: 'officer' }));
    await lock(otherDistrict.code, '2025-05');
    await lock(otherCommune.code, '2025-06');
    await lock(commune.code, '2025-07');

    expect((await subgraph.execute(DISSOLVE, { as: admin, variables: { input: { underCode: province.code, level: 'DISTRICT' } } })).errors).toBeUndefined();
    expect((await subgraph.execute(MERGE, { as: admin, variables: { input: { code: otherCommune.code, intoCode: commune.code } } })).errors).toBeUndefined();

    const submit = (team: Team, month: string) =>
      subgraph.execute(SUBMIT, { as: admin, variables: { input: { teamId: team.id, month, figures: [{ indicator: 'HOUSEHOLD_VISITS', value: 3 }] } } });
    // What came from the merged commune: its own team and its village's, closed in May and June as before.
    for (const team of [formerCommuneTeam, formerVillageTeam]) {
      for (const month of ['2025-05', '2025-06']) expect({ team: team.name, month, codes: errorCodes(await submit(team, month)) }).toEqual({ team: team.name, month, codes: ['CONFLICT'] });
      expect(errorCodes(await submit(team, '2025-08'))).toEqual([]);
    }
    // The successor's own teams: June stays open, July stays closed.
    expect(errorCodes(await submit(villageTeam, '2025-06'))).toEqual([]);
    expect(errorCodes(await submit(communeTeam, '2025-06'))).toEqual([]);
    expect(errorCodes(await submit(communeTeam, '2025-07'))).toEqual(['CONFLICT']);
    expect(await subgraph.db.manager.countBy(ActivityReport, { teamId: formerCommuneTeam.id, month: '2025-06' })).toBe(0);
  });

  it('moves a commune with its villages and teams, renames it, and keeps the totals where they belong', async () => {
    const tree = await threeTierProvince();
    const moved = await subgraph.execute(MOVE, { as: admin, variables: { input: { code: tree.commune.code, parentCode: tree.otherDistrict.code } } });
    expect(moved.data?.moveAdministrativeUnit).toMatchObject({ path: `/${tree.province.code}/${tree.otherDistrict.code}/${tree.commune.code}/`, parent: { code: tree.otherDistrict.code } });
    const rollUpOf = async (unitCode: string) => (await subgraph.execute(ROLL_UP, { as: admin, variables: { unitCode, period: '2025' } })).data?.unitRollUp;
    expect(await rollUpOf(tree.district.code)).toMatchObject({ reportsReceived: 0, teamCount: 0 });
    expect(await rollUpOf(tree.otherDistrict.code)).toMatchObject({ reportsReceived: 4, teamCount: 3 });
    expect((await subgraph.db.manager.findOneByOrFail(AdministrativeUnit, { code: tree.village.code })).path).toBe(
      `/${tree.province.code}/${tree.otherDistrict.code}/${tree.commune.code}/${tree.village.code}/`,
    );

    const renamed = await subgraph.execute(RENAME, { as: admin, variables: { input: { code: tree.commune.code, name: '  Xã Tam Quang  ' } } });
    expect(renamed.data?.renameAdministrativeUnit).toEqual({ code: tree.commune.code, name: 'Xã Tam Quang' });
  });

  it('lists a commune’s teams under its new province once it moves or merges there, and no longer under the old one', async () => {
    const tree = await threeTierProvince();
    const elsewhere = await fakeUnit(subgraph.db, { name: 'Tỉnh Mới' });
    const teamsOf = async (code: string) => {
      const result = await subgraph.execute(`query ($code: String!) { teams(unitCode: $code, first: 50) { totalCount nodes { name } } }`, { as: admin, variables: { code } });
      expect(result.errors).toBeUndefined();
      return result.data?.teams.nodes.map((team: { name: string }) => team.name);
    };
    const moved = await subgraph.execute(MOVE, { as: admin, variables: { input: { code: tree.commune.code, parentCode: elsewhere.code } } });
    expect(moved.errors).toBeUndefined();
    expect(await teamsOf(elsewhere.code)).toEqual(['Tổ thôn Ba', 'Tổ xã Ba']);
    expect(await teamsOf(tree.province.code)).toEqual(['Tổ xã Bốn']);

    const merged = await subgraph.execute(MERGE, { as: admin, variables: { input: { code: tree.province.code, intoCode: elsewhere.code } } });
    expect(merged.errors).toBeUndefined();
    expect(await teamsOf(elsewhere.code)).toEqual(['Tổ thôn Ba', 'Tổ xã Ba', 'Tổ xã Bốn']);
  });

  it('refuses a bad reorganisation in Vietnamese, naming the field, and writes nothing', async () => {
    const tree = await threeTierProvince();
    const before = await subgraph.db.manager.find(AdministrativeUnit, { order: { code: 'ASC' } });
    const cases: [string, string, Record<string, unknown>, string][] = [
      [MERGE, 'intoCode', { code: tree.commune.code, intoCode: tree.district.code }, 'Chỉ sáp nhập đơn vị cùng cấp'],
      [MERGE, 'intoCode', { code: tree.commune.code, intoCode: tree.commune.code }, 'chính nó'],
      [MOVE, 'parentCode', { code: tree.district.code, parentCode: tree.commune.code }, 'bên trong chính nó'],
      [MOVE, 'parentCode', { code: tree.commune.code, parentCode: tree.otherCommune.code }, 'Một xã không thể trực thuộc một xã'],
      [MOVE, 'parentCode', { code: tree.commune.code, parentCode: tree.district.code }, 'đã trực thuộc'],
      [RENAME, 'name', { code: tree.commune.code, name: 'Xã '.repeat(70) }, 'Tên đơn vị cần từ 1 đến 200 ký tự'],
      [RENAME, 'name', { code: tree.commune.code, name: 'Xã Ba' }, 'đã có tên'],
      [DISSOLVE, 'level', { underCode: tree.province.code, level: 'PROVINCE' }, 'Không thể giải thể'],
      [DISSOLVE, 'level', { underCode: tree.district.code, level: 'COMMUNE' }, 'thôn không thể trực thuộc một huyện'],
    ];
    for (const [mutation, field, input, message] of cases) {
      const result = await subgraph.execute(mutation, { as: admin, variables: { input } });
      expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field } });
      expect(result.errors?.[0].message).toContain(message);
    }
    expect(await subgraph.db.manager.find(AdministrativeUnit, { order: { code: 'ASC' } })).toEqual(before);
  });

  it('lets an officer reorganise only units they oversee', async () => {
    const tree = await threeTierProvince();
    const officer: HubClaims = { sub: 'officer-district-only', roles: [Role.OFFICER], units: [tree.district.code] };
    const outside = await subgraph.execute(MERGE, { as: officer, variables: { input: { code: tree.commune.code, intoCode: tree.otherCommune.code } } });
    expect(errorCodes(outside)).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.execute(DISSOLVE, { variables: { input: { underCode: tree.province.code, level: 'DISTRICT' } } }))).toEqual(['UNAUTHENTICATED']);
    const inside = await subgraph.execute(MERGE, { as: officer, variables: { input: { code: tree.thirdCommune.code, intoCode: tree.commune.code } } });
    expect(inside.errors).toBeUndefined();
  });

  it('keeps the totals exact when reports are written while their commune is merged', async () => {
    const tree = await threeTierProvince();
    const teamsThere = await Promise.all([1, 2, 3, 4].map(() => fakeTeam(subgraph.db, tree.otherCommune).then(({ team }) => team)));
    const SUBMIT = /* GraphQL */ `
      mutation ($input: ActivityReportInput!) { submitActivityReport(input: $input) { id } }
    `;
    const results = await Promise.all([
      ...teamsThere.map((team) =>
        subgraph.execute(SUBMIT, { as: admin, variables: { input: { teamId: team.id, month: '2025-07', figures: [{ indicator: 'HOUSEHOLD_VISITS', value: 5 }] } } }),
      ),
      subgraph.execute(MERGE, { as: admin, variables: { input: { code: tree.otherCommune.code, intoCode: tree.commune.code } } }),
    ]);
    expect(results.flatMap((result) => result.errors ?? [])).toEqual([]);
    const rollUp = (await subgraph.execute(ROLL_UP, { as: admin, variables: { unitCode: tree.commune.code, period: '2025-07' } })).data?.unitRollUp;
    expect(rollUp).toMatchObject({ reportsReceived: 4, teamCount: 3 + 4 });
    expect(visits(rollUp)).toBe(20);
    const district = (await subgraph.execute(ROLL_UP, { as: admin, variables: { unitCode: tree.district.code, period: '2025-07' } })).data?.unitRollUp;
    expect(district.reportsReceived).toBe(4);
    const otherDistrict = (await subgraph.execute(ROLL_UP, { as: admin, variables: { unitCode: tree.otherDistrict.code, period: '2025-07' } })).data?.unitRollUp;
    expect(otherDistrict.reportsReceived).toBe(0);
  });
});
