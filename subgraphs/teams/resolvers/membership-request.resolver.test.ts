import { Role } from '../../common/auth';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { teams } from '..';
import { IsNull } from 'typeorm';
import { Affiliation, Member, MemberRole, MembershipRequest, MembershipRequestKind, MembershipRequestStatus } from '../entities';
import { fakeMember, fakeTeam, fakeTwoTierTree } from '../testing/factories';
import { GIVEN_CONSENT } from '../../common/testing/consent';

let subgraph: TestSubgraph;
let tree: Awaited<ReturnType<typeof fakeTwoTierTree>>;

beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
  tree = await fakeTwoTierTree(subgraph.db);
});
afterAll(() => subgraph.close());

const leaderOf = (teamId: string) => ({ sub: `leader-${teamId}`, roles: [Role.TEAM_LEADER], team: teamId });
const chairman = () => ({ sub: 'chairman', roles: [Role.OFFICER], units: [tree.commune.code] });

const JOIN = `mutation ($input: JoinRequestInput!) { requestToJoin(input: $input) { id status kind requestedRole } }`;
const LEAVE = `mutation ($input: LeaveRequestInput!) { requestToLeave(input: $input) { id status kind } }`;
const RECOMMEND = `mutation ($id: ID!) { recommendMembershipRequest(id: $id) { status } }`;
const DECIDE = `mutation ($id: ID!, $approve: Boolean!, $note: String) {
  decideMembershipRequest(id: $id, approve: $approve, note: $note) {
    status decisionNote member { id role fullName leftOn }
  }
}`;

const applicant = { fullName: 'Vi Thị Hồng', phone: '0977123456', address: 'Bản Một', affiliation: 'STUDENT' };

async function apply(teamId: string, overrides: Record<string, unknown> = {}) {
  const result = await subgraph.execute(JOIN, { variables: { input: { teamId, consent: GIVEN_CONSENT, applicant: { ...applicant, ...overrides } } } });
  expect(result.errors).toBeUndefined();
  return result.data?.requestToJoin.id as string;
}

describe('joining: the resident applies, the leader recommends, the commune chairman approves', () => {
  it('creates the membership only once approved', async () => {
    const { team } = await fakeTeam(subgraph.db, tree.village);
    const id = await apply(team.id);
    expect(await subgraph.db.manager.countBy(Member, { teamId: team.id })).toBe(1);

    expect((await subgraph.execute(RECOMMEND, { as: leaderOf(team.id), variables: { id } })).data?.recommendMembershipRequest.status).toBe('RECOMMENDED');
    const decided = await subgraph.execute(DECIDE, { as: chairman(), variables: { id, approve: true, note: 'Đồng ý' } });
    expect(decided.errors).toBeUndefined();
    expect(decided.data?.decideMembershipRequest).toMatchObject({
      status: 'APPROVED',
      decisionNote: 'Đồng ý',
      member: { role: 'MEMBER', fullName: 'Vi Thị Hồng', leftOn: null },
    });
    expect(await subgraph.db.manager.countBy(Member, { teamId: team.id })).toBe(2);
  });

  it('does not approve before the leader recommends, and decides only once', async () => {
    const { team } = await fakeTeam(subgraph.db, tree.village);
    const id = await apply(team.id);
    expect(errorCodes(await subgraph.execute(DECIDE, { as: chairman(), variables: { id, approve: true } }))).toEqual(['CONFLICT']);
    await subgraph.execute(RECOMMEND, { as: leaderOf(team.id), variables: { id } });
    expect((await subgraph.execute(DECIDE, { as: chairman(), variables: { id, approve: false } })).data?.decideMembershipRequest.status).toBe('REJECTED');
    expect(errorCodes(await subgraph.execute(DECIDE, { as: chairman(), variables: { id, approve: true } }))).toEqual(['CONFLICT']);
    expect(await subgraph.db.manager.countBy(Member, { teamId: team.id })).toBe(1);
  });

  it('leaves approval to officers over the commune, not the leader or a village-level officer', async () => {
    const { team } = await fakeTeam(subgraph.db, tree.village);
    const id = await apply(team.id);
    await subgraph.execute(RECOMMEND, { as: leaderOf(team.id), variables: { id } });
    for (const as of [leaderOf(team.id), { sub: 'v', roles: [Role.OFFICER], units: [tree.village.code] }, { sub: 'x', roles: [Role.OFFICER], units: [tree.otherCommune.code] }]) {
      expect(errorCodes(await subgraph.execute(DECIDE, { as, variables: { id, approve: true } }))).toEqual(['FORBIDDEN']);
    }
    expect(errorCodes(await subgraph.execute(RECOMMEND, { as: leaderOf(team.id), variables: { id } }))).toEqual(['CONFLICT']);
  });

  it('only lets the team’s own leader recommend', async () => {
    const { team } = await fakeTeam(subgraph.db, tree.village);
    const other = await fakeTeam(subgraph.db, tree.otherVillage);
    const id = await apply(team.id);
    expect(errorCodes(await subgraph.execute(RECOMMEND, { as: leaderOf(other.team.id), variables: { id } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.execute(RECOMMEND, { variables: { id } }))).toEqual(['UNAUTHENTICATED']);
  });

  it('admits a newcomer beyond the member limit as a collaborator', async () => {
    await subgraph.db.manager.update('administrative_unit', { code: tree.otherVillage.code }, { memberLimit: 2 });
    const { team } = await fakeTeam(subgraph.db, tree.otherVillage, { members: 1 });
    const id = await apply(team.id);
    await subgraph.execute(RECOMMEND, { as: leaderOf(team.id), variables: { id } });
    const decided = await subgraph.execute(DECIDE, { as: chairman(), variables: { id, approve: true } });
    expect(decided.data?.decideMembershipRequest.member.role).toBe('COLLABORATOR');
  });

  it('counts the roster once per approval even when approvals arrive together', async () => {
    await subgraph.db.manager.update('administrative_unit', { code: tree.otherVillage.code }, { memberLimit: 3 });
    const { team } = await fakeTeam(subgraph.db, tree.otherVillage);
    const ids: string[] = [];
    for (let n = 0; n < 5; n += 1) ids.push(await apply(team.id, { fullName: `Người thứ ${n}`, phone: `097712345${n}` }));
    for (const id of ids) await subgraph.execute(RECOMMEND, { as: leaderOf(team.id), variables: { id } });
    const decided = await Promise.all(ids.map((id) => subgraph.execute(DECIDE, { as: chairman(), variables: { id, approve: true } })));
    const roles = decided.map((result) => result.data?.decideMembershipRequest.member.role).sort();
    expect(roles).toEqual(['COLLABORATOR', 'COLLABORATOR', 'COLLABORATOR', 'MEMBER', 'MEMBER']);
  });

  it('refuses an application that names its field when invalid, and writes nothing', async () => {
    const { team } = await fakeTeam(subgraph.db, tree.village);
    const before = await subgraph.db.manager.count(MembershipRequest);
    const result = await subgraph.execute(JOIN, { variables: { input: { teamId: team.id, consent: GIVEN_CONSENT, applicant: { ...applicant, phone: 'abc' } } } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'applicant.phone' });
    const asLeader = await subgraph.execute(JOIN, { variables: { input: { teamId: team.id, consent: GIVEN_CONSENT, applicant: { ...applicant, role: 'LEADER' } } } });
    expect(asLeader.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'applicant.role' });
    expect(await subgraph.db.manager.count(MembershipRequest)).toBe(before);
  });

  it('shows applicants’ details only to the team’s managers', async () => {
    const { team } = await fakeTeam(subgraph.db, tree.village);
    await apply(team.id);
    const REQUESTS = `query ($team: ID!) { membershipRequests(teamId: $team, openOnly: true) { applicantName applicantPhone } }`;
    const seen = await subgraph.execute(REQUESTS, { as: leaderOf(team.id), variables: { team: team.id } });
    expect(seen.data?.membershipRequests).toEqual([{ applicantName: 'Vi Thị Hồng', applicantPhone: '0977123456' }]);
    const partner = { sub: 'p', roles: [Role.PARTNER], partner: 'mobifone' };
    expect(errorCodes(await subgraph.execute(REQUESTS, { as: partner, variables: { team: team.id } }))).toEqual(['FORBIDDEN']);
  });
});

describe('leaving: the member asks, the leader proposes, the chairman approves', () => {
  it('ends the membership and keeps it in the team’s history', async () => {
    const { team, members } = await fakeTeam(subgraph.db, tree.village, { members: 1 });
    const filed = await subgraph.execute(LEAVE, { as: leaderOf(team.id), variables: { input: { memberId: members[0].id, reason: 'Đi làm xa' } } });
    const id = filed.data?.requestToLeave.id;
    expect(filed.data?.requestToLeave).toMatchObject({ kind: 'LEAVE', status: 'PENDING' });
    expect(errorCodes(await subgraph.execute(LEAVE, { as: leaderOf(team.id), variables: { input: { memberId: members[0].id } } }))).toEqual(['CONFLICT']);

    await subgraph.execute(RECOMMEND, { as: leaderOf(team.id), variables: { id } });
    const decided = await subgraph.execute(DECIDE, { as: chairman(), variables: { id, approve: true } });
    expect(decided.data?.decideMembershipRequest.member.leftOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const ROSTER = `query ($id: ID!) { team(id: $id) { members { id } former: members(includeFormer: true) { id leftOn } } }`;
    const roster = await subgraph.execute(ROSTER, { variables: { id: team.id } });
    expect(roster.data?.team.members.map((member: { id: string }) => member.id)).not.toContain(members[0].id);
    expect(roster.data?.team.former).toContainEqual({ id: members[0].id, leftOn: expect.any(String) });
  });

  it('does not let the leader leave before another leader is appointed', async () => {
    const { team, leader } = await fakeTeam(subgraph.db, tree.village);
    expect(errorCodes(await subgraph.execute(LEAVE, { as: leaderOf(team.id), variables: { input: { memberId: leader.id } } }))).toEqual(['CONFLICT']);
  });

  it('lets someone already in the commune team join a village team as the same person', async () => {
    const communeTeam = await fakeTeam(subgraph.db, tree.commune);
    const inCommune = await fakeMember(subgraph.db, communeTeam.team);
    const { team } = await fakeTeam(subgraph.db, tree.village);
    const result = await subgraph.execute(JOIN, {
      as: chairman(),
      variables: { input: { teamId: team.id, consent: GIVEN_CONSENT, applicant: { existingMemberId: inCommune.id, affiliation: 'YOUTH_UNION' } } },
    });
    const id = result.data?.requestToJoin.id;
    await subgraph.execute(RECOMMEND, { as: leaderOf(team.id), variables: { id } });
    const decided = await subgraph.execute(DECIDE, { as: chairman(), variables: { id, approve: true } });
    const joined = await subgraph.db.manager.findOneByOrFail(Member, { id: decided.data?.decideMembershipRequest.member.id });
    expect(joined.personId).toBe(inCommune.personId);
  });
});

describe('one person, one membership per team (issue 14, defect 4)', () => {
  const applyAs = (teamId: string, phone: string, fullName = applicant.fullName) =>
    subgraph.execute(JOIN, { variables: { input: { teamId, consent: GIVEN_CONSENT, applicant: { ...applicant, fullName, phone } } } });

  it('refuses a second open request to join the team with the same phone, in either form, and writes nothing', async () => {
    const { team } = await fakeTeam(subgraph.db, tree.village);
    expect((await applyAs(team.id, '0977000111')).errors).toBeUndefined();
    const second = await applyAs(team.id, '+84977000111', 'Vi Thị Hồng Nhung');
    expect(errorCodes(second)).toEqual(['CONFLICT']);
    expect(second.errors![0].message).toMatch(/đang chờ xét duyệt/);
    expect(await subgraph.db.manager.countBy(MembershipRequest, { teamId: team.id })).toBe(1);
    // Another team may take the same person.
    const other = await fakeTeam(subgraph.db, tree.otherVillage);
    expect((await applyAs(other.team.id, '0977000111')).errors).toBeUndefined();
  });

  it('refuses a request to join from a phone already on the roster', async () => {
    const { team } = await fakeTeam(subgraph.db, tree.village);
    const id = (await applyAs(team.id, '0977000222')).data?.requestToJoin.id;
    await subgraph.execute(RECOMMEND, { as: leaderOf(team.id), variables: { id } });
    expect((await subgraph.execute(DECIDE, { as: chairman(), variables: { id, approve: true } })).errors).toBeUndefined();
    expect(errorCodes(await applyAs(team.id, '0977000222'))).toEqual(['CONFLICT']);
  });

  it('makes one membership of two requests with one phone approved together', async () => {
    const { team } = await fakeTeam(subgraph.db, tree.village);
    // Two open requests for one phone, as filed before the rule: written straight to the database.
    const requests = await Promise.all(
      ['0977000333', '+84977000333'].map((phone) =>
        subgraph.db.manager.save(
          subgraph.db.manager.create(MembershipRequest, {
            kind: MembershipRequestKind.JOIN,
            status: MembershipRequestStatus.RECOMMENDED,
            teamId: team.id,
            applicantName: applicant.fullName,
            applicantPhone: phone,
            affiliation: Affiliation.STUDENT,
            requestedRole: MemberRole.MEMBER,
          }),
        ),
      ),
    );
    const results = await Promise.all(requests.map(({ id }) => subgraph.execute(DECIDE, { as: chairman(), variables: { id, approve: true } })));
    expect(results.flatMap(errorCodes)).toEqual(['CONFLICT']);
    expect(await subgraph.db.manager.countBy(Member, { teamId: team.id, leftOn: IsNull() })).toBe(2); // the leader and the applicant
  });
});

describe('a member asks to leave themselves (seed 004: thành viên tự nguyện xin thôi)', () => {
  const memberSelf = (memberId: string) => ({ sub: `member-${memberId}`, roles: [Role.MEMBER], member: memberId });

  it('files their own request, once per key; the leader proposes, the chairman decides', async () => {
    const { team, members } = await fakeTeam(subgraph.db, tree.village, { members: 2 });
    const [leaving, other] = members.filter((member) => member.role !== MemberRole.LEADER);
    const input = { memberId: leaving.id, reason: 'Chuyển đi làm ăn xa', idempotencyKey: `leave-${leaving.id}` };
    const filed = await subgraph.execute(LEAVE, { as: memberSelf(leaving.id), variables: { input } });
    expect(filed.data?.requestToLeave).toMatchObject({ status: 'PENDING', kind: 'LEAVE' });
    const retried = await subgraph.execute(LEAVE, { as: memberSelf(leaving.id), variables: { input } });
    expect(retried.data?.requestToLeave.id).toBe(filed.data?.requestToLeave.id);
    expect(await subgraph.db.manager.countBy(MembershipRequest, { memberId: leaving.id })).toBe(1);

    const id = filed.data?.requestToLeave.id as string;
    // A member decides nothing, not even on their own request.
    expect(errorCodes(await subgraph.execute(RECOMMEND, { as: memberSelf(leaving.id), variables: { id } }))).toEqual(['FORBIDDEN']);
    await subgraph.execute(RECOMMEND, { as: leaderOf(team.id), variables: { id } });
    const decided = await subgraph.execute(DECIDE, { as: chairman(), variables: { id, approve: true } });
    expect(decided.data?.decideMembershipRequest.member.leftOn).not.toBeNull();
    expect((await subgraph.db.manager.findOneByOrFail(Member, { id: other.id })).leftOn).toBeNull();
  });

  it('may not ask for another member, and writes nothing', async () => {
    const { members } = await fakeTeam(subgraph.db, tree.village, { members: 2 });
    const [one, another] = members.filter((member) => member.role !== MemberRole.LEADER);
    const refused = await subgraph.execute(LEAVE, { as: memberSelf(another.id), variables: { input: { memberId: one.id } } });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(await subgraph.db.manager.countBy(MembershipRequest, { memberId: one.id })).toBe(0);
  });
});
