import type { ApolloServer, BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { MigrationExecutor, type DataSource } from 'typeorm';
import type { EnvReader } from './env';
import { logger } from './logging';

export interface LifecycleOptions {
  /** How long requests in flight may take to finish once the process is told to stop. */
  drainGraceMs?: number;
  /**
   * How long to keep accepting requests, not ready, before draining: the time load balancers
   * take to stop sending new ones (Kubernetes removes the pod from its endpoints meanwhile).
   */
  drainDelayMs?: number;
  /**
   * How long an idle keep-alive connection stays open: above the idle timeout of the load
   * balancers in front (60 s for AWS ALB and nginx' default), so they never reuse a connection
   * the process has just closed.
   */
  keepAliveTimeoutMs?: number;
  /** Throws (with the reason) when the process cannot serve yet, e.g. its database is unreachable. */
  readiness?: () => Promise<void>;
}

export const LIFECYCLE_DEFAULTS = { drainGraceMs: 10_000, drainDelayMs: 0, keepAliveTimeoutMs: 65_000 } as const;

/** DRAIN_GRACE_MS, DRAIN_DELAY_MS and KEEP_ALIVE_TIMEOUT_MS, for the gateway and every subgraph. */
export function readLifecycleConfig(env: EnvReader): Required<Omit<LifecycleOptions, 'readiness'>> {
  return {
    drainGraceMs: env.int('DRAIN_GRACE_MS', LIFECYCLE_DEFAULTS.drainGraceMs),
    drainDelayMs: env.int('DRAIN_DELAY_MS', LIFECYCLE_DEFAULTS.drainDelayMs),
    keepAliveTimeoutMs: env.int('KEEP_ALIVE_TIMEOUT_MS', LIFECYCLE_DEFAULTS.keepAliveTimeoutMs, { min: 1000 }),
  };
}

/** A subgraph is ready when its database answers and has no migration left to run. */
export function databaseReadiness(dataSource: DataSource): () => Promise<void> {
  return async () => {
    // Read-only (showMigrations would create the migrations table): the services' database user may only read and write rows.
    const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
    if (pending.length > 0) throw new Error(`${pending.length} migrations are pending: run \`npm run migrate\``);
  };
}

export interface Lifecycle {
  /** `/livez` and `/readyz`. */
  routes: Record<string, (request: IncomingMessage, response: ServerResponse) => Promise<void>>;
  /** Readiness turns false, in-flight requests finish (up to the grace period), idle connections close. */
  drain(): Promise<void>;
}

function sendStatus(response: ServerResponse, status: number, body: Record<string, unknown>): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/**
 * Kubernetes' probe semantics for one process serving `apollo` on `server`: `/livez` answers
 * while the process runs; `/readyz` only while it can serve (its own checks pass) and is not
 * draining. Draining is Apollo's drain plugin: the server stops accepting connections, closes
 * idle keep-alive ones, lets requests in flight finish, and cuts what remains after the grace period.
 */
export function attachLifecycle<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  server: Server,
  {
    drainGraceMs = LIFECYCLE_DEFAULTS.drainGraceMs,
    drainDelayMs = LIFECYCLE_DEFAULTS.drainDelayMs,
    keepAliveTimeoutMs = LIFECYCLE_DEFAULTS.keepAliveTimeoutMs,
    readiness,
  }: LifecycleOptions,
): Lifecycle {
  server.keepAliveTimeout = keepAliveTimeoutMs;
  // A request's headers must be allowed longer than an idle connection, or Node cuts it first.
  server.headersTimeout = Math.max(server.headersTimeout, keepAliveTimeoutMs + 1000);
  apollo.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: drainGraceMs }));

  let draining: Promise<void> | undefined;
  return {
    routes: {
      '/livez': async (_request, response) => sendStatus(response, 200, { status: 'alive' }),
      '/readyz': async (_request, response) => {
        if (draining) return sendStatus(response, 503, { status: 'draining' });
        try {
          await readiness?.();
          sendStatus(response, 200, { status: 'ready' });
        } catch (error) {
          sendStatus(response, 503, { status: 'not ready', reason: (error as Error).message });
        }
      },
    },
    drain() {
      draining ??= (async () => {
        if (drainDelayMs > 0) {
          logger.info({ drainDelayMs }, 'not ready: waiting for load balancers to stop sending requests');
          await new Promise((resolve) => setTimeout(resolve, drainDelayMs));
        }
        logger.info({ drainGraceMs }, 'draining: finishing requests in flight');
        await apollo.stop();
      })();
      return draining;
    },
  };
}
