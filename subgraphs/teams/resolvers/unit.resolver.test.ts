import { Role, type HubClaims } from '../../common/auth';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { teams } from '..';
import { AdministrativeUnit } from '../entities';
import { fakeTeam, fakeTwoTierTree } from '../testing/factories';

let subgraph: TestSubgraph;
const admin = { sub: 'admin', roles: [Role.ADMIN] };

beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
});
afterAll(() => subgraph.close());

const CREATE_UNIT = /* GraphQL */ `
  mutation ($input: CreateAdministrativeUnitInput!) {
    createAdministrativeUnit(input: $input) { code level parent { code } }
  }
`;

/** Runs createAdministrativeUnit as an admin, someone else, or (null) nobody. */
async function createUnit(input: Record<string, unknown>, as: HubClaims | null = admin) {
  return subgraph.execute(CREATE_UNIT, { as: as ?? undefined, variables: { input } });
}

const UNIT = /* GraphQL */ `
  query ($code: String!) {
    administrativeUnit(code: $code) {
      name
      level
      ancestors { code }
      children { code }
      effectiveMemberLimit
    }
  }
`;

describe('administrative trees', () => {
  it('holds the three-tier tree (province > district > commune > village)', async () => {
    for (const input of [
      { code: '51', name: 'Tỉnh Quảng Ngãi', level: 'PROVINCE' },
      { code: '516', name: 'Huyện Bình Sơn', level: 'DISTRICT', parentCode: '51' },
      { code: '20194', name: 'Xã Bình Châu', level: 'COMMUNE', parentCode: '516' },
      { code: '20194.01', name: 'Thôn Châu Thuận Biển', level: 'VILLAGE', parentCode: '20194' },
    ]) {
      expect((await createUnit(input)).errors).toBeUndefined();
    }
    const result = await subgraph.execute(UNIT, { variables: { code: '20194.01' } });
    expect(result.data?.administrativeUnit.ancestors).toEqual([{ code: '51' }, { code: '516' }, { code: '20194' }]);
  });

  it('holds the two-tier tree (province > commune > village, since 2025)', async () => {
    expect((await createUnit({ code: '48', name: 'Thành phố Đà Nẵng', level: 'PROVINCE' })).errors).toBeUndefined();
    expect((await createUnit({ code: '20333', name: 'Xã Tam Xuân', level: 'COMMUNE', parentCode: '48' })).errors).toBeUndefined();
    const result = await subgraph.execute(UNIT, { variables: { code: '48' } });
    expect(result.data?.administrativeUnit).toMatchObject({ level: 'PROVINCE', ancestors: [], children: [{ code: '20333' }] });
  });

  it.each([
    ['a village under a province', { code: 'V1', name: 'Thôn', level: 'VILLAGE', parentCode: '48' }],
    ['a district under a commune', { code: 'D1', name: 'Huyện', level: 'DISTRICT', parentCode: '20333' }],
    ['a commune with no parent', { code: 'C1', name: 'Xã', level: 'COMMUNE' }],
    ['a province with a parent', { code: 'P1', name: 'Tỉnh', level: 'PROVINCE', parentCode: '48' }],
  ])('refuses %s, naming parentCode', async (_case, input) => {
    const result = await createUnit(input);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentCode' });
    expect(await subgraph.db.manager.countBy(AdministrativeUnit, { code: input.code })).toBe(0);
  });

  it('refuses a malformed code and a taken code', async () => {
    expect((await createUnit({ code: 'có dấu', name: 'Tỉnh', level: 'PROVINCE' })).errors?.[0].extensions?.field).toBe('code');
    expect(errorCodes(await createUnit({ code: '48', name: 'Trùng', level: 'PROVINCE' }))).toEqual(['CONFLICT']);
  });

  it('lets an officer add units only under the units they oversee; provinces are for admins', async () => {
    const officer = { sub: 'o', roles: [Role.OFFICER], units: ['20333'] };
    expect((await createUnit({ code: '20333.01', name: 'Thôn Một', level: 'VILLAGE', parentCode: '20333' }, officer)).errors).toBeUndefined();
    expect(errorCodes(await createUnit({ code: '20194.02', name: 'Thôn', level: 'VILLAGE', parentCode: '20194' }, officer))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await createUnit({ code: '99', name: 'Tỉnh', level: 'PROVINCE' }, officer))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await createUnit({ code: '98', name: 'Tỉnh', level: 'PROVINCE' }, null))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('member limits', () => {
  const SET_LIMIT = `mutation ($input: MemberLimitInput!) { setMemberLimit(input: $input) { code memberLimit } }`;

  it('defaults to 10 and is inherited from the nearest unit above that sets one', async () => {
    const tree = await fakeTwoTierTree(subgraph.db);
    const limitOf = async (code: string) =>
      (await subgraph.execute(UNIT, { variables: { code } })).data?.administrativeUnit.effectiveMemberLimit;
    expect(await limitOf(tree.village.code)).toBe(10);

    expect((await subgraph.execute(SET_LIMIT, { as: admin, variables: { input: { unitCode: tree.province.code, limit: 30 } } })).errors).toBeUndefined();
    expect(await limitOf(tree.village.code)).toBe(30);

    const communeOfficer = { sub: 'o', roles: [Role.OFFICER], units: [tree.commune.code] };
    expect((await subgraph.execute(SET_LIMIT, { as: communeOfficer, variables: { input: { unitCode: tree.commune.code, limit: 8 } } })).errors).toBeUndefined();
    expect(await limitOf(tree.village.code)).toBe(8);
    expect(await limitOf(tree.otherCommune.code)).toBe(30);
  });

  it('refuses limits outside 1 to 30 and officers outside the unit', async () => {
    const tree = await fakeTwoTierTree(subgraph.db);
    const tooBig = await subgraph.execute(SET_LIMIT, { as: admin, variables: { input: { unitCode: tree.commune.code, limit: 31 } } });
    expect(tooBig.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'limit' });
    const elsewhere = { sub: 'o', roles: [Role.OFFICER], units: [tree.otherCommune.code] };
    expect(errorCodes(await subgraph.execute(SET_LIMIT, { as: elsewhere, variables: { input: { unitCode: tree.commune.code, limit: 5 } } }))).toEqual(['FORBIDDEN']);
  });
});

describe('a unit’s teams', () => {
  it('lists the teams of the whole subtree and nothing outside it', async () => {
    const tree = await fakeTwoTierTree(subgraph.db);
    const communeTeam = await fakeTeam(subgraph.db, tree.commune, { name: 'Tổ xã Một' });
    const villageTeam = await fakeTeam(subgraph.db, tree.village, { name: 'Tổ thôn Một' });
    await fakeTeam(subgraph.db, tree.otherCommune, { name: 'Tổ xã Hai' });
    const result = await subgraph.execute(
      `query ($code: String!) { administrativeUnit(code: $code) { teamsUnder(first: 10) { nodes { id } } } }`,
      { variables: { code: tree.commune.code } },
    );
    expect(result.data?.administrativeUnit.teamsUnder.nodes.map((team: { id: string }) => team.id).sort()).toEqual(
      [communeTeam.team.id, villageTeam.team.id].sort(),
    );
  });
});
