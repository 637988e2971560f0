import { serverAudits } from 'graphql-http';
import type { RunningServer } from '../subgraphs/common/http';
import { startSubgraph } from '../subgraphs/common/server';
import { freshTestDatabaseUrl } from '../subgraphs/common/testing/database';
import { teams } from '../subgraphs/teams';
import { codesOf, post } from './testing/client';
import { startTestHub, type TestHub } from './testing/hub';

/**
 * The GraphQL-over-HTTP spec's server audit (the `graphql-http` package's own list) against the
 * gateway and a subgraph as they run: every MUST and SHOULD passes. Both in development: the
 * audit asks for `__type` and `__schema`, which production refuses (no introspection).
 */
let hub: TestHub;
let subgraph: RunningServer;
beforeAll(async () => {
  hub = await startTestHub('graphql_over_http');
  // Without a key source a subgraph runs in development (introspection on), as `npm start` runs it.
  subgraph = await startSubgraph(teams, {
    PORT: '0',
    NODE_ENV: 'test',
    DATABASE_URL: await freshTestDatabaseUrl('teams_graphql_over_http'),
    SEED_DEMO_DATA: 'false',
    MIGRATE_ON_START: 'true',
  });
}, 120_000);
afterAll(async () => {
  await subgraph?.close();
  await hub?.close();
});

const targets: Record<string, () => string> = { gateway: () => hub.gateway.url, 'teams subgraph': () => subgraph.url };

describe.each(Object.keys(targets))('the %s', (target) => {
  const audits = serverAudits({ url: () => targets[target]() }).filter(({ name }) => !name.startsWith('MAY'));

  it.each(audits.map((audit) => [audit.name, audit] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    const failure = result.status === 'ok' ? undefined : `${result.reason}: HTTP ${result.response.status} ${await result.response.text()}`;
    expect(failure).toBeUndefined();
  });
});

describe('status codes by media type', () => {
  const ask = (payload: unknown, headers: Record<string, string>) => post(hub.gateway.url, payload, headers);

  it('answers clients that accept application/graphql-response+json 400 for a document that does not parse', async () => {
    const { status, headers, body } = await ask({ query: '{' }, { accept: 'application/graphql-response+json, application/json;q=0.9' });
    expect([status, headers.get('content-type'), codesOf(body)]).toEqual([400, 'application/graphql-response+json; charset=utf-8', ['GRAPHQL_PARSE_FAILED']]);
  });

  it.each(['application/json', '*/*'])('answers clients accepting %s 200 for a GraphQL request error, with the error', async (accept) => {
    const { status, headers, body } = await ask({ query: 'query Broken { provinces { noSuchField } }' }, { accept });
    expect([status, headers.get('content-type'), codesOf(body)]).toEqual([200, 'application/json; charset=utf-8', ['GRAPHQL_VALIDATION_FAILED']]);
  });

  it('keeps 400 for a request that is not well-formed, in either media type', async () => {
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const { status, body } = await ask({ qeury: '{ __typename }' }, { accept });
      expect([accept, status, codesOf(body)]).toEqual([accept, 400, ['BAD_REQUEST']]);
    }
  });

  it('keeps 401 for a token that does not verify, in either media type', async () => {
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const { status, body } = await ask({ query: '{ provinces { code } }' }, { accept, authorization: 'Bearer not-a-token' });
      expect([accept, status, codesOf(body)]).toEqual([accept, 401, ['UNAUTHENTICATED']]);
    }
  });
});
