import { Role } from '../subgraphs/common/auth';
import { demoId } from '../subgraphs/common/demo';
import { dataSubjectClaims } from '../subgraphs/common/testing/data-subject';
import { codesOf, post } from './testing/client';
import { startTestHub, type TestHub } from './testing/hub';

/** Issue 18's recognition journeys through the gateway, on the demo data: the nomination form, the approval queue, the honour roll. */
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub('recognition');
}, 120_000); // the whole hub, seeded, on a shared machine
afterAll(() => hub?.close());

const CAMPAIGN = demoId('campaign:40:2025-10');
const officer = { sub: 'dev-officer', roles: [Role.OFFICER], units: ['17227'] };
const provinceOfficer = { sub: 'dev-province-officer-2', roles: [Role.OFFICER], units: ['40'] };
const leader = { sub: 'dev-leader', roles: [Role.TEAM_LEADER], team: demoId('team:17227.02') };

async function call(query: string, variables: Record<string, unknown> = {}, claims?: Parameters<TestHub['bearer']>[0]) {
  const headers: Record<string, string> = claims ? { authorization: await hub.bearer(claims) } : {};
  return (await post(hub.gateway.url, { query, variables }, headers)).body;
}

const FORM = `query ($id: ID!, $code: String!) {
  nominations(campaignId: $id, unitCode: $code) {
    place provinceCode birthYear occupation achievements residentsGuided householdVisits trainingsAttended
    campaign { title criteria }
    member { fullName team { name } trainingsAttended { title } }
  }
}`;

it('shows the commune officer the province’s two nominations with the form, and the trainings partners recorded (federation)', async () => {
  const form = await call(FORM, { id: CAMPAIGN, code: '17227' }, officer);
  expect(form.errors).toBeUndefined();
  const nominations = form.data.nominations as any[];
  expect(nominations.map((nomination) => nomination.place)).toEqual([1, 2]);
  expect(nominations[0]).toMatchObject({ provinceCode: '40', birthYear: 1996, campaign: { criteria: expect.arrayContaining(['Số hộ gia đình được đến tận nhà hướng dẫn']) } });
  expect(nominations[0].member.fullName).toEqual(expect.any(String));
  // The partners subgraph recorded the commune leader at Viettel's and VNPT's trainings.
  expect(nominations[0].member.trainingsAttended.length).toBeGreaterThan(0);

  const asLeader = await call(FORM, { id: CAMPAIGN, code: '17227' }, leader);
  expect(codesOf(asLeader)).toContain('FORBIDDEN');
  expect(asLeader.data?.nominations ?? null).toBeNull();
});

const ROLL = `query { honourRoll(unitCode: "40") { id name nomineeKind rewardTitle unitName campaignTitle } }`;

it('takes a village’s proposal up the tree: the commune approves from its queue, then the province; the approved one joins the public roll without the resident’s name', async () => {
  const QUEUE = `query { rewardProposals(unitCode: "17227", status: PROPOSED) { id fullName nomineeKind decidableByMe } }`;
  const queue = await call(QUEUE, {}, officer);
  expect(queue.errors).toBeUndefined();
  const waiting = (queue.data.rewardProposals as any[]).find((proposal) => proposal.fullName === 'Moong Văn Sơn');
  expect(waiting).toMatchObject({ nomineeKind: 'RESIDENT', decidableByMe: true });

  // The commune's approval sends it on to the province, whose approval puts it on the roll.
  const DECIDE = `mutation ($id: ID!) { decideRewardProposal(id: $id, decision: APPROVE) { status levelsApproved awaitingUnitName } }`;
  const atCommune = await call(DECIDE, { id: waiting.id }, officer);
  expect(atCommune.errors).toBeUndefined();
  expect(atCommune.data.decideRewardProposal).toMatchObject({ status: 'PROPOSED', levelsApproved: 1, awaitingUnitName: expect.stringContaining('Nghệ An') });
  expect(((await call(ROLL)).data.honourRoll as { id: string }[]).map((entry) => entry.id)).not.toContain(waiting.id);
  const atProvince = await call(DECIDE, { id: waiting.id }, provinceOfficer);
  expect(atProvince.errors).toBeUndefined();
  expect(atProvince.data.decideRewardProposal.status).toBe('APPROVED');

  // Anonymous: the roll names the member who agreed, the business and the partner; residents stay unnamed.
  const roll = await call(ROLL);
  expect(roll.errors).toBeUndefined();
  const entries = roll.data.honourRoll as { id: string; name: string | null; nomineeKind: string }[];
  expect(entries.find((entry) => entry.id === waiting.id)).toMatchObject({ name: null, nomineeKind: 'RESIDENT' });
  expect(entries.map((entry) => entry.name)).toEqual(expect.arrayContaining(['Lô Minh Dũng', 'Hợp tác xã Chè Tam Quang', 'Viettel Nghệ An']));
  expect(JSON.stringify(entries)).not.toMatch(/Vi Văn Thành|Moong Văn Sơn/);
});

it('lets the member named on the roll, with a code to their own phone, find the reward in their report and withdraw their consent: the roll drops their name at once', async () => {
  const named = demoId('proposal:17227:member');
  // The commune's officer may read the member's phone: what the one-time code would have proved.
  const contact = await call(`query ($id: ID!) { member(id: $id) { phone } }`, { id: demoId('member:17227:3') }, officer);
  expect(contact.errors).toBeUndefined();
  const themselves = dataSubjectClaims(contact.data.member.phone);

  const REWARDS = `{ personalDataReport { rewards { id rewardTitle status namedOnHonourRoll consent { withdrawnAt } } } }`;
  const before = await call(REWARDS, {}, themselves);
  expect(before.errors).toBeUndefined();
  expect(before.data.personalDataReport.rewards).toEqual([
    { id: named, rewardTitle: 'Bằng khen của Chủ tịch UBND tỉnh', status: 'APPROVED', namedOnHonourRoll: true, consent: { withdrawnAt: null } },
  ]);

  const WITHDRAW = `mutation ($id: ID!, $key: String) { withdrawHonourRollConsent(proposalId: $id, idempotencyKey: $key) { withdrawnAt } }`;
  const someoneElse = await call(WITHDRAW, { id: named }, dataSubjectClaims('0912999888'));
  expect(codesOf(someoneElse)).toEqual(['FORBIDDEN']);
  const withdrawn = await call(WITHDRAW, { id: named, key: 'rut-dong-y-vinh-danh-1' }, themselves);
  expect(withdrawn.errors).toBeUndefined();
  const retried = await call(WITHDRAW, { id: named, key: 'rut-dong-y-vinh-danh-1' }, themselves);
  expect(retried.data).toEqual(withdrawn.data);

  const roll = await call(`query { honourRoll(unitCode: "40") { id name achievements } }`);
  expect(roll.data.honourRoll.find((entry: { id: string }) => entry.id === named)).toEqual({ id: named, name: null, achievements: null });
  expect(JSON.stringify(roll.data)).not.toMatch(/Lô Minh Dũng/);
  expect((await call(REWARDS, {}, themselves)).data.personalDataReport.rewards[0]).toMatchObject({ namedOnHonourRoll: false, consent: { withdrawnAt: expect.any(String) } });
});

it('lets a member signed in read their own rewards, with no code, and agree to be named later: the roll names them from then on', async () => {
  const member = { sub: 'dev-member', roles: [Role.MEMBER], member: demoId('member:17227.02:2') };
  const proposal = demoId('proposal:17227.02:member');
  const MINE = `query ($id: ID!) { member(id: $id) { rewards { id rewardTitle namedOnHonourRoll consent { channel withdrawnAt } } } }`;
  const mine = await call(MINE, { id: member.member }, member);
  expect(mine.errors).toBeUndefined();
  expect(mine.data.member.rewards).toEqual([{ id: proposal, rewardTitle: 'Giấy khen của Chủ tịch UBND tỉnh', namedOnHonourRoll: false, consent: null }]);
  expect(codesOf(await call(MINE, { id: member.member }, officer))).toEqual(['FORBIDDEN']);

  const GIVE = `mutation ($id: ID!, $consent: ResidentConsentInput!, $key: String) { giveHonourRollConsent(proposalId: $id, consent: $consent, idempotencyKey: $key) { channel withdrawnAt } }`;
  const consent = { noticeVersion: '2026-01', channel: 'ONLINE_FORM' };
  expect(codesOf(await call(GIVE, { id: proposal, consent }, leader))).toEqual(['FORBIDDEN']);
  const given = await call(GIVE, { id: proposal, consent, key: 'dong-y-vinh-danh-1' }, member);
  expect(given).toEqual({ data: { giveHonourRollConsent: { channel: 'ONLINE_FORM', withdrawnAt: null } } });
  expect(await call(GIVE, { id: proposal, consent, key: 'dong-y-vinh-danh-1' }, member)).toEqual(given);
  const named = (await call(`query { honourRoll(unitCode: "40") { id name achievements } }`)).data.honourRoll.find((entry: { id: string }) => entry.id === proposal);
  expect(named).toEqual({ id: proposal, name: expect.any(String), achievements: expect.stringContaining('Tân Hương') });
  expect((await call(MINE, { id: member.member }, member)).data.member.rewards[0]).toMatchObject({ namedOnHonourRoll: true, consent: { channel: 'ONLINE_FORM', withdrawnAt: null } });
});

it('takes seed 003 to the national level: the nation selects a province’s nominee, and approves what the province sends on onto the national roll', async () => {
  const national = { sub: 'dev-national-officer-2', roles: [Role.OFFICER], units: ['VN'] };
  const NOMINATIONS = `query ($id: ID!) { nominations(campaignId: $id, unitCode: "VN") { id place provinceCode decidableByMe } }`;
  const seen = await call(NOMINATIONS, { id: CAMPAIGN }, national);
  expect(seen.errors).toBeUndefined();
  expect(seen.data.nominations.map((nomination: { provinceCode: string; decidableByMe: boolean }) => [nomination.provinceCode, nomination.decidableByMe])).toEqual([['40', true], ['40', true]]);
  expect(codesOf(await call(NOMINATIONS, { id: CAMPAIGN }, provinceOfficer))).toEqual(['FORBIDDEN']);
  const SELECT = `mutation ($id: ID!, $decision: NominationDecision!, $reason: String) { decideNomination(id: $id, decision: $decision, reason: $reason) { nationalDecision nationalReason } }`;
  const [first, second] = seen.data.nominations;
  expect((await call(SELECT, { id: first.id, decision: 'SELECTED' }, national)).data.decideNomination).toEqual({ nationalDecision: 'SELECTED', nationalReason: null });
  const bare = await call(SELECT, { id: second.id, decision: 'NOT_SELECTED' }, national);
  expect(bare.errors[0]).toMatchObject({ message: 'Lý do: cần ghi lý do khi không chọn', extensions: { code: 'BAD_USER_INPUT', field: 'reason' } });

  const business = demoId('proposal:17227:business');
  const SEND = `mutation ($id: ID!) { sendRewardProposalToNation(id: $id) { nationalStatus awaitingUnitName } }`;
  expect(codesOf(await call(SEND, { id: business }, officer))).toEqual(['FORBIDDEN']);
  expect((await call(SEND, { id: business }, provinceOfficer)).data.sendRewardProposalToNation).toEqual({ nationalStatus: 'PROPOSED', awaitingUnitName: 'Toàn quốc' });
  const NATIONAL_ROLL = `query { honourRoll(unitCode: "VN") { id name } }`;
  expect((await call(NATIONAL_ROLL)).data.honourRoll.map((entry: { id: string }) => entry.id)).not.toContain(business);
  const decided = await call(`mutation ($id: ID!) { decideRewardProposal(id: $id, decision: APPROVE) { status nationalStatus } }`, { id: business }, national);
  expect(decided).toEqual({ data: { decideRewardProposal: { status: 'APPROVED', nationalStatus: 'APPROVED' } } });
  const roll = (await call(NATIONAL_ROLL)).data.honourRoll as { id: string; name: string }[];
  expect(roll).toContainEqual({ id: business, name: 'Hợp tác xã Chè Tam Quang' });
  // Viettel's waits for the nation: on the province's roll, not the nation's.
  expect(roll.map((entry) => entry.id)).not.toContain(demoId('proposal:17227:partner'));
});
