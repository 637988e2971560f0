import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A client of the test provider: what its client-credentials tokens carry and how they are signed. */
export interface TestOidcClient {
  id: string;
  secret: string;
  /** Signing algorithm of its access tokens. */
  alg: 'RS256' | 'ES256';
  /** Extra claims of its access tokens (Keycloak's `realm_access`, `resource_access`, attributes…). */
  claims: Record<string, unknown>;
}

/** Someone the provider signs in (any password on its development login page), and their access tokens' claims. */
export interface TestOidcPerson {
  name: string;
  claims: Record<string, unknown>;
}

export interface TestOidcProvider {
  issuer: string;
  jwksUrl: string;
  /** A client-credentials access token for `resource` (its audience). */
  token(clientId: string, resource: string): Promise<string>;
  /** Replaces the signing keys (a rotation: the old ones withdrawn) without restarting the provider. */
  rotateKeys(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (`oidc-provider`, the certified Node implementation) in its own Node
 * process (it is an ES module, which jest cannot load), issuing JWT access tokens by the
 * client-credentials grant for any of `resources` (their audience). With `people` (login → who),
 * its public client `hub-web` signs them in by authorization code + PKCE, redirecting to
 * `http://127.0.0.1:<any port>/dang-nhap/xong`, with refresh tokens; access tokens live `accessTokenTTL` seconds.
 */
export async function startOidcProvider(
  clients: TestOidcClient[],
  resources: string[],
  { people = {}, accessTokenTTL = 300 }: { people?: Record<string, TestOidcPerson>; accessTokenTTL?: number } = {},
): Promise<TestOidcProvider> {
  const settings = JSON.stringify({ clients, resources, people, accessTokenTTL });
  const child = spawn(process.execPath, [join(__dirname, 'oidc-provider-process.mjs'), settings], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  // The provider writes its own notices to stdout too: wait for the line asked for.
  const lineMatching = async (pattern: RegExp) => {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) throw new Error('The OpenID provider stopped');
      if (pattern.test(value as string)) return value as string;
    }
  };
  const issuer = await lineMatching(/^http:/);
  const secrets = new Map(clients.map(({ id, secret }) => [id, secret]));
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    async token(clientId, resource) {
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secrets.get(clientId)!, resource, scope: 'api' }),
      });
      const body = (await response.json()) as { access_token?: string; error_description?: string };
      if (!body.access_token) throw new Error(`The provider issued no token: ${body.error_description}`);
      return body.access_token;
    },
    async rotateKeys() {
      child.stdin.write('rotate\n');
      await lineMatching(/^rotated$/);
    },
    async close() {
      child.stdin.end();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}
