import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { readGatewayConfig } from './config';
import { sha256 } from './persisted-operations';

const NAMES = ['teams', 'events'];
let directory: string;
beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'gateway-config-'));
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function manifestFile(operations: { id: string; name: string; type: string; body: string }[]): string {
  const path = join(directory, `manifest-${operations.length}-${Math.random()}.json`);
  writeFileSync(path, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }));
  return path;
}

it('has generous defaults for development: every origin, 600 requests a minute, 10 s per subgraph', () => {
  const config = readGatewayConfig(NAMES, { NODE_ENV: 'development' });
  expect(config).toMatchObject({
    port: 4000,
    production: false,
    limits: { maxDepth: 15, maxAliases: 30, maxCost: 100_000, maxPageSize: 100 },
    maxBodyBytes: 1_000_000,
    maxBatchSize: 10,
    corsOrigins: ['*'],
    rateLimit: { max: 600, windowMs: 60_000 },
    subgraphTimeoutMs: 10_000,
    subgraphTimeouts: { teams: 10_000, events: 10_000 },
    trustProxy: false,
  });
  expect(config.auth?.secret).toBeDefined();
  expect(config.allowList).toBeUndefined();
});

it('allows no browser origin in production unless listed, and keys the rate limit by address without token keys', () => {
  const config = readGatewayConfig(NAMES, { NODE_ENV: 'production' });
  expect(config).toMatchObject({ production: true, corsOrigins: [] });
  expect(config.auth).toBeUndefined();
  expect(readGatewayConfig(NAMES, { NODE_ENV: 'production', CORS_ORIGINS: 'https://a.example.vn, https://b.example.vn' }).corsOrigins).toEqual([
    'https://a.example.vn',
    'https://b.example.vn',
  ]);
});

it('runs as production without NODE_ENV=development or test, or with a key source', () => {
  for (const env of [{}, { NODE_ENV: 'staging' }, { NODE_ENV: 'development', JWT_JWKS_URL: 'https://id.example.vn/jwks' }]) {
    expect(readGatewayConfig(NAMES, env)).toMatchObject({ production: true, corsOrigins: [] });
  }
  expect(readGatewayConfig(NAMES, { NODE_ENV: 'development', JWT_JWKS_URL: 'https://id.example.vn/jwks' }).auth?.secret).toBeUndefined();
});

it('reads every limit, a timeout per subgraph, and RATE_LIMIT_MAX=0 as no limit', () => {
  const config = readGatewayConfig(NAMES, {
    MAX_DEPTH: '8',
    MAX_ALIASES: '5',
    MAX_COST: '5000',
    MAX_PAGE_SIZE: '50',
    MAX_BODY_BYTES: '2048',
    MAX_BATCH_SIZE: '0',
    RATE_LIMIT_MAX: '0',
    SUBGRAPH_TIMEOUT_MS: '3000',
    EVENTS_TIMEOUT_MS: '500',
    TRUST_PROXY: 'true',
  });
  expect(config).toMatchObject({
    limits: { maxDepth: 8, maxAliases: 5, maxCost: 5000, maxPageSize: 50 },
    maxBodyBytes: 2048,
    maxBatchSize: 0,
    rateLimit: null,
    subgraphTimeouts: { teams: 3000, events: 500 },
    trustProxy: true,
  });
});

it('reports every bad setting at once', () => {
  expect(() =>
    readGatewayConfig(NAMES, { MAX_PAGE_SIZE: '500', CORS_ORIGINS: 'https://a.example.vn/path', EVENTS_TIMEOUT_MS: 'soon' }),
  ).toThrow(
    /MAX_PAGE_SIZE must be a whole number from 1 to 100, got "500"[\s\S]*CORS_ORIGINS must list origins like https:\/\/app\.example\.vn \(or \*\), got "https:\/\/a\.example\.vn\/path"[\s\S]*EVENTS_TIMEOUT_MS must be a whole number/,
  );
});

describe('OPERATION_ALLOWLIST', () => {
  const body = 'query Provinces { provinces { code } }';

  it('reads an Apollo persisted query manifest', () => {
    const path = manifestFile([{ id: sha256(body), name: 'Provinces', type: 'query', body }]);
    expect(readGatewayConfig(NAMES, { OPERATION_ALLOWLIST: path }).allowList?.operations).toEqual([
      { id: sha256(body), name: 'Provinces', type: 'query', body },
    ]);
  });

  it('refuses a manifest whose ids are not the SHA-256 of their bodies, or a missing file', () => {
    const path = manifestFile([{ id: sha256('something else'), name: 'Provinces', type: 'query', body }]);
    expect(() => readGatewayConfig(NAMES, { OPERATION_ALLOWLIST: path })).toThrow('the id of Provinces is not the SHA-256 of its body');
    expect(() => readGatewayConfig(NAMES, { OPERATION_ALLOWLIST: join(directory, 'missing.json') })).toThrow(/Cannot read the operation allow-list/);
  });
});

it('starts the gateway knowing the subgraphs by name, without loading their code', () => {
  jest.isolateModules(() => {
    jest.doMock('../subgraphs/common/http', () => ({ runService: jest.fn() }));
    for (const name of SUBGRAPH_NAMES) {
      jest.doMock(`../subgraphs/${name}`, () => {
        throw new Error(`the gateway loaded the ${name} subgraph`);
      });
    }
    expect(() => require('./main')).not.toThrow();
  });
});
