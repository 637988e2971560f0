import { print } from 'graphql';
import { RollUpFromReportsDocument } from '../client';
import { percentile, problemOf } from './load';
import { readCounters } from './metrics';

/** One roll-up request to the teams subgraph: which unit, as whom. */
export interface RollUpRequest {
  unitCode: string;
  authorization: string;
}

export interface RollUpLatency {
  label: string;
  requests: number;
  p50: number;
  p95: number;
  max: number;
  /** SQL statements of the teams subgraph per roll-up. */
  sqlQueries: number;
}

const QUERY = print(RollUpFromReportsDocument);

/**
 * The latency of roll-ups answered by the teams subgraph from MySQL alone (no gateway): `iterations`
 * requests one after another, each the next of `next()` (issue 7: "the national and provincial
 * roll-ups answer from MySQL in well under a second"), with the SQL statements they cost.
 */
export async function measureRollUps(
  teamsUrl: string,
  metricsUrl: string,
  label: string,
  period: string,
  next: () => RollUpRequest,
  iterations: number,
): Promise<RollUpLatency> {
  const check = (data: Record<string, unknown>) => ((data.unitRollUp as { figures?: unknown[] } | null)?.figures?.length ? null : 'no figures');
  const latencies: number[] = [];
  const before = await readCounters({ teams: metricsUrl });
  for (let index = 0; index < iterations; index += 1) {
    const { unitCode, authorization } = next();
    const started = performance.now();
    const response = await fetch(teamsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: QUERY, operationName: 'RollUpFromReports', variables: { unitCode, period } }),
    });
    const problem = problemOf({ check }, response.status, await response.text());
    latencies.push(performance.now() - started);
    if (problem) throw new Error(`${label} roll-up of ${unitCode}: ${problem}`);
  }
  const after = await readCounters({ teams: metricsUrl });
  latencies.sort((a, b) => a - b);
  return {
    label,
    requests: iterations,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    max: latencies[latencies.length - 1],
    sqlQueries: (after.teams.sqlQueries - before.teams.sqlQueries) / iterations,
  };
}
