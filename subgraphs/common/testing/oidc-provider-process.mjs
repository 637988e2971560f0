// A real OpenID provider (`oidc-provider`, an ES module, run by Node outside jest) for the tests of
// subgraphs/common/testing/oidc-provider.ts: argv[2] is JSON { clients, resources }; it prints its
// issuer URL, and replaces its signing keys (a rotation) on each "rotate" line of stdin.
import { exportJWK, generateKeyPair } from 'jose';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
import Provider from 'oidc-provider';

const { clients, resources } = JSON.parse(process.argv[2]);
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
    clients: clients.map(({ id, secret }) => ({
      client_id: id,
      client_secret: secret,
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
      token_endpoint_auth_method: 'client_secret_post',
    })),
    jwks: { keys: await signingKeys() },
    ttl: { ClientCredentials: 300 },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resources[0],
        useGrantedResource: () => true,
        getResourceServerInfo: (_context, resource, client) => {
          if (!resources.includes(resource)) throw new Error(`unknown resource ${resource}`);
          return { scope: 'api', audience: resource, accessTokenTTL: 300, accessTokenFormat: 'jwt', jwt: { sign: { alg: byId.get(client.clientId).alg } } };
        },
      },
    },
    extraTokenClaims: (_context, token) => byId.get(token.clientId)?.claims,
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
