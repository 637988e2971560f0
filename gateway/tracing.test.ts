import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServiceProcess, type ServiceProcess } from '../scripts/testing/service-process';
import { freshTestDatabaseUrl } from '../subgraphs/common/testing/database';

/**
 * The gateway and the teams subgraph as operators run them (each its own process), exporting
 * OpenTelemetry traces over OTLP/HTTP to a receiver this test runs: one request, carrying the
 * caller's W3C `traceparent`, makes one trace with the gateway's spans, the subgraph's and, on
 * MySQL, its SQL statements.
 */
interface ExportedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

const spans: ExportedSpan[] = [];
let receiver: Server;
let dataDir: string;
const processes: ServiceProcess[] = [];

/** OTLP/JSON (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`): resourceSpans → scopeSpans → spans. */
function collect(body: any): void {
  for (const { resource, scopeSpans } of body.resourceSpans ?? []) {
    const service = resource.attributes.find((attribute: any) => attribute.key === 'service.name')?.value.stringValue;
    for (const { spans: exported } of scopeSpans) {
      for (const { traceId, spanId, parentSpanId, name } of exported) spans.push({ service, traceId, spanId, parentSpanId: parentSpanId || undefined, name });
    }
  }
}

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces') collect(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  dataDir = mkdtempSync(join(tmpdir(), 'hub-tracing-'));
});

afterAll(async () => {
  for (const service of processes) service.child.kill('SIGKILL');
  await new Promise((resolve) => receiver.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

async function spansOf(traceId: string, until: (trace: ExportedSpan[]) => boolean): Promise<ExportedSpan[]> {
  for (let waited = 0; waited < 10_000; waited += 100) {
    const trace = spans.filter((span) => span.traceId === traceId);
    if (until(trace)) return trace;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return spans.filter((span) => span.traceId === traceId);
}

it('makes one trace of a request: the gateway, the subgraph and its SQL, continuing the caller\'s trace context', async () => {
  const telemetry = {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_BSP_SCHEDULE_DELAY: '50',
  };
  const databaseUrl = await freshTestDatabaseUrl('tracing');
  const teams = startServiceProcess('subgraphs/main.ts', ['teams'], {
    ...telemetry,
    NODE_ENV: 'development',
    PORT: '0',
    SEED_DEMO_DATA: 'false',
    DATABASE_URL: databaseUrl === ':memory:' ? join(dataDir, 'teams.sqlite') : databaseUrl,
  });
  processes.push(teams);
  const { url: teamsUrl } = await teams.waitForLog((line) => line.msg === 'teams ready', 60_000);
  const gateway = startServiceProcess('gateway/main.ts', [], { ...telemetry, NODE_ENV: 'development', PORT: '0', TEAMS_URL: teamsUrl });
  processes.push(gateway);
  const { url } = await gateway.waitForLog((line) => line.msg === 'gateway ready', 60_000);

  const traceId = randomBytes(16).toString('hex');
  const callerSpanId = randomBytes(8).toString('hex');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${callerSpanId}-01` },
    body: JSON.stringify({ query: '{ administrativeUnit(code: "40") { name } }' }),
  });
  expect(await response.json()).toEqual({ data: { administrativeUnit: null } });

  const onMysql = databaseUrl !== ':memory:';
  const isSql = (span: ExportedSpan) => span.service === 'teams' && /^select/i.test(span.name);
  const fromGateway = (span: ExportedSpan, trace: ExportedSpan[]) =>
    span.service === 'teams' && trace.some((parent) => parent.service === 'gateway' && parent.spanId === span.parentSpanId);
  const trace = await spansOf(traceId, (found) =>
    found.some((span) => span.name === 'gateway.request') && found.some((span) => fromGateway(span, found)) && (!onMysql || found.some(isSql)),
  );
  expect(new Set(trace.map((span) => span.service))).toEqual(new Set(['gateway', 'teams']));
  // The gateway's own spans (@apollo/gateway), under its HTTP server span, which continues the caller's span.
  const gatewaySpans = trace.filter((span) => span.service === 'gateway');
  expect(gatewaySpans.map((span) => span.name)).toEqual(expect.arrayContaining(['gateway.request', 'gateway.plan', 'gateway.fetch']));
  expect(gatewaySpans.filter((span) => span.parentSpanId === callerSpanId)).toHaveLength(1);
  // The subgraph's server span is a child of the gateway's fetch (the trace context crossed the wire).
  expect(trace.filter((span) => fromGateway(span, trace))).toHaveLength(1);
  // Its SQL statements are in the same trace (mysql2; SQLite has no instrumentation).
  if (onMysql) expect(trace.filter(isSql).length).toBeGreaterThan(0);
}, 120_000);
