import { Role } from '../subgraphs/common/auth';
import { demoId } from '../subgraphs/common/demo';
import { GIVEN_CONSENT } from '../subgraphs/common/testing/consent';
import { codesOf, post } from './testing/client';
import { startTestHub, type TestHub } from './testing/hub';

/** Issue 18's people journeys through the gateway: a resident's request by reference code, a member who asks to leave. */
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub('people');
});
afterAll(() => hub?.close());

const TEAM = demoId('team:17227.02');
const leader = { sub: 'dev-leader', roles: [Role.TEAM_LEADER], team: TEAM };
const officer = { sub: 'dev-officer', roles: [Role.OFFICER], units: ['17227'] };

async function call(query: string, variables: Record<string, unknown> = {}, claims?: Parameters<TestHub['bearer']>[0]) {
  const headers: Record<string, string> = claims ? { authorization: await hub.bearer(claims) } : {};
  return (await post(hub.gateway.url, { query, variables }, headers)).body;
}

it('lets a resident apply without an account, see the request by phone and code, and withdraw it', async () => {
  const applied = await call(
    `mutation ($input: JoinRequestInput!) { requestToJoin(input: $input) { id status referenceCode team { name } } }`,
    { input: { teamId: TEAM, applicant: { fullName: 'Lương Văn Tuấn', phone: '0915222333', affiliation: 'RESIDENT' }, consent: GIVEN_CONSENT, idempotencyKey: 'people-journey-1' } },
  );
  expect(applied.errors).toBeUndefined();
  const { referenceCode } = applied.data.requestToJoin;
  expect(referenceCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);

  const LOOK_UP = `query ($input: ApplicationReferenceInput!) { membershipRequestByReference(input: $input) { status team { name } applicantPhone } }`;
  const seen = await call(LOOK_UP, { input: { phone: '+84915222333', referenceCode } });
  // The status and the team, never the applicant's details: the caller is anonymous.
  expect(seen.data.membershipRequestByReference).toEqual({ status: 'PENDING', team: { name: applied.data.requestToJoin.team.name }, applicantPhone: null });
  expect(codesOf(seen)).toEqual(['UNAUTHENTICATED']);

  const withdrawn = await call(`mutation ($input: ApplicationReferenceInput!) { withdrawMembershipRequest(input: $input) { status } }`, {
    input: { phone: '0915222333', referenceCode: referenceCode.toLowerCase() },
  });
  expect(withdrawn).toEqual({ data: { withdrawMembershipRequest: { status: 'WITHDRAWN' } } });
});

it('lets a member ask to leave themselves; the leader proposes and the commune officer approves', async () => {
  const roster = await call(`query ($id: ID!) { team(id: $id) { members { id role } } }`, { id: TEAM }, leader);
  const leaving = roster.data.team.members.find((member: { role: string }) => member.role === 'MEMBER' || member.role === 'COLLABORATOR');
  const self = { sub: 'dev-member', roles: [Role.MEMBER], member: leaving.id };

  const asked = await call(
    `mutation ($input: LeaveRequestInput!) { requestToLeave(input: $input) { id status kind } }`,
    { input: { memberId: leaving.id, reason: 'Đi học xa nhà', idempotencyKey: 'people-journey-leave' } },
    self,
  );
  expect(asked.errors).toBeUndefined();
  const { id } = asked.data.requestToLeave;
  expect((await call(`mutation ($id: ID!) { recommendMembershipRequest(id: $id) { status } }`, { id }, leader)).data.recommendMembershipRequest.status).toBe('RECOMMENDED');
  const decided = await call(`mutation ($id: ID!) { decideMembershipRequest(id: $id, approve: true) { status member { leftOn } } }`, { id }, officer);
  expect(decided.errors).toBeUndefined();
  expect(decided.data.decideMembershipRequest.status).toBe('APPROVED');
  expect(decided.data.decideMembershipRequest.member.leftOn).not.toBeNull();
});

it('finds the demo resident’s request waiting for the leader (seed)', async () => {
  const seen = await call(`query ($input: ApplicationReferenceInput!) { membershipRequestByReference(input: $input) { status requestedRole team { id } } }`, {
    input: { phone: '0987654321', referenceCode: 'TANHUNG2' },
  });
  expect(seen).toEqual({ data: { membershipRequestByReference: { status: 'PENDING', requestedRole: 'MEMBER', team: { id: TEAM } } } });
});
