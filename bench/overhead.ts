import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway } from '../gateway/gateway';
import { sendOnce, type LoadSpec } from './load';

/** A request the gateway made to a subgraph while running one operation. */
interface RecordedFetch {
  subgraph: string;
  url: string;
  body: string;
  authorization?: string;
  startedAt: number;
  endedAt: number;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Passes requests on to a subgraph, writing down each one and when it started and ended. */
async function recordingProxy(subgraph: string, target: string, log: RecordedFetch[]): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const authorization = request.headers.authorization;
    const startedAt = performance.now();
    const answer = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body });
    const text = await answer.text();
    log.push({ subgraph, url: target, body, authorization, startedAt, endedAt: performance.now() });
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The plan's steps as they ran: a fetch that started only after every fetch of the step before
 * had answered begins a new step; fetches that overlapped ran in parallel in one step.
 */
function planSteps(fetches: RecordedFetch[]): RecordedFetch[][] {
  const steps: RecordedFetch[][] = [];
  let stepEnd = Number.NEGATIVE_INFINITY;
  for (const fetched of [...fetches].sort((a, b) => a.startedAt - b.startedAt)) {
    if (fetched.startedAt >= stepEnd) {
      steps.push([]);
      stepEnd = fetched.endedAt;
    }
    steps[steps.length - 1].push(fetched);
    stepEnd = Math.max(stepEnd, fetched.endedAt);
  }
  return steps;
}

/** Runs one operation through a gateway of ours whose subgraph URLs are recording proxies. */
export async function recordPlan(
  supergraphSdl: string,
  subgraphUrls: Record<string, string>,
  spec: LoadSpec,
  request: ReturnType<LoadSpec['next']>,
): Promise<RecordedFetch[][]> {
  const log: RecordedFetch[] = [];
  const proxies = await Promise.all(Object.entries(subgraphUrls).map(([name, url]) => recordingProxy(name, url, log)));
  const names = Object.keys(subgraphUrls);
  const gateway = await startGateway({ supergraphSdl, port: 0, subgraphUrls: Object.fromEntries(names.map((name, index) => [name, proxies[index].url])) });
  try {
    const problem = await sendOnce(gateway.url, spec, request);
    if (problem) throw new Error(`${spec.label} failed while recording its plan: ${problem}`);
    return planSteps(log);
  } finally {
    await gateway.close();
    await Promise.all(proxies.map((proxy) => proxy.close()));
  }
}

/** The recorded fetches called directly: steps one after another, a step's fetches at once. */
async function replay(steps: RecordedFetch[][]): Promise<void> {
  for (const step of steps) {
    await Promise.all(
      step.map(async ({ url, body, authorization }) => {
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body });
        const text = await response.text();
        if (!response.ok || text.includes('"errors"')) throw new Error(`Replaying a fetch to ${url} failed: ${text.slice(0, 200)}`);
      }),
    );
  }
}

export interface LatencySummary {
  p50: number;
  p99: number;
}

function summary(times: number[]): LatencySummary {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length / 2)], p99: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] };
}

/**
 * Times each of `paths` `iterations` times, one request at a time, taking the paths in turn
 * within each iteration so that all of them meet the same load on a shared machine.
 */
async function timeInTurn(paths: Record<string, () => Promise<void>>, iterations: number): Promise<Record<string, LatencySummary>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(paths).map((name) => [name, []]));
  for (let index = -Math.min(20, iterations); index < iterations; index += 1) {
    for (const [name, work] of Object.entries(paths)) {
      const started = performance.now();
      await work();
      // The first rounds only warm up.
      if (index >= 0) times[name].push(performance.now() - started);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, values]) => [name, summary(values)]));
}

export interface Overhead {
  steps: string[][];
  direct: LatencySummary;
  gateways: Record<string, LatencySummary>;
}

/**
 * The gateway's overhead on one operation: its plan's fetches (recorded once) called directly,
 * against the operation through each gateway, one request at a time, taken in turn.
 */
export async function measureOverhead(
  supergraphSdl: string,
  subgraphUrls: Record<string, string>,
  gatewayUrls: Record<string, string>,
  spec: LoadSpec,
  iterations: number,
): Promise<Overhead> {
  // One request (one team), the same each time: its plan's fetches are what is replayed.
  const request = spec.next();
  const steps = await recordPlan(supergraphSdl, subgraphUrls, spec, request);
  const throughGateways = Object.entries(gatewayUrls).map(([name, url]) => [
    name,
    async () => {
      const problem = await sendOnce(url, spec, request);
      if (problem) throw new Error(`${spec.label} through ${name}: ${problem}`);
    },
  ]);
  const { direct, ...gateways } = await timeInTurn({ direct: () => replay(steps), ...Object.fromEntries(throughGateways) }, iterations);
  return { steps: steps.map((step) => step.map((fetched) => fetched.subgraph)), direct, gateways };
}
