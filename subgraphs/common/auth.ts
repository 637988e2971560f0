import { GraphQLError } from 'graphql';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { registerEnumType } from 'type-graphql';
import { forbidden, unauthenticated } from './errors';
import { currentLogger } from './request-scope';

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

  /** Throws FORBIDDEN (UNAUTHENTICATED for anonymous callers) unless `allowed`. */
  insist(allowed: boolean, action: string): void {
    if (allowed) return;
    this.requireSignedIn();
    throw forbidden(`You may not ${action}`);
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
}

/**
 * Tokens must expire (`exp`), within a day of being issued: a leaked token stops working, and
 * the hub's own (12 h from `npm run token`, 15 min for partners) fit. The skew allows a minute.
 */
export const TOKEN_LIMITS = { maxLifetimeSeconds: 24 * 60 * 60, clockSkewSeconds: 60 } as const;

const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];

function rejected(reason: string): GraphQLError {
  const error = unauthenticated();
  return new GraphQLError(`Invalid token: ${reason}`, {
    extensions: { ...error.extensions, http: { status: 401 } },
  });
}

/**
 * Builds the function that turns an Authorization header into a Viewer.
 * A missing header means anonymous; a present but invalid token is refused outright,
 * so a caller never silently loses the rights it thought it had.
 */
export function createTokenVerifier(config: AuthConfig): (authorization?: string) => Promise<Viewer> {
  const { maxLifetimeSeconds = TOKEN_LIMITS.maxLifetimeSeconds, clockSkewSeconds = TOKEN_LIMITS.clockSkewSeconds } = config;
  const secret = config.secret ? new TextEncoder().encode(config.secret) : undefined;
  const jwks: JWTVerifyGetKey | undefined = config.jwksUrl
    ? createRemoteJWKSet(new URL(config.jwksUrl))
    : undefined;

  return async (authorization) => {
    if (!authorization) return Viewer.anonymous;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw rejected('the Authorization header must be "Bearer <token>"');
    const token = match[1];

    let algorithm: string | undefined;
    try {
      algorithm = decodeProtectedHeader(token).alg;
    } catch {
      throw rejected('it is not a JWT');
    }
    const options = { issuer: config.issuer, audience: config.audience, requiredClaims: ['exp'], clockTolerance: clockSkewSeconds };
    let payload: JWTPayload;
    try {
      if (algorithm === 'HS256' && secret) {
        payload = (await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })).payload;
      } else if (algorithm && ASYMMETRIC_ALGORITHMS.includes(algorithm) && jwks) {
        payload = (await jwtVerify(token, jwks, { ...options, algorithms: ASYMMETRIC_ALGORITHMS })).payload;
      } else {
        throw rejected(`algorithm ${algorithm ?? 'none'} is not accepted`);
      }
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) {
        // The issuer's keys could not be fetched: our fault, not the caller's token.
        currentLogger().error({ err: error }, 'token verification failed');
        throw new GraphQLError('Cannot verify tokens right now; try again shortly', {
          extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 503 } },
        });
      }
      if (error instanceof joseErrors.JWTExpired) throw rejected('it has expired');
      if (error instanceof joseErrors.JWSSignatureVerificationFailed) throw rejected('its signature does not match');
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'exp' && error.reason === 'missing') throw rejected('it has no expiry (exp)');
      if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf' && error.reason === 'check_failed') throw rejected('it is not valid yet (nbf)');
      if (error instanceof joseErrors.JWTClaimValidationFailed) throw rejected(`claim ${error.claim} ${error.reason}`);
      throw rejected((error as Error).message);
    }
    checkLifetime(payload, maxLifetimeSeconds, clockSkewSeconds);
    return Viewer.fromClaims(readClaims(payload));
  };
}

/**
 * jose checks `exp` and `nbf` (with the skew) but `iat` only alongside a maximum age, which would
 * make `iat` required: a token issued in the future, or living longer than allowed, is refused here.
 */
function checkLifetime({ iat, exp }: JWTPayload, maxLifetimeSeconds: number, clockSkewSeconds: number): void {
  const now = Math.floor(Date.now() / 1000);
  if (iat !== undefined && iat > now + clockSkewSeconds) throw rejected('it was issued in the future (iat)');
  // Without iat, the token may have been issued up to the skew before our clock says.
  const lifetime = exp! - (iat ?? now);
  if (lifetime > maxLifetimeSeconds + (iat === undefined ? clockSkewSeconds : 0)) {
    throw rejected(`it is valid for ${lifetime} s, longer than the ${maxLifetimeSeconds} s allowed`);
  }
}

function readClaims(payload: JWTPayload): HubClaims {
  const { sub, roles, units, team, partner, member, volunteer } = payload as Record<string, unknown>;
  if (typeof sub !== 'string' || sub === '') throw rejected('it has no subject (sub)');
  if (!Array.isArray(roles) || !roles.every((role) => Object.values(Role).includes(role))) {
    throw rejected(`roles must be a list of ${Object.values(Role).join(', ')}`);
  }
  const claims: HubClaims = {
    sub,
    roles: roles as Role[],
    units: Array.isArray(units) ? units.map(String) : undefined,
    team: typeof team === 'string' ? team : undefined,
    partner: typeof partner === 'string' ? partner : undefined,
    member: typeof member === 'string' ? member : undefined,
    volunteer: typeof volunteer === 'string' ? volunteer : undefined,
  };
  if (claims.roles.includes(Role.OFFICER) && !claims.units?.length) throw rejected('an OFFICER token needs units');
  if (claims.roles.includes(Role.TEAM_LEADER) && !claims.team) throw rejected('a TEAM_LEADER token needs a team');
  if (claims.roles.includes(Role.PARTNER) && !claims.partner) throw rejected('a PARTNER token needs a partner');
  if (claims.roles.includes(Role.MEMBER) && !claims.member) throw rejected('a MEMBER token needs a member');
  if (claims.roles.includes(Role.VOLUNTEER) && !claims.volunteer) throw rejected('a VOLUNTEER token needs a volunteer');
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
