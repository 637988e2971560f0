import { DEVELOPMENT_JWT_SECRET } from '../subgraphs/common/config';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTokenVerifier } from '../subgraphs/common/auth';
import type { RunningServer } from '../subgraphs/common/http';
import { TEST_JWT_SECRET } from '../subgraphs/common/testing/subgraph';
import { readGatewayConfig } from './config';
import { startGateway } from './gateway';

/** A built app's shape: index.html, a hashed asset, the GraphiQL page. */
const directory = mkdtempSync(join(tmpdir(), 'web-app-'));
mkdirSync(join(directory, 'assets'));
writeFileSync(join(directory, 'index.html'), '<!doctype html><title>app</title><script type="module" src="/assets/app-Ab12Cd34.js"></script>');
writeFileSync(join(directory, 'assets', 'app-Ab12Cd34.js'), 'console.log(1)');
writeFileSync(join(directory, 'graphiql.html'), '<!doctype html><title>GraphiQL</title>');
const supergraphSdl = readFileSync(join(__dirname, '..', 'supergraph.graphql'), 'utf8');

let development: RunningServer;
let production: RunningServer;
beforeAll(async () => {
  development = await startGateway({ supergraphSdl, port: 0, webApp: { directory, production: false, developmentSecret: TEST_JWT_SECRET } });
  production = await startGateway({ supergraphSdl, port: 0, production: true, webApp: { directory, production: true } });
});
afterAll(async () => {
  await development.close();
  await production.close();
  rmSync(directory, { recursive: true, force: true });
});

const at = (server: RunningServer, path: string, init?: RequestInit) => fetch(new URL(path, server.url), init);
const html = { headers: { accept: 'text/html' } };

it('serves the app at / and its client routes, with a strict Content-Security-Policy', async () => {
  for (const path of ['/', '/su-kien/123/dang-ky']) {
    const response = await at(production, path, html);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>app</title>');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'.*script-src 'self';.*object-src 'none'.*frame-ancestors 'none'/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
  }
});

it('caches hashed assets as immutable', async () => {
  const response = await at(production, '/assets/app-Ab12Cd34.js');
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
});

it('opens the bundled GraphiQL for browsers at /graphql in development, never in production', async () => {
  expect(await (await at(development, '/graphql', html)).text()).toContain('<title>GraphiQL</title>');
  const landing = await at(production, '/graphql', html);
  expect(await landing.text()).not.toContain('GraphiQL');
  // GraphQL clients are not affected.
  const query = await at(development, '/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(await query.json()).toEqual({ data: { __typename: 'Query' } });
});

it('gives development tokens for the demo users that the subgraphs accept, only outside production', async () => {
  const users = (await (await at(development, '/dev/users')).json()) as { id: string }[];
  expect(users.map((user) => user.id)).toEqual(['admin', 'officer', 'province-officer', 'national-officer', 'leader', 'member', 'volunteer', 'organiser', 'partner']);
  const { token } = (await (await at(development, '/dev/token?user=officer')).json()) as { token: string };
  const viewer = await createTokenVerifier({ secret: TEST_JWT_SECRET })(`Bearer ${token}`);
  expect(viewer.subject).toBe('dev-officer');
  expect(viewer.oversees('/40/17227/')).toBe(true);
  expect((await at(development, '/dev/token?user=nobody')).status).toBe(404);

  for (const path of ['/dev/users', '/dev/token?user=admin']) {
    const response = await at(production, path);
    expect(await response.text()).not.toMatch(/token|dev-admin/);
  }
  expect(await (await at(production, '/app-config.json')).json()).toEqual({ oidc: null, developmentSignIn: false });
});

it('reads the sign-in settings: OIDC issuer and client together; development tokens never in production', () => {
  const development = { NODE_ENV: 'development' };
  const configured = readGatewayConfig([], { ...development, OIDC_ISSUER: 'https://sso.nghean.gov.vn/realms/cds', OIDC_CLIENT_ID: 'hub-web' });
  expect(configured.webApp).toMatchObject({ oidc: { issuer: 'https://sso.nghean.gov.vn/realms/cds', clientId: 'hub-web', scope: 'openid profile' } });
  expect(configured.webApp?.developmentSecret).toBe(DEVELOPMENT_JWT_SECRET);
  // A key source of its own, or any NODE_ENV but development/test, is production (isProduction).
  expect(readGatewayConfig([], { ...development, JWT_SECRET: 'x'.repeat(40) }).webApp?.developmentSecret).toBeUndefined();
  expect(readGatewayConfig([], { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }).webApp?.developmentSecret).toBeUndefined();
  expect(() => readGatewayConfig([], { ...development, OIDC_ISSUER: 'https://sso.nghean.gov.vn' })).toThrow(/OIDC_ISSUER and OIDC_CLIENT_ID together/);
});
