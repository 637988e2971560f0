import { join } from 'node:path';
import type { AuthConfig } from './auth';
import { EnvReader } from './env';
import { readLifecycleConfig, type LifecycleOptions } from './lifecycle';

/** Signs development tokens when JWT_SECRET is unset; refused in production. */
export const DEVELOPMENT_JWT_SECRET = 'development-only-secret-change-me';

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
  /** Serve Prometheus metrics at `GET /metrics` (the benchmark reads its counters there too). */
  exposeMetrics: boolean;
  /** Run pending migrations when starting (development); in production `npm run migrate` does, before. */
  migrateOnStart: boolean;
  lifecycle: LifecycleOptions;
}

export function readAuthConfig(env: EnvReader, production: boolean): AuthConfig {
  const jwksUrl = env.url('JWT_JWKS_URL', ['https', 'http']);
  const secret = env.string('JWT_SECRET') ?? (production ? undefined : DEVELOPMENT_JWT_SECRET);
  env.require(Boolean(secret || jwksUrl), 'set JWT_JWKS_URL (or JWT_SECRET) in production');
  env.require(!secret || secret.length >= 32 || !production, 'JWT_SECRET must be at least 32 characters in production');
  return { secret, jwksUrl, issuer: env.string('JWT_ISSUER'), audience: env.string('JWT_AUDIENCE') };
}

function readServiceConfig(env: EnvReader, defaultPort: number): ServiceConfig {
  const production = env.string('NODE_ENV') === 'production';
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
    exposeMetrics: env.boolean('EXPOSE_METRICS', true),
    migrateOnStart: env.boolean('MIGRATE_ON_START', !service.production),
    lifecycle: readLifecycleConfig(env),
  };
  env.done();
  return config;
}
