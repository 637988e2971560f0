import { createHash } from 'node:crypto';
import { Role, signToken } from '../subgraphs/common/auth';
import type { RunningServer } from '../subgraphs/common/http';
import { captureLogs } from '../subgraphs/common/logging';
import { codesOf, post } from './testing/client';
import { startTestHub, type TestHub } from './testing/hub';
import { startSubgraphProxy, type SubgraphProxy } from './testing/proxy';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub('abuse');
});
afterAll(() => hub?.close());

const PROVINCES = '{ provinces { code name } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function expectStillServing(gateway: RunningServer = hub.gateway): Promise<void> {
  const { status, body } = await post(gateway.url, { query: PROVINCES });
  expect(status).toBe(200);
  expect(body).toEqual({ data: { provinces: [{ code: '40', name: 'Tỉnh Nghệ An' }] } });
}

/** `teams { nodes { unit { teams … } } }` nested `rounds` times: 3 levels a round. */
function depthBomb(rounds: number): string {
  let selection = 'name';
  for (let round = 0; round < rounds; round += 1) selection = `teamsUnder(first: 1) { nodes { unit { ${selection} } } }`;
  return `{ administrativeUnit(code: "40") { ${selection} } }`;
}

describe('abusive requests are refused with a clear error, and the gateway keeps serving', () => {
  afterEach(() => expectStillServing());

  it('refuses a depth bomb before planning it, naming the limit', async () => {
    const { status, body } = await post(hub.gateway.url, { query: depthBomb(6) });
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'Yêu cầu lồng 20 tầng thông tin; tối đa 15 tầng',
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', max: 15, actual: 20 }),
      }),
    ]);
  });

  it('refuses an alias bomb (in English for a caller who reads it)', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `p${i}: provinces { code }`).join(' ');
    const { status, body } = await post(hub.gateway.url, { query: `{ ${aliases} }` }, { 'accept-language': 'en' });
    expect(status).toBe(400);
    expect(body.errors[0].message).toBe('The operation has 200 aliases; the maximum is 30');
    expect((await post(hub.gateway.url, { query: `{ ${aliases} }` })).body.errors[0].message).toBe('Yêu cầu đặt 200 tên khác cho thông tin; tối đa 30');
    expect(body.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'aliases', max: 30 });
  });

  it('refuses a huge page size, and an operation that would cost too much', async () => {
    const huge = await post(hub.gateway.url, { query: '{ teams(unitCode: "40", first: 100000) { nodes { name } } }' });
    expect(huge.status).toBe(400);
    expect(huge.body.errors).toContainEqual(
      expect.objectContaining({
        message: 'teams(first) xin 100000 dòng một trang; tối đa 100',
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'pageSize', max: 100, actual: 100000 }),
      }),
    );

    // A page size in a variable is refused as the literal is, before any subgraph is asked.
    const inVariable = await post(hub.gateway.url, {
      query: 'query ($first: Int!) { teams(unitCode: "40", first: $first) { nodes { name } } }',
      variables: { first: 100000 },
    });
    expect(inVariable.status).toBe(400);
    expect(inVariable.body.errors).toEqual([
      expect.objectContaining({
        message: 'teams(first) xin 100000 dòng một trang; tối đa 100',
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'pageSize', max: 100, actual: 100000 }),
      }),
    ]);

    const costly = await post(hub.gateway.url, {
      query: '{ teams(unitCode: "40", first: 100) { nodes { unit { teamsUnder(first: 100) { nodes { members { fullName phone } } } } } } }',
    });
    expect(costly.status).toBe(400);
    expect(costly.body.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', max: 100_000 });
  });

  it('costs an operation by the variables it carries, not by their defaults', async () => {
    const query = `query ($a: Int = 1, $b: Int = 1, $c: Int = 1) {
      teams(unitCode: "40", first: $a) { nodes { unit { teamsUnder(first: $b) { nodes { unit { teamsUnder(first: $c) { nodes { name } } } } } } } }
    }`;
    const cheap = await post(hub.gateway.url, { query, variables: {} });
    expect(cheap.status).toBe(200);
    expect(cheap.body.errors).toBeUndefined();

    const costly = await post(hub.gateway.url, { query, variables: { a: 100, b: 100, c: 100 } });
    expect(costly.status).toBe(400);
    expect(costly.body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Yêu cầu đòi đọc quá nhiều thông tin một lần \(ước tính \d+, tối đa 100000\)/),
        extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', max: 100_000 }),
      }),
    ]);
    // Refused every time, though Apollo validates the document once and caches it, and the gateway
    // remembers the page sizes it found within the limits.
    expect((await post(hub.gateway.url, { query, variables: { a: 100, b: 100, c: 100 } })).status).toBe(400);
    expect((await post(hub.gateway.url, { query, variables: { a: 100, b: 1, c: 100 } })).status).toBe(200);
    expect((await post(hub.gateway.url, { query, variables: { a: 100, b: 1, c: 100 } })).status).toBe(200);
    expect((await post(hub.gateway.url, { query, variables: { a: 100, b: 100, c: 100 } })).status).toBe(400);
  });

  it('refuses a malformed JSON body', async () => {
    const { status, body } = await post(hub.gateway.url, '{"query": "{ provinces { code } }"');
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ message: 'Nội dung gửi lên không phải JSON hợp lệ', extensions: { code: 'BAD_REQUEST' } });
  });

  it('refuses a 10 MB body with 413', async () => {
    const padding = 'x'.repeat(10 * 1024 * 1024);
    const { status, body } = await post(hub.gateway.url, { query: PROVINCES, variables: { padding } }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(status).toBe(413);
    expect(body.errors[0]).toMatchObject({
      message: 'The request body is larger than the limit of 1000000 bytes',
      extensions: { code: 'PAYLOAD_TOO_LARGE' },
    });
  });

  it('answers a small batch and refuses one over the batch limit', async () => {
    const small = await post(hub.gateway.url, [{ query: PROVINCES }, { query: '{ provinces { code } }' }]);
    expect(small.status).toBe(200);
    expect(small.body).toHaveLength(2);
    expect(small.body[1]).toEqual({ data: { provinces: [{ code: '40' }] } });

    const { status, body } = await post(hub.gateway.url, Array.from({ length: 11 }, () => ({ query: PROVINCES })));
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({
      message: 'Mỗi lần gộp được tối đa 10 yêu cầu; lần này có 11',
      extensions: { code: 'BATCH_TOO_LARGE' },
    });
  });

  it('refuses a forged token and an expired one with HTTP 401, as the subgraphs do', async () => {
    const query = '{ teams(unitCode: "17227", first: 5) { nodes { members { phone } } } }';
    const forged = await post(hub.gateway.url, { query }, { authorization: await forgedBearer() });
    expect(forged.status).toBe(401);
    expect(codesOf(forged.body)).toEqual(['UNAUTHENTICATED']);
    expect(forged.body.errors[0].message).toBe('Mã đăng nhập không hợp lệ: chữ ký của mã không khớp');
    const forgedInEnglish = await post(hub.gateway.url, { query }, { authorization: await forgedBearer(), 'accept-language': 'en' });
    expect([forgedInEnglish.status, codesOf(forgedInEnglish.body), forgedInEnglish.body.errors[0].message]).toEqual([401, ['UNAUTHENTICATED'], 'Invalid token: its signature does not match']);

    const expired = await post(hub.gateway.url, { query }, { authorization: await hub.bearer({ sub: 'officer', roles: [Role.OFFICER], units: ['17227'] }, { expiresIn: Math.floor(Date.now() / 1000) - 60 }) });
    expect([expired.status, codesOf(expired.body)]).toEqual([401, ['UNAUTHENTICATED']]);
    expect(expired.body.errors[0].message).toBe('Mã đăng nhập không hợp lệ: mã đã hết hạn');
    // A public query with a bad token too: the caller learns at once that its token is wrong.
    expect((await post(hub.gateway.url, { query: PROVINCES }, { authorization: await forgedBearer() })).status).toBe(401);
  });
});

describe('request ids', () => {
  it('gives every response an id, in the x-request-id header and in every error', async () => {
    const { headers, body } = await post(hub.gateway.url, { query: '{ nothingHere }' });
    const requestId = headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.errors[0].extensions.requestId).toBe(requestId);
  });

  it('keeps a well-formed id the caller sends, and replaces one that is not', async () => {
    const kept = await post(hub.gateway.url, { query: '{ nothingHere }' }, { 'x-request-id': 'partner-sync-2026-12-01.0042' });
    expect(kept.headers.get('x-request-id')).toBe('partner-sync-2026-12-01.0042');
    expect(kept.body.errors[0].extensions.requestId).toBe('partner-sync-2026-12-01.0042');

    const replaced = await post(hub.gateway.url, { query: PROVINCES }, { 'x-request-id': 'no spaces "or quotes"' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('automatic persisted queries', () => {
  it('answers by hash once the query is registered', async () => {
    const query = '{ provinces { code } }';
    const persistedQuery = { version: 1, sha256Hash: sha256(query) };

    const miss = await post(hub.gateway.url, { extensions: { persistedQuery } });
    expect(codesOf(miss.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);

    const registered = await post(hub.gateway.url, { query, extensions: { persistedQuery } });
    expect(registered.body).toEqual({ data: { provinces: [{ code: '40' }] } });

    const hit = await post(hub.gateway.url, { extensions: { persistedQuery } });
    expect(hit.body).toEqual({ data: { provinces: [{ code: '40' }] } });
  });
});

async function forgedBearer(): Promise<string> {
  return `Bearer ${await signToken({ sub: 'admin', roles: [Role.ADMIN] }, 'another-secret-that-is-long-enough-too')}`;
}

describe('rate limiting per caller', () => {
  let limited: RunningServer;
  beforeAll(async () => {
    limited = await hub.gatewayWith({ rateLimit: { max: 3, windowMs: 60_000 } });
  });

  it('refuses a caller over the limit with 429 and Retry-After, while another caller goes on', async () => {
    const busy = await hub.bearer({ sub: 'busy-partner-system', roles: [Role.ADMIN] });
    for (let i = 0; i < 3; i += 1) expect((await post(limited.url, { query: PROVINCES }, { authorization: busy })).status).toBe(200);

    const refused = await post(limited.url, { query: PROVINCES }, { authorization: busy });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect(refused.body.errors[0]).toMatchObject({
      message: expect.stringMatching(/^Bạn gửi quá nhiều yêu cầu: tối đa 3 yêu cầu trong 60 giây. Xin thử lại sau \d+ giây$/),
      extensions: { code: 'RATE_LIMITED' },
    });

    const other = await hub.bearer({ sub: 'another-caller', roles: [Role.ADMIN] });
    expect((await post(limited.url, { query: PROVINCES }, { authorization: other })).status).toBe(200);
    await expectStillServing(limited); // an anonymous caller, counted by address
  });

  it('counts a token that does not verify against the caller’s address, like an anonymous caller', async () => {
    const byAddress = await hub.gatewayWith({ rateLimit: { max: 2, windowMs: 60_000 } });
    expect((await post(byAddress.url, { query: PROVINCES })).status).toBe(200);
    // Refused (forged), but counted all the same, by address.
    expect((await post(byAddress.url, { query: PROVINCES }, { authorization: await forgedBearer() })).status).toBe(401);
    const refused = await post(byAddress.url, { query: PROVINCES });
    expect(refused.status).toBe(429);
    expect(codesOf(refused.body)).toEqual(['RATE_LIMITED']);
    // A verified caller from the same address has its own count.
    const signedIn = await hub.bearer({ sub: 'officer-17227', roles: [Role.OFFICER], units: ['17227'] });
    expect((await post(byAddress.url, { query: PROVINCES }, { authorization: signedIn })).status).toBe(200);
  });
  it('counts callers by their forwarded address behind a trusted proxy', async () => {
    const behindProxy = await hub.gatewayWith({ rateLimit: { max: 1, windowMs: 60_000 }, trustProxy: true });
    const from = (address: string) => post(behindProxy.url, { query: PROVINCES }, { 'x-forwarded-for': `${address}, 10.0.0.1` });
    expect((await from('203.0.113.7')).status).toBe(200);
    expect((await from('198.51.100.23')).status).toBe(200);
    expect((await from('203.0.113.7')).status).toBe(429);
  });
});

describe('an allow-list of persisted operations', () => {
  const listed = 'query Provinces { provinces { code name } }';
  let strict: RunningServer;
  beforeAll(async () => {
    strict = await hub.gatewayWith({
      allowList: {
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ id: sha256(listed), name: 'Provinces', type: 'query', body: listed }],
      },
    });
  });
  afterEach(() => expectStillServing(hub.gateway));

  it('answers a listed operation sent in full, or by its hash alone', async () => {
    const expected = { data: { provinces: [{ code: '40', name: 'Tỉnh Nghệ An' }] } };
    expect((await post(strict.url, { query: listed })).body).toEqual(expected);
    expect((await post(strict.url, { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(listed) } } })).body).toEqual(expected);
  });

  it('answers a listed operation in another layout, with the `__typename`s clients’ caches add', async () => {
    const { status, body } = await post(strict.url, { query: 'query Provinces{provinces{__typename code name}}' });
    expect([status, body.data]).toEqual([200, { provinces: [{ __typename: 'AdministrativeUnit', code: '40', name: 'Tỉnh Nghệ An' }] }]);
    // Only plain `__typename`s: an alias, or any other extra field, is another operation.
    const aliased = await post(strict.url, { query: 'query Provinces { provinces { kind: __typename code name } }' });
    expect(codesOf(aliased.body)).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
  });

  it('refuses any other operation, and never registers it as a persisted query', async () => {
    const other = '{ provinces { code } }';
    const refused = await post(strict.url, { query: other });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        message: 'Thao tác này không có trong danh sách được phép: xin gửi một thao tác đã đăng ký, bằng nội dung hoặc mã sha256Hash của nó',
        extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_ALLOWED' }),
      }),
    ]);
    const persistedQuery = { version: 1, sha256Hash: sha256(other) };
    expect(codesOf((await post(strict.url, { query: other, extensions: { persistedQuery } })).body)).toEqual(['PERSISTED_QUERY_NOT_ALLOWED']);
    const byHash = await post(strict.url, { extensions: { persistedQuery } }, { 'accept-language': 'en' });
    expect(byHash.status).toBe(400);
    expect(byHash.body.errors).toEqual([
      {
        message: 'This operation is not on the allow-list: send one of the persisted operations, by its body or its sha256Hash',
        extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED', requestId: byHash.headers.get('x-request-id') },
      },
    ]);
  });
});

describe('production mode', () => {
  const ALLOWED_ORIGIN = 'https://hub.example.vn';
  let production: RunningServer;
  let events: SubgraphProxy;
  beforeAll(async () => {
    events = await startSubgraphProxy(hub.subgraphs.events.url);
    production = await hub.gatewayWith({
      production: true,
      corsOrigins: [ALLOWED_ORIGIN],
      subgraphUrls: { ...Object.fromEntries(Object.entries(hub.subgraphs).map(([name, server]) => [name, server.url])), events: events.url },
    });
  });
  afterAll(() => events?.close());
  afterEach(() => expectStillServing(production));

  it('refuses introspection and shows no landing page', async () => {
    const { status, body } = await post(production.url, { query: '{ __schema { types { name } } }' });
    expect(status).toBe(400);
    expect(body.errors[0]).toMatchObject({ message: 'Hub không cho đọc lược đồ (introspection) khi vận hành chính thức', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', graphqlMessage: expect.stringMatching(/introspection is not allowed/) } });

    const page = await fetch(production.url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).not.toMatch(/html/);
    expect(await page.text()).not.toMatch(/sandbox|<html/i);
  });

  it('suggests no names from the schema, where development does', async () => {
    const misspelt = { query: 'mutation { issuePartnerCredentials(partnerId: "p", label: "x") { apiKey } }' };
    const suggested = await post(hub.gateway.url, misspelt);
    expect(suggested.body.errors[0].extensions.graphqlMessage).toMatch(/Did you mean "issuePartnerCredential"/);

    const refused = await post(production.url, misspelt);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({
      message: 'Hệ thống không có việc “issuePartnerCredentials”',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', graphqlMessage: 'Cannot query field "issuePartnerCredentials" on type "Mutation".' },
    });
    const badEnum = { query: 'mutation ($status: EventStatus!) { setEventStatus(id: "e", status: $status) { id } }', variables: { status: 'PUBLISHD' } };
    expect((await post(hub.gateway.url, badEnum)).body.errors[0].extensions.graphqlMessage).toMatch(/Did you mean the enum value "PUBLISHED"/);
    const refusedEnum = await post(production.url, badEnum);
    expect(refusedEnum.body.errors[0]).toMatchObject({
      message: 'Trạng thái: “PUBLISHD” không phải một lựa chọn có trong danh sách',
      extensions: { code: 'BAD_USER_INPUT', field: 'status', graphqlMessage: 'Variable "$status" got invalid value "PUBLISHD"; Value "PUBLISHD" does not exist in "EventStatus" enum.' },
    });
  });

  it('sends no stack traces, and keeps the messages of errors meant for the caller', async () => {
    const invalid = await post(production.url, { query: '{ nothingHere }' });
    expect(invalid.body.errors[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', graphqlMessage: 'Cannot query field "nothingHere" on type "Query".', requestId: invalid.headers.get('x-request-id') });
    expect(invalid.body.errors[0].message).toBe('Hệ thống không có việc “nothingHere”');

    const forged = await post(production.url, { query: '{ teams(unitCode: "17227", first: 5) { nodes { members { phone } } } }' }, { authorization: await forgedBearer() });
    expect(forged.body.errors[0]).toMatchObject({ message: 'Mã đăng nhập không hợp lệ: chữ ký của mã không khớp', extensions: { code: 'UNAUTHENTICATED' } });
    expect(JSON.stringify(forged.body)).not.toMatch(/stacktrace|\bat /);
  });

  it('masks an internal error (no SQL, no stack) behind a request id that the log line carries', async () => {
    events.answer = {
      data: null,
      errors: [
        {
          message: 'SQLITE_ERROR: no such column: contact_phone in SELECT contact_phone FROM stall_application',
          extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['QueryFailedError: SQLITE_ERROR', '    at Database.query (/app/dist/subgraphs/common/database.js:10:5)'] },
        },
      ],
    };
    const logged = captureLogs();
    try {
      const { headers, body } = await post(production.url, { query: '{ provinces { code } event(id: "any") { title } }' });
      const requestId = headers.get('x-request-id');
      expect(body.data).toEqual({ provinces: [{ code: '40' }], event: null });
      expect(body.errors).toEqual([
        { message: `Lỗi máy chủ (mã yêu cầu ${requestId})`, extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'events', requestId } },
      ]);
      expect(JSON.stringify(body)).not.toMatch(/SQLITE|SELECT|stack|database\.js/);
      expect(logged.lines).toContainEqual(
        expect.objectContaining({ level: 'error', requestId, code: 'INTERNAL_SERVER_ERROR', err: expect.objectContaining({ message: expect.stringMatching(/no such column: contact_phone/) }) }),
      );
    } finally {
      logged.restore();
      events.answer = undefined;
    }
  });

  it('lets only the allowed browser origins read its answers, and answers their preflights', async () => {
    const allowed = await post(production.url, { query: PROVINCES }, { origin: ALLOWED_ORIGIN });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    const other = await post(production.url, { query: PROVINCES }, { origin: 'https://evil.example.com' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = (origin: string) =>
      fetch(production.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
      });
    const allowedPreflight = await preflight(ALLOWED_ORIGIN);
    expect(allowedPreflight.status).toBe(204);
    expect(allowedPreflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(allowedPreflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const refusedPreflight = await preflight('https://evil.example.com');
    expect(refusedPreflight.status).toBe(403);
    expect(refusedPreflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses simple requests a browser would send cross-site with credentials without asking (CSRF)', async () => {
    // A GET with cookies could borrow a browser's session: it must prove a preflight.
    const simpleGet = await fetch(`${production.url}?query=${encodeURIComponent(PROVINCES)}`, { headers: { cookie: 'session=1' } });
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toMatch(/Cross-Site Request Forgery/);
    // Without cookies a GET query borrows nothing (the hub's credential is the Authorization header): answered.
    const plainGet = await fetch(`${production.url}?query=${encodeURIComponent(PROVINCES)}`);
    expect(await plainGet.json()).toEqual({ data: { provinces: [{ code: '40', name: 'Tỉnh Nghệ An' }] } });
    // A mutation is never run by GET, cookies or not.
    const mutationByGet = await fetch(`${production.url}?query=${encodeURIComponent('mutation { __typename }')}`);
    expect(mutationByGet.status).toBe(405);

    const simplePost = await post(production.url, JSON.stringify({ query: PROVINCES }), { 'content-type': 'text/plain' });
    expect(simplePost.status).toBe(400);

    const withPreflightHeader = await fetch(`${production.url}?query=${encodeURIComponent(PROVINCES)}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await withPreflightHeader.json()).toEqual({ data: { provinces: [{ code: '40', name: 'Tỉnh Nghệ An' }] } });
  });
});
