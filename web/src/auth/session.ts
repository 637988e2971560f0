import type { User, UserManager } from 'oidc-client-ts';

/** Who is signed in, as the app needs it (from the token's claims). */
export interface Session {
  token: string;
  label: string;
  roles: string[];
  units?: string[];
  team?: string;
  partner?: string;
  /** MEMBER: their own membership. */
  member?: string;
  sub: string;
  expiresAt: number;
}

/** The settings the gateway serves at /app-config.json. */
export interface AppConfig {
  oidc: { issuer: string; clientId: string; scope: string } | null;
  developmentSignIn: boolean;
}

/**
 * The token lives in memory only (never localStorage, where any script could read it): a reload
 * signs in again, silently when the OpenID provider's session is still alive.
 */
let session: Session | null = null;
const listeners = new Set<() => void>();
let manager: UserManager | undefined;
let renewal: ReturnType<typeof setTimeout> | undefined;

export function currentToken(): string | undefined {
  return session && session.expiresAt > Date.now() ? session.token : undefined;
}

export function currentSession(): Session | null {
  return session;
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setSession(next: Session | null): void {
  session = next;
  for (const listener of listeners) listener();
}

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(decodeURIComponent(escape(atob(payload)))) as Record<string, unknown>;
}

function sessionFrom(token: string, label?: string): Session {
  const claims = claimsOf(token);
  return {
    token,
    label: label ?? String(claims.name ?? claims.preferred_username ?? claims.sub),
    roles: (claims.roles as string[]) ?? [],
    units: claims.units as string[] | undefined,
    team: claims.team as string | undefined,
    partner: claims.partner as string | undefined,
    member: claims.member as string | undefined,
    sub: String(claims.sub),
    expiresAt: Number(claims.exp) * 1000,
  };
}

let config: Promise<AppConfig> | undefined;
export function appConfig(): Promise<AppConfig> {
  config ??= fetch('/app-config.json').then((response) => response.json() as Promise<AppConfig>);
  return config;
}

/** The OpenID Connect client (loaded only when someone signs in, to keep public pages small). */
async function oidcManager(): Promise<UserManager | undefined> {
  const { oidc } = await appConfig();
  if (!oidc) return undefined;
  if (!manager) {
    const { UserManager, WebStorageStateStore, InMemoryWebStorage } = await import('oidc-client-ts');
    manager = new UserManager({
      authority: oidc.issuer,
      client_id: oidc.clientId,
      scope: oidc.scope,
      redirect_uri: `${location.origin}/dang-nhap/xong`,
      response_type: 'code',
      // The user (and its tokens) in memory; refreshed before it expires with the refresh token.
      userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
      automaticSilentRenew: true,
    });
    manager.events.addUserLoaded((user: User) => setSession(sessionFrom(user.access_token)));
    manager.events.addUserSignedOut(() => setSession(null));
  }
  return manager;
}

/** Authorization code + PKCE: to the issuer's sign-in page and back to /dang-nhap/xong. */
export async function signInWithProvider(returnTo: string): Promise<void> {
  const oidc = await oidcManager();
  await oidc?.signinRedirect({ state: returnTo });
}

/** Back from the issuer: exchanges the code for tokens; answers where to go next. */
export async function completeProviderSignIn(): Promise<string> {
  const oidc = await oidcManager();
  if (!oidc) return '/';
  const user = await oidc.signinRedirectCallback();
  setSession(sessionFrom(user.access_token));
  return typeof user.state === 'string' ? user.state : '/';
}

export interface DemoUser {
  id: string;
  label: string;
  roles: string[];
}

/** Development only: the demo users the gateway offers. */
export async function demoUsers(): Promise<DemoUser[]> {
  const response = await fetch('/dev/users');
  return response.ok ? ((await response.json()) as DemoUser[]) : [];
}

/** Development only: a token for a demo user, renewed a minute before it expires. */
export async function signInAsDemoUser(id: string): Promise<Session> {
  const response = await fetch(`/dev/token?user=${encodeURIComponent(id)}`);
  if (!response.ok) throw new Error('demo sign-in refused');
  const { token, expiresIn, user } = (await response.json()) as { token: string; expiresIn: number; user: { label: string } };
  const next = sessionFrom(token, user.label);
  setSession(next);
  clearTimeout(renewal);
  renewal = setTimeout(() => void signInAsDemoUser(id).catch(() => setSession(null)), Math.max(expiresIn - 60, 30) * 1000);
  return next;
}

export async function signOut(): Promise<void> {
  clearTimeout(renewal);
  setSession(null);
  await manager?.removeUser();
}
