import { Role } from '../../common/auth';
import { PersonalDataRead } from '../../common/personal-data-reads';
import { createTestSubgraph, type TestSubgraph } from '../../common/testing/subgraph';
import { teams } from '..';
import type { Member, Team } from '../entities';
import { fakeMember, fakeTeam, fakeTwoTierTree } from '../testing/factories';

let subgraph: TestSubgraph;
let small: Team;
let large: Team;
let members: Member[];

const leaderOf = (team: Team) => ({ sub: `leader-of-${team.id}`, roles: [Role.TEAM_LEADER], team: team.id });
const PHONES = 'query RosterPhones($id: ID!) { team(id: $id) { members { id phone } } }';

beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
  const tree = await fakeTwoTierTree(subgraph.db);
  ({ team: small } = await fakeTeam(subgraph.db, tree.village, { members: 1 })); // the leader and one member: 2
  ({ team: large } = await fakeTeam(subgraph.db, tree.otherVillage, { members: 19 })); // 20
  const { team } = await fakeTeam(subgraph.db, tree.commune);
  members = [];
  for (let index = 0; index < 3; index += 1) members.push(await fakeMember(subgraph.db, team));
});
afterAll(() => subgraph.close());

const readsBy = (reader: string) => subgraph.db.manager.find(PersonalDataRead, { where: { reader }, order: { personId: 'ASC' } });

/** Runs `work`, returning how many statements it ran and how many of them wrote to the access log. */
async function statements(work: () => Promise<unknown>): Promise<{ all: number; logInserts: number }> {
  const logQuery = jest.spyOn(subgraph.db.queries, 'logQuery');
  try {
    const all = await subgraph.countQueries(work);
    const logInserts = (logQuery.mock.calls as unknown as [string][]).filter(([sql]) => /insert into\W+personal_data_read/i.test(sql)).length;
    return { all, logInserts };
  } finally {
    logQuery.mockRestore();
  }
}

it('leaves one record per phone a leader reads: who, whose, which field, why; never the number', async () => {
  const team = members[0].teamId;
  const leader = { sub: 'commune-leader', roles: [Role.TEAM_LEADER], team };
  const result = await subgraph.execute(
    `query CallVolunteers($a: ID!, $b: ID!, $c: ID!) { a: member(id: $a) { phone } b: member(id: $b) { phone } c: member(id: $c) { phone } }`,
    { as: leader, variables: { a: members[0].id, b: members[1].id, c: members[2].id } },
  );
  expect(result.errors).toBeUndefined();
  const reads = await readsBy('commune-leader');
  expect(reads.map(({ personId, field, operation }) => ({ personId, field, operation }))).toEqual(
    members
      .map((member) => ({ personId: member.personId, field: 'Member.phone', operation: 'CallVolunteers' }))
      .sort((a, b) => a.personId.localeCompare(b.personId)),
  );
  const phones = Object.values(result.data!).map((member: any) => member.phone as string);
  expect(JSON.stringify(reads)).not.toMatch(new RegExp(phones.join('|')));
});

it('writes the reads of a list in one insert: 20 members cost no more statements than 2', async () => {
  const two = await statements(async () => expect((await subgraph.execute(PHONES, { as: leaderOf(small), variables: { id: small.id } })).errors).toBeUndefined());
  const twenty = await statements(async () => expect((await subgraph.execute(PHONES, { as: leaderOf(large), variables: { id: large.id } })).errors).toBeUndefined());
  expect(two.logInserts).toBe(1);
  expect(twenty).toEqual(two);
  expect(await readsBy(leaderOf(small).sub)).toHaveLength(2);
  expect(await readsBy(leaderOf(large).sub)).toHaveLength(20);
});

it('records nothing when the field is refused', async () => {
  const stranger = leaderOf(small);
  const before = await subgraph.db.manager.count(PersonalDataRead);
  const result = await subgraph.execute(PHONES, { as: stranger, variables: { id: large.id } });
  expect(result.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
  expect(await subgraph.db.manager.count(PersonalDataRead)).toBe(before);
});

it('shows admins who read whose data, by person or by reader', async () => {
  const query = 'query ($personId: ID, $reader: String) { teamsPersonalDataReads(personId: $personId, reader: $reader) { reader personId field operation readAt } }';
  const byPerson = await subgraph.execute(query, { as: { sub: 'admin', roles: [Role.ADMIN] }, variables: { personId: members[1].personId } });
  expect(byPerson.data!.teamsPersonalDataReads).toEqual([
    { reader: 'commune-leader', personId: members[1].personId, field: 'Member.phone', operation: 'CallVolunteers', readAt: expect.any(String) },
  ]);
  const byReader = await subgraph.execute(query, { as: { sub: 'admin', roles: [Role.ADMIN] }, variables: { reader: leaderOf(large).sub } });
  expect(byReader.data!.teamsPersonalDataReads).toHaveLength(20);
  const asLeader = await subgraph.execute(query, { as: leaderOf(large), variables: {} });
  expect(asLeader.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});
