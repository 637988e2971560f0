import { randomUUID } from 'node:crypto';
import { Role, type HubClaims } from '../subgraphs/common/auth';
import { demoId } from '../subgraphs/common/demo';
import { startTestHub, type TestHub } from '../gateway/testing/hub';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  HubClient,
  HubError,
  IssuePartnerCredentialDocument,
  LogOnboardingsDocument,
  PartnerPlatformsDocument,
  partnerTokenProvider,
  PartnerTrainingsDocument,
  RateLimitedError,
  RecordSponsorInteractionDocument,
  SponsorPipelineDocument,
  TeamsWithMembersDocument,
  UnauthenticatedError,
  UnitDirectoryDocument,
  type HubClientOptions,
  type OnboardingInput,
  type RetryNotice,
} from '.';
import manifest from './persisted-operations.json';
import type { PersistedQueryManifest } from '../gateway/persisted-operations';

let hub: TestHub;
let apiKey: string;

const VIETTEL = demoId('partner:viettel');
const officer: HubClaims = { sub: 'officer-17227', roles: [Role.OFFICER], units: ['17227'] };
const viettelStaff: HubClaims = { sub: 'viettel-staff', roles: [Role.PARTNER], partner: VIETTEL };

beforeAll(async () => {
  hub = await startTestHub('sdk_client');
  const admin = new HubClient({ endpoint: hub.gateway.url, token: await tokenFor({ sub: 'admin', roles: [Role.ADMIN] }) });
  ({ apiKey } = (await admin.request(IssuePartnerCredentialDocument, { partnerId: VIETTEL, label: 'SDK tests' })).issuePartnerCredential);
});

afterAll(() => hub?.close());

async function tokenFor(claims: HubClaims): Promise<string> {
  return (await hub.bearer(claims)).replace(/^Bearer /, '');
}

/** A fetch that records what it sends and can be told to misbehave on the next calls. */
function flakyFetch() {
  const sent: { query?: string; extensions?: unknown; variables: Record<string, any> }[] = [];
  const faults: ('lost answer' | 'refused' | 503 | 429)[] = [];
  const fetcher: typeof fetch = async (url, init) => {
    sent.push(JSON.parse(String(init?.body)));
    const fault = faults.shift();
    if (fault === 'refused') throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    if (fault === 503) return new Response('{"errors":[{"message":"Service unavailable"}]}', { status: 503, headers: { 'content-type': 'application/json' } });
    if (fault === 429) {
      const body = JSON.stringify({ errors: [{ message: 'Too many requests', extensions: { code: 'RATE_LIMITED' } }] });
      return new Response(body, { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '1' } });
    }
    const response = await fetch(url, init);
    if (fault === 'lost answer') {
      // The hub did the work; the answer never arrives.
      await response.text();
      throw new TypeError('fetch failed', { cause: new Error('socket hang up') });
    }
    return response;
  };
  return { fetch: fetcher, sent, faults };
}

function client(options: Partial<HubClientOptions> & { token?: HubClientOptions['token'] }, retries: RetryNotice[] = []): HubClient {
  return new HubClient({ endpoint: hub.gateway.url, retryDelayMs: 1, onRetry: (notice) => retries.push(notice), ...options });
}

async function onboardingInput(idempotencyKey: string): Promise<OnboardingInput> {
  const sdk = client({ token: await tokenFor(viettelStaff) });
  const { partner } = await sdk.request(PartnerPlatformsDocument, { partnerId: VIETTEL });
  const { teams } = await sdk.request(TeamsWithMembersDocument, { unitCode: '17227', first: 1 });
  return {
    idempotencyKey,
    platformId: partner!.platforms[0].id,
    onboardeeKind: 'HOUSEHOLD',
    name: 'Hộ bà Vi Thị Lan',
    teamId: teams.nodes[0].id,
    onboardedOn: '2026-11-20',
    consent: { noticeVersion: '2026-01', channel: 'PAPER_FORM' },
  };
}

describe('retries', () => {
  it('retries a keyed mutation whose answer was lost with the same keys: the hub writes it once', async () => {
    const { fetch, sent, faults } = flakyFetch();
    const retries: RetryNotice[] = [];
    const sdk = client({ token: await tokenFor(viettelStaff), fetch }, retries);
    const input = { partnerId: VIETTEL, onboardings: [await onboardingInput('crm-hh-0001')] };

    faults.push('lost answer');
    const { logOnboardings } = await sdk.request(LogOnboardingsDocument, { input });
    // The first attempt wrote the row; the retry found it by its key.
    expect(logOnboardings).toMatchObject({ created: 0, replayed: 1 });
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual(sent[0]);
    expect(retries).toEqual([expect.objectContaining({ operationName: 'LogOnboardings', attempt: 1, reason: expect.objectContaining({ code: 'NETWORK_ERROR' }) })]);

    const again = await sdk.request(LogOnboardingsDocument, { input });
    expect(again.logOnboardings.rows.map((row) => row.id)).toEqual(logOnboardings.rows.map((row) => row.id));
  });

  it('fills in a missing idempotency key and keeps it across retries', async () => {
    const { fetch, sent, faults } = flakyFetch();
    const sdk = client({ token: await tokenFor(viettelStaff), fetch });
    const { idempotencyKey: _none, ...unkeyed } = await onboardingInput('unused');
    faults.push('lost answer', 503);
    const { logOnboardings } = await sdk.request(LogOnboardingsDocument, {
      input: { partnerId: VIETTEL, onboardings: [unkeyed as OnboardingInput] },
    });
    expect(logOnboardings).toMatchObject({ created: 0, replayed: 1 });
    const keys = sent.map((body) => body.variables.input.onboardings[0].idempotencyKey);
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never retries a mutation without idempotency keys: the failure is the caller’s to resolve', async () => {
    const { fetch, sent, faults } = flakyFetch();
    const retries: RetryNotice[] = [];
    const sdk = client({ token: await tokenFor(officer), fetch }, retries);
    faults.push('refused');
    // The SDK's operation sends no key (the argument is optional); the connection is refused before the hub sees it.
    const recording = sdk.request(RecordSponsorInteractionDocument, {
      sponsorId: randomUUID(),
      input: { kind: 'MEETING', occurredOn: '2026-11-30', summary: 'Gặp giám đốc chi nhánh' },
    });
    await expect(recording).rejects.toMatchObject({ name: 'HubError', code: 'NETWORK_ERROR', message: expect.stringMatching(/ECONNREFUSED/) });
    expect(sent).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('retries queries after a 5xx and after a 429, waiting as long as its Retry-After says', async () => {
    const { fetch, sent, faults } = flakyFetch();
    const retries: RetryNotice[] = [];
    const sdk = client({ token: await tokenFor(officer), fetch }, retries);
    faults.push(503, 429);
    const { sponsors } = await sdk.request(SponsorPipelineDocument, { unitCode: '17227' });
    expect(sponsors.totalCount).toBe(4);
    expect(sent).toHaveLength(3);
    expect(retries.map(({ delayMs, reason }) => [reason.code, reason.status, delayMs])).toEqual([
      ['INTERNAL_SERVER_ERROR', 503, 1],
      ['RATE_LIMITED', 429, 1000],
    ]);
  });

  it('gives up after maxAttempts, and at once when Retry-After is longer than it will wait', async () => {
    const { fetch, sent, faults } = flakyFetch();
    const sdk = client({ fetch, maxAttempts: 2, maxRetryDelayMs: 500 });
    faults.push('refused', 'refused');
    await expect(sdk.request(SponsorPipelineDocument, { unitCode: '17227' })).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(sent).toHaveLength(2);

    faults.push(429);
    const limited = await sdk.request(SponsorPipelineDocument, { unitCode: '17227' }).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(RateLimitedError);
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterSeconds: 1 });
    expect(sent).toHaveLength(3);
  });
});

describe('typed errors', () => {
  it('UNAUTHENTICATED for a token the hub refuses, FORBIDDEN for a caller without the right', async () => {
    const forged = client({ token: 'not-a-token' }).request(SponsorPipelineDocument, { unitCode: '17227' });
    await expect(forged).rejects.toBeInstanceOf(UnauthenticatedError);

    const otherCommune = client({ token: await tokenFor({ sub: 'officer-elsewhere', roles: [Role.OFFICER], units: ['17230'] }) });
    const error = await otherCommune.request(SponsorPipelineDocument, { unitCode: '17227' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error).toBeInstanceOf(HubError);
    expect(error).toMatchObject({ code: 'FORBIDDEN', data: null });
  });

  it('BAD_USER_INPUT names the bad row’s field and every problem; CONFLICT for a key reused with other content', async () => {
    const sdk = client({ token: await tokenFor(viettelStaff) });
    const good = await onboardingInput('crm-hh-0100');
    const refused = await sdk
      .request(LogOnboardingsDocument, { input: { partnerId: VIETTEL, onboardings: [good, { ...good, idempotencyKey: 'crm-hh-0101', teamId: 'no-such-team' }] } })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(BadUserInputError);
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'onboardings.1.teamId', problems: [expect.objectContaining({ field: 'onboardings.1.teamId' })] });

    await sdk.request(LogOnboardingsDocument, { input: { partnerId: VIETTEL, onboardings: [good] } });
    const reused = sdk.request(LogOnboardingsDocument, { input: { partnerId: VIETTEL, onboardings: [{ ...good, name: 'Hộ ông Lò Văn Pọm' }] } });
    await expect(reused).rejects.toBeInstanceOf(ConflictError);
  });

  it('carries the hub’s request id, and says HTTP_ERROR for an answer that is not GraphQL', async () => {
    const answers = [
      new Response(JSON.stringify({ errors: [{ message: 'Không có quyền', extensions: { code: 'FORBIDDEN' } }], data: null }), { headers: { 'x-request-id': 'req-42' } }),
      new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }),
    ];
    const sdk = client({ fetch: async () => answers.shift()!, maxAttempts: 1 });
    await expect(sdk.request(SponsorPipelineDocument, { unitCode: '17227' })).rejects.toMatchObject({ name: 'ForbiddenError', requestId: 'req-42' });
    await expect(sdk.request(SponsorPipelineDocument, { unitCode: '17227' })).rejects.toMatchObject({ name: 'HubError', code: 'HTTP_ERROR', status: 502 });
  });
});

describe('partnerTokenProvider', () => {
  afterEach(() => jest.restoreAllMocks());

  it('exchanges the API key once, shares it between concurrent requests, and again shortly before the token expires', async () => {
    const exchanges: string[] = [];
    const token = partnerTokenProvider({ endpoint: hub.gateway.url, apiKey, onToken: ({ partner }) => exchanges.push(partner.shortName) });
    const sdk = client({ token });
    const trainings = () => sdk.request(PartnerTrainingsDocument, { partnerId: VIETTEL, first: 1 });

    await Promise.all([trainings(), trainings(), trainings()]);
    expect(exchanges).toEqual(['Viettel']);

    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 13 * 60_000);
    await trainings();
    expect(exchanges).toHaveLength(1);

    // 14½ minutes on: within a minute of the 15-minute expiry, the key is exchanged again.
    jest.spyOn(Date, 'now').mockReturnValue(now + 14.5 * 60_000);
    const { trainings: page } = await trainings();
    expect(exchanges).toEqual(['Viettel', 'Viettel']);
    expect(page.totalCount).toBeGreaterThan(0);
  });

  it('fails with UNAUTHENTICATED for an unknown key', async () => {
    const sdk = client({ token: partnerTokenProvider({ endpoint: hub.gateway.url, apiKey: 'dtp_unknown' }) });
    await expect(sdk.request(PartnerTrainingsDocument, { partnerId: VIETTEL })).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});

it('sends automatic persisted queries by the manifest’s ids: the body only the first time', async () => {
  const { fetch, sent } = flakyFetch();
  const sdk = client({ fetch, persistedQueries: true });
  const id = manifest.operations.find((operation) => operation.name === 'PartnerTrainings')?.id;
  expect(id).toBeDefined();

  await expect(sdk.request(PartnerTrainingsDocument, { partnerId: VIETTEL })).rejects.toBeInstanceOf(UnauthenticatedError);
  expect(sent.map((body) => [body.query !== undefined, body.extensions])).toEqual([
    [false, { persistedQuery: { version: 1, sha256Hash: id } }],
    [true, { persistedQuery: { version: 1, sha256Hash: id } }],
  ]);

  const { teams } = await sdk.request(TeamsWithMembersDocument, { unitCode: '40', first: 2 });
  await sdk.request(TeamsWithMembersDocument, { unitCode: '40', first: 2 });
  expect(teams.nodes).toHaveLength(2);
  expect(sent.slice(2).map((body) => body.query !== undefined)).toEqual([false, true, false]);
});

describe('against a gateway that accepts only the SDK’s persisted operations, and few requests', () => {
  const { fetch, sent } = flakyFetch();
  let strict: HubClient;

  beforeAll(async () => {
    const gateway = await hub.gatewayWith({ allowList: manifest as PersistedQueryManifest, rateLimit: { max: 3, windowMs: 60_000 } });
    strict = new HubClient({ endpoint: gateway.url, fetch, persistedQueries: true, maxAttempts: 1 });
  });

  it('answers the SDK’s operations by hash alone, then tells it to wait, typed, with the gateway’s Retry-After', async () => {
    const { provinces } = await strict.request(UnitDirectoryDocument);
    expect(provinces.map((province) => province.code)).toContain('40');
    await strict.request(UnitDirectoryDocument);
    await strict.request(UnitDirectoryDocument);
    expect(sent.map((body) => body.query)).toEqual([undefined, undefined, undefined]);

    const refusal = await strict.request(UnitDirectoryDocument).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RateLimitedError);
    expect(refusal).toMatchObject({ code: 'RATE_LIMITED', status: 429, requestId: expect.any(String) });
    expect((refusal as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
  });
});
