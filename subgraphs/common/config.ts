import { join } from 'node:path';
import { DEFAULT_JWKS_CACHE_SECONDS, HUB_CLAIMS, Role, TOKEN_LIMITS, type AuthConfig, type ClaimMapping } from './auth';
import { isMysqlUrl } from './database';
import { EnvReader, isProduction } from './env';
import { readKeyRing, type KeyRing } from './personal-data';
import { CONSUMED_KEEP_DAYS, OUTBOX_KEEP_DAYS } from './outbox';
import { readLifecycleConfig, type LifecycleOptions } from './lifecycle';
import { readChannels, type Channels } from './reminders/channels';

export { isProduction };

/** Signs development tokens when no key source is configured; never accepted in production. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-change-me';

/** The environment a development command (`npm start`, `npm run token`) runs with: NODE_ENV=development unless the caller set one. */
export function developmentByDefault(source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...source, NODE_ENV: source.NODE_ENV || 'development' };
}

export interface ServiceConfig {
  production: boolean;
  port: number;
  auth: AuthConfig;
}

export interface SubgraphConfig extends ServiceConfig {
  databaseUrl: string;
  seedDemoData: boolean;
  /** The teams subgraph, which places units and teams in the tree for the others. */
  teamsUrl: string;
  /** The partners and events subgraphs, which say whether a partner or an organiser works with a team (teams asks). */
  partnersUrl: string;
  eventsUrl: string;
  /** Serve Prometheus metrics at `GET /metrics` (the benchmark reads its counters there too). */
  exposeMetrics: boolean;
  /** Run pending migrations when starting (development); in production `npm run migrate` does, before. */
  migrateOnStart: boolean;
  lifecycle: LifecycleOptions;
  /** Seals phones and addresses at rest and keys their hashes (see personal-data.ts). */
  keyRing: KeyRing;
  /** How reminders go out (none configured: they are logged) and how often the scheduler looks. */
  reminders: { channels: Channels; checkMinutes: number };
  /** The resources subgraph (its event feed, without a broker; the events subgraph asks it about gift lots for prizes). */
  resourcesUrl: string;
  events: EventsConfig;
  /** How long officers have to handle a person's request to correct, erase or restrict their data (data-subject.ts). */
  personalDataRequestDeadlineHours: number;
}

/**
 * Hours officers have to handle a request to correct, erase or restrict (data-subject.ts). Decree
 * 356/2025/NĐ-CP's own period is not in the seeds: 72 hours is an assumption carried over from Decree
 * 13/2023/NĐ-CP, to be checked; PERSONAL_DATA_REQUEST_DEADLINE_HOURS sets the right one.
 */
export const DEFAULT_REQUEST_DEADLINE_HOURS = 72;

/** How domain events leave the subgraph and reach its consumers (see delivery.ts, docs/events.md). */
export interface EventsConfig {
  /** NATS with JetStream; unset: consumers poll the subgraphs' feeds. */
  natsUrl?: string;
  /** Before the stream's and subjects' names, so several hubs (and test files) share a server. */
  natsPrefix: string;
  /** What the subgraphs' feeds ask of the consumers reading them; unset in production: no feed. */
  feedSecret?: string;
  relayIntervalMs: number;
  pollIntervalMs: number;
  /** How long relayed events stay in the outbox (and its feed) before they are pruned. */
  outboxKeepDays: number;
  /** How long consumers' records of the events they took are kept (longer than the outbox keeps events: see pruneConsumedEvents). */
  consumedKeepDays: number;
}

/** Serves the feeds in development; never accepted in production. */
export const DEVELOPMENT_EVENT_FEED_SECRET = 'development-only-event-feed-secret';

function readEventsConfig(env: EnvReader, production: boolean): EventsConfig {
  const natsPrefix = env.string('NATS_PREFIX', '');
  env.require(/^[A-Za-z0-9_-]*$/.test(natsPrefix), `NATS_PREFIX must be letters, digits, _ and -, got "${natsPrefix}"`);
  const feedSecret = env.string('EVENT_FEED_SECRET') ?? (production ? undefined : DEVELOPMENT_EVENT_FEED_SECRET);
  env.require(!production || feedSecret === undefined || (feedSecret.length >= 32 && feedSecret !== DEVELOPMENT_EVENT_FEED_SECRET), 'EVENT_FEED_SECRET must be at least 32 characters, and not the development one');
  const events = {
    natsUrl: env.url('NATS_URL', ['nats', 'tls']),
    natsPrefix,
    feedSecret,
    relayIntervalMs: env.int('EVENT_RELAY_INTERVAL_MS', 500, { min: 10, max: 60_000 }),
    pollIntervalMs: env.int('EVENT_POLL_INTERVAL_MS', 1_000, { min: 10, max: 60_000 }),
    outboxKeepDays: env.int('EVENT_OUTBOX_KEEP_DAYS', OUTBOX_KEEP_DAYS, { min: 1, max: 3650 }),
    consumedKeepDays: env.int('EVENT_CONSUMED_KEEP_DAYS', CONSUMED_KEEP_DAYS, { min: 2, max: 3650 }),
  };
  const { outboxKeepDays, consumedKeepDays } = events;
  env.require(consumedKeepDays > outboxKeepDays, `EVENT_CONSUMED_KEEP_DAYS (${consumedKeepDays}) must be more than EVENT_OUTBOX_KEEP_DAYS (${outboxKeepDays}): a feed read again from its start serves what the outbox keeps, and its consumers must still know they took it`);
  return events;
}

export function readAuthConfig(env: EnvReader, production = isProduction(env)): AuthConfig {
  const jwksUrl = env.url('JWT_JWKS_URL', ['https', 'http']);
  const secret = env.string('JWT_SECRET') ?? (production ? undefined : DEVELOPMENT_JWT_SECRET);
  env.require(
    Boolean(secret || jwksUrl),
    'this runs as production (NODE_ENV is not development or test): set JWT_JWKS_URL (or JWT_SECRET), or NODE_ENV=development on a developer\'s machine',
  );
  env.require(!secret || secret.length >= 32 || !production, 'JWT_SECRET must be at least 32 characters');
  return {
    secret,
    jwksUrl,
    issuer: env.string('JWT_ISSUER'),
    audience: env.string('JWT_AUDIENCE'),
    maxLifetimeSeconds: env.int('JWT_MAX_LIFETIME_SECONDS', TOKEN_LIMITS.maxLifetimeSeconds, { min: 60, max: 7 * 24 * 60 * 60 }),
    clockSkewSeconds: env.int('JWT_CLOCK_SKEW_SECONDS', TOKEN_LIMITS.clockSkewSeconds, { max: 600 }),
    jwksCacheSeconds: env.int('JWT_JWKS_CACHE_SECONDS', DEFAULT_JWKS_CACHE_SECONDS, { min: 1, max: 24 * 60 * 60 }),
    claims: readClaimMapping(env),
  };
}

/** Where the identity provider's tokens carry roles, units, team, partner, member and volunteer; undefined: the hub's own names. */
function readClaimMapping(env: EnvReader): ClaimMapping | undefined {
  const roles = env.string('JWT_ROLES_CLAIM');
  const roleMap = env.string('JWT_ROLE_MAP');
  const paths = {
    units: env.string('JWT_UNITS_CLAIM'),
    team: env.string('JWT_TEAM_CLAIM'),
    partner: env.string('JWT_PARTNER_CLAIM'),
    member: env.string('JWT_MEMBER_CLAIM'),
    volunteer: env.string('JWT_VOLUNTEER_CLAIM'),
  };
  if (roles === undefined && roleMap === undefined && Object.values(paths).every((path) => path === undefined)) return undefined;
  const roleNames: Record<string, Role> = {};
  for (const entry of (roleMap ?? '').split(',').map((pair) => pair.trim()).filter(Boolean)) {
    const [name, role] = entry.split('=').map((part) => part.trim());
    const known = Object.values(Role).find((value) => value === role?.toUpperCase());
    env.require(Boolean(name) && known !== undefined, `JWT_ROLE_MAP must list name=ROLE pairs (ROLE one of ${Object.values(Role).join(', ')}), got "${entry}"`);
    if (known) roleNames[name] = known;
  }
  return {
    roles: roles ? roles.split(',').map((path) => path.trim()).filter(Boolean) : HUB_CLAIMS.roles,
    roleNames,
    units: paths.units ?? HUB_CLAIMS.units,
    team: paths.team ?? HUB_CLAIMS.team,
    partner: paths.partner ?? HUB_CLAIMS.partner,
    member: paths.member ?? HUB_CLAIMS.member,
    volunteer: paths.volunteer ?? HUB_CLAIMS.volunteer,
  };
}

/**
 * What `npm run token` and `npm run partner-key` sign with: JWT_SECRET, or the development secret
 * in development (the hub then accepts it); with only JWT_JWKS_URL, tokens come from its issuer.
 */
export function readSigningConfig(source: NodeJS.ProcessEnv): AuthConfig & { secret: string } {
  const env = new EnvReader(developmentByDefault(source));
  const auth = readAuthConfig(env);
  env.require(auth.secret !== undefined || auth.jwksUrl === undefined, 'the hub verifies tokens with JWT_JWKS_URL only: get tokens from its issuer, or set JWT_SECRET');
  env.done();
  return auth as AuthConfig & { secret: string };
}

function readServiceConfig(env: EnvReader, defaultPort: number): ServiceConfig {
  const production = isProduction(env);
  return {
    production,
    port: env.int('PORT', defaultPort, { max: 65535 }),
    auth: readAuthConfig(env, production),
  };
}

/** A subgraph's settings; each subgraph has its own database (a SQLite file under data/ by default). */
export function readSubgraphConfig(name: string, defaultPort: number, source = process.env): SubgraphConfig {
  const env = new EnvReader(source);
  const service = readServiceConfig(env, defaultPort);
  const databaseUrl = env.string('DATABASE_URL') ?? join(env.string('DATA_DIR', 'data'), `${name}.sqlite`);
  const config = {
    ...service,
    databaseUrl,
    seedDemoData: env.boolean('SEED_DEMO_DATA', !service.production),
    teamsUrl: env.url('TEAMS_URL', ['http', 'https']) ?? 'http://localhost:4001/graphql',
    // The teams subgraph asks these whether a partner or an organiser works with a team (see working-relations.ts).
    partnersUrl: env.url('PARTNERS_URL', ['http', 'https']) ?? 'http://localhost:4003/graphql',
    eventsUrl: env.url('EVENTS_URL', ['http', 'https']) ?? 'http://localhost:4004/graphql',
    exposeMetrics: env.boolean('EXPOSE_METRICS', true),
    // An embedded SQLite file has one process, its owner: nothing to race, and no migration job to run.
    migrateOnStart: env.boolean('MIGRATE_ON_START', !service.production || !isMysqlUrl(databaseUrl)),
    lifecycle: readLifecycleConfig(env),
    keyRing: readKeyRing(env, service.production),
    resourcesUrl: env.url('RESOURCES_URL', ['http', 'https']) ?? 'http://localhost:4002/graphql',
    events: readEventsConfig(env, service.production),
    reminders: { channels: readChannels(env), checkMinutes: env.int('REMINDER_CHECK_MINUTES', 5, { min: 1, max: 24 * 60 }) },
    personalDataRequestDeadlineHours: env.int('PERSONAL_DATA_REQUEST_DEADLINE_HOURS', DEFAULT_REQUEST_DEADLINE_HOURS, { min: 1, max: 90 * 24 }),
  };
  env.done();
  return config;
}
