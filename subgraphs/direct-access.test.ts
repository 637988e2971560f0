import { SignJWT } from 'jose';
import { Role, signToken } from './common/auth';
import { DEVELOPMENT_JWT_SECRET } from './common/config';
import type { RunningServer } from './common/http';
import { startSubgraph } from './common/server';
import { freshTestDatabaseUrl } from './common/testing/database';
import { TEST_JWT_SECRET, TEST_PERSONAL_DATA_ENV } from './common/testing/subgraph';
import { teams } from './teams';
import { captureLogs } from './common/logging';

/** A subgraph called directly, bypassing the gateway, refuses bad tokens itself. */
let server: RunningServer;

beforeAll(async () => {
  server = await startSubgraph(teams, {
    PORT: '0',
    DATABASE_URL: await freshTestDatabaseUrl('teams_direct'),
    JWT_SECRET: TEST_JWT_SECRET,
    ...TEST_PERSONAL_DATA_ENV,
    SEED_DEMO_DATA: 'false',
    MIGRATE_ON_START: 'true',
  });
});
afterAll(() => server.close());

const CREATE_UNIT = 'mutation { createAdministrativeUnit(input: { code: "99", name: "Tỉnh Thử", level: PROVINCE }) { code } }';
const admin = { sub: 'mallory', roles: [Role.ADMIN] };
const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function post(query: string, authorization?: string): Promise<{ status: number; codes: unknown[] }> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, codes: (body.errors ?? []).map((error) => error.extensions?.code) };
}

it('refuses an operation that needs a token when none is sent', async () => {
  expect(await post(CREATE_UNIT)).toEqual({ status: 200, codes: ['UNAUTHENTICATED'] });
});

it.each([
  ['expired', () => signToken(admin, TEST_JWT_SECRET, { expiresIn: -60 })],
  ['signed with another secret', () => signToken(admin, 'another-secret-that-is-long-enough-for-hs256')],
  ['unsigned (alg: none)', async () => `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...admin, exp: Math.floor(Date.now() / 1000) + 600 })}.`],
  ['without roles', () => new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setExpirationTime('1h').sign(new TextEncoder().encode(TEST_JWT_SECRET))],
  ['not a JWT', async () => 'not-a-token'],
  ['that never expires (no exp)', () => new SignJWT({ roles: [Role.ADMIN] }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuedAt().sign(new TextEncoder().encode(TEST_JWT_SECRET))],
  ['issued a year ahead', () => {
    const nextYear = Math.floor(Date.now() / 1000) + 365 * 86400;
    return new SignJWT({ roles: [Role.ADMIN] }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuedAt(nextYear).setExpirationTime(nextYear + 3600).sign(new TextEncoder().encode(TEST_JWT_SECRET));
  }],
  ['valid for a year', () => signToken(admin, TEST_JWT_SECRET, { expiresIn: '365d' })],
  ['signed with the published development secret', () => signToken(admin, DEVELOPMENT_JWT_SECRET)],
])('refuses a token %s with 401, even for public data', async (_, token) => {
  const bearer = `Bearer ${await token()}`;
  expect(await post(CREATE_UNIT, bearer)).toEqual({ status: 401, codes: ['UNAUTHENTICATED'] });
  expect(await post('{ provinces { code } }', bearer)).toEqual({ status: 401, codes: ['UNAUTHENTICATED'] });
});

it('serves a valid token and anonymous public reads', async () => {
  expect(await post('{ provinces { code } }')).toEqual({ status: 200, codes: [] });
  expect(await post('{ provinces { code } }', `Bearer ${await signToken(admin, TEST_JWT_SECRET)}`)).toEqual({ status: 200, codes: [] });
});

/** A subgraph started with this environment (teams, on a fresh database, no demo data). */
async function startTeams(label: string, env: NodeJS.ProcessEnv): Promise<RunningServer> {
  return startSubgraph(teams, { PORT: '0', DATABASE_URL: await freshTestDatabaseUrl(`teams_${label}`), SEED_DEMO_DATA: 'false', MIGRATE_ON_START: 'true', ...TEST_PERSONAL_DATA_ENV, ...env });
}

/** As the standard clients post: accepting application/graphql-response+json first, whose status codes say what was refused. */
async function postTo(target: RunningServer, body: object, headers: Record<string, string> = {}) {
  const accept = 'application/graphql-response+json, application/json;q=0.9';
  const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', accept, ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

describe('the development/production rule', () => {
  it('never accepts the development secret beside a JWKS, whatever NODE_ENV says', async () => {
    for (const NODE_ENV of [undefined, 'development', 'test']) {
      const withJwks = await startTeams('jwks', { NODE_ENV, JWT_JWKS_URL: 'http://127.0.0.1:1/jwks.json' });
      try {
        const { status, body } = await postTo(withJwks, { query: CREATE_UNIT }, { authorization: `Bearer ${await signToken(admin, DEVELOPMENT_JWT_SECRET)}` });
        expect(status).toBe(401);
        expect(body.errors?.[0].message).toBe('Mã đăng nhập không hợp lệ: không chấp nhận mã ký bằng thuật toán HS256');
      } finally {
        await withJwks.close();
      }
    }
  });

  it.each([undefined, 'production', 'staging', 'Development'])('refuses to start as production without a key source when NODE_ENV is %s', async (NODE_ENV) => {
    await expect(startTeams('keyless', { NODE_ENV })).rejects.toThrow(/this runs as production \(NODE_ENV is not development or test\): set JWT_JWKS_URL \(or JWT_SECRET\)/);
  });

  it('accepts the development secret only with NODE_ENV=development or test and no key source', async () => {
    const development = await startTeams('development', { NODE_ENV: 'development' });
    try {
      const { status, body } = await postTo(development, { query: CREATE_UNIT }, { authorization: `Bearer ${await signToken(admin, DEVELOPMENT_JWT_SECRET)}` });
      expect(status).toBe(200);
      expect(body).toEqual({ data: { createAdministrativeUnit: { code: '99' } } });
    } finally {
      await development.close();
    }
  });
});

describe('a production subgraph', () => {
  let production: RunningServer;
  beforeAll(async () => {
    production = await startTeams('production', { NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET });
  });
  afterAll(() => production?.close());

  it('refuses introspection, and suggests no names from its schema', async () => {
    const introspection = await postTo(production, { query: '{ __schema { types { name } } }' });
    expect(introspection.status).toBe(400);
    expect(introspection.body.errors?.[0]).toMatchObject({ message: 'Hub không cho đọc lược đồ (introspection) khi vận hành chính thức', extensions: { graphqlMessage: expect.stringMatching(/introspection is not allowed/i) } });

    const misspelt = await postTo(production, { query: '{ provinces { cod } }' });
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.errors?.[0]).toMatchObject({ message: 'Không có thông tin “cod” ở Đơn vị hành chính', extensions: { graphqlMessage: 'Cannot query field "cod" on type "AdministrativeUnit".' } });

    const badEnum = await postTo(production, {
      query: 'mutation ($input: CreateAdministrativeUnitInput!) { createAdministrativeUnit(input: $input) { code } }',
      variables: { input: { code: '98', name: 'Tỉnh Thử', level: 'PROVINCEE' } },
    });
    expect(badEnum.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'level' } });
    expect(badEnum.body.errors?.[0].message).toBe('Cấp: “PROVINCEE” không phải một lựa chọn có trong danh sách');
  });

  it('keeps _entities for the gateway, and refuses a representation without its key cleanly', async () => {
    const query = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on AdministrativeUnit { code } } }';
    const known = await postTo(production, { query, variables: { representations: [{ __typename: 'AdministrativeUnit', code: '99' }] } });
    expect(known.body).toEqual({ data: { _entities: [null] } });

    const malformed = await postTo(production, { query, variables: { representations: [{ __typename: 'AdministrativeUnit' }] } });
    expect(malformed.body.errors?.[0]).toMatchObject({
      message: 'representations: AdministrativeUnit cần có khoá (code)',
      extensions: { code: 'BAD_USER_INPUT', field: 'representations' },
    });
    expect(JSON.stringify(malformed.body)).not.toMatch(/loader|stacktrace/);
  });

  it('masks an unexpected error behind the request id, and logs it in full with that id', async () => {
    const logged = captureLogs();
    try {
      const requestId = 'direct-access-test-0001';
      const query = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }';
      const { body } = await postTo(production, { query, variables: { representations: [{ __typename: 'NoSuchType', id: '1' }] } }, { 'x-request-id': requestId });
      expect(body.errors).toEqual([
        { message: `Lỗi máy chủ (mã yêu cầu ${requestId})`, path: ['_entities'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } },
      ]);
      expect(logged.lines).toContainEqual(
        expect.objectContaining({ level: 'error', requestId, code: 'INTERNAL_SERVER_ERROR', err: expect.objectContaining({ message: expect.stringMatching(/NoSuchType/) }) }),
      );
    } finally {
      logged.restore();
    }
  });
});
