import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import type { RunningServer } from '../subgraphs/common/http';
import { subgraphs } from '../subgraphs';
import { codesOf, post } from './testing/client';
import { startGateway, type GatewayOptions } from './gateway';

/**
 * Two gateway replicas sharing one Redis (the real one: TEST_REDIS_URL, else 127.0.0.1:6379)
 * behave as one: the rate limit counts across them, and a persisted query registered through one
 * is known to the other. Each run writes under its own key prefix and removes it afterwards.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `${process.env.TEST_REDIS_PREFIX ?? 'hub-test:'}${randomUUID()}:`;

let replicas: RunningServer[];
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  const options: GatewayOptions = {
    supergraphSdl: readFileSync(join(__dirname, '..', 'supergraph.graphql'), 'utf8'),
    port: 0,
    // No subgraph is needed for what is tested here (nothing listens on port 9).
    subgraphUrls: Object.fromEntries(subgraphs.map(({ name }) => [name, 'http://127.0.0.1:9/graphql'])),
    rateLimit: { max: 3, windowMs: 60_000 },
    trustProxy: true,
    redisUrl: REDIS_URL,
    redisKeyPrefix: prefix,
  };
  replicas = [await startGateway(options), await startGateway(options)];
});

afterAll(async () => {
  for (const replica of replicas ?? []) await replica.close();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

it('holds the rate limit across replicas, counting each operation of a batch', async () => {
  const caller = { 'x-forwarded-for': '203.0.113.7' };
  const ask = (replica: RunningServer, body: unknown) => post(replica.url, body, caller);
  expect((await ask(replicas[0], { query: '{ __typename }' })).status).toBe(200);
  // A batch of two through the other replica: the caller's 2nd and 3rd operations.
  expect((await ask(replicas[1], [{ query: '{ __typename }' }, { query: '{ __typename }' }])).status).toBe(200);
  const refused = await ask(replicas[0], { query: '{ __typename }' });
  expect(refused.status).toBe(429);
  expect(codesOf(refused.body)).toEqual(['RATE_LIMITED']);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(await redis.keys(`${prefix}*`)).not.toHaveLength(0);
});

it('knows an automatic persisted query registered through the other replica', async () => {
  const query = `query Replicated${randomUUID().replace(/-/g, '')} { __typename }`;
  const sha256Hash = createHash('sha256').update(query).digest('hex');
  const extensions = { persistedQuery: { version: 1, sha256Hash } };
  const headers = { 'x-forwarded-for': '203.0.113.8' };

  const unknown = await post(replicas[1].url, { extensions }, headers);
  expect(codesOf(unknown.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  const registered = await post(replicas[0].url, { query, extensions }, headers);
  expect(registered.body).toEqual({ data: { __typename: 'Query' } });
  const used = await post(replicas[1].url, { extensions }, headers);
  expect(used.body).toEqual({ data: { __typename: 'Query' } });
});
