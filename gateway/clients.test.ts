import { ApolloClient as ApolloClient4, HttpLink as HttpLink4, InMemoryCache as InMemoryCache4 } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { cacheExchange, Client as UrqlClient, fetchExchange } from '@urql/core';
import { ApolloClient as ApolloClient3, HttpLink as HttpLink3, InMemoryCache as InMemoryCache3 } from 'apollo-client-3/core';
import { createPersistedQueryLink as createPersistedQueryLink3 } from 'apollo-client-3/link/persisted-queries';
import { parse, print, type DocumentNode } from 'graphql';
import { ClientError, GraphQLClient } from 'graphql-request';
import { join } from 'node:path';
import {
  DisclosureLedgerDocument,
  RevokePartnerCredentialDocument,
  UnitDirectoryDocument,
  UpcomingFairsDocument,
} from '../client/generated/graphql';
import type { RunningServer } from '../subgraphs/common/http';
import { readOperationManifest, sha256 } from './persisted-operations';
import { post } from './testing/client';
import { startTestHub, type TestHub } from './testing/hub';

/**
 * The clients partners' developers reach for, on their defaults, against the real hub: Apollo
 * Client 3 and 4 with the persisted-query link, urql (queries by GET) and graphql-request; in
 * development and production, with and without the allow-list.
 */
const manifest = readOperationManifest(join(__dirname, '..', 'client', 'persisted-operations.json'));

interface Sent {
  method: string;
  /** The query text sent, if any (hash-only requests send none). */
  query?: string;
  hash?: string;
}

interface Outcome {
  data?: unknown;
  /** The error codes the client reports. */
  codes: string[];
  /** The client's own error, when the hub's answer carried none. */
  message?: string;
}

interface StandardClient {
  name: string;
  run(document: DocumentNode, variables: Record<string, unknown>): Promise<Outcome>;
}

const sha256Hex = (text: string) => sha256(text);

/** A fetch that notes what each request carried, as the client sent it. */
function recordingFetch(sent: Sent[]): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { query?: string; extensions?: { persistedQuery?: { sha256Hash: string } } }) : undefined;
    const extensions = url.searchParams.get('extensions');
    sent.push({
      method: init?.method ?? 'GET',
      query: body?.query ?? url.searchParams.get('query') ?? undefined,
      hash: body?.extensions?.persistedQuery?.sha256Hash ?? (extensions ? JSON.parse(extensions).persistedQuery?.sha256Hash : undefined),
    });
    return fetch(input, init);
  };
}

const codesOf = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) => (errors ?? []).map((error) => String(error.extensions?.code));

/** Apollo Client (3 or 4) errors: a network error with a body, or GraphQL errors, both reduced to codes. */
function apolloOutcome(error: unknown): Outcome {
  const found = error as Error & { errors?: { extensions?: Record<string, unknown> }[]; graphQLErrors?: { extensions?: Record<string, unknown> }[]; networkError?: { result?: { errors?: [] } }; result?: { errors?: [] } };
  const errors = found.errors ?? (found.graphQLErrors?.length ? found.graphQLErrors : undefined) ?? found.networkError?.result?.errors ?? found.result?.errors;
  return errors ? { codes: codesOf(errors) } : { codes: [], message: found.message };
}

const isMutation = (document: DocumentNode) =>
  document.definitions.some((definition) => definition.kind === 'OperationDefinition' && definition.operation === 'mutation');

/** Runs an operation with Apollo Client (3 or 4: the same calls), errors as outcomes. */
async function runApollo(
  client: {
    query(options: { query: DocumentNode; variables: object; fetchPolicy: 'network-only' }): Promise<unknown>;
    mutate(options: { mutation: DocumentNode; variables: object }): Promise<unknown>;
  },
  document: DocumentNode,
  variables: Record<string, unknown>,
): Promise<Outcome> {
  try {
    const result = (isMutation(document)
      ? await client.mutate({ mutation: document, variables })
      : await client.query({ query: document, variables, fetchPolicy: 'network-only' })) as { data?: unknown };
    return { data: result.data, codes: [] };
  } catch (error) {
    return apolloOutcome(error);
  }
}

function clientsFor(url: string, sent: Sent[]): StandardClient[] {
  const fetchAndNote = recordingFetch(sent);
  const apollo3 = new ApolloClient3({
    link: createPersistedQueryLink3({ sha256: sha256Hex }).concat(new HttpLink3({ uri: url, fetch: fetchAndNote })),
    cache: new InMemoryCache3(),
  });
  const apollo4 = new ApolloClient4({
    link: new PersistedQueryLink({ sha256: sha256Hex }).concat(new HttpLink4({ uri: url, fetch: fetchAndNote })),
    cache: new InMemoryCache4(),
  });
  const urql = new UrqlClient({ url, exchanges: [cacheExchange, fetchExchange], fetch: fetchAndNote });
  const graphqlRequest = new GraphQLClient(url, { fetch: fetchAndNote });
  return [
    { name: 'Apollo Client 3 (persisted queries)', run: (document, variables) => runApollo(apollo3, document, variables) },
    { name: 'Apollo Client 4 (persisted queries)', run: (document, variables) => runApollo(apollo4, document, variables) },
    {
      name: 'urql',
      run: async (document, variables) => {
        const result = await (isMutation(document) ? urql.mutation(document, variables) : urql.query(document, variables)).toPromise();
        return { data: result.data ?? undefined, codes: codesOf(result.error?.graphQLErrors) };
      },
    },
    {
      name: 'graphql-request',
      run: async (document, variables) => {
        try {
          return { data: await graphqlRequest.request(document, variables), codes: [] };
        } catch (error) {
          if (error instanceof ClientError) return { codes: codesOf(error.response.errors) };
          throw error;
        }
      },
    },
  ];
}

/** The answer without the `__typename`s a client's cache asked for. */
const withoutTypenames = (data: unknown) => data && JSON.parse(JSON.stringify(data, (key, value) => (key === '__typename' ? undefined : value)));

const QUERIES: [DocumentNode, Record<string, unknown>][] = [
  [UnitDirectoryDocument, {}],
  [DisclosureLedgerDocument, { unitCode: '17227', from: '2025-01-01', to: '2025-12-31' }],
  [UpcomingFairsDocument, { unitCode: '17227' }],
];

/** An operation of nobody's manifest. */
const UNLISTED = parse('query MyOwnProvinces { provinces { code } }');

let hub: TestHub;
let gateways: Record<string, RunningServer>;
beforeAll(async () => {
  hub = await startTestHub('clients');
  gateways = {
    development: hub.gateway,
    'development, allow-list': await hub.gatewayWith({ allowList: manifest }),
    production: await hub.gatewayWith({ production: true }),
    'production, allow-list': await hub.gatewayWith({ production: true, allowList: manifest }),
  };
}, 120_000);
afterAll(() => hub?.close());

/** What a plain JSON POST of the SDK's document gets. */
async function expectedData(document: DocumentNode, variables: Record<string, unknown>): Promise<unknown> {
  const { body } = await post(hub.gateway.url, { query: print(document), variables });
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe.each(['development', 'development, allow-list', 'production', 'production, allow-list'])('the %s gateway', (mode) => {
  const allowListed = mode.endsWith('allow-list');

  it('answers the SDK’s queries and mutations as sent by each standard client on its defaults', async () => {
    const expected = await Promise.all(QUERIES.map(([document, variables]) => expectedData(document, variables)));
    for (const client of clientsFor(gateways[mode].url, [])) {
      for (const [index, [document, variables]] of QUERIES.entries()) {
        const outcome = await client.run(document, variables);
        expect([client.name, outcome.codes, outcome.message, withoutTypenames(outcome.data)]).toEqual([client.name, [], undefined, expected[index]]);
      }
      // A listed mutation reaches the subgraph, which asks who is calling.
      const revoked = await client.run(RevokePartnerCredentialDocument, { id: 'any' });
      expect([client.name, revoked.codes]).toEqual([client.name, ['UNAUTHENTICATED']]);
    }
  });

  it(allowListed ? 'refuses an operation the manifest does not hold, from every client' : 'answers any operation', async () => {
    for (const client of clientsFor(gateways[mode].url, [])) {
      const outcome = await client.run(UNLISTED, {});
      if (allowListed) {
        expect([client.name, outcome.codes]).toEqual([client.name, ['PERSISTED_QUERY_NOT_ALLOWED']]);
      } else {
        expect([client.name, outcome.codes, withoutTypenames(outcome.data)]).toEqual([client.name, [], { provinces: [{ code: '40' }] }]);
      }
    }
  });
});

it('reaches a listed operation in one request: Apollo Client by the hash of its own form, urql by GET', async () => {
  const sent: Sent[] = [];
  const [apollo3, apollo4, urql] = clientsFor(gateways['production, allow-list'].url, sent);
  for (const client of [apollo3, apollo4]) {
    sent.length = 0;
    expect((await client.run(UpcomingFairsDocument, { unitCode: '17227' })).codes).toEqual([]);
    // The hash alone, once: the gateway knew the form with `__typename`s the client hashed.
    expect([client.name, sent]).toEqual([client.name, [{ method: 'POST', query: undefined, hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]]);
  }
  sent.length = 0;
  expect((await urql.run(UpcomingFairsDocument, { unitCode: '17227' })).codes).toEqual([]);
  expect(sent).toEqual([{ method: 'GET', query: expect.stringContaining('__typename'), hash: undefined }]);
});
