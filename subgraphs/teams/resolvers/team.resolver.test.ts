import { Role } from '../../common/auth';
import { fieldInWords } from '../../common/errors';
import { KeyRing } from '../../common/personal-data';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { teams } from '..';
import { Member, Person, Team } from '../entities';
import { fakeTeam, fakeTwoTierTree, fakeUnit } from '../testing/factories';

let subgraph: TestSubgraph;
let tree: Awaited<ReturnType<typeof fakeTwoTierTree>>;
const admin = { sub: 'admin', roles: [Role.ADMIN] };
const communeOfficer = () => ({ sub: 'officer-1', roles: [Role.OFFICER], units: [tree.commune.code] });

beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
  tree = await fakeTwoTierTree(subgraph.db);
});
afterAll(() => subgraph.close());

const CREATE_TEAM = /* GraphQL */ `
  mutation ($input: CreateTeamInput!) {
    createTeam(input: $input) {
      id
      name
      level
      decisionDate
      members { role standingDeputy fullName phone }
    }
  }
`;

const newcomer = (n: number, overrides: Record<string, unknown> = {}) => ({
  fullName: `Lê Thị ${n}`,
  phone: `09876543${String(n).padStart(2, '0')}`,
  affiliation: 'RESIDENT',
  ...overrides,
});

async function rowCounts() {
  const { manager } = subgraph.db;
  return [await manager.count(Team), await manager.count(Member), await manager.count(Person)];
}

describe('createTeam', () => {
  it('records a village team with its leader and members, decided by the commune officer', async () => {
    const result = await subgraph.execute(CREATE_TEAM, {
      as: communeOfficer(),
      variables: {
        input: {
          unitCode: tree.village.code,
          name: 'Tổ công nghệ số cộng đồng thôn Một',
          decisionNumber: '15/QĐ-UBND',
          decisionDate: '2025-03-01',
          leader: newcomer(1, { affiliation: 'VILLAGE_HEAD' }),
          members: [newcomer(2, { role: 'DEPUTY', standingDeputy: true }), newcomer(3)],
        },
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createTeam).toMatchObject({
      level: 'VILLAGE',
      decisionDate: '2025-03-01',
      members: [
        { role: 'LEADER', fullName: 'Lê Thị 1', phone: '0987654301', standingDeputy: false },
        { role: 'DEPUTY', fullName: 'Lê Thị 2', standingDeputy: true },
        { role: 'MEMBER', fullName: 'Lê Thị 3' },
      ],
    });
  });

  it('makes newcomers beyond the unit’s member limit collaborators', async () => {
    await subgraph.db.manager.update('administrative_unit', { code: tree.otherCommune.code }, { memberLimit: 3 });
    const result = await subgraph.execute(CREATE_TEAM, {
      as: admin,
      variables: {
        input: {
          unitCode: tree.otherCommune.code,
          name: 'Tổ công nghệ số cộng đồng xã Hai',
          leader: newcomer(10),
          members: [newcomer(11), newcomer(12), newcomer(13), newcomer(14, { role: 'STANDING_MEMBER' })],
        },
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createTeam.members.map((member: { role: string }) => member.role)).toEqual([
      'LEADER',
      'MEMBER',
      'MEMBER',
      'COLLABORATOR',
      'COLLABORATOR',
    ]);
  });

  it.each([
    ['leader.phone', { leader: newcomer(20, { phone: '12345' }) }],
    ['members.0.fullName', { members: [newcomer(21, { fullName: 'A' })] }],
    ['name', { name: '' }],
    ['decisionDate', { decisionDate: '2999-01-01' }],
    ['members.0.role', { members: [newcomer(22, { role: 'LEADER' })] }],
  ])('rejects a bad %s, naming it, and writes nothing', async (field, override) => {
    const before = await rowCounts();
    const result = await subgraph.execute(CREATE_TEAM, {
      as: admin,
      variables: { input: { unitCode: tree.village.code, name: 'Tổ mới', leader: newcomer(23), ...override } },
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe(field);
    expect(result.errors?.[0].message).toMatch(new RegExp(`^${fieldInWords(field)}: `));
    expect(await rowCounts()).toEqual(before);
  });

  it('writes nothing when a later member breaks a rule', async () => {
    const before = await rowCounts();
    const result = await subgraph.execute(CREATE_TEAM, {
      as: admin,
      variables: {
        input: {
          unitCode: tree.village.code,
          name: 'Tổ mới',
          leader: newcomer(30),
          members: [newcomer(31, { role: 'DEPUTY', standingDeputy: true }), newcomer(32, { role: 'DEPUTY', standingDeputy: true })],
        },
      },
    });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a team at province level', async () => {
    const result = await subgraph.execute(CREATE_TEAM, {
      as: admin,
      variables: { input: { unitCode: tree.province.code, name: 'Tổ tỉnh', leader: newcomer(40) } },
    });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unitCode' });
  });

  it.each([
    ['an officer of another commune', () => ({ sub: 'o2', roles: [Role.OFFICER], units: [tree.otherCommune.code] }), 'FORBIDDEN'],
    ['an officer of the village only', () => ({ sub: 'o3', roles: [Role.OFFICER], units: [tree.village.code] }), 'FORBIDDEN'],
    ['a partner', () => ({ sub: 'p', roles: [Role.PARTNER], partner: 'viettel' }), 'FORBIDDEN'],
    ['an anonymous caller', () => undefined, 'UNAUTHENTICATED'],
  ])('refuses %s', async (_who, as, code) => {
    const result = await subgraph.execute(CREATE_TEAM, {
      as: as(),
      variables: { input: { unitCode: tree.village.code, name: 'Tổ mới', leader: newcomer(50) } },
    });
    expect(errorCodes(result)).toEqual([code]);
  });
});

describe('appointLeader', () => {
  it('moves the leadership so that exactly one active leader remains', async () => {
    const { leader, members } = await fakeTeam(subgraph.db, tree.otherVillage, { members: 2 });
    const result = await subgraph.execute(
      `mutation ($id: ID!) { appointLeader(memberId: $id) { leader { id } members { id role } } }`,
      { as: communeOfficer(), variables: { id: members[0].id } },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.appointLeader.leader.id).toBe(members[0].id);
    const roles = result.data?.appointLeader.members.filter((member: { role: string }) => member.role === 'LEADER');
    expect(roles).toHaveLength(1);
    expect(result.data?.appointLeader.members).toContainEqual({ id: leader.id, role: 'MEMBER' });
  });
});

describe('teams under a unit', () => {
  const TEAMS = /* GraphQL */ `
    query ($unit: String!, $first: Int!, $after: String, $level: UnitLevel) {
      teams(unitCode: $unit, first: $first, after: $after, level: $level) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { name unit { code } members { role fullName phone } }
      }
    }
  `;

  it('pages through a subtree by name, filtered by level', async () => {
    const province = await fakeUnit(subgraph.db, { name: 'Tỉnh Phân Trang' });
    const commune = await fakeUnit(subgraph.db, { parent: province, level: 'COMMUNE' as never });
    const villages = await Promise.all([1, 2, 3].map(() => fakeUnit(subgraph.db, { parent: commune })));
    await fakeTeam(subgraph.db, commune, { name: 'Tổ D' });
    for (const [index, village] of villages.entries()) await fakeTeam(subgraph.db, village, { name: `Tổ ${'ABC'[index]}` });

    const names: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await subgraph.execute(TEAMS, { as: admin, variables: { unit: province.code, first: 2, after, level: 'VILLAGE' } });
      expect(page.errors).toBeUndefined();
      expect(page.data.teams.totalCount).toBe(3);
      names.push(...page.data.teams.nodes.map((team: { name: string }) => team.name));
      after = page.data.teams.pageInfo.hasNextPage ? page.data.teams.pageInfo.endCursor : null;
    } while (after);
    expect(names).toEqual(['Tổ A', 'Tổ B', 'Tổ C']);

    const other = await fakeUnit(subgraph.db, { parent: province, level: 'COMMUNE' as never });
    await fakeTeam(subgraph.db, other, { name: 'Tổ E' });
    const ofCommune: any = await subgraph.execute(TEAMS, { as: admin, variables: { unit: commune.code, first: 10 } });
    expect(ofCommune.data.teams.nodes.map((team: { name: string }) => team.name)).toEqual(['Tổ A', 'Tổ B', 'Tổ C', 'Tổ D']);
  });

  it('reads a province’s page in the page’s order from the index, sorting none of its teams (MariaDB)', async () => {
    if (!subgraph.db.isMysql) return; // the plan is MariaDB's; SQLite's planner is not what runs at national scale
    const province = await fakeUnit(subgraph.db);
    const communes = await Promise.all([1, 2, 3].map(() => fakeUnit(subgraph.db, { parent: province, level: 'COMMUNE' as never })));
    for (const [index, commune] of communes.entries()) {
      for (const village of await Promise.all(Array.from({ length: 10 }, () => fakeUnit(subgraph.db, { parent: commune })))) {
        await fakeTeam(subgraph.db, village, { name: `Tổ ${index}-${village.code}` });
      }
    }
    await subgraph.db.manager.query('ANALYZE TABLE team, administrative_unit');
    const plans = await subgraph.explainQueries(async () => {
      const first: any = await subgraph.execute(TEAMS, { as: admin, variables: { unit: province.code, first: 5 } });
      const after = first.data.teams.pageInfo.endCursor;
      const second: any = await subgraph.execute(TEAMS, { as: admin, variables: { unit: province.code, first: 5, after } });
      expect(second.data.teams.nodes).toHaveLength(5);
    }, /FROM `team` `team`.*ORDER BY/);
    expect(plans).toHaveLength(2);
    for (const plan of plans) {
      expect(plan).toHaveLength(1); // no join: the province is on the team
      expect(plan[0]).toMatchObject({ table: 'team', key: 'IDX_team_province_name' });
      expect(plan[0].Extra ?? '').not.toMatch(/filesort/);
    }
  });

  it('refuses a page size over 100 and a forged cursor, naming the argument', async () => {
    const big = await subgraph.execute(TEAMS, { as: admin, variables: { unit: tree.province.code, first: 101 } });
    expect(big.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const forged = await subgraph.execute(TEAMS, { as: admin, variables: { unit: tree.province.code, first: 5, after: 'nonsense' } });
    expect(forged.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('lists members’ names without opening their sealed phones and addresses', async () => {
    const province = await fakeUnit(subgraph.db);
    await fakeTeam(subgraph.db, await fakeUnit(subgraph.db, { parent: province }), { members: 3 });
    const open = jest.spyOn(KeyRing.prototype, 'open');
    try {
      const NAMES = `query ($unit: String!) { teams(unitCode: $unit, first: 50) { nodes { members { fullName processingRestricted } } } }`;
      const result = await subgraph.execute(NAMES, { as: admin, variables: { unit: province.code } });
      expect(result.errors).toBeUndefined();
      expect(result.data?.teams.nodes[0].members).toHaveLength(4);
      expect(result.data?.teams.nodes[0].members[0].fullName).toEqual(expect.any(String));
      expect(open).not.toHaveBeenCalled();
    } finally {
      open.mockRestore();
    }
  });

  it('runs the same number of SQL queries for 2 teams as for 12 (no N+1)', async () => {
    const queryFor = async (teamCount: number) => {
      const province = await fakeUnit(subgraph.db);
      const villages = await Promise.all(Array.from({ length: teamCount }, () => fakeUnit(subgraph.db, { parent: province })));
      for (const village of villages) await fakeTeam(subgraph.db, village, { members: 3 });
      let result: any;
      const queries = await subgraph.countQueries(async () => {
        result = await subgraph.execute(TEAMS, { as: admin, variables: { unit: province.code, first: 50 } });
      });
      expect(result.errors).toBeUndefined();
      expect(result.data.teams.nodes).toHaveLength(teamCount);
      expect(result.data.teams.nodes[0].members).toHaveLength(4);
      return queries;
    };
    const few = await queryFor(2);
    const many = await queryFor(12);
    expect(many).toBe(few);
    // 8 reads (the members' processing restrictions among them; names read apart from the sealed phones,
    // which are opened only where asked for), and one insert recording the phones read (the access log)
    expect(few).toBeLessThanOrEqual(9);
  });
});

describe('updateTeam and sub-groups', () => {
  it('lets the commune officer record the decision and suspend a team, but not a leader', async () => {
    const { team } = await fakeTeam(subgraph.db, tree.village);
    const UPDATE = `mutation ($id: ID!, $input: UpdateTeamInput!) { updateTeam(id: $id, input: $input) { name decisionNumber status } }`;
    const input = { decisionNumber: '27/QĐ-UBND', status: 'SUSPENDED' };
    const byLeader = await subgraph.execute(UPDATE, { as: { sub: 'l', roles: [Role.TEAM_LEADER], team: team.id }, variables: { id: team.id, input } });
    expect(errorCodes(byLeader)).toEqual(['FORBIDDEN']);
    const result = await subgraph.execute(UPDATE, { as: communeOfficer(), variables: { id: team.id, input } });
    expect(result.data?.updateTeam).toEqual({ name: team.name, decisionNumber: '27/QĐ-UBND', status: 'SUSPENDED' });
  });

  it('lets the team’s leader add sub-groups and clubs', async () => {
    const { team } = await fakeTeam(subgraph.db, tree.village);
    const CREATE = `mutation ($team: ID!, $input: CreateSubGroupInput!) { createSubGroup(teamId: $team, input: $input) { name kind } }`;
    const leader = { sub: 'l', roles: [Role.TEAM_LEADER], team: team.id };
    const club = await subgraph.execute(CREATE, { as: leader, variables: { team: team.id, input: { name: 'Câu lạc bộ livestream', kind: 'CLUB' } } });
    expect(club.errors).toBeUndefined();
    const read = await subgraph.execute(`query ($id: ID!) { team(id: $id) { subGroups { name kind } } }`, { variables: { id: team.id } });
    expect(read.data?.team.subGroups).toEqual([{ name: 'Câu lạc bộ livestream', kind: 'CLUB' }]);
    const outsider = { sub: 'x', roles: [Role.TEAM_LEADER], team: 'another-team' };
    expect(errorCodes(await subgraph.execute(CREATE, { as: outsider, variables: { team: team.id, input: { name: 'Nhóm kỹ thuật', kind: 'TECHNICAL' } } }))).toEqual(['FORBIDDEN']);
  });
});

describe('federation entity references', () => {
  const ENTITIES = `query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Team { id name }
      ... on Member { id role }
      ... on AdministrativeUnit { code name }
    }
  }`;

  it('resolves Team, Member and AdministrativeUnit references other subgraphs hold', async () => {
    const { team, leader } = await fakeTeam(subgraph.db, tree.village);
    const result = await subgraph.execute(ENTITIES, {
      variables: {
        representations: [
          { __typename: 'Team', id: team.id },
          { __typename: 'Member', id: leader.id },
          { __typename: 'AdministrativeUnit', code: tree.village.code },
          { __typename: 'Team', id: 'no-such-team' },
        ],
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { id: team.id, name: team.name },
      { id: leader.id, role: 'LEADER' },
      { code: tree.village.code, name: tree.village.name },
      null,
    ]);
  });

  it('loads many references of a type in one query', async () => {
    const count = async (n: number) => {
      const created = await Promise.all(Array.from({ length: n }, () => fakeTeam(subgraph.db, tree.village)));
      const representations = created.map(({ team }) => ({ __typename: 'Team', id: team.id }));
      return subgraph.countQueries(() => subgraph.execute(ENTITIES, { variables: { representations } }));
    };
    expect(await count(10)).toBe(await count(2));
  });
});
