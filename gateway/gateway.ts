import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent } from 'undici';
import { createTokenVerifier, type AuthConfig } from '../subgraphs/common/auth';
import { currentRequestId, sendJson, serveHttp, type RunningServer } from '../subgraphs/common/http';
import type { LifecycleOptions } from '../subgraphs/common/lifecycle';
import { maskingErrorFormatter } from '../subgraphs/common/masking';
import type { Language } from '../subgraphs/common/messages';
import { currentRequestScope } from '../subgraphs/common/request-scope';
import { DEFAULT_LIMITS, operationLimits, type OperationLimits } from './limits';
import { operationAllowList, type PersistedQueryManifest } from './persisted-operations';
import { reasonOf, SubgraphDataSource } from './subgraph-fetch';
import { createRateLimiter, rateLimited, type RateLimit } from './rate-limit';
import { connectRedis, RedisQueryCache } from './redis';
import { webApp, type WebAppOptions } from './web-app';

export interface GatewayContext {
  /** The caller's Authorization header, passed on untouched: each subgraph verifies it. */
  authorization?: string;
  /** Passed on to the subgraphs too, so their log lines carry it. */
  requestId?: string;
  /** The language the caller reads (from `Accept-Language`), passed on so subgraphs write their messages in it. */
  language?: Language;
}

export interface GatewayOptions {
  supergraphSdl: string;
  port: number;
  /** Replaces a subgraph's URL from the supergraph, by subgraph name (e.g. in containers). */
  subgraphUrls?: Record<string, string | undefined>;
  healthTimeoutMs?: number;
  /** Introspection, suggestions and the landing page off, errors not meant for callers masked. */
  production?: boolean;
  limits?: Partial<OperationLimits>;
  maxBodyBytes?: number;
  /** Most operations in one batched request; 0 refuses batches. */
  maxBatchSize?: number;
  /** Browser origins allowed to call (CORS), `*` for any. */
  corsOrigins?: string[];
  /** Requests per caller and window; null for no limit. */
  rateLimit?: RateLimit | null;
  /** Verifies tokens only to key the rate limit by their subject (the subgraphs verify them for access). */
  auth?: AuthConfig;
  /** Key the rate limit by the first X-Forwarded-For address (behind a proxy the hub trusts). */
  trustProxy?: boolean;
  /** How long a subgraph may take to answer, by default and per subgraph name. */
  subgraphTimeoutMs?: number;
  subgraphTimeouts?: Record<string, number | undefined>;
  /** Only these operations are accepted (partners' production integrations). */
  allowList?: PersistedQueryManifest;
  /**
   * Most tokens a document may hold: the parser stops there, so a huge document (200,000
   * directives in 600 KB) is refused before it costs CPU.
   */
  maxTokens?: number;
  /** Draining and keep-alive; the gateway's readiness does not depend on the subgraphs (`/health` does). */
  lifecycle?: LifecycleOptions;
  /** Serve Prometheus metrics at `GET /metrics`. */
  exposeMetrics?: boolean;
  /** Redis shared by the replicas: the rate limit counts and the APQ cache (in memory without). */
  redisUrl?: string;
  /** Prefix of every key the gateway writes in Redis. */
  redisKeyPrefix?: string;
  /** The web app served at `/` (and GraphiQL at `/graphql` outside production). */
  webApp?: WebAppOptions;
}

export const GATEWAY_DEFAULTS = {
  maxBodyBytes: 1_000_000,
  maxBatchSize: 10,
  rateLimit: { max: 600, windowMs: 60_000 },
  subgraphTimeoutMs: 10_000,
  maxTokens: 5_000,
  redisKeyPrefix: 'hub:',
  /** How long a registered APQ document is kept in Redis. */
  persistedQueryTtlSeconds: 24 * 3600,
} as const;

type SubgraphHealth = { status: 'up'; latencyMs: number } | { status: 'down'; error: string };

async function probe(url: string, timeoutMs: number): Promise<SubgraphHealth> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return { status: 'down', error: `HTTP ${response.status}` };
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { status: 'down', error: reasonOf(error as Error, timeoutMs) };
  }
}

/** Who a request counts against, and the refusal of a token that does not verify. */
interface Caller {
  /** The verified token's subject (`sub:…`), else the caller's address (`ip:…`). */
  key: string;
  invalidToken?: GraphQLError;
}

/**
 * A token that does not verify counts against the caller's address, and is then refused with
 * HTTP 401 here, as each subgraph refuses it, rather than answered 200 with the subgraphs' errors.
 * When the issuer's keys cannot be fetched, the subgraphs decide.
 */
function callerIdentifier(auth: AuthConfig | undefined, trustProxy: boolean): (request: IncomingMessage) => Promise<Caller> {
  const verify = auth ? createTokenVerifier(auth) : undefined;
  return async (request) => {
    let invalidToken: GraphQLError | undefined;
    if (verify && request.headers.authorization) {
      const viewer = await verify(request.headers.authorization).catch((error: unknown) => {
        if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') invalidToken = error;
        return undefined;
      });
      if (viewer?.subject) return { key: `sub:${viewer.subject}` };
    }
    const forwarded = trustProxy ? String(request.headers['x-forwarded-for'] ?? '').split(',')[0].trim() : '';
    return { key: `ip:${forwarded || request.socket.remoteAddress}`, invalidToken };
  };
}

/**
 * The federation gateway: plans queries over the static supergraph and serves `/health`;
 * refuses abusive requests (limits, rate limit, allow-list) before planning them.
 */
export async function startGateway({
  supergraphSdl,
  port,
  subgraphUrls = {},
  healthTimeoutMs = 2000,
  production = false,
  limits = {},
  maxBodyBytes = GATEWAY_DEFAULTS.maxBodyBytes,
  maxBatchSize = GATEWAY_DEFAULTS.maxBatchSize,
  corsOrigins = production ? [] : ['*'],
  rateLimit = GATEWAY_DEFAULTS.rateLimit,
  auth,
  trustProxy = false,
  subgraphTimeoutMs = GATEWAY_DEFAULTS.subgraphTimeoutMs,
  subgraphTimeouts = {},
  allowList,
  maxTokens = GATEWAY_DEFAULTS.maxTokens,
  lifecycle,
  exposeMetrics,
  redisUrl,
  redisKeyPrefix = GATEWAY_DEFAULTS.redisKeyPrefix,
  webApp: webAppOptions,
}: GatewayOptions): Promise<RunningServer> {
  const redis = redisUrl ? await connectRedis(redisUrl, redisKeyPrefix) : undefined;
  const services = new Map<string, string>();
  const connections = new Agent();
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const target = subgraphUrls[name] ?? url;
      if (!target) throw new Error(`No URL for subgraph ${name}`);
      services.set(name, target);
      return new SubgraphDataSource(name, target, subgraphTimeouts[name] ?? subgraphTimeoutMs, connections);
    },
  });
  const { validationRules, plugin: costLimit } = operationLimits({ ...DEFAULT_LIMITS, ...limits });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: !production,
    // No "Did you mean …" in validation errors: they map the schema for whoever probes it.
    hideSchemaDetailsFromClientErrors: production,
    csrfPrevention: true,
    parseOptions: { maxTokens },
    // runService drains on SIGTERM/SIGINT itself (see attachLifecycle).
    stopOnTerminationSignals: false,
    allowBatchedHttpRequests: maxBatchSize > 0,
    // Apollo's automatic persisted queries: in Redis when the replicas share one, else in its bounded in-memory cache.
    ...(redis ? { persistedQueries: { cache: new RedisQueryCache(redis), ttl: GATEWAY_DEFAULTS.persistedQueryTtlSeconds } } : {}),
    validationRules,
    formatError: maskingErrorFormatter(production),
    plugins: [
      // The hub sends no cache hints: working out a cache policy per request (and reading the
      // subgraphs' Cache-Control headers: honorSubgraphCacheControlHeader) is waste.
      ApolloServerPluginCacheControlDisabled(),
      ...(production ? [ApolloServerPluginLandingPageDisabled()] : []),
      ...(allowList ? [operationAllowList(allowList)] : []),
      costLimit,
    ],
  });

  const health = async (_request: IncomingMessage, response: ServerResponse) => {
    const entries = await Promise.all(
      [...services].map(async ([name, url]) => [name, await probe(url, healthTimeoutMs)] as const),
    );
    const up = entries.every(([, result]) => result.status === 'up');
    sendJson(response, up ? 200 : 503, { status: up ? 'ok' : 'degraded', subgraphs: Object.fromEntries(entries) });
  };

  const limiter = rateLimit ? createRateLimiter(rateLimit, redis) : undefined;
  const identify = callerIdentifier(auth, trustProxy);
  const server = await serveHttp(apollo, {
    port,
    maxBodyBytes,
    maxBatchSize,
    corsOrigins,
    lifecycle,
    exposeMetrics,
    logErrors: false,
    context: async (request, operations) => {
      const { key: caller, invalidToken } = await identify(request);
      const scope = currentRequestScope();
      if (scope && caller.startsWith('sub:')) scope.subject = caller.slice('sub:'.length);
      if (limiter && rateLimit) {
        const outcome = await limiter.take(caller, operations);
        if (!outcome.allowed) throw rateLimited(rateLimit, outcome.retryAfterSeconds);
      }
      if (invalidToken) throw invalidToken;
      return { authorization: request.headers.authorization, requestId: currentRequestId(), language: scope?.language };
    },
    routes: { '/health': health },
    pages: webAppOptions && webApp(webAppOptions),
  });
  return {
    ...server,
    async close() {
      await server.close();
      await connections.close();
      redis?.disconnect();
    },
  };
}
