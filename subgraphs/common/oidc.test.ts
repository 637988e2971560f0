import { GraphQLError } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTokenVerifier, Role, signToken, type AuthConfig, type Viewer } from './auth';
import { readAuthConfig } from './config';
import { EnvReader } from './env';
import { startOidcProvider, type TestOidcProvider } from './testing/oidc-provider';

/**
 * Tokens of a real OpenID provider, shaped as Keycloak shapes them, accepted with configuration
 * only (the settings of docs/integrating.md); RS256 and ES256, a key rotation, another audience.
 */
const HUB = 'https://hub.example.vn';
const OTHER = 'https://other.example.vn';
const SECRET = 'x'.repeat(32);

let provider: TestOidcProvider;
beforeAll(async () => {
  provider = await startOidcProvider(
    [
      {
        // A province's system acting as an officer and a team leader, roles where Keycloak puts them.
        id: 'nghe-an-reports',
        secret: 'reports-secret',
        alg: 'RS256',
        claims: {
          realm_access: { roles: ['offline_access', 'uma_authorization', 'default-roles-nghe-an', 'Officer'] },
          resource_access: { hub: { roles: ['hub-team-leader'] }, account: { roles: ['manage-account'] } },
          hub_units: '40,17227',
          hub_team: ['team-17227'],
        },
      },
      {
        id: 'viettel-training',
        secret: 'viettel-secret',
        alg: 'ES256',
        claims: { resource_access: { hub: { roles: ['partner'] } }, hub_partner: 'partner-viettel' },
      },
    ],
    [HUB, OTHER],
  );
});
afterAll(() => provider?.close());

/** The configuration a province's operator writes for its Keycloak realm (docs/integrating.md). */
function keycloakSettings(extra: Record<string, string> = {}): AuthConfig {
  const env = new EnvReader({
    JWT_JWKS_URL: provider.jwksUrl,
    JWT_ISSUER: provider.issuer,
    JWT_AUDIENCE: HUB,
    JWT_SECRET: SECRET,
    JWT_ROLES_CLAIM: 'realm_access.roles,resource_access.hub.roles',
    JWT_ROLE_MAP: 'hub-team-leader=TEAM_LEADER',
    JWT_UNITS_CLAIM: 'hub_units',
    JWT_TEAM_CLAIM: 'hub_team',
    JWT_PARTNER_CLAIM: 'hub_partner',
    ...extra,
  });
  const config = readAuthConfig(env, true);
  env.done();
  return config;
}

const bearer = (token: string) => `Bearer ${token}`;

async function refusal(verifying: Promise<Viewer>): Promise<string> {
  const error = await verifying.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(GraphQLError);
  expect((error as GraphQLError).extensions.code).toBe('UNAUTHENTICATED');
  return (error as GraphQLError).message;
}

it('reads roles, units and team from a Keycloak-shaped RS256 token: names without case, through the map, the provider’s own left out', async () => {
  const viewer = await createTokenVerifier(keycloakSettings())(bearer(await provider.token('nghe-an-reports', HUB)));
  expect(viewer.subject).toBe('nghe-an-reports');
  expect(viewer.roles).toEqual([Role.OFFICER, Role.TEAM_LEADER]);
  expect(viewer.unitCodes).toEqual(['40', '17227']);
  expect(viewer.teamId).toBe('team-17227');
  expect(viewer.oversees('/40/17227/')).toBe(true);
});

it('reads a partner’s system from an ES256 token', async () => {
  const viewer = await createTokenVerifier(keycloakSettings())(bearer(await provider.token('viettel-training', HUB)));
  expect([viewer.roles, viewer.partnerId]).toEqual([[Role.PARTNER], 'partner-viettel']);
});

it('refuses a token the provider issued for another audience', async () => {
  const verify = createTokenVerifier(keycloakSettings());
  expect(await refusal(verify(bearer(await provider.token('viettel-training', OTHER))))).toBe('Mã đăng nhập không hợp lệ: thông tin aud trong mã không đúng với hệ thống này');
});

it('refuses the provider’s token without the claim mapping: its roles are not where the hub looks', async () => {
  const verify = createTokenVerifier({ jwksUrl: provider.jwksUrl, issuer: provider.issuer, audience: HUB });
  expect(await refusal(verify(bearer(await provider.token('nghe-an-reports', HUB))))).toMatch(/vai trò \(roles\) phải là một danh sách/);
});

it('keeps reading the hub’s own HS256 tokens (partners’ API keys) by the hub’s claim names', async () => {
  const own = await signToken({ sub: 'viettel-key', roles: [Role.PARTNER], partner: 'partner-viettel' }, SECRET, { audience: HUB, issuer: provider.issuer });
  const viewer = await createTokenVerifier(keycloakSettings())(bearer(own));
  expect([viewer.roles, viewer.partnerId]).toEqual([[Role.PARTNER], 'partner-viettel']);
});

it('follows a key rotation without a restart; a withdrawn key is accepted until the cache age passes', async () => {
  const verify = createTokenVerifier(keycloakSettings({ JWT_JWKS_CACHE_SECONDS: '3' }));
  const before = await provider.token('nghe-an-reports', HUB);
  await verify(bearer(before));
  await provider.rotateKeys();
  // The keys are cached: the withdrawn one still verifies.
  expect((await verify(bearer(before))).subject).toBe('nghe-an-reports');

  await new Promise((resolve) => setTimeout(resolve, 3_100));
  const after = await provider.token('nghe-an-reports', HUB);
  expect((await verify(bearer(after))).roles).toEqual([Role.OFFICER, Role.TEAM_LEADER]);
  expect(await refusal(verify(bearer(before)))).toMatch(/không tìm thấy khoá ký của mã/);
});

it('refuses a role map naming a role the hub does not have', () => {
  expect(() => keycloakSettings({ JWT_ROLE_MAP: 'boss=SUPERUSER' })).toThrow(/JWT_ROLE_MAP must list name=ROLE pairs/);
});

it('ships a Keycloak realm whose mappers put the audience and the scope claims where these settings read them', () => {
  const realm = JSON.parse(readFileSync(join(__dirname, '..', '..', 'docs', 'keycloak-realm.json'), 'utf8')) as {
    roles: { realm: { name: string }[] };
    clientScopes: { name: string; protocolMappers: { protocolMapper: string; config: Record<string, string> }[] }[];
    clients: { clientId: string; defaultClientScopes: string[] }[];
  };
  const scope = realm.clientScopes.find(({ name }) => name === 'hub')!;
  const claims = scope.protocolMappers.filter(({ protocolMapper }) => protocolMapper === 'oidc-usermodel-attribute-mapper').map(({ config }) => config['claim.name']);
  const { claims: mapping } = keycloakSettings({ JWT_MEMBER_CLAIM: 'hub_member', JWT_VOLUNTEER_CLAIM: 'hub_volunteer' });
  expect(claims.sort()).toEqual([mapping!.member, mapping!.partner, mapping!.team, mapping!.units, mapping!.volunteer].sort());
  expect(scope.protocolMappers.find(({ protocolMapper }) => protocolMapper === 'oidc-audience-mapper')?.config['included.client.audience']).toBe('hub');
  // Every hub role has a realm role of its name (compared without case).
  expect(realm.roles.realm.map(({ name }) => name.toUpperCase()).sort()).toEqual(Object.values(Role).sort());
  for (const client of realm.clients) expect(client.defaultClientScopes).toEqual(expect.arrayContaining(['roles', 'hub']));
});
