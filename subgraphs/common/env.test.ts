import { join } from 'node:path';
import { DEVELOPMENT_EVENT_FEED_SECRET, DEVELOPMENT_JWT_SECRET, developmentByDefault, isProduction, readSigningConfig, readSubgraphConfig } from './config';
import { EnvReader, recordEnvReads } from './env';
import { DEVELOPMENT_KEY_ID } from './personal-data';
import { TEST_PERSONAL_DATA_ENV } from './testing/subgraph';

describe('EnvReader', () => {
  it('falls back to the default when a variable is unset or empty', () => {
    const env = new EnvReader({ EMPTY: '' });
    expect(env.string('UNSET', 'fallback')).toBe('fallback');
    expect(env.string('EMPTY', 'fallback')).toBe('fallback');
    expect(env.string('UNSET')).toBeUndefined();
    expect(env.int('UNSET', 7)).toBe(7);
    expect(env.boolean('EMPTY', true)).toBe(true);
    expect(env.url('UNSET', ['https'])).toBeUndefined();
    expect(() => env.done()).not.toThrow();
  });

  it('reads a whole number within its range', () => {
    expect(new EnvReader({ PORT: '8080' }).int('PORT', 1, { max: 65535 })).toBe(8080);
  });

  it.each(['65536', '-1', '4.5', 'eighty', '0x1F', '1e3'])('reports PORT=%s as out of range or not whole', (raw) => {
    const env = new EnvReader({ PORT: raw });
    expect(env.int('PORT', 4000, { max: 65535 })).toBe(4000);
    expect(() => env.done()).toThrow(`PORT must be a whole number from 0 to 65535, got "${raw}"`);
  });

  it.each([
    ['1', true],
    ['TRUE', true],
    ['yes', true],
    ['0', false],
    ['False', false],
    ['no', false],
  ])('reads %s as %s', (raw, expected) => {
    const env = new EnvReader({ FLAG: raw });
    expect(env.boolean('FLAG', !expected)).toBe(expected);
    expect(() => env.done()).not.toThrow();
  });

  it('reports a boolean that is neither true nor false', () => {
    const env = new EnvReader({ FLAG: 'maybe' });
    expect(env.boolean('FLAG', false)).toBe(false);
    expect(() => env.done()).toThrow('FLAG must be true or false, got "maybe"');
  });

  it('accepts a URL of an allowed protocol and reports any other', () => {
    const env = new EnvReader({ GOOD: 'https://id.example.vn/jwks', FTP: 'ftp://id.example.vn', JUNK: 'not a url' });
    expect(env.url('GOOD', ['https', 'http'])).toBe('https://id.example.vn/jwks');
    expect(env.url('FTP', ['https', 'http'])).toBeUndefined();
    expect(env.url('JUNK', ['https', 'http'])).toBeUndefined();
    expect(() => env.done()).toThrow(/FTP must be a https or http URL, got "ftp:\/\/id\.example\.vn"/);
    expect(() => env.done()).toThrow(/JUNK must be a https or http URL, got "not a url"/);
  });

  it('lists every problem in one error from done()', () => {
    const env = new EnvReader({ PORT: 'x', FLAG: 'maybe', JWKS: 'ftp://a' });
    env.int('PORT', 1);
    env.boolean('FLAG', false);
    env.url('JWKS', ['https']);
    env.require(false, 'something else is wrong');
    expect(() => env.done()).toThrow(
      new Error(
        'Invalid configuration:\n' +
          `  - PORT must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, got "x"\n` +
          '  - FLAG must be true or false, got "maybe"\n' +
          '  - JWKS must be a https URL, got "ftp://a"\n' +
          '  - something else is wrong',
      ),
    );
  });
});

describe('isProduction', () => {
  const production = (source: NodeJS.ProcessEnv) => isProduction(new EnvReader(source));

  it('is development only with NODE_ENV=development or test', () => {
    expect(production({ NODE_ENV: 'development' })).toBe(false);
    expect(production({ NODE_ENV: 'test' })).toBe(false);
    for (const NODE_ENV of [undefined, '', 'production', 'staging', 'prod', 'Development', 'dev']) expect(production({ NODE_ENV })).toBe(true);
  });

  it('is production whenever a key source is configured, whatever NODE_ENV says', () => {
    expect(production({ NODE_ENV: 'development', JWT_JWKS_URL: 'https://id.example.vn/jwks' })).toBe(true);
    expect(production({ NODE_ENV: 'test', JWT_SECRET: 'a-production-secret-of-at-least-32-chars' })).toBe(true);
  });

  it('npm start and the scripts default NODE_ENV to development, keeping one the caller set', () => {
    expect(developmentByDefault({ PORT: '1' })).toEqual({ PORT: '1', NODE_ENV: 'development' });
    expect(developmentByDefault({ NODE_ENV: 'production' }).NODE_ENV).toBe('production');
  });
});

describe('readSigningConfig (npm run token, npm run partner-key)', () => {
  it('signs with the development secret in development, else with JWT_SECRET, never with a JWKS alone', () => {
    expect(readSigningConfig({}).secret).toBe(DEVELOPMENT_JWT_SECRET);
    const secret = 'a-production-secret-of-at-least-32-chars';
    expect(readSigningConfig({ JWT_SECRET: secret, JWT_MAX_LIFETIME_SECONDS: '900' })).toMatchObject({ secret, maxLifetimeSeconds: 900 });
    expect(() => readSigningConfig({ JWT_JWKS_URL: 'https://id.example.vn/jwks' })).toThrow(/get tokens from its issuer/);
  });
});

describe('readSubgraphConfig', () => {
  const LONG_SECRET = 'a-production-secret-of-at-least-32-chars';
  const DEVELOPMENT = { NODE_ENV: 'development' };

  it('in development, defaults to a SQLite file data/<name>.sqlite, the port given, the development secret and demo data', () => {
    expect(readSubgraphConfig('teams', 4001, DEVELOPMENT)).toEqual({
      production: false,
      port: 4001,
      auth: {
        secret: DEVELOPMENT_JWT_SECRET,
        jwksUrl: undefined,
        jwksCacheSeconds: 600,
        claims: undefined,
        issuer: undefined,
        audience: undefined,
        maxLifetimeSeconds: 86_400,
        clockSkewSeconds: 60,
      },
      databaseUrl: join('data', 'teams.sqlite'),
      seedDemoData: true,
      teamsUrl: 'http://localhost:4001/graphql',
      resourcesUrl: 'http://localhost:4002/graphql',
      partnersUrl: 'http://localhost:4003/graphql',
      eventsUrl: 'http://localhost:4004/graphql',
      exposeMetrics: true,
      migrateOnStart: true,
      lifecycle: { drainGraceMs: 10_000, drainDelayMs: 0, keepAliveTimeoutMs: 65_000 },
      keyRing: expect.objectContaining({ currentKeyId: DEVELOPMENT_KEY_ID }),
      // Without a broker, consumers read the subgraphs' feeds (development's secret); without channels, reminders are logged.
      events: { natsUrl: undefined, natsPrefix: '', feedSecret: DEVELOPMENT_EVENT_FEED_SECRET, relayIntervalMs: 500, pollIntervalMs: 1_000, outboxKeepDays: 30, consumedKeepDays: 90 },
      reminders: { channels: {}, checkMinutes: 5 },
      // The deadline for requests to correct, erase or restrict: 72 hours until Decree 356/2025's own period is confirmed.
      personalDataRequestDeadlineHours: 72,
    });
  });

  it('puts the SQLite file under DATA_DIR, and prefers DATABASE_URL', () => {
    expect(readSubgraphConfig('teams', 4001, { ...DEVELOPMENT, DATA_DIR: '/var/hub' }).databaseUrl).toBe(join('/var/hub', 'teams.sqlite'));
    const url = 'mysql://hub@db:3306/teams';
    expect(readSubgraphConfig('teams', 4001, { ...DEVELOPMENT, DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it('requires JWT_SECRET or JWT_JWKS_URL in production, and without NODE_ENV', () => {
    expect(() => readSubgraphConfig('teams', 4001, { NODE_ENV: 'production' })).toThrow(/set JWT_JWKS_URL \(or JWT_SECRET\)/);
    expect(() => readSubgraphConfig('teams', 4001, {})).toThrow(/this runs as production \(NODE_ENV is not development or test\)/);
  });

  it('refuses a JWT_SECRET shorter than 32 characters, even with NODE_ENV=development (a configured secret means production)', () => {
    expect(() => readSubgraphConfig('teams', 4001, { JWT_SECRET: 'too-short', NODE_ENV: 'production' })).toThrow(/at least 32 characters/);
    expect(() => readSubgraphConfig('teams', 4001, { JWT_SECRET: 'too-short', ...DEVELOPMENT })).toThrow(/at least 32 characters/);
  });

  it('with a key source, does not seed demo data unless asked and signs with no development secret, whatever NODE_ENV says', () => {
    for (const NODE_ENV of ['production', 'development', undefined]) {
      const withJwks = readSubgraphConfig('teams', 4001, { NODE_ENV, JWT_JWKS_URL: 'https://id.example.vn/jwks', ...TEST_PERSONAL_DATA_ENV });
      expect(withJwks).toMatchObject({ production: true, seedDemoData: false, auth: { secret: undefined } });
    }
    const seeded = readSubgraphConfig('teams', 4001, { NODE_ENV: 'production', JWT_SECRET: LONG_SECRET, SEED_DEMO_DATA: 'true', ...TEST_PERSONAL_DATA_ENV });
    expect(seeded).toMatchObject({ seedDemoData: true, auth: { secret: LONG_SECRET } });
  });

  it('reads the token limits', () => {
    const config = readSubgraphConfig('teams', 4001, { JWT_SECRET: LONG_SECRET, JWT_MAX_LIFETIME_SECONDS: '3600', JWT_CLOCK_SKEW_SECONDS: '5', ...TEST_PERSONAL_DATA_ENV });
    expect(config.auth).toMatchObject({ maxLifetimeSeconds: 3600, clockSkewSeconds: 5 });
    expect(() => readSubgraphConfig('teams', 4001, { JWT_SECRET: LONG_SECRET, JWT_MAX_LIFETIME_SECONDS: '0' })).toThrow(/JWT_MAX_LIFETIME_SECONDS must be a whole number from 60/);
  });

  it('keeps consumers\' records of consumed events longer than the outbox keeps the events', () => {
    expect(readSubgraphConfig('teams', 4001, { ...DEVELOPMENT, EVENT_OUTBOX_KEEP_DAYS: '7', EVENT_CONSUMED_KEEP_DAYS: '8' }).events).toMatchObject({ outboxKeepDays: 7, consumedKeepDays: 8 });
    expect(() => readSubgraphConfig('teams', 4001, { ...DEVELOPMENT, EVENT_OUTBOX_KEEP_DAYS: '30', EVENT_CONSUMED_KEEP_DAYS: '30' })).toThrow(
      /EVENT_CONSUMED_KEEP_DAYS \(30\) must be more than EVENT_OUTBOX_KEEP_DAYS \(30\)/,
    );
  });

  it('reads the deadline for requests about personal data, in hours, within 90 days', () => {
    expect(readSubgraphConfig('teams', 4001, { ...DEVELOPMENT, PERSONAL_DATA_REQUEST_DEADLINE_HOURS: '720' }).personalDataRequestDeadlineHours).toBe(720);
    expect(() => readSubgraphConfig('teams', 4001, { ...DEVELOPMENT, PERSONAL_DATA_REQUEST_DEADLINE_HOURS: '0' })).toThrow(/PERSONAL_DATA_REQUEST_DEADLINE_HOURS must be a whole number from 1/);
  });

  it('reports every invalid setting at once', () => {
    expect(() => readSubgraphConfig('teams', 4001, { ...DEVELOPMENT, PORT: '70000', SEED_DEMO_DATA: 'maybe' })).toThrow(
      /PORT must be .*\n.*SEED_DEMO_DATA must be true or false/,
    );
  });
});

describe('recordEnvReads (the configuration table)', () => {
  it('records each setting read once, with its kind, default and bounds, even when the configuration is invalid', () => {
    const reads = recordEnvReads(() => readSubgraphConfig('events', 4004, { NODE_ENV: 'development', PORT: 'x' }));
    expect(reads).toEqual(
      expect.arrayContaining([
        { name: 'PORT', kind: 'int', fallback: 4004, min: 0, max: 65535 },
        { name: 'SEED_DEMO_DATA', kind: 'boolean', fallback: true },
        { name: 'TEAMS_URL', kind: 'url', protocols: ['http', 'https'] },
      ]),
    );
    expect(reads.filter((read) => read.name === 'PORT')).toHaveLength(1);
    // Nothing is recorded outside a recording.
    expect(recordEnvReads(() => undefined)).toEqual([]);
  });
});
