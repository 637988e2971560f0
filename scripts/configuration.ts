import { readGatewayConfig } from '../gateway/config';
import { readSubgraphConfig } from '../subgraphs/common/config';
import { recordEnvReads, type EnvRead } from '../subgraphs/common/env';
import { readRetentionRules } from '../subgraphs/common/retention';
import { loggerOptions } from '../subgraphs/common/logging';
import { readTracingConfig } from '../subgraphs/common/tracing';
import { readWebhookSettings } from '../subgraphs/partners/webhooks/settings';
import { subgraphs } from '../subgraphs';
import { SUBGRAPH_NAMES } from '../subgraphs/names';

/**
 * The configuration table in docs/operations.md, made from the code that reads the environment:
 * every setting the gateway's and the subgraphs' readers read (recorded by EnvReader), with its
 * kind, bounds and defaults in development and in production, as read. Only what a setting
 * means is written here, and `npm run compose --check` fails when a setting has no meaning or a
 * meaning no setting, so the table cannot drift from the code.
 */
const GATEWAY_DEFAULT_PORT = 4000;

/** What each setting means, and its default where the code computes it rather than reading it with a fallback. */
const MEANINGS: Record<string, { meaning: string; default?: string }> = {
  NODE_ENV: {
    meaning: 'only `development` or `test` (with no `JWT_SECRET` or `JWT_JWKS_URL`) is development; anything else is production: a key source required, no demo data, introspection, suggestions, landing page or error details',
    default: 'unset: production (`npm start` and the scripts set `development`, jest `test`)',
  },
  PORT: { meaning: 'port to listen on' },
  JWT_SECRET: { meaning: 'HS256 secret, 32+ characters (setting it means production); the partners subgraph also signs partners\' API-key tokens with it', default: 'the development secret, in development only' },
  JWT_JWKS_URL: { meaning: 'JWKS of the OIDC issuer whose tokens are accepted' },
  JWT_ISSUER: { meaning: 'required `iss` claim when set' },
  JWT_AUDIENCE: { meaning: 'required `aud` claim when set' },
  JWT_MAX_LIFETIME_SECONDS: { meaning: 'longest a token may live: `exp - iat`, or `exp - now` without `iat`' },
  JWT_CLOCK_SKEW_SECONDS: { meaning: 'how far `iat`/`nbf` may be ahead of our clock, and the leeway on `exp`' },
  JWT_JWKS_CACHE_SECONDS: { meaning: 'how long the issuer\'s keys are kept: a key it withdraws is accepted until then (a token already verified with it, up to that long again: see security.md); a token with a new key id fetches the keys again at once (at most every 30 s)' },
  JWT_ROLES_CLAIM: { meaning: 'where the identity provider\'s tokens carry roles: dotted paths, comma-separated, e.g. `realm_access.roles,resource_access.hub.roles`; once set, role names are compared without case and names the hub does not know are left out (see [integrating.md](integrating.md#identity-providers))', default: '`roles`' },
  JWT_ROLE_MAP: { meaning: 'the provider\'s role names for the hub\'s roles: `hub-officer=OFFICER,hub-admin=ADMIN`' },
  JWT_UNITS_CLAIM: { meaning: 'dotted path of an OFFICER\'s unit codes in the provider\'s tokens (a list, or comma-separated text)', default: '`units`' },
  JWT_TEAM_CLAIM: { meaning: 'dotted path of a TEAM_LEADER\'s team id in the provider\'s tokens', default: '`team`' },
  JWT_PARTNER_CLAIM: { meaning: 'dotted path of a PARTNER\'s partner id in the provider\'s tokens', default: '`partner`' },
  JWT_MEMBER_CLAIM: { meaning: 'dotted path of a MEMBER\'s membership id in the provider\'s tokens', default: '`member`' },
  JWT_VOLUNTEER_CLAIM: { meaning: 'dotted path of a VOLUNTEER\'s volunteer id in the provider\'s tokens', default: '`volunteer`' },
  PERSONAL_DATA_KEYS: {
    meaning: 'keys that seal phones and addresses at rest (AES-256-GCM): `id:base64,id:base64`, newest first (the first seals, all open); ids 1–16 of `a-z 0-9 -`, keys 32 bytes (`openssl rand -base64 32`); required in production, also by `npm run migrate` and `npm run rotate-keys` (see [personal-data.md](personal-data.md#protection-at-rest-and-key-management))',
    default: 'published development keys, in development only',
  },
  PERSONAL_DATA_HASH_KEY: {
    meaning: 'HMAC-SHA256 key (32+ bytes, base64) of the phone hashes the hub searches by; required in production',
    default: 'a published development key, in development only',
  },
  DATABASE_URL: {
    meaning: '`mysql://user:pass@host:3306/db` (MySQL 8 or MariaDB; created if missing, by a user allowed to) or a SQLite file path',
    default: '`<DATA_DIR>/<subgraph>.sqlite`',
  },
  DATA_DIR: { meaning: 'where the default SQLite files go' },
  SEED_DEMO_DATA: { meaning: 'seed the Vietnamese demo data into an empty database' },
  TEAMS_URL: {
    meaning: 'the teams subgraph: where the gateway sends its fields, and where the other subgraphs ask where units, teams and members sit',
    default: 'the gateway: the URL in the supergraph; the subgraphs: `http://localhost:4001/graphql`',
  },
  RESOURCES_URL: {
    meaning: 'the resources subgraph: where the gateway sends its fields, where the other subgraphs\' event consumers read its event feed when there is no broker, and where events asks (with the caller\'s token) whether a contest prize\'s gift lot is held by the event\'s unit',
    default: 'the gateway: the URL in the supergraph; the subgraphs: `http://localhost:4002/graphql`',
  },
  NATS_URL: { meaning: 'NATS with JetStream (`nats://host:4222`): the relays publish every subgraph\'s domain events there and consumers take them from durable consumers (see [events.md](events.md)); unset: consumers poll the subgraphs\' event feeds' },
  NATS_PREFIX: { default: 'none', meaning: 'put before the JetStream stream\'s and subjects\' names (letters, digits, `_`, `-`), so several hubs or test runs share one NATS server' },
  EVENT_FEED_SECRET: {
    meaning: 'without a broker: the bearer secret of every subgraph\'s event feed (`/internal/events`), the same in all subgraphs, 32+ characters; unset in production: no feed (set NATS_URL instead)',
    default: 'a development secret, in development only',
  },
  EVENT_RELAY_INTERVAL_MS: { meaning: 'how often the relay hands the outbox on (to NATS, or into the feed)' },
  EVENT_POLL_INTERVAL_MS: { meaning: 'without a broker: how often consumers read the event feeds' },
  EVENT_OUTBOX_KEEP_DAYS: {
    meaning: 'how long relayed events stay in the outbox (and its feed) before the hourly pruning deletes them (the last one relayed is always kept), and in the JetStream stream (its maximum age, set when a subgraph connects); a consumer that is down longer misses the pruned ones',
  },
  EVENT_CONSUMED_KEEP_DAYS: {
    meaning: 'how long consumers\' records of the events they took (`consumed_event`) are kept before the hourly pruning deletes them (the one a polling consumer resumes after is always kept); more than `EVENT_OUTBOX_KEEP_DAYS`, as a feed read again from its start serves what the outbox keeps (see [events.md](events.md#pruning))',
  },
  PARTNERS_URL: {
    meaning: 'the partners subgraph: where the gateway sends its fields, and where teams asks (with the caller\'s token) whether a partner works with a team before showing it members\' names',
    default: 'the gateway: the URL in the supergraph; teams: `http://localhost:4003/graphql`',
  },
  EVENTS_URL: {
    meaning: 'the events subgraph: where the gateway sends its fields, where teams asks (with the caller\'s token) whether an organiser works with a team before showing it members\' names, and where resources asks for a contest prize\'s lot and winner when recording its hand-over',
    default: 'the gateway: the URL in the supergraph; the subgraphs: `http://localhost:4004/graphql`',
  },
  EXPOSE_METRICS: { meaning: 'serve Prometheus metrics at `GET /metrics`' },
  MIGRATE_ON_START: {
    meaning: 'apply pending migrations when starting (under a lock); in production on MySQL `npm run migrate` does, before the services start',
    default: '`true` in development and on SQLite (one process owns the file), `false` in production on MySQL',
  },
  DRAIN_GRACE_MS: { meaning: 'on SIGTERM, how long requests in flight may take to finish before the rest are cut' },
  DRAIN_DELAY_MS: { meaning: 'on SIGTERM, how long to keep serving, not ready, before draining (the load balancer\'s time to stop sending)' },
  KEEP_ALIVE_TIMEOUT_MS: { meaning: 'how long an idle keep-alive connection stays open (above load balancers\' 60 s)' },
  SUPERGRAPH_PATH: { meaning: 'the composed supergraph to serve' },
  MAX_DEPTH: { meaning: 'deepest selection an operation may have' },
  MAX_ALIASES: { meaning: 'most aliases in one operation' },
  MAX_COST: { meaning: 'highest estimated cost of one operation (list sizes multiplied down the selection)' },
  MAX_PAGE_SIZE: { meaning: 'largest `first` a list may be asked for (the subgraphs refuse more anyway)' },
  MAX_BODY_BYTES: { meaning: 'largest request body (413 beyond)' },
  MAX_BATCH_SIZE: { meaning: 'most operations in one batched request; 0 refuses batches' },
  MAX_TOKENS: { meaning: 'most tokens the parser reads in one document before refusing it' },
  CORS_ORIGINS: { meaning: 'comma-separated browser origins allowed to call (`https://app.example.vn`), or `*`', default: '`*` in development, none in production' },
  RATE_LIMIT_MAX: { meaning: 'operations per caller (token subject, else address) per window, each operation of a batch counted; shared by the replicas through `REDIS_URL`; 0 turns it off' },
  RATE_LIMIT_WINDOW_SECONDS: { meaning: 'the rate limit\'s window' },
  TRUST_PROXY: { meaning: 'count callers by the first `X-Forwarded-For` address (behind a proxy you run)' },
  SUBGRAPH_TIMEOUT_MS: { meaning: 'how long a subgraph may take before its fields are given up on' },
  OPERATION_ALLOWLIST: { meaning: 'path to an Apollo persisted query manifest: only its operations are accepted' },
  SMTP_URL: { meaning: 'the mail server reminders go through by email (`smtp://user:pass@relay:587`, `smtps://…:465`); unset: email reminders are only logged (see README, reminders)' },
  SMTP_FROM: { meaning: 'the sender of reminder emails' },
  ZALO_ZNS_URL: { meaning: 'Zalo Notification Service\'s endpoint for templated messages' , default: '`https://business.openapi.zalo.me/message/template`' },
  ZALO_ACCESS_TOKEN: { meaning: 'the Zalo Official Account\'s access token (refreshed outside the hub), set with `ZALO_ZNS_TEMPLATE_ID`; unset: Zalo reminders are only logged' },
  ZALO_ZNS_TEMPLATE_ID: { meaning: 'the approved ZNS template reminders are sent with; its parameters are `title` and `content`' },
  PERSONAL_DATA_REQUEST_DEADLINE_HOURS: { meaning: 'hours officers have to handle a person\'s request to correct, erase or restrict their data (the queue\'s deadline); 72 assumes Decree 13/2023\'s period until Decree 356/2025/NĐ-CP\'s is confirmed (see personal-data.md)' },
  REMINDER_CHECK_MINUTES: { meaning: 'how often a subgraph looks for reminders due (each job has its own interval; one replica runs it, under a lease in the database)' },
  REDIS_URL: { meaning: 'the replicas share their rate-limit counts and persisted queries there (each replica in memory without)' },
  REDIS_KEY_PREFIX: { meaning: 'prefix of the gateway\'s keys in Redis' },
  OIDC_ISSUER: { meaning: 'the OpenID provider of the web app\'s sign-in (a province\'s Keycloak…), set with `OIDC_CLIENT_ID`; see [web-app.md](web-app.md)' },
  OIDC_CLIENT_ID: { meaning: 'the web app\'s client id at `OIDC_ISSUER`' },
  OIDC_SCOPE: { meaning: 'scopes the web app asks for' },
  WEB_APP_DIR: { meaning: 'the built web app (`npm run build:web`) served at `/`' },
  LOG_LEVEL: { meaning: 'pino level: `fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent`', default: '`info` (`silent` under jest)' },
  LOG_FORMAT: { meaning: '`json` or `pretty` (pretty only when pino-pretty is installed)' },
  OTEL_EXPORTER_OTLP_ENDPOINT: { meaning: 'where to send traces (OTLP); setting it turns tracing on; see [Traces](#traces)' },
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: { meaning: 'the same, for traces only' },
  OTEL_TRACES_EXPORTER: { meaning: '`otlp` or `console` turns tracing on; `none` off' },
  OTEL_SDK_DISABLED: { meaning: '`true` turns tracing off whatever else is set' },
  OTEL_SERVICE_NAME: { meaning: 'the service name on spans', default: '`gateway`, `teams`, …' },
  RETENTION_ACCESS_LOG_MONTHS: {
    meaning: 'how long the access log (reads of phone numbers and addresses, `personal_data_read`) is kept before `npm run retention` deletes it; at least 12: Decree 53/2022/NĐ-CP as commonly summarised asks system logs be kept at least 12 months, to be checked by the operator\'s legal adviser (see [personal-data.md](personal-data.md#how-long-it-is-kept))',
  },
  RETENTION_REFUSED_APPLICATION_MONTHS: { meaning: 'months after the decision a refused or withdrawn applicant\'s name, phone and address are erased (a complaint about the decision)' },
  RETENTION_FORMER_MEMBER_MONTHS: { meaning: 'months after a member left their last team that their phone, address and birth year are erased' },
  RETENTION_ACCESS_CODE_HOURS: { meaning: 'hours after they expire that one-time codes (used or not) are deleted' },
  RETENTION_HANDLED_REQUEST_MONTHS: {
    meaning: 'months after a request about a person\'s data was handled that what links it to the person (their key, their words, its retry key\'s record) is erased; the kind, dates, deadline, outcome and officer stay (a restriction in force keeps its request until lifted)',
  },
  RETENTION_GIFT_RECIPIENT_MONTHS: {
    meaning: 'months after a gift was given that the household\'s name on it is erased; at least 120: the allocation is an accounting document, kept at least 10 years (Law on Accounting 88/2015/QH13, art. 41)',
  },
  RETENTION_ONBOARDED_HOUSEHOLD_MONTHS: { meaning: 'months after its last follow-up that an onboarded household\'s name, phone and address are erased' },
  RETENTION_LIFTED_RESTRICTION_DAYS: {
    meaning: 'days after a restriction was lifted that the partners subgraph deletes its row of the member (`restricted_member`); at least 30, beyond the outbox\'s default keep, so a late announcement cannot restrict the member again',
  },
  RETENTION_WEBHOOK_DELIVERY_DAYS: { meaning: 'days after its last round of attempts began that a settled webhook delivery and its attempts are deleted' },
  RETENTION_STALL_CONTACT_MONTHS: { meaning: 'months after the fair ends that stall applicants\' contact name and phone, and a household exhibitor\'s name, are erased' },
  WEBHOOK_ALLOW_INSECURE_URLS: {
    meaning: 'lets partners\' webhook endpoints be plain `http` and on loopback or private addresses (a receiver on the developer\'s machine or in a test); refused unless NODE_ENV is `development` or `test`: production sends only to https URLs on public addresses',
    default: '`false` (`npm start` sets `true`)',
  },
  WEBHOOK_POLL_MS: { meaning: 'how often the partners subgraph\'s delivery worker looks for webhook deliveries due; `0` runs no worker in this process (several may run: each delivery is claimed before it is sent)' },
  WEBHOOK_TIMEOUT_MS: { meaning: 'how long a partner\'s webhook receiver may take to answer one attempt before it counts as failed' },
};
for (const name of SUBGRAPH_NAMES) {
  MEANINGS[`${name.toUpperCase()}_TIMEOUT_MS`] = { meaning: `how long the ${name} subgraph may take (else \`SUBGRAPH_TIMEOUT_MS\`)` };
}

interface Setting {
  read: EnvRead;
  services: Set<string>;
  /** The default read in development and in production (differing, e.g. demo data). */
  fallbacks: Partial<Record<'development' | 'production', EnvRead['fallback']>>;
}

/** Sample values that make every conditional setting read (a key source, a sign-in provider, tracing). */
const MODES = {
  development: { NODE_ENV: 'development', OIDC_ISSUER: 'https://id.example.vn', OIDC_CLIENT_ID: 'hub' },
  production: { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), OIDC_ISSUER: 'https://id.example.vn', OIDC_CLIENT_ID: 'hub' },
};

/** Every setting read, in the order first read, by the readers each service runs. */
export function readSettings(): Setting[] {
  const settings = new Map<string, Setting>();
  const readers: [string, (env: NodeJS.ProcessEnv) => unknown][] = [
    ['gateway', (env) => readGatewayConfig(SUBGRAPH_NAMES, env)],
    ...subgraphs.map(({ name, port }): [string, (env: NodeJS.ProcessEnv) => unknown] => [name, (env) => readSubgraphConfig(name, port, env)]),
    ['partners', (env) => readWebhookSettings(env)],
    // Read by the subgraph when it starts and by `npm run retention`.
    ...subgraphs.map(({ name, retention }): [string, (env: NodeJS.ProcessEnv) => unknown] => [name, (env) => readRetentionRules(retention, env)]),
  ];
  for (const service of ['gateway', ...SUBGRAPH_NAMES]) {
    readers.push([service, (env) => loggerOptions(env)], [service, (env) => readTracingConfig(service, env)]);
  }
  for (const [mode, env] of Object.entries(MODES) as [keyof typeof MODES, NodeJS.ProcessEnv][]) {
    for (const [service, reader] of readers) {
      for (const read of recordEnvReads(() => reader(env))) {
        const setting = settings.get(read.name) ?? { read, services: new Set<string>(), fallbacks: {} };
        // Read as text to decide production (JWT_JWKS_URL), as a URL to use it: the table says URL.
        if (setting.read.kind === 'string') setting.read = read;
        settings.set(read.name, setting);
        setting.services.add(service);
        // PORT's default differs by service: kept per service below.
        if (read.name !== 'PORT') setting.fallbacks[mode] = read.fallback;
      }
    }
  }
  // Those of every service first, then the gateway's, then the subgraphs'.
  const rank = ({ services }: Setting) => (services.size === SUBGRAPH_NAMES.length + 1 ? 0 : services.has('gateway') ? 1 : 2);
  return [...settings.values()].sort((a, b) => rank(a) - rank(b));
}

const code = (value: unknown) => `\`${String(value)}\``;

function usedBy(services: Set<string>): string {
  const subgraphsReading = SUBGRAPH_NAMES.filter((name) => services.has(name));
  const parts = services.has('gateway') ? ['gateway'] : [];
  if (subgraphsReading.length === SUBGRAPH_NAMES.length) parts.push('each subgraph');
  else parts.push(...subgraphsReading);
  return subgraphsReading.length === SUBGRAPH_NAMES.length && services.has('gateway') ? 'every service' : parts.join(', ');
}

function defaultOf({ read, fallbacks }: Setting): string {
  const explained = MEANINGS[read.name]?.default;
  if (explained) return explained;
  if (read.name === 'PORT') return [`gateway ${GATEWAY_DEFAULT_PORT}`, ...subgraphs.map(({ name, port }) => `${name} ${port}`)].join(', ');
  const { development, production } = fallbacks;
  if (development === undefined && production === undefined) return '—';
  if (development === production) return code(development);
  return `${development === undefined ? '—' : code(development)} in development, ${production === undefined ? '—' : code(production)} in production`;
}

function valuesOf({ read }: Setting): string {
  switch (read.kind) {
    case 'int':
      return read.max === Number.MAX_SAFE_INTEGER ? `whole number ≥ ${read.min}` : `whole number ${read.min}–${read.max}`;
    case 'boolean':
      return '`true` or `false`';
    case 'url':
      return `${read.protocols!.join(' or ')} URL`;
    default:
      return 'text';
  }
}

/** The table, or an error naming settings read without a meaning and meanings of settings no longer read. */
export function configurationTable(): string {
  const settings = readSettings();
  const unexplained = settings.filter(({ read }) => !MEANINGS[read.name]).map(({ read }) => read.name);
  const unread = Object.keys(MEANINGS).filter((name) => !settings.some(({ read }) => read.name === name));
  if (unexplained.length > 0 || unread.length > 0) {
    throw new Error(
      `The configuration table is out of step with the code (scripts/configuration.ts):${unexplained.length ? ` read but not explained: ${unexplained.join(', ')};` : ''}${unread.length ? ` explained but never read: ${unread.join(', ')}` : ''}`,
    );
  }
  const rows = settings.map((setting) => `| \`${setting.read.name}\` | ${usedBy(setting.services)} | ${valuesOf(setting)} | ${defaultOf(setting)} | ${MEANINGS[setting.read.name].meaning} |`);
  return ['| variable | read by | values | default | meaning |', '|---|---|---|---|---|', ...rows].join('\n');
}

const START = '<!-- configuration:start (generated by npm run compose from the code that reads the environment; do not edit) -->';
const END = '<!-- configuration:end -->';

/** docs/operations.md with its configuration table regenerated between the markers. */
export function withConfigurationTable(document: string): string {
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/operations.md needs the markers ${START} and ${END}`);
  return `${document.slice(0, start + START.length)}\n${configurationTable()}\n${document.slice(end)}`;
}
