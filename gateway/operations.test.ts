import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { RunningServer } from '../subgraphs/common/http';
import { startProcessMetrics } from '../subgraphs/common/metrics';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { codesOf, post } from './testing/client';
import { startGateway } from './gateway';

/**
 * What operators rely on at the gateway: probes that do not depend on the subgraphs, metrics of
 * its subgraph fetches, a parser that gives up on huge documents, and work done once per operation.
 */
let teams: Server;
let gateway: RunningServer;

beforeAll(async () => {
  // A teams subgraph that answers the operation named Province, and fails on any other.
  teams = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const known = body.includes('Province__teams');
      response.writeHead(known ? 200 : 500, { 'content-type': 'application/json' });
      response.end(JSON.stringify(known ? { data: { administrativeUnit: { name: 'Tỉnh Nghệ An' } } } : { errors: [{ message: 'boom' }] }));
    });
  });
  await new Promise<void>((resolve) => teams.listen(0, '127.0.0.1', resolve));
  // Every other subgraph is down (nothing listens on port 9).
  const subgraphUrls: Record<string, string> = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 'http://127.0.0.1:9/graphql']));
  subgraphUrls.teams = `http://127.0.0.1:${(teams.address() as AddressInfo).port}/graphql`;
  gateway = await startGateway({
    supergraphSdl: readFileSync(join(__dirname, '..', 'supergraph.graphql'), 'utf8'),
    port: 0,
    subgraphUrls,
    rateLimit: null,
  });
});

afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => teams.close(resolve));
});

const get = async (path: string) => {
  const response = await fetch(new URL(path, gateway.url));
  return { status: response.status, text: await response.text() };
};

it('is live and ready while subgraphs are down; /health reports them', async () => {
  expect((await get('/livez')).status).toBe(200);
  expect((await get('/readyz')).status).toBe(200);
  const health = await get('/health');
  expect(health.status).toBe(503);
  expect(JSON.parse(health.text).subgraphs.resources.status).toBe('down');
});

it('times its fetches to each subgraph by outcome at /metrics', async () => {
  const ok = await post(gateway.url, { query: 'query Province { administrativeUnit(code: "40") { name } }' });
  expect(ok.body).toEqual({ data: { administrativeUnit: { name: 'Tỉnh Nghệ An' } } });
  await post(gateway.url, { query: 'query Commune { administrativeUnit(code: "17227") { name } }' });

  const { status, text } = await get('/metrics');
  expect(status).toBe(200);
  expect(text).toMatch(/^gateway_subgraph_fetch_duration_seconds_count\{subgraph="teams",outcome="ok"\} 1$/m);
  expect(text).toMatch(/^gateway_subgraph_fetch_duration_seconds_count\{subgraph="teams",outcome="http_500"\} 1$/m);
  expect(text).toMatch(/^graphql_operation_duration_seconds_count\{operation="Province",outcome="ok"\} 1$/m);
  expect(text).toMatch(/^graphql_operation_duration_seconds_count\{operation="Commune",outcome="error"\} 1$/m);
});

it('refuses a document of 200,000 directives (600 KB) at the parser’s token limit', async () => {
  const document = `query Flood { __typename ${'@a '.repeat(200_000)}}`;
  expect(document.length).toBeGreaterThan(600_000);
  const { status, body } = await post(gateway.url, { query: document });
  expect(status).toBe(400);
  expect(codesOf(body)).toEqual(['GRAPHQL_PARSE_FAILED']);
  expect(body.errors[0].message).toBe('Yêu cầu quá dài: tối đa 5000 thành phần');
  expect(body.errors[0].extensions.graphqlMessage).toMatch(/5000 tokens/);
  // An ordinary document still parses.
  expect((await post(gateway.url, { query: '{ __typename }' })).body).toEqual({ data: { __typename: 'Query' } });
});

it('builds the operation a response is shaped by once per document, not on every request (patches/@apollo+gateway)', async () => {
  // The gateway reads operationFromDocument through federation-internals' index, which forwards to this module.
  const built = jest.spyOn(jest.requireActual<Record<string, () => unknown>>('@apollo/federation-internals/dist/operations'), 'operationFromDocument');
  // Its own text (a new line), so neither its plan nor its operation is cached from another test.
  const query = 'query Province {\n  administrativeUnit(code: "40") { name }\n}';
  try {
    for (let request = 0; request < 3; request += 1) {
      expect((await post(gateway.url, { query })).body).toEqual({ data: { administrativeUnit: { name: 'Tỉnh Nghệ An' } } });
    }
    // Once for its query plan, once for shaping the first response; the next two reuse it (four calls unpatched).
    expect(built).toHaveBeenCalledTimes(2);
  } finally {
    built.mockRestore();
  }
});

it('serves every metric the Grafana dashboard in docs/ charts', async () => {
  startProcessMetrics('gateway');
  const { text } = await get('/metrics');
  const declared = new Set([...text.matchAll(/^# TYPE (\w+) /gm)].map(([, name]) => name));
  const dashboard = JSON.parse(readFileSync(join(__dirname, '..', 'docs', 'grafana-dashboard.json'), 'utf8')) as { panels: { targets: { expr: string }[] }[] };
  const charted = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => [...target.expr.matchAll(/\b([a-z_]+)(?=\{|\[)/g)].map(([, name]) => name)));
  expect(charted.length).toBeGreaterThan(10);
  for (const name of charted) expect([name, declared.has(name) || declared.has(name.replace(/_(bucket|count|sum)$/, ''))]).toEqual([name, true]);
});
