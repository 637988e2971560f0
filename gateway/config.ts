import { isProduction, readAuthConfig } from '../subgraphs/common/config';
import { EnvReader } from '../subgraphs/common/env';
import { readLifecycleConfig } from '../subgraphs/common/lifecycle';
import { MAX_PAGE_SIZE } from '../subgraphs/common/pagination';
import { GATEWAY_DEFAULTS, type GatewayOptions } from './gateway';
import { DEFAULT_LIMITS } from './limits';
import { readWebAppConfig } from './web-app';
import { readOperationManifest, type PersistedQueryManifest } from './persisted-operations';

export interface GatewayConfig extends Omit<GatewayOptions, 'supergraphSdl'> {
  supergraphPath: string;
}

/** Comma-separated origins (`https://app.example.vn`), or `*` for any. */
function readOrigins(env: EnvReader, name: string, fallback: string[]): string[] {
  const raw = env.string(name);
  if (raw === undefined) return fallback;
  const origins = raw.split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    let valid = origin === '*';
    try {
      valid ||= new URL(origin).origin === origin;
    } catch {
      // reported below
    }
    env.require(valid, `${name} must list origins like https://app.example.vn (or *), got "${origin}"`);
  }
  return origins;
}

/** The gateway's settings from the environment (see the README's Configuration table). */
export function readGatewayConfig(subgraphNames: readonly string[], source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const env = new EnvReader(source);
  const production = isProduction(env);
  const subgraphTimeoutMs = env.int('SUBGRAPH_TIMEOUT_MS', GATEWAY_DEFAULTS.subgraphTimeoutMs, { min: 1 });
  const rateLimitMax = env.int('RATE_LIMIT_MAX', GATEWAY_DEFAULTS.rateLimit.max);
  const rateLimitWindowSeconds = env.int('RATE_LIMIT_WINDOW_SECONDS', GATEWAY_DEFAULTS.rateLimit.windowMs / 1000, { min: 1 });
  // Tokens are verified here only to key the rate limit; without keys in production, callers count by address.
  const canVerifyTokens = !production || Boolean(env.string('JWT_SECRET') || env.string('JWT_JWKS_URL'));

  let allowList: PersistedQueryManifest | undefined;
  const allowListPath = env.string('OPERATION_ALLOWLIST');
  if (allowListPath) {
    try {
      allowList = readOperationManifest(allowListPath);
    } catch (error) {
      env.require(false, `OPERATION_ALLOWLIST: ${(error as Error).message}`);
    }
  }

  const auth = canVerifyTokens ? readAuthConfig(env, production) : undefined;
  const config: GatewayConfig = {
    port: env.int('PORT', 4000, { max: 65535 }),
    supergraphPath: env.string('SUPERGRAPH_PATH', 'supergraph.graphql'),
    subgraphUrls: Object.fromEntries(subgraphNames.map((name) => [name, env.url(`${name.toUpperCase()}_URL`, ['http', 'https'])])),
    production,
    limits: {
      maxDepth: env.int('MAX_DEPTH', DEFAULT_LIMITS.maxDepth, { min: 1 }),
      maxAliases: env.int('MAX_ALIASES', DEFAULT_LIMITS.maxAliases),
      maxCost: env.int('MAX_COST', DEFAULT_LIMITS.maxCost, { min: 1 }),
      // The subgraphs refuse more than MAX_PAGE_SIZE anyway; the gateway may only be stricter.
      maxPageSize: env.int('MAX_PAGE_SIZE', MAX_PAGE_SIZE, { min: 1, max: MAX_PAGE_SIZE }),
    },
    maxBodyBytes: env.int('MAX_BODY_BYTES', GATEWAY_DEFAULTS.maxBodyBytes, { min: 1 }),
    maxBatchSize: env.int('MAX_BATCH_SIZE', GATEWAY_DEFAULTS.maxBatchSize),
    corsOrigins: readOrigins(env, 'CORS_ORIGINS', production ? [] : ['*']),
    rateLimit: rateLimitMax === 0 ? null : { max: rateLimitMax, windowMs: rateLimitWindowSeconds * 1000 },
    auth,
    trustProxy: env.boolean('TRUST_PROXY', false),
    subgraphTimeoutMs,
    subgraphTimeouts: Object.fromEntries(
      subgraphNames.map((name) => [name, env.int(`${name.toUpperCase()}_TIMEOUT_MS`, subgraphTimeoutMs, { min: 1 })]),
    ),
    allowList,
    maxTokens: env.int('MAX_TOKENS', GATEWAY_DEFAULTS.maxTokens, { min: 100 }),
    lifecycle: readLifecycleConfig(env),
    exposeMetrics: env.boolean('EXPOSE_METRICS', true),
    redisUrl: env.url('REDIS_URL', ['redis', 'rediss']),
    redisKeyPrefix: env.string('REDIS_KEY_PREFIX', GATEWAY_DEFAULTS.redisKeyPrefix),
    webApp: readWebAppConfig(env, production, auth),
  };
  env.done();
  return config;
}
