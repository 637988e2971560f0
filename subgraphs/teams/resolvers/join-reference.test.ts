import type { OperationResult } from '../../common/testing/subgraph';
import { AuditEntry } from '../../common/audit';
import { Role } from '../../common/auth';
import { MAX_FAILED_LOOKUPS } from '../../common/reference-codes';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { teams } from '..';
import { MembershipRequest } from '../entities';
import { fakePerson, fakeTeam, fakeTwoTierTree } from '../testing/factories';
import { GIVEN_CONSENT } from '../../common/testing/consent';

let subgraph: TestSubgraph;
let tree: Awaited<ReturnType<typeof fakeTwoTierTree>>;

beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
  tree = await fakeTwoTierTree(subgraph.db);
});
afterAll(() => subgraph.close());

const JOIN = `mutation ($input: JoinRequestInput!) { requestToJoin(input: $input) { id status referenceCode notice enrolledAsCollaboratorAtLimit } }`;
const LOOK_UP = `query ($input: ApplicationReferenceInput!) {
  membershipRequestByReference(input: $input) { id status kind requestedRole referenceCode notice enrolledAsCollaboratorAtLimit team { name } }
}`;
const WITHDRAW = `mutation ($input: ApplicationReferenceInput!) { withdrawMembershipRequest(input: $input) { id status } }`;
const RECOMMEND = `mutation ($id: ID!) { recommendMembershipRequest(id: $id) { status } }`;
const DECIDE = `mutation ($id: ID!) { decideMembershipRequest(id: $id, approve: true) { status notice enrolledAsCollaboratorAtLimit member { role } } }`;

const leaderOf = (teamId: string) => ({ sub: `leader-${teamId}`, roles: [Role.TEAM_LEADER], team: teamId });
const chairman = () => ({ sub: 'chairman', roles: [Role.OFFICER], units: [tree.commune.code] });

function ok<T>(result: OperationResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

let phones = 0;
const phone = () => `09${String(40_000_000 + (phones += 1))}`;

async function apply(teamId: string, applicantPhone = phone(), idempotencyKey?: string) {
  const applicant = { fullName: `Lò Thị Xuân ${phones}`, phone: applicantPhone, affiliation: 'RESIDENT', role: 'MEMBER' };
  const answer = ok(await subgraph.execute(JOIN, { variables: { input: { teamId, applicant, idempotencyKey, consent: GIVEN_CONSENT } } })).requestToJoin;
  return { ...answer, phone: applicantPhone };
}

const lookUp = (phoneNumber: string, referenceCode: string) => subgraph.execute(LOOK_UP, { variables: { input: { phone: phoneNumber, referenceCode } } });
const withdraw = (phoneNumber: string, referenceCode: string) => subgraph.execute(WITHDRAW, { variables: { input: { phone: phoneNumber, referenceCode } } });

it('gives the resident a reference code in the answer only, the same on a retry, and finds the request by it', async () => {
  const { team } = await fakeTeam(subgraph.db, tree.village);
  const first = await apply(team.id, phone(), 'join-retry-1');
  expect(first.referenceCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  const retry = await apply(team.id, first.phone, 'join-retry-1');
  expect(retry).toMatchObject({ id: first.id, referenceCode: first.referenceCode });
  expect(await subgraph.db.manager.countBy(MembershipRequest, { teamId: team.id })).toBe(1);

  const typed = `${first.referenceCode!.slice(0, 4).toLowerCase()}-${first.referenceCode!.slice(4)}`;
  const found = ok(await lookUp(first.phone.replace(/^0/, '+84'), typed)).membershipRequestByReference;
  expect(found).toMatchObject({ id: first.id, status: 'PENDING', kind: 'JOIN', requestedRole: 'MEMBER', referenceCode: null, team: { name: team.name } });
});

it('finds the request of someone already known by the phone on their record', async () => {
  const { team } = await fakeTeam(subgraph.db, tree.village);
  const person = await fakePerson(subgraph.db, { phone: phone() });
  const request = await subgraph.db.manager.save(
    subgraph.db.manager.create(MembershipRequest, { kind: 'JOIN', teamId: team.id, personId: person.id, affiliation: 'RESIDENT', requestedRole: 'MEMBER', referenceCode: 'KNWN2345' } as Partial<MembershipRequest>),
  );
  expect(ok(await lookUp(person.phone!, 'KNWN2345')).membershipRequestByReference.id).toBe(request.id);
});

it('answers a wrong phone and a wrong code alike, and locks the code after a few wrong phones', async () => {
  const { team } = await fakeTeam(subgraph.db, tree.village);
  const applied = await apply(team.id);
  const wrongCode = await lookUp(applied.phone, 'ZZZZZZZZ');
  expect(wrongCode.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'referenceCode' });
  for (let attempt = 0; attempt < MAX_FAILED_LOOKUPS; attempt += 1) {
    const wrongPhone = await lookUp('0999999999', applied.referenceCode!);
    expect(wrongPhone.errors?.[0].message).toBe(wrongCode.errors?.[0].message);
  }
  expect(errorCodes(await lookUp(applied.phone, applied.referenceCode!))).toEqual(['TOO_MANY_ATTEMPTS']);
  expect(errorCodes(await withdraw(applied.phone, applied.referenceCode!))).toEqual(['TOO_MANY_ATTEMPTS']);
  expect((await subgraph.db.manager.findOneByOrFail(MembershipRequest, { id: applied.id })).status).toBe('PENDING');
});

it('lets the resident withdraw an open request, once, audited without their phone; a new application may follow', async () => {
  const { team } = await fakeTeam(subgraph.db, tree.village);
  const applied = await apply(team.id);
  ok(await subgraph.execute(RECOMMEND, { as: leaderOf(team.id), variables: { id: applied.id } }));
  expect(ok(await withdraw(applied.phone, applied.referenceCode!)).withdrawMembershipRequest).toEqual({ id: applied.id, status: 'WITHDRAWN' });
  // A retry on a weak connection answers the same and writes nothing more.
  const entries = await subgraph.db.manager.countBy(AuditEntry, { action: 'withdrawMembershipRequest', entityId: applied.id });
  expect(ok(await withdraw(applied.phone, applied.referenceCode!)).withdrawMembershipRequest.status).toBe('WITHDRAWN');
  expect(await subgraph.db.manager.countBy(AuditEntry, { action: 'withdrawMembershipRequest', entityId: applied.id })).toBe(entries);
  expect(entries).toBe(1);
  const [entry] = await subgraph.db.manager.findBy(AuditEntry, { action: 'withdrawMembershipRequest', entityId: applied.id });
  expect(JSON.stringify(entry)).not.toContain(applied.phone);

  expect((await apply(team.id, applied.phone)).status).toBe('PENDING');
});

it('refuses to withdraw a decided request, naming the code, writing nothing', async () => {
  const { team } = await fakeTeam(subgraph.db, tree.village);
  const applied = await apply(team.id);
  ok(await subgraph.execute(RECOMMEND, { as: leaderOf(team.id), variables: { id: applied.id } }));
  ok(await subgraph.execute(DECIDE, { as: chairman(), variables: { id: applied.id } }));
  const refused = await withdraw(applied.phone, applied.referenceCode!);
  expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'referenceCode' });
  expect(refused.errors?.[0].message).toMatch(/không rút được/);
  expect((await subgraph.db.manager.findOneByOrFail(MembershipRequest, { id: applied.id })).status).toBe('APPROVED');
});

it('needs a phone from a resident who applies without signing in, and writes nothing without one', async () => {
  const { team } = await fakeTeam(subgraph.db, tree.village);
  const applicant = { fullName: 'Lò Văn Không Số', affiliation: 'RESIDENT' };
  const refused = await subgraph.execute(JOIN, { variables: { input: { teamId: team.id, applicant } } });
  expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'applicant.phone' });
  expect(await subgraph.db.manager.countBy(MembershipRequest, { teamId: team.id })).toBe(0);
});

it('says plainly, on applying and on approval, that a full team enrols a MEMBER applicant as a collaborator', async () => {
  await subgraph.db.manager.update('administrative_unit', { code: tree.otherVillage.code }, { memberLimit: 2 });
  const { team } = await fakeTeam(subgraph.db, tree.otherVillage, { members: 1 });
  const applied = await apply(team.id);
  expect(applied.notice).toBe('Tổ đã đủ 2 thành viên (giới hạn số thành viên của tổ): nếu đơn được duyệt, người xin gia nhập sẽ là cộng tác viên của tổ.');
  ok(await subgraph.execute(RECOMMEND, { as: leaderOf(team.id), variables: { id: applied.id } }));
  const decided = ok(await subgraph.execute(DECIDE, { as: chairman(), variables: { id: applied.id } })).decideMembershipRequest;
  expect(decided).toEqual({
    status: 'APPROVED',
    member: { role: 'COLLABORATOR' },
    enrolledAsCollaboratorAtLimit: 2,
    notice: 'Đã nhận vào tổ với vai trò cộng tác viên, không phải thành viên, vì tổ đã đủ 2 thành viên (giới hạn số thành viên của tổ).',
  });
  // The resident reads the same on their status page.
  expect(ok(await lookUp(applied.phone, applied.referenceCode!)).membershipRequestByReference.enrolledAsCollaboratorAtLimit).toBe(2);
});

it('says nothing of the limit to a team with room', async () => {
  const { team } = await fakeTeam(subgraph.db, tree.village);
  const applied = await apply(team.id);
  expect(applied.notice).toBeNull();
  ok(await subgraph.execute(RECOMMEND, { as: leaderOf(team.id), variables: { id: applied.id } }));
  expect(ok(await subgraph.execute(DECIDE, { as: chairman(), variables: { id: applied.id } })).decideMembershipRequest).toMatchObject({
    member: { role: 'MEMBER' },
    enrolledAsCollaboratorAtLimit: null,
    notice: null,
  });
});
