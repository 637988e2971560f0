import { Role, type HubClaims } from '../../common/auth';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { staticWorkingRelations } from '../../common/testing/working-relations';
import { teams } from '..';
import { Member, MemberRole, Person } from '../entities';
import { fakeMember, fakePerson, fakeTeam, fakeTwoTierTree } from '../testing/factories';

let subgraph: TestSubgraph;
let tree: Awaited<ReturnType<typeof fakeTwoTierTree>>;
let villageTeam: Awaited<ReturnType<typeof fakeTeam>>;
let otherTeam: Awaited<ReturnType<typeof fakeTeam>>;

beforeAll(async () => {
  // VNPT trained the village team and the organiser `e` runs a fair it takes part in; Viettel and `e2` work with neither team.
  const worksWith: string[] = [];
  subgraph = await createTestSubgraph(teams, undefined, staticWorkingRelations({ partners: { vnpt: worksWith }, organisers: { e: worksWith } }));
  tree = await fakeTwoTierTree(subgraph.db);
  villageTeam = await fakeTeam(subgraph.db, tree.village, { members: 2 });
  worksWith.push(villageTeam.team.id);
  otherTeam = await fakeTeam(subgraph.db, tree.otherCommune, { members: 1 });
});
afterAll(() => subgraph.close());

const MEMBER = `query ($id: ID!) { member(id: $id) { role fullName phone address } }`;

describe('who sees members’ personal data', () => {
  const callers: [string, () => HubClaims | undefined, { name: boolean; contact: boolean }][] = [
    ['an anonymous caller', () => undefined, { name: false, contact: false }],
    ['a member (signed in, no role)', () => ({ sub: 'm', roles: [] }), { name: false, contact: false }],
    ['a partner that trained the team', () => ({ sub: 'p', roles: [Role.PARTNER], partner: 'vnpt' }), { name: true, contact: false }],
    ['a partner that did not', () => ({ sub: 'p2', roles: [Role.PARTNER], partner: 'viettel' }), { name: false, contact: false }],
    ['an organiser of an event the team takes part in', () => ({ sub: 'e', roles: [Role.ORGANISER] }), { name: true, contact: false }],
    ['an organiser of other events', () => ({ sub: 'e2', roles: [Role.ORGANISER] }), { name: false, contact: false }],
    ['the leader of another team', () => ({ sub: 'l2', roles: [Role.TEAM_LEADER], team: otherTeam.team.id }), { name: false, contact: false }],
    ['an officer of another commune', () => ({ sub: 'o2', roles: [Role.OFFICER], units: [tree.otherCommune.code] }), { name: false, contact: false }],
    ['the team’s leader', () => ({ sub: 'l1', roles: [Role.TEAM_LEADER], team: villageTeam.team.id }), { name: true, contact: true }],
    ['an officer over the commune', () => ({ sub: 'o1', roles: [Role.OFFICER], units: [tree.commune.code] }), { name: true, contact: true }],
    ['an officer over the province', () => ({ sub: 'o0', roles: [Role.OFFICER], units: [tree.province.code] }), { name: true, contact: true }],
    ['an admin', () => ({ sub: 'a', roles: [Role.ADMIN] }), { name: true, contact: true }],
  ];

  it.each(callers)('%s', async (_who, as, sees) => {
    const result = await subgraph.execute(MEMBER, { as: as(), variables: { id: villageTeam.members[0].id } });
    const member = result.data?.member;
    expect(member.role).toBe('MEMBER');
    expect(typeof member.fullName === 'string').toBe(sees.name);
    expect(typeof member.phone === 'string').toBe(sees.contact);
    expect(typeof member.address === 'string').toBe(sees.contact);
    const hidden = (sees.name ? 0 : 1) + (sees.contact ? 0 : 2);
    expect(result.errors ?? []).toHaveLength(hidden);
    for (const error of result.errors ?? []) expect(['UNAUTHENTICATED', 'FORBIDDEN']).toContain(error.extensions?.code);
  });
});

describe('updateMemberContact', () => {
  const UPDATE = `mutation ($id: ID!, $input: ContactInput!) { updateMemberContact(memberId: $id, input: $input) { phone address } }`;

  it('lets the leader update a member’s phone and address', async () => {
    const result = await subgraph.execute(UPDATE, {
      as: { sub: 'l1', roles: [Role.TEAM_LEADER], team: villageTeam.team.id },
      variables: { id: villageTeam.members[1].id, input: { phone: '+84912000111', address: 'Xóm Giữa, thôn Một' } },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateMemberContact).toEqual({ phone: '+84912000111', address: 'Xóm Giữa, thôn Một' });
  });

  it('refuses a malformed phone number, naming the field, and anyone outside the team', async () => {
    const leader = { sub: 'l1', roles: [Role.TEAM_LEADER], team: villageTeam.team.id };
    const bad = await subgraph.execute(UPDATE, { as: leader, variables: { id: villageTeam.members[1].id, input: { phone: '0912' } } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phone' });
    const outsider = { sub: 'l2', roles: [Role.TEAM_LEADER], team: otherTeam.team.id };
    const refused = await subgraph.execute(UPDATE, { as: outsider, variables: { id: villageTeam.members[1].id, input: { phone: '0912000222' } } });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    const { personId } = await subgraph.db.manager.findOneByOrFail(Member, { id: villageTeam.members[1].id });
    expect((await subgraph.db.manager.findOneByOrFail(Person, { id: personId })).phone).not.toBe('0912000222');
  });
});

describe('one person in several teams', () => {
  it('lists every team the person is active in', async () => {
    const person = await fakePerson(subgraph.db);
    const communeTeam = await fakeTeam(subgraph.db, tree.commune);
    const inCommune = await fakeMember(subgraph.db, communeTeam.team, { person });
    await fakeMember(subgraph.db, villageTeam.team, { person });
    const result = await subgraph.execute(`query ($id: ID!) { member(id: $id) { teams { id } } }`, {
      variables: { id: inCommune.id },
    });
    expect(result.data?.member.teams.map((team: { id: string }) => team.id).sort()).toEqual(
      [communeTeam.team.id, villageTeam.team.id].sort(),
    );
  });
});

describe('changeMemberRole', () => {
  const CHANGE = `mutation ($id: ID!, $role: MemberRole!, $standing: Boolean) {
    changeMemberRole(memberId: $id, role: $role, standingDeputy: $standing) { role standingDeputy }
  }`;
  const admin = { sub: 'a', roles: [Role.ADMIN] };

  it('allows one standing deputy per team', async () => {
    const { members } = await fakeTeam(subgraph.db, tree.otherVillage, { members: 2 });
    const first = await subgraph.execute(CHANGE, { as: admin, variables: { id: members[0].id, role: 'DEPUTY', standing: true } });
    expect(first.data?.changeMemberRole).toEqual({ role: 'DEPUTY', standingDeputy: true });
    const second = await subgraph.execute(CHANGE, { as: admin, variables: { id: members[1].id, role: 'DEPUTY', standing: true } });
    expect(errorCodes(second)).toEqual(['CONFLICT']);
  });

  it('keeps a collaborator a collaborator while the team is at its member limit', async () => {
    await subgraph.db.manager.update('administrative_unit', { code: tree.otherVillage.code }, { memberLimit: 2 });
    const { team } = await fakeTeam(subgraph.db, tree.otherVillage, { members: 1 });
    const collaborator = await fakeMember(subgraph.db, team, { role: MemberRole.COLLABORATOR });
    const result = await subgraph.execute(CHANGE, { as: admin, variables: { id: collaborator.id, role: 'MEMBER' } });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect((await subgraph.db.manager.findOneByOrFail(Member, { id: collaborator.id })).role).toBe(MemberRole.COLLABORATOR);
  });

  it('does not change the leader this way', async () => {
    const { leader } = await fakeTeam(subgraph.db, tree.village);
    expect(errorCodes(await subgraph.execute(CHANGE, { as: admin, variables: { id: leader.id, role: 'MEMBER' } }))).toEqual(['CONFLICT']);
    const promote = await subgraph.execute(CHANGE, { as: admin, variables: { id: leader.id, role: 'LEADER' } });
    expect(promote.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'role' });
  });
});
