import { randomUUID } from 'node:crypto';
import { callersOver, testAuthorizationMatrix } from '../common/testing/authorization';
import { createTestSubgraph, type TestSubgraph } from '../common/testing/subgraph';
import { teams } from '.';
import { teamsAuthorization } from './authorization';
import { Affiliation, MembershipRequest, MembershipRequestKind, type Member, type Team } from './entities';
import { fakeMember, fakeTeam, fakeTwoTierTree } from './testing/factories';

let subgraph: TestSubgraph;
let tree: Awaited<ReturnType<typeof fakeTwoTierTree>>;
let team: Team;
let member: Member;
let applied: MembershipRequest;
let callers: ReturnType<typeof callersOver>;
let serial = 0;

beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
  tree = await fakeTwoTierTree(subgraph.db);
  ({ team } = await fakeTeam(subgraph.db, tree.village));
  const { team: otherTeam } = await fakeTeam(subgraph.db, tree.otherCommune);
  member = await fakeMember(subgraph.db, team);
  applied = await joinRequest();
  callers = callersOver({
    unitCode: tree.commune.code,
    otherUnitCode: tree.otherCommune.code,
    teamId: team.id,
    otherTeamId: otherTeam.id,
    partnerId: randomUUID(),
    otherPartnerId: randomUUID(),
  });
});
afterAll(() => subgraph.close());

const newcomer = () => ({ fullName: `Lê Thị ${(serial += 1)}`, phone: `0987${String(serial).padStart(6, '0')}`, affiliation: 'RESIDENT' });

function joinRequest(): Promise<MembershipRequest> {
  return subgraph.db.manager.save(
    subgraph.db.manager.create(MembershipRequest, {
      kind: MembershipRequestKind.JOIN,
      teamId: team.id,
      applicantName: 'Phạm Văn Nộp',
      applicantPhone: '0911222333',
      applicantAddress: 'Thôn Một',
      affiliation: Affiliation.RESIDENT,
    }),
  );
}

const memberField = (field: string) => ({
  operation: () => ({ query: `query ($id: ID!) { member(id: $id) { ${field} } }`, variables: { id: member.id } }),
  value: (data: any) => data.member?.[field],
});
const applicantField = (field: string) => ({
  operation: () => ({ query: `query ($teamId: ID!) { membershipRequests(teamId: $teamId) { id ${field} } }`, variables: { teamId: team.id } }),
  value: (data: any) => data.membershipRequests?.find((request: any) => request.id === applied.id)?.[field],
});

testAuthorizationMatrix(teamsAuthorization, {
  subgraph: () => subgraph,
  callers: () => callers,
  probes: {
    mutations: {
      createTeam: () => ({
        query: 'mutation ($input: CreateTeamInput!) { createTeam(input: $input) { id } }',
        variables: { input: { unitCode: tree.village.code, name: `Tổ thôn ${(serial += 1)}`, leader: newcomer() } },
      }),
      updateTeam: () => ({
        query: 'mutation ($id: ID!) { updateTeam(id: $id, input: { decisionNumber: "02/QĐ-UBND" }) { id } }',
        variables: { id: team.id },
      }),
      appointLeader: async () => ({
        query: 'mutation ($id: ID!) { appointLeader(memberId: $id) { id } }',
        variables: { id: (await fakeMember(subgraph.db, team)).id },
      }),
      createSubGroup: () => ({
        query: 'mutation ($teamId: ID!) { createSubGroup(teamId: $teamId, input: { name: "Nhóm tập huấn", kind: TRAINING }) { id } }',
        variables: { teamId: team.id },
      }),
      changeMemberRole: async () => ({
        query: 'mutation ($id: ID!) { changeMemberRole(memberId: $id, role: DEPUTY) { id } }',
        variables: { id: (await fakeMember(subgraph.db, team)).id },
      }),
      updateMemberContact: () => ({
        query: 'mutation ($id: ID!) { updateMemberContact(memberId: $id, input: { address: "Số 2, thôn Một" }) { id } }',
        variables: { id: member.id },
      }),
      requestToJoin: () => ({
        query: 'mutation ($input: JoinRequestInput!) { requestToJoin(input: $input) { id } }',
        variables: { input: { teamId: team.id, applicant: newcomer() } },
      }),
      requestToLeave: async () => ({
        query: 'mutation ($id: ID!) { requestToLeave(input: { memberId: $id }) { id } }',
        variables: { id: (await fakeMember(subgraph.db, team)).id },
      }),
      recommendMembershipRequest: async () => ({
        query: 'mutation ($id: ID!) { recommendMembershipRequest(id: $id) { id } }',
        variables: { id: (await joinRequest()).id },
      }),
      decideMembershipRequest: async () => ({
        query: 'mutation ($id: ID!) { decideMembershipRequest(id: $id, approve: false, note: "Chưa đủ điều kiện") { id } }',
        variables: { id: (await joinRequest()).id },
      }),
      createAdministrativeUnit: () => ({
        query: 'mutation ($input: CreateAdministrativeUnitInput!) { createAdministrativeUnit(input: $input) { code } }',
        variables: { input: { code: `AZ${(serial += 1)}`, name: 'Thôn Mới', level: 'VILLAGE', parentCode: tree.commune.code } },
      }),
      setMemberLimit: () => ({
        query: 'mutation ($code: String!) { setMemberLimit(input: { unitCode: $code, limit: 15 }) { code } }',
        variables: { code: tree.village.code },
      }),
    },
    fields: {
      'Member.fullName': memberField('fullName'),
      'Member.phone': memberField('phone'),
      'Member.address': memberField('address'),
      'MembershipRequest.applicantName': applicantField('applicantName'),
      'MembershipRequest.applicantPhone': applicantField('applicantPhone'),
      'MembershipRequest.applicantAddress': applicantField('applicantAddress'),
      'Query.membershipRequests': {
        operation: () => ({ query: 'query ($teamId: ID!) { membershipRequests(teamId: $teamId) { id } }', variables: { teamId: team.id } }),
        value: (data) => data.membershipRequests,
      },
      'Query.teamsAuditTrail': {
        operation: () => ({ query: 'query ($code: String) { teamsAuditTrail(unitCode: $code) { action } }', variables: { code: tree.commune.code } }),
        value: (data) => data.teamsAuditTrail,
      },
    },
  },
});

describe('the teams audit trail', () => {
  type Trail = { teamsAuditTrail: { actor: string | null; action: string; entityId: string; before: string | null; after: string | null }[] };
  const TRAIL = 'query ($code: String) { teamsAuditTrail(unitCode: $code, first: 100) { actor action entityId before after } }';

  it('says who changed what, before and after, under the unit', async () => {
    const { data, errors } = await subgraph.execute<Trail>(TRAIL, { as: callers.officer, variables: { code: tree.commune.code } });
    expect(errors).toBeUndefined();
    // The first of the allowed callers set the limit from none to 15; the others from 15 to 15.
    const limits = data!.teamsAuditTrail.filter((entry) => entry.action === 'setMemberLimit');
    expect(limits.map(({ entityId, before, after }) => ({ entityId, before: JSON.parse(before!), after: JSON.parse(after!) }))).toContainEqual({
      entityId: tree.village.code,
      before: { memberLimit: null },
      after: { memberLimit: 15 },
    });
    const joinedBy = data!.teamsAuditTrail.filter((entry) => entry.action === 'requestToJoin').map((entry) => entry.actor);
    expect(joinedBy).toEqual(expect.arrayContaining([null, 'leader', 'partner-staff'])); // a resident applies without signing in
  });

  it('keeps members’ and applicants’ phones and addresses out of it', async () => {
    const { data } = await subgraph.execute<Trail>(TRAIL, { as: callers.admin });
    const written = data!.teamsAuditTrail.map((entry) => `${entry.before} ${entry.after}`).join('\n');
    expect(written).not.toMatch(/0\d{9}|Số 2, thôn Một/);
    const contact = data!.teamsAuditTrail.find((entry) => entry.action === 'updateMemberContact');
    expect(JSON.parse(contact!.after!)).toEqual({ changed: { phone: false, address: true } });
  });
});
