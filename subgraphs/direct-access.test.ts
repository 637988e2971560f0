import { SignJWT } from 'jose';
import { Role, signToken } from './common/auth';
import type { RunningServer } from './common/http';
import { startSubgraph } from './common/server';
import { freshTestDatabaseUrl } from './common/testing/database';
import { TEST_JWT_SECRET } from './common/testing/subgraph';
import { teams } from './teams';

/** A subgraph called directly, bypassing the gateway, refuses bad tokens itself. */
let server: RunningServer;

beforeAll(async () => {
  server = await startSubgraph(teams, {
    PORT: '0',
    DATABASE_URL: await freshTestDatabaseUrl('teams_direct'),
    JWT_SECRET: TEST_JWT_SECRET,
    SEED_DEMO_DATA: 'false',
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
])('refuses a token %s with 401, even for public data', async (_, token) => {
  const bearer = `Bearer ${await token()}`;
  expect(await post(CREATE_UNIT, bearer)).toEqual({ status: 401, codes: ['UNAUTHENTICATED'] });
  expect(await post('{ provinces { code } }', bearer)).toEqual({ status: 401, codes: ['UNAUTHENTICATED'] });
});

it('serves a valid token and anonymous public reads', async () => {
  expect(await post('{ provinces { code } }')).toEqual({ status: 200, codes: [] });
  expect(await post('{ provinces { code } }', `Bearer ${await signToken(admin, TEST_JWT_SECRET)}`)).toEqual({ status: 200, codes: [] });
});
