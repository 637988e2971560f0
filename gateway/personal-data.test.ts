import { Role } from '../subgraphs/common/auth';
import { subjectKeyOf } from '../subgraphs/common/data-subject';
import { dataSubjectClaims } from '../subgraphs/common/testing/data-subject';
import { post, type GraphQLResponse } from './testing/client';
import { startTestHub, type TestHub } from './testing/hub';

/**
 * The person's report (Law 91/2025/QH15, the right to access): one query to the gateway, answered
 * by every subgraph for its own data, holding the person's records and nobody else's.
 */

let hub: TestHub;
let admin: string;

beforeAll(async () => {
  hub = await startTestHub('personal');
  admin = await hub.bearer({ sub: 'admin', roles: [Role.ADMIN] });
});
afterAll(() => hub?.close());

async function gql(query: string, variables: Record<string, unknown> = {}, authorization?: string): Promise<GraphQLResponse> {
  return (await post(hub.gateway.url, { query, variables }, authorization ? { authorization } : {})).body;
}

async function ok(query: string, variables: Record<string, unknown> = {}, authorization = admin) {
  const body = await gql(query, variables, authorization);
  expect(body.errors).toBeUndefined();
  return body.data!;
}

const REPORT = /* GraphQL */ `{
  personalDataReport {
    key
    memberships { fullName phone }
    joinApplications { name phone team { name } consent { purpose noticeVersion channel } }
    platformOnboardings { name phone partnerName platformName consent { purpose } }
    stallApplications { contactName contactPhone eventTitle consent { purpose } }
    contestEntries { entrant title contestTitle consent { purpose } }
    giftsReceived { household quantity programmeName consent { purpose } }
  }
}`;

/** Leaves one record of `phone`'s owner, called `name`, in every subgraph, through the gateway as a resident or an officer would. */
async function recordsOf(name: string, phone: string, serial: number) {
  const consent = { noticeVersion: '2026-01', channel: 'PAPER_FORM', phone };
  const { teams } = await ok(`{ teams(unitCode: "17227", level: VILLAGE) { nodes { id } } }`);
  await ok('mutation ($input: JoinRequestInput!) { requestToJoin(input: $input) { id } }', {
    input: { teamId: teams.nodes[0].id, applicant: { fullName: name, phone, affiliation: 'RESIDENT' }, consent },
  });
  const { partners } = await ok('{ partners { nodes { id platforms { id } } } }');
  const partner = partners.nodes.find((candidate: { platforms: unknown[] }) => candidate.platforms.length > 0);
  await ok('mutation ($input: LogOnboardingsInput!) { logOnboardings(input: $input) { created } }', {
    input: {
      partnerId: partner.id,
      onboardings: [{ idempotencyKey: `personal-${serial}`, platformId: partner.platforms[0].id, onboardeeKind: 'HOUSEHOLD', name: `Hộ ${name}`, phone, teamId: teams.nodes[0].id, onboardedOn: '2026-01-10', consent }],
    },
  });
  const { events } = await ok('{ events(unitCode: "40", first: 50) { nodes { id status categories { id } contests { id } } } }');
  const fair = events.nodes.find((event: { status: string; categories: unknown[] }) => event.status === 'OPEN_FOR_APPLICATIONS' && event.categories.length > 0);
  await ok('mutation ($input: StallApplicationInput!) { applyForStall(input: $input) { id } }', {
    input: { categoryId: fair.categories[0].id, exhibitorKind: 'HOUSEHOLD', exhibitorName: `Hộ ${name}`, contactName: name, contactPhone: phone, offering: 'Mật ong rừng', consent },
  }, '');
  const withContest = events.nodes.find((event: { contests: unknown[] }) => event.contests.length > 0);
  await ok('mutation ($id: ID!, $input: ContestEntryInput!) { addContestEntry(contestId: $id, input: $input) { id } }', {
    id: withContest.contests[0].id,
    input: { entrant: name, title: 'Bán mật ong qua livestream', consent },
  });
  const { programmes } = await ok('{ programmes(unitCode: "40", first: 50) { nodes { receipts { gifts { id onHand codes allocations { codes } } } } } }');
  const gift = programmes.nodes.flatMap((programme: any) => programme.receipts.flatMap((receipt: any) => receipt.gifts)).find((candidate: any) => candidate.onHand > 0);
  // A lot with serials issues one of its codes not yet given out.
  const issued = new Set(gift.allocations.flatMap((allocation: any) => allocation.codes));
  const codes = gift.codes.filter((code: string) => !issued.has(code)).slice(0, 1);
  await ok('mutation ($input: AllocationInput!) { allocateGift(input: $input) { id } }', {
    input: { giftId: gift.id, quantity: 1, codes, recipientKind: 'HOUSEHOLD', household: `Hộ ${name}`, issuedOn: '2026-01-12', idempotencyKey: `personal-gift-${serial}`, consent },
  });
}

it('assembles one report from every subgraph, with the person’s data and nobody else’s', async () => {
  await recordsOf('Lò Thị Sen', '0912555001', 1);
  await recordsOf('Vi Văn Tình', '0912555002', 2);

  const report = (await ok(REPORT, {}, await hub.bearer(dataSubjectClaims('+84912555001')))).personalDataReport;
  expect(report.key).toBe(subjectKeyOf('0912555001'));
  expect(report.joinApplications).toEqual([expect.objectContaining({ name: 'Lò Thị Sen', phone: '0912555001', consent: { purpose: 'TEAM_MEMBERSHIP', noticeVersion: '2026-01', channel: 'PAPER_FORM' } })]);
  expect(report.platformOnboardings).toEqual([expect.objectContaining({ name: 'Hộ Lò Thị Sen', phone: '0912555001', consent: { purpose: 'PLATFORM_ONBOARDING' } })]);
  expect(report.stallApplications).toEqual([expect.objectContaining({ contactName: 'Lò Thị Sen', contactPhone: '0912555001', consent: { purpose: 'STALL_APPLICATION' } })]);
  expect(report.contestEntries).toEqual([expect.objectContaining({ entrant: 'Lò Thị Sen', consent: { purpose: 'CONTEST_ENTRY' } })]);
  expect(report.giftsReceived).toEqual([expect.objectContaining({ household: 'Hộ Lò Thị Sen', quantity: 1, consent: { purpose: 'GIFT_DELIVERY' } })]);
  expect(JSON.stringify(report)).not.toMatch(/Vi Văn Tình|0912555002/);
});

it('answers nobody but the person: not an admin, not another person, not an anonymous caller', async () => {
  const admins = await gql(REPORT, {}, admin);
  expect(admins.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
  const anonymous = await gql(REPORT);
  expect(anonymous.errors?.map((error) => error.extensions?.code)).toContain('UNAUTHENTICATED');
  // Another person asking the subgraphs for Sen's key directly is refused by each of them.
  const other = await hub.bearer(dataSubjectClaims('0912555002'));
  const forged = await post(hub.subgraphs.events.url, {
    query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on DataSubject { stallApplications { contactName } } } }',
    variables: { r: [{ __typename: 'DataSubject', key: '0912555001' }] },
  }, { authorization: other });
  expect((forged.body as GraphQLResponse).errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
});

it('lets the person withdraw each consent through the gateway: each subgraph stops what relied on it, and the report shows it', async () => {
  await recordsOf('Hà Thị Mai', '0912555003', 3);
  const person = await hub.bearer(dataSubjectClaims('0912555003'));
  const IDS = `{ personalDataReport {
    joinApplications { id } platformOnboardings { id } stallApplications { id } contestEntries { id } giftsReceived { id }
  } }`;
  const before = (await ok(IDS, {}, person)).personalDataReport;
  const withdrawals: [string, string][] = [
    ['withdrawJoinApplicationConsent(id: $id)', before.joinApplications[0].id],
    ['withdrawOnboardingConsent(id: $id)', before.platformOnboardings[0].id],
    ['withdrawStallApplicationConsent(id: $id)', before.stallApplications[0].id],
    ['withdrawContestEntryConsent(entryId: $id)', before.contestEntries[0].id],
    ['withdrawGiftConsent(allocationId: $id)', before.giftsReceived[0].id],
  ];
  for (const [call, id] of withdrawals) {
    expect((await ok(`mutation ($id: ID!) { ${call} { withdrawnAt } }`, { id }, person))).toEqual({ [call.slice(0, call.indexOf('('))]: { withdrawnAt: expect.any(String) } });
  }

  const WITHDRAWN = `{ personalDataReport {
    joinApplications { status name phone address consent { withdrawnAt } }
    platformOnboardings { name phone address consent { withdrawnAt } }
    stallApplications { status contactPhone consent { withdrawnAt } }
    contestEntries { entrant consent { withdrawnAt } }
    giftsReceived { household quantity consent { withdrawnAt } }
  } }`;
  const after = (await ok(WITHDRAWN, {}, person)).personalDataReport;
  const withdrawn = { withdrawnAt: expect.any(String) };
  expect(after).toEqual({
    joinApplications: [{ status: 'WITHDRAWN', name: 'Hà Thị Mai', phone: null, address: null, consent: withdrawn }],
    platformOnboardings: [{ name: 'Hộ Hà Thị Mai', phone: null, address: null, consent: withdrawn }],
    stallApplications: [{ status: 'CANCELLED', contactPhone: null, consent: withdrawn }],
    contestEntries: [{ entrant: 'Hà Thị Mai', consent: withdrawn }],
    giftsReceived: [{ household: 'Đã xoá theo yêu cầu', quantity: 1, consent: withdrawn }],
  });
  // Twice is refused, and another person cannot withdraw hers.
  const again = await gql('mutation ($id: ID!) { withdrawOnboardingConsent(id: $id) { withdrawnAt } }', { id: before.platformOnboardings[0].id }, person);
  expect(again.errors?.map((error) => error.extensions?.code)).toEqual(['CONFLICT']);
  const other = await gql('mutation ($id: ID!) { withdrawGiftConsent(allocationId: $id) { withdrawnAt } }', { id: before.giftsReceived[0].id }, await hub.bearer(dataSubjectClaims('0912555002')));
  expect(other.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
});
