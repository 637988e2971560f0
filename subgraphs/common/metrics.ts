import type { ServerResponse, IncomingMessage } from 'node:http';
import { EventEmitter } from 'node:events';
import { Counter, Gauge, Histogram, collectDefaultMetrics, register } from 'prom-client';
import type { DataSource, EntitySubscriberInterface } from 'typeorm';
import type { AfterQueryEvent } from 'typeorm/subscriber/event/QueryEvent';

/**
 * Prometheus metrics of one process (gateway or subgraph), served at `GET /metrics` in the
 * text format. Every series carries `service` (set by `nameService`).
 */
const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const operationDuration = new Histogram({
  name: 'graphql_operation_duration_seconds',
  help: 'GraphQL operations served, by operation name and outcome (ok, error)',
  labelNames: ['operation', 'outcome'] as const,
  buckets: SECONDS,
});

export const graphqlErrors = new Counter({
  name: 'graphql_errors_total',
  help: 'Errors in GraphQL responses, by code',
  labelNames: ['code'] as const,
});

export const subgraphFetchDuration = new Histogram({
  name: 'gateway_subgraph_fetch_duration_seconds',
  help: 'The gateway’s requests to subgraphs, by subgraph and outcome (ok, http_<status>, timeout, unreachable)',
  labelNames: ['subgraph', 'outcome'] as const,
  buckets: SECONDS,
});

export const sqlStatementDuration = new Histogram({
  name: 'sql_statement_duration_seconds',
  help: 'SQL statements run by a subgraph, by outcome (ok, error)',
  labelNames: ['outcome'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
});

export const sqlConnectionsInUse = new Gauge({
  name: 'sql_pool_connections_in_use',
  help: 'MySQL connections of a subgraph’s pool lent out right now',
});

export const sqlPoolWaits = new Counter({
  name: 'sql_pool_waits_total',
  help: 'Times a statement waited for a free MySQL connection (the pool was exhausted)',
});

export const tokensAccepted = new Counter({
  name: 'auth_tokens_accepted_total',
  help: 'Bearer tokens accepted, by whether their signature was checked (verified) or they were verified within the last minute (remembered)',
  labelNames: ['outcome'] as const,
});

let defaultsCollected = false;

/** Names the process on every series and starts the default Node metrics (CPU, memory, GC, event-loop lag). */
export function startProcessMetrics(service: string): void {
  register.setDefaultLabels({ service });
  if (defaultsCollected) return;
  defaultsCollected = true;
  collectDefaultMetrics({ eventLoopMonitoringPrecision: 20 });
}

/** `GET /metrics` in Prometheus' text format. */
export async function serveMetrics(_request: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await register.metrics();
  response.writeHead(200, { 'content-type': register.contentType });
  response.end(body);
}

/**
 * Operation names come from callers: past this many distinct names, further ones are counted
 * as `other`, so a caller inventing names cannot grow the series without bound.
 */
const MAX_OPERATION_NAMES = 500;
const operationNames = new Set<string>();

export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (operationNames.has(name)) return name;
  if (operationNames.size >= MAX_OPERATION_NAMES || !/^[_A-Za-z][_0-9A-Za-z]{0,100}$/.test(name)) return 'other';
  operationNames.add(name);
  return name;
}

/** Times every SQL statement through TypeORM's query events. */
class SqlTimer implements EntitySubscriberInterface {
  afterQuery(event: AfterQueryEvent<unknown>): void {
    if (event.executionTime !== undefined) sqlStatementDuration.observe({ outcome: event.success ? 'ok' : 'error' }, event.executionTime / 1000);
    else if (!event.success) sqlStatementDuration.observe({ outcome: 'error' }, 0);
  }
}

/** Times every SQL statement and, on MySQL, follows the connection pool (mysql2's pool events). */
export function timeSqlStatements(dataSource: DataSource): void {
  dataSource.subscribers.push(new SqlTimer());
  const pool = (dataSource.driver as { pool?: unknown }).pool;
  if (!(pool instanceof EventEmitter)) return;
  pool.on('acquire', () => sqlConnectionsInUse.inc());
  pool.on('release', () => sqlConnectionsInUse.dec());
  pool.on('enqueue', () => sqlPoolWaits.inc());
}

/** Why a subgraph fetch failed, as a bounded label. */
function failureOutcome(error: unknown): string {
  return (error as Error)?.name === 'TimeoutError' ? 'timeout' : 'unreachable';
}

/** Wraps the gateway's fetch to one subgraph, timing it (until its answer is read) by outcome. */
export function timedFetch<A extends unknown[], R extends { ok: boolean; status: number }>(
  subgraph: string,
  fetcher: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    const stop = subgraphFetchDuration.startTimer({ subgraph });
    try {
      const response = await fetcher(...args);
      stop({ outcome: response.ok ? 'ok' : `http_${response.status}` });
      return response;
    } catch (error) {
      stop({ outcome: failureOutcome(error) });
      throw error;
    }
  };
}
