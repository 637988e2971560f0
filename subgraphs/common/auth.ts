import { GraphQLError } from 'graphql';
import type { TOptions } from 'i18next';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { LRUCache } from 'lru-cache';
import { registerEnumType } from 'type-graphql';
import { forbidden, unauthenticated } from './errors';
import { tokensAccepted } from './metrics';
import { currentLogger } from './request-scope';
import { t, type ActionKey } from './messages';
import type { vi } from './messages/vi';

/**
 * The whole country: the root of the tree (its path is `/`, a prefix of every unit's), the national
 * unit whose officers (the Central Youth Union's) oversee every province, and the roll-up of all of them.
 */
export const NATION_CODE = 'VN';

/** The hub's roles; each but ADMIN is scoped by a claim of the token. */
export enum Role {
  /** National: everything. */
  ADMIN = 'ADMIN',
  /** A subtree of administrative units (`units` claim: unit codes). */
  OFFICER = 'OFFICER',
  /** One team, also its deputies (`team` claim: team id). */
  TEAM_LEADER = 'TEAM_LEADER',
  /** One partner enterprise (`partner` claim: partner id). */
  PARTNER = 'PARTNER',
  /** The events they organise (the events subgraph keeps who organises what). */
  ORGANISER = 'ORGANISER',
  /** A team member acting for themselves (`member` claim: their membership id), e.g. asking to leave. */
  MEMBER = 'MEMBER',
  /** Someone giving time (a member or an outside expert; `volunteer` claim: their Volunteer id in resources), signing up for shifts and logging their own hours. */
  VOLUNTEER = 'VOLUNTEER',
}
registerEnumType(Role, { name: 'Role', description: 'What a caller may act as' });

export interface HubClaims {
  sub: string;
  roles: Role[];
  units?: string[];
  team?: string;
  partner?: string;
  /** MEMBER: their membership (Member id). */
  member?: string;
  /** VOLUNTEER: their volunteer record (Volunteer id). */
  volunteer?: string;
  name?: string;
}

/** The token subject of a person who proved their phone: `data-subject:<key>` (see data-subject.ts). */
export const DATA_SUBJECT_PREFIX = 'data-subject:';

/** Who is calling, as proven by a verified token; anonymous when there is none. */
export class Viewer {
  static readonly anonymous = new Viewer(null, [], [], undefined, undefined, undefined, undefined);

  private constructor(
    readonly subject: string | null,
    readonly roles: readonly Role[],
    /** OFFICER: the codes of the units whose subtrees they oversee. */
    readonly unitCodes: readonly string[],
    /** TEAM_LEADER: the team they lead (or deputise). */
    readonly teamId: string | undefined,
    /** PARTNER: the partner enterprise they act for. */
    readonly partnerId: string | undefined,
    /** MEMBER: their own membership. */
    readonly memberId: string | undefined,
    /** VOLUNTEER: their own volunteer record. */
    readonly volunteerId: string | undefined,
  ) {}

  static fromClaims(claims: HubClaims): Viewer {
    return new Viewer(claims.sub, claims.roles, claims.units ?? [], claims.team, claims.partner, claims.member, claims.volunteer);
  }

  /**
   * This viewer, overseeing also `codes`: what the units of their token cover now, after the
   * tree was reorganised (a merged commune's successor, a dissolved district's communes).
   */
  alsoOverseeing(codes: readonly string[]): Viewer {
    const unitCodes = [...new Set([...this.unitCodes, ...codes])];
    if (unitCodes.length === this.unitCodes.length) return this;
    return new Viewer(this.subject, this.roles, unitCodes, this.teamId, this.partnerId, this.memberId, this.volunteerId);
  }

  get isAuthenticated(): boolean {
    return this.subject !== null;
  }

  /**
   * A resident or member who proved a phone with a one-time code (verifyAccessCode): the key of
   * the person whose data they may see and ask about; null for everyone else (a token with roles never is one).
   */
  get dataSubjectKey(): string | null {
    return this.subject?.startsWith(DATA_SUBJECT_PREFIX) && this.roles.length === 0 ? this.subject.slice(DATA_SUBJECT_PREFIX.length) : null;
  }

  has(role: Role): boolean {
    return this.roles.includes(role);
  }

  /**
   * ADMIN, or an OFFICER over a unit on `unitPath`, the unit's materialised path of codes
   * from the root (`/40/17227/17227.01/`). Unit codes are unique, so a unit oversees another
   * exactly when its code is a segment of the other's path: no lookup needed, in any subgraph.
   */
  oversees(unitPath: string): boolean {
    if (this.has(Role.ADMIN)) return true;
    if (!this.has(Role.OFFICER)) return false;
    // The nation is the root: its code is in no path, and its officers oversee every unit.
    if (this.unitCodes.includes(NATION_CODE)) return true;
    return unitPath.split('/').some((code) => code !== '' && this.unitCodes.includes(code));
  }

  leads(teamId: string): boolean {
    return this.has(Role.TEAM_LEADER) && this.teamId === teamId;
  }

  /** A MEMBER acting for this membership: the member themselves. */
  isMember(memberId: string): boolean {
    return this.has(Role.MEMBER) && this.memberId === memberId;
  }

  /** A VOLUNTEER acting for this volunteer record: the volunteer themselves. */
  isVolunteer(volunteerId: string): boolean {
    return this.has(Role.VOLUNTEER) && this.volunteerId === volunteerId;
  }

  /** A PARTNER acting for this partner enterprise (its staff or its systems). */
  actsFor(partnerId: string): boolean {
    return this.has(Role.PARTNER) && this.partnerId === partnerId;
  }

  /**
   * Throws FORBIDDEN (UNAUTHENTICATED for anonymous callers) unless `allowed`, saying which action
   * was refused in the caller's language. The action is the catalogue's key, worded only when
   * refused: most checks pass, and wording each one (i18next) cost about 1 % of the teams
   * subgraph's CPU on a monthly report and 5 % on a page of 50 teams' rosters.
   */
  insist(allowed: boolean, action: ActionKey, params?: TOptions): void {
    if (allowed) return;
    this.requireSignedIn();
    throw forbidden(t('refusals.mayNot', { action: t(action, params) }));
  }

  /** Throws UNAUTHENTICATED for anonymous callers. */
  requireSignedIn(): this {
    if (!this.isAuthenticated) throw unauthenticated();
    return this;
  }
}

export interface AuthConfig {
  /** HS256 shared secret (development and tests). */
  secret?: string;
  /** JWKS of an OIDC issuer (production). */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  /** Longest lifetime a token may have, in seconds: `exp - iat`, or `exp - now` without `iat`. */
  maxLifetimeSeconds?: number;
  /** How far the issuer's clock may be from ours, in seconds, for `exp`, `nbf` and `iat`. */
  clockSkewSeconds?: number;
  /**
   * How long the issuer's keys are kept, in seconds: a key the issuer withdraws is still accepted
   * until then (a token verified with it, remembered up to that long again: REMEMBER_VERIFIED_SECONDS).
   * A token signed with a key not seen yet makes the hub fetch the keys again at once.
   */
  jwksCacheSeconds?: number;
  /** Where the claims are in the identity provider's tokens (JWKS-verified; Keycloak's, say); the hub's own names by default. */
  claims?: ClaimMapping;
}

/**
 * Where a token carries what the hub reads: dotted paths into its payload (`realm_access.roles`,
 * `resource_access.hub.roles`), the first present of `roles` taken.
 */
export interface ClaimMapping {
  roles: string[];
  /**
   * The provider's role names for the hub's roles (`hub-officer` → OFFICER). With a mapping or
   * other roles paths, names are compared without case and names the hub does not know are left
   * out (providers put their own roles beside: `offline_access`, `default-roles-…`).
   */
  roleNames?: Record<string, Role>;
  units: string;
  team: string;
  partner: string;
  member: string;
  volunteer: string;
}

/** The hub's own claim names (`npm run token`, partners' API-key tokens): an unknown role is refused. */
export const HUB_CLAIMS: ClaimMapping = { roles: ['roles'], units: 'units', team: 'team', partner: 'partner', member: 'member', volunteer: 'volunteer' };

/** The keys of a JWKS are kept 10 minutes (jose's default) unless configured. */
export const DEFAULT_JWKS_CACHE_SECONDS = 600;

/**
 * Tokens must expire (`exp`), within a day of being issued: a leaked token stops working, and
 * the hub's own (12 h from `npm run token`, 15 min for partners) fit. The skew allows a minute.
 */
export const TOKEN_LIMITS = { maxLifetimeSeconds: 24 * 60 * 60, clockSkewSeconds: 60 } as const;

const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];

/** Why a token is refused, in the catalogue (`tokenProblems`); the code stays UNAUTHENTICATED. */
type TokenProblem = keyof (typeof vi)['tokenProblems'];

function rejected(problem: TokenProblem, params: Record<string, string | number> = {}): GraphQLError {
  const error = unauthenticated();
  return new GraphQLError(t('refusals.badToken', { reason: t(`tokenProblems.${problem}`, params) }), {
    extensions: { ...error.extensions, http: { status: 401 } },
  });
}

/** A refusal from jose (a JOSEError about the caller's token), as the catalogue's problem. */
function joseProblem(error: joseErrors.JOSEError): [TokenProblem, Record<string, string>?] {
  if (error instanceof joseErrors.JWTExpired) return ['expired'];
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return ['signature'];
  if (error instanceof joseErrors.JWKSNoMatchingKey) return ['noKey'];
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'exp' && error.reason === 'missing') return ['noExpiry'];
    if (error.claim === 'nbf' && error.reason === 'check_failed') return ['notYetValid'];
    if (error.reason === 'missing') return ['claimMissing', { claim: error.claim }];
    if (error.reason === 'check_failed') return ['claimMismatch', { claim: error.claim }];
    return ['claimInvalid', { claim: error.claim }];
  }
  // jose's stable code (ERR_JWS_INVALID…) rather than its English message.
  return ['unreadable', { code: error.code }];
}

/** The claim each role's token must carry: whose units, team, partner, member or volunteer record. */
const ROLE_CLAIMS = [
  [Role.OFFICER, 'units'],
  [Role.TEAM_LEADER, 'team'],
  [Role.PARTNER, 'partner'],
  [Role.MEMBER, 'member'],
  [Role.VOLUNTEER, 'volunteer'],
] as const;

/**
 * A caller sends the same token with every request, and the gateway and each subgraph verify it:
 * a token verified within this many seconds is accepted again without checking its signature and
 * claims, never once it has expired. A check costs about 0.1 ms of CPU with an issuer's RS256 or
 * ES256 key, 0.02 ms with HS256 (jose 5, Node 20, here), in every process a request reaches.
 */
export const REMEMBER_VERIFIED_SECONDS = 60;
/** The most verified tokens a process remembers (the least recently used are forgotten first). */
const VERIFIED_TOKENS_REMEMBERED = 10_000;

/**
 * Builds the function that turns an Authorization header into a Viewer.
 * A missing header means anonymous; a present but invalid token is refused outright,
 * so a caller never silently loses the rights it thought it had.
 */
export function createTokenVerifier(config: AuthConfig): (authorization?: string) => Promise<Viewer> {
  const { maxLifetimeSeconds = TOKEN_LIMITS.maxLifetimeSeconds, clockSkewSeconds = TOKEN_LIMITS.clockSkewSeconds } = config;
  const secret = config.secret ? new TextEncoder().encode(config.secret) : undefined;
  const jwksCacheSeconds = config.jwksCacheSeconds ?? DEFAULT_JWKS_CACHE_SECONDS;
  // An unknown key id refetches the keys (a rotation), at most every 30 s, or every cache age when shorter.
  const jwks: JWTVerifyGetKey | undefined = config.jwksUrl
    ? createRemoteJWKSet(new URL(config.jwksUrl), { cacheMaxAge: jwksCacheSeconds * 1000, cooldownDuration: Math.min(30, jwksCacheSeconds) * 1000 })
    : undefined;
  // Remembered no longer than the issuer's keys are kept: a withdrawn key's tokens stop within twice the cache age.
  const rememberMs = Math.min(REMEMBER_VERIFIED_SECONDS, jwks ? jwksCacheSeconds : Infinity) * 1000;
  // Kept by time on our own clock (Date.now, as jose's checks), not lru-cache's ttl (performance.now).
  const verified = new LRUCache<string, { viewer: Viewer; until: number }>({ max: VERIFIED_TOKENS_REMEMBERED });

  async function verifyToken(token: string): Promise<Viewer> {
    let algorithm: string | undefined;
    try {
      algorithm = decodeProtectedHeader(token).alg;
    } catch {
      throw rejected('notJwt');
    }
    const options = { issuer: config.issuer, audience: config.audience, requiredClaims: ['exp'], clockTolerance: clockSkewSeconds };
    let payload: JWTPayload;
    // The hub's own tokens (HS256 with JWT_SECRET: `npm run token`, partners' API keys) use its claim names.
    const mapping = algorithm === 'HS256' ? HUB_CLAIMS : (config.claims ?? HUB_CLAIMS);
    try {
      if (algorithm === 'HS256' && secret) {
        payload = (await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })).payload;
      } else if (algorithm && ASYMMETRIC_ALGORITHMS.includes(algorithm) && jwks) {
        payload = (await jwtVerify(token, jwks, { ...options, algorithms: ASYMMETRIC_ALGORITHMS })).payload;
      } else {
        throw rejected('algorithm', { algorithm: algorithm ?? 'none' });
      }
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) {
        // The issuer's keys could not be fetched: our fault, not the caller's token.
        currentLogger().error({ err: error }, 'token verification failed');
        throw new GraphQLError(t('refusals.cannotVerify'), {
          extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 503 } },
        });
      }
      throw rejected(...joseProblem(error));
    }
    checkLifetime(payload, maxLifetimeSeconds, clockSkewSeconds);
    const viewer = Viewer.fromClaims(readClaims(payload, mapping));
    // jose accepts a token until its expiry plus the skew.
    verified.set(token, { viewer, until: Math.min((payload.exp! + clockSkewSeconds) * 1000, Date.now() + rememberMs) });
    return viewer;
  }

  return async (authorization) => {
    if (!authorization) return Viewer.anonymous;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw rejected('notBearer');
    const token = match[1];
    const remembered = verified.get(token);
    if (remembered && Date.now() < remembered.until) {
      tokensAccepted.inc({ outcome: 'remembered' });
      return remembered.viewer;
    }
    verified.delete(token);
    const viewer = await verifyToken(token);
    tokensAccepted.inc({ outcome: 'verified' });
    return viewer;
  };
}

/**
 * jose checks `exp` and `nbf` (with the skew) but `iat` only alongside a maximum age, which would
 * make `iat` required: a token issued in the future, or living longer than allowed, is refused here.
 */
function checkLifetime({ iat, exp }: JWTPayload, maxLifetimeSeconds: number, clockSkewSeconds: number): void {
  const now = Math.floor(Date.now() / 1000);
  if (iat !== undefined && iat > now + clockSkewSeconds) throw rejected('issuedInFuture');
  // Without iat, the token may have been issued up to the skew before our clock says.
  const lifetime = exp! - (iat ?? now);
  if (lifetime > maxLifetimeSeconds + (iat === undefined ? clockSkewSeconds : 0)) {
    throw rejected('tooLong', { lifetime, max: maxLifetimeSeconds });
  }
}

/** The value at a dotted path (`resource_access.hub.roles`), or undefined. */
function claimAt(payload: JWTPayload, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), payload);
}

const byName = new Map(Object.values(Role).map((role) => [role.toLowerCase(), role]));

/** The hub's roles among a provider's role names (see ClaimMapping.roleNames). */
function mappedRoles(names: unknown[], mapping: ClaimMapping): Role[] {
  const table = new Map(Object.entries(mapping.roleNames ?? {}).map(([name, role]) => [name.toLowerCase(), role]));
  const roles = names.map((name) => (typeof name === 'string' ? (table.get(name.toLowerCase()) ?? byName.get(name.toLowerCase())) : undefined));
  return [...new Set(roles.filter((role): role is Role => role !== undefined))];
}

/** A text claim, or the first of a list (a provider's user attribute may be either). */
const textClaim = (value: unknown) => (typeof value === 'string' && value !== '' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined);

function readClaims(payload: JWTPayload, mapping: ClaimMapping): HubClaims {
  const { sub } = payload;
  if (typeof sub !== 'string' || sub === '') throw rejected('noSubject');
  const strict = mapping === HUB_CLAIMS;
  const found = mapping.roles.map((path) => claimAt(payload, path)).filter((value) => value !== undefined);
  const names = found.flatMap((value) => (Array.isArray(value) ? value : [value]));
  if (strict && (found.length === 0 || !Array.isArray(found[0]) || !names.every((role) => Object.values(Role).includes(role as Role)))) {
    throw rejected('roles', { roles: Object.values(Role).join(', ') });
  }
  const units = claimAt(payload, mapping.units);
  const claims: HubClaims = {
    sub,
    roles: strict ? (names as Role[]) : mappedRoles(names, mapping),
    units: Array.isArray(units) ? units.map(String) : typeof units === 'string' && units !== '' ? units.split(',').map((code) => code.trim()) : undefined,
    team: textClaim(claimAt(payload, mapping.team)),
    partner: textClaim(claimAt(payload, mapping.partner)),
    member: textClaim(claimAt(payload, mapping.member)),
    volunteer: textClaim(claimAt(payload, mapping.volunteer)),
  };
  for (const [role, claim] of ROLE_CLAIMS) {
    if (claims.roles.includes(role) && !(Array.isArray(claims[claim]) ? claims[claim].length : claims[claim])) {
      throw rejected('roleNeedsClaim', { who: t(`who.${role}`), role, claim });
    }
  }
  return claims;
}

/** Signs an HS256 token, for development (`npm run token`) and tests. */
export async function signToken(
  claims: HubClaims,
  secret: string,
  { expiresIn = '12h', issuer, audience }: { expiresIn?: string | number; issuer?: string; audience?: string } = {},
): Promise<string> {
  const { sub, ...rest } = claims;
  let jwt = new SignJWT({ ...rest }).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime(expiresIn);
  if (issuer) jwt = jwt.setIssuer(issuer);
  if (audience) jwt = jwt.setAudience(audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
