import { sendOnce, type LoadSpec } from './load';

/** What the benchmark reads from a subgraph's Prometheus metrics (`GET /metrics`). */
export interface SubgraphCounters {
  /** GraphQL operations served. */
  requests: number;
  /** SQL statements run. */
  sqlQueries: number;
}

/** A subgraph's counters, and the pool connections it holds right now (a transaction or statement under way). */
export type SubgraphState = SubgraphCounters & { connectionsInUse: number };

export type HubCounters = Record<string, SubgraphState>;

/** The sum of every series of `metric` (all label values) in Prometheus' text format. */
export function sumOf(exposition: string, metric: string): number {
  let total = 0;
  for (const line of exposition.split('\n')) {
    if (line.startsWith(`${metric}{`) || line.startsWith(`${metric} `)) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

export async function readCounters(metricsUrls: Record<string, string>): Promise<HubCounters> {
  const entries = await Promise.all(
    Object.entries(metricsUrls).map(async ([name, url]) => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status} (is EXPOSE_METRICS=false?)`);
      const exposition = await response.text();
      const counters = {
        requests: sumOf(exposition, 'graphql_operation_duration_seconds_count'),
        sqlQueries: sumOf(exposition, 'sql_statement_duration_seconds_count'),
        connectionsInUse: sumOf(exposition, 'sql_pool_connections_in_use'),
      };
      return [name, counters] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Per gateway request: SQL queries and subgraph requests, in total and per subgraph. */
export interface CostPerRequest {
  sqlQueries: number;
  subgraphRequests: number;
  bySubgraph: Record<string, SubgraphCounters>;
}

function costPerRequest(before: HubCounters, after: HubCounters, requests: number): CostPerRequest {
  const bySubgraph: Record<string, SubgraphCounters> = {};
  let sqlQueries = 0;
  let subgraphRequests = 0;
  for (const name of Object.keys(after)) {
    const delta = { requests: (after[name].requests - before[name].requests) / requests, sqlQueries: (after[name].sqlQueries - before[name].sqlQueries) / requests };
    bySubgraph[name] = delta;
    sqlQueries += delta.sqlQueries;
    subgraphRequests += delta.requests;
  }
  return { sqlQueries, subgraphRequests, bySubgraph };
}

/**
 * Waits until no subgraph is still working on earlier requests: no operation ends for 200 ms and
 * none holds a database connection (a partner's batch of trainings runs for seconds). Only the
 * operations are compared, not the SQL counters: the subgraphs' pollers (the outbox relay, the
 * event consumers, each every second) keep those moving, and waiting for them took up to two minutes.
 */
export async function untilQuiet(metricsUrls: Record<string, string>): Promise<HubCounters> {
  const operations = (counters: HubCounters) => JSON.stringify(Object.values(counters).map((counter) => counter.requests));
  let last = await readCounters(metricsUrls);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const counters = await readCounters(metricsUrls);
    if (operations(counters) === operations(last) && Object.values(counters).every((counter) => counter.connectionsInUse === 0)) return counters;
    last = counters;
  }
}

/**
 * What one request of `spec` costs the subgraphs, through the gateway at `url`: measured on
 * `samples` requests one at a time, once the subgraphs are quiet, so that no request of the
 * load runs before or after is counted.
 */
export async function measureCost(url: string, spec: LoadSpec, metricsUrls: Record<string, string>, samples = 10): Promise<CostPerRequest> {
  const before = await untilQuiet(metricsUrls);
  for (let index = 0; index < samples; index += 1) {
    const problem = await sendOnce(url, spec);
    if (problem) throw new Error(`${spec.label}: ${problem}`);
  }
  return costPerRequest(before, await readCounters(metricsUrls), samples);
}
