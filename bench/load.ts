import autocannon from 'autocannon';
import type { ReplayReferences } from './replay';

/** One canonical operation as the benchmark drives it. */
export interface LoadSpec {
  /** e.g. "1 team dashboard" */
  label: string;
  operationName: string;
  query: string;
  /**
   * Each request's variables and, when the operation needs a signed-in caller, its `Bearer …`
   * header: requests go round many teams and units (as real traffic does), and mutations get a
   * fresh idempotency key and exhibitor each.
   */
  next: () => { variables: Record<string, unknown>; authorization?: string };
  /** What is wrong with a response's `data`, or null when it holds what the operation must return. */
  check: (data: Record<string, unknown>) => string | null;
  /** Puts back what the operation writes, before each measured run, so that runs do not drift (the fair's applications). */
  reset?: () => Promise<void>;
  /** Brings the data to the state the load leaves it in before the operation's SQL is recorded (the fair's stalls all taken). */
  beforeRecording?: (url: string) => Promise<void>;
  /** How long one request may take before it counts as timed out (autocannon's 10 s unless said). */
  timeoutSeconds?: number;
  /**
   * The "database alone" replay gives each request made-up values for what its writes alone hold
   * (see replay.ts); a value that refers to a row (a report's team) gets another real row instead.
   */
  replayReferences?: ReplayReferences;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Non-2xx responses, GraphQL errors or wrong data, socket errors and timeouts. */
  errors: number;
  firstError?: string;
}

/** Hands out `items` in turn, round and round. */
export function inTurn<T>(items: T[]): () => T {
  let index = -1;
  return () => items[(index = (index + 1) % items.length)];
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

/** A GraphQL response's body checked: errors, or data the operation's check refuses. */
export function problemOf(spec: Pick<LoadSpec, 'check'>, status: number, body: string): string | null {
  if (status !== 200) return `HTTP ${status}: ${body.slice(0, 200)}`;
  try {
    const parsed = JSON.parse(body) as { data?: Record<string, unknown> | null; errors?: { message: string }[] };
    if (parsed.errors?.length) return parsed.errors[0].message;
    if (!parsed.data) return 'no data';
    return spec.check(parsed.data);
  } catch {
    return `not JSON: ${body.slice(0, 200)}`;
  }
}

/** Sends one request of `spec` and returns what is wrong with the answer, or null. */
export async function sendOnce(url: string, spec: LoadSpec, request = spec.next()): Promise<string | null> {
  const { variables, authorization } = request;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query: spec.query, operationName: spec.operationName, variables }),
  });
  return problemOf(spec, response.status, await response.text());
}

/** How long a load runs: for `durationSeconds`, or until it has sent `amount` requests. */
export type LoadLength = { durationSeconds: number; amount?: never } | { amount: number; durationSeconds?: never };

/** Drives `spec` against a GraphQL endpoint with autocannon, `connections` at a time, for `length`. */
export function runLoad(url: string, spec: LoadSpec, { connections, ...length }: { connections: number } & LoadLength): Promise<LoadResult> {
  const latencies: number[] = [];
  let badResponses = 0;
  let firstError: string | undefined;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        connections,
        ...(length.amount !== undefined ? { amount: length.amount } : { duration: length.durationSeconds }),
        timeout: spec.timeoutSeconds ?? 10,
        requests: [
          {
            setupRequest: (request) => {
              const { variables, authorization } = spec.next();
              return {
                ...request,
                headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
                body: JSON.stringify({ query: spec.query, operationName: spec.operationName, variables }),
              };
            },
            onResponse: (status, body) => {
              const problem = problemOf(spec, status, body);
              if (problem === null) return;
              badResponses += 1;
              firstError ??= problem;
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        resolve({
          requests: latencies.length,
          rps: latencies.length / (length.amount !== undefined ? result.duration : length.durationSeconds),
          p50: percentile(latencies, 0.5),
          p95: percentile(latencies, 0.95),
          p99: percentile(latencies, 0.99),
          // non-2xx are also bad responses; errors and timeouts never got one.
          errors: badResponses + result.errors + result.timeouts,
          firstError: firstError ?? (result.errors + result.timeouts > 0 ? `${result.errors} socket errors, ${result.timeouts} timeouts` : undefined),
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}
