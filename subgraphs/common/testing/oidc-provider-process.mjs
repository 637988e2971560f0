// A real OpenID provider (`oidc-provider`, an ES module, run by Node outside jest) for the tests of
// subgraphs/common/testing/oidc-provider.ts: argv[2] is JSON { clients, resources, people,
// accessTokenTTL }; it prints its issuer URL, and replaces its signing keys (a rotation) on each
// "rotate" line of stdin. With `people`, a browser client signs them in by authorization code + PKCE
// through the provider's own development login page (any password).
import { exportJWK, generateKeyPair } from 'jose';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import Provider from 'oidc-provider';

const { clients, resources, people = {}, accessTokenTTL = 300 } = JSON.parse(process.argv[2]);
/** The web app's public client: a loopback redirect (RFC 8252: any port of 127.0.0.1, the test hub's). */
const BROWSER_CLIENT = {
  client_id: 'hub-web',
  application_type: 'native',
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  redirect_uris: ['http://127.0.0.1/dang-nhap/xong'],
  token_endpoint_auth_method: 'none',
};
const signsPeopleIn = Object.keys(people).length > 0;
const byId = new Map(clients.map((client) => [client.id, client]));

/** One RSA and one EC signing key, with fresh key ids. */
const signingKeys = () =>
  Promise.all(
    ['RS256', 'ES256'].map(async (alg) => {
      const { privateKey } = await generateKeyPair(alg, { extractable: true });
      return { ...(await exportJWK(privateKey)), alg, use: 'sig', kid: `${alg}-${crypto.randomUUID()}` };
    }),
  );

const server = createServer((request, response) => handler(request, response));
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

async function provider() {
  const instance = new Provider(issuer, {
    clients: [
      ...clients.map(({ id, secret }) => ({
        client_id: id,
        client_secret: secret,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_post',
      })),
      ...(signsPeopleIn ? [BROWSER_CLIENT] : []),
    ],
    findAccount: (_context, id) => people[id] && { accountId: id, claims: () => ({ sub: id, name: people[id].name }) },
    // The browser's calls to the token endpoint come from the hub's origin, a port of 127.0.0.1.
    clientBasedCORS: (_context, origin, client) => client.clientId === BROWSER_CLIENT.client_id && new URL(origin).hostname === '127.0.0.1',
    // A refresh token with every code, without asking for offline access: the app renews silently.
    issueRefreshToken: (_context, client) => client.grantTypeAllowed('refresh_token'),
    jwks: { keys: await signingKeys() },
    ttl: { ClientCredentials: 300 },
    features: {
      devInteractions: { enabled: signsPeopleIn },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resources[0],
        useGrantedResource: () => true,
        getResourceServerInfo: (_context, resource, client) => {
          if (!resources.includes(resource)) throw new Error(`unknown resource ${resource}`);
          return { scope: 'api', audience: resource, accessTokenTTL, accessTokenFormat: 'jwt', jwt: { sign: { alg: byId.get(client.clientId)?.alg ?? 'RS256' } } };
        },
      },
    },
    extraTokenClaims: (_context, token) => byId.get(token.clientId)?.claims ?? people[token.accountId]?.claims,
  });
  return instance.callback();
}

let handler = await provider();
console.log(issuer);
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== 'rotate') continue;
  handler = await provider();
  console.log('rotated');
}
server.close();
