import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import sirv from 'sirv';
import { signToken, type AuthConfig } from '../subgraphs/common/auth';
import type { EnvReader } from '../subgraphs/common/env';
import { sendJson } from '../subgraphs/common/http';
import { DEMO_USERS } from './demo-users';

/** Sign-in through the province's OpenID Connect issuer (authorization code + PKCE, in the browser). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Scopes asked for; `openid` at least. */
  scope: string;
}

export interface WebAppOptions {
  /** The built app (`npm run build:web` writes web/dist). */
  directory: string;
  production: boolean;
  oidc?: OidcSettings;
  /** Signs development tokens for the demo users: set only outside production. */
  developmentSecret?: string;
  /** Issuer and audience the subgraphs expect on tokens, if any. */
  tokenIssuer?: string;
  tokenAudience?: string;
}

/**
 * Only what the app itself serves: its own scripts and styles, no inline script, no other origin
 * (the OIDC issuer excepted: the browser talks to it for tokens). Images may be data: URLs (QR codes).
 */
export function contentSecurityPolicy(oidc?: OidcSettings): string {
  const issuer = oidc ? ` ${new URL(oidc.issuer).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    // GraphiQL's stylesheet carries its fonts as data: URLs.
    "font-src 'self' data:",
    `connect-src 'self'${issuer}`,
    `frame-src 'self'${issuer}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Vite names built files with a content hash (`assets/index-B1x2c3d4.js`): they never change. */
const HASHED_ASSET = /^\/assets\/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/** Browsers asking for a page (not a GraphQL client doing a GET query). */
function wantsHtml(request: IncomingMessage, url: URL): boolean {
  return /text\/html/.test(request.headers.accept ?? '') && !url.searchParams.has('query');
}

/**
 * The web app at `/`, on the gateway's origin (so no CORS): its built files, client routes
 * falling back to index.html, `/app-config.json` (the sign-in settings), and outside production
 * GraphiQL at `/graphql` for browsers and `/dev/users`, `/dev/token` for the demo sign-in.
 * Returns a handler for GET and HEAD requests that answers true when it served the request.
 */
export function webApp(options: WebAppOptions): (request: IncomingMessage, response: ServerResponse) => Promise<boolean> {
  const { directory, production, oidc, developmentSecret } = options;
  const built = existsSync(join(directory, 'index.html'));
  const graphiqlPage = join(directory, 'graphiql.html');
  const csp = contentSecurityPolicy(oidc);
  const files = built
    ? sirv(directory, {
        single: true,
        etag: true,
        gzip: true,
        brotli: true,
        setHeaders(response, pathname) {
          response.setHeader('content-security-policy', csp);
          response.setHeader('x-content-type-options', 'nosniff');
          response.setHeader('referrer-policy', 'no-referrer');
          response.setHeader(
            'cache-control',
            HASHED_ASSET.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      })
    : undefined;
  const development = !production && developmentSecret !== undefined;
  const appConfig = { oidc: oidc ?? null, developmentSignIn: development };

  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    switch (url.pathname) {
      case '/health':
        return false;
      case '/graphql':
        if (production || !built || !existsSync(graphiqlPage) || !wantsHtml(request, url)) return false;
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'cache-control': 'no-cache' });
        response.end(readFileSync(graphiqlPage));
        return true;
      case '/app-config.json':
        sendJson(response, 200, appConfig);
        return true;
      case '/dev/users':
        if (!development) break;
        sendJson(response, 200, DEMO_USERS.map(({ id, label, claims }) => ({ id, label, roles: claims.roles })));
        return true;
      case '/dev/token': {
        if (!development) break;
        const user = DEMO_USERS.find(({ id }) => id === url.searchParams.get('user'));
        if (!user) {
          sendJson(response, 404, { error: 'unknown demo user' });
          return true;
        }
        const expiresIn = 3600;
        const token = await signToken(user.claims, developmentSecret, {
          expiresIn: `${expiresIn}s`,
          issuer: options.tokenIssuer,
          audience: options.tokenAudience,
        });
        response.setHeader('cache-control', 'no-store');
        sendJson(response, 200, { token, expiresIn, user: { id: user.id, label: user.label, ...user.claims } });
        return true;
      }
    }
    if (!files) {
      if (url.pathname !== '/') return false;
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Ứng dụng web chưa được xây dựng: chạy `npm run build:web` (The web app is not built: run `npm run build:web`.)\n');
      return true;
    }
    await new Promise<void>((resolve) => files(request, response, () => resolve()));
    if (!response.headersSent) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Không tìm thấy\n');
    }
    return true;
  };
}

/**
 * The web app's settings from the environment: WEB_APP_DIR (default web/dist), OIDC_ISSUER,
 * OIDC_CLIENT_ID and OIDC_SCOPE for sign-in. Development tokens only outside production, signed
 * with the secret the subgraphs verify.
 */
export function readWebAppConfig(env: EnvReader, production: boolean, auth: AuthConfig | undefined): WebAppOptions {
  const issuer = env.url('OIDC_ISSUER', ['https', 'http']);
  const clientId = env.string('OIDC_CLIENT_ID');
  env.require(!issuer === !clientId, 'set OIDC_ISSUER and OIDC_CLIENT_ID together');
  return {
    directory: env.string('WEB_APP_DIR', join('web', 'dist')),
    production,
    oidc: issuer && clientId ? { issuer, clientId, scope: env.string('OIDC_SCOPE', 'openid profile') } : undefined,
    developmentSecret: production ? undefined : auth?.secret,
    tokenIssuer: auth?.issuer,
    tokenAudience: auth?.audience,
  };
}
