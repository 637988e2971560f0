import { GraphQLError } from 'graphql';
import { readOnceMoreOnConnectionFailure } from './connection';
import { currentRequestId } from './request-scope';

/** The hub's subgraphs, as one names another it asks. */
export type PeerName = 'teams' | 'resources' | 'partners' | 'events';

/**
 * Another subgraph's entities, asked through its `_entities` (federation entity references,
 * never its tables) with the caller's own token: the owner verifies the token and answers for
 * that caller only, as it would through the gateway (see working-relations.ts for why a
 * representation handed over cannot be trusted instead). A refusal of the owner (a field it
 * will not give this caller, a rule of its domain) comes back as the same error, message and code.
 */
export interface Peers {
  entities<T>(peer: PeerName, representations: Record<string, unknown>[], selection: string): Promise<(T | null)[]>;
}

/** Builds the per-request Peers of a caller from their raw Authorization header. */
export type PeersFor = (authorization: string | undefined) => Peers;

export interface EntitiesResponse<T> {
  data?: { _entities: (T | null)[] } | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** The owner's answer: its entities, or its first error as this subgraph's own. */
export function entitiesOf<T>(peer: PeerName, body: EntitiesResponse<T>): (T | null)[] {
  const [error] = body.errors ?? [];
  if (error) throw new GraphQLError(error.message, { extensions: { ...error.extensions, peer } });
  if (!body.data) throw new Error(`The ${peer} subgraph gave no answer`);
  return body.data._entities;
}

export const entitiesQuery = (selection: string) => `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`;

/**
 * Posts an `_entities` query to another subgraph with the caller's own token and the request id.
 * A read, so sent once more when its connection fails before an answer (a replica restarting).
 */
export async function postEntities<T>(url: string, query: string, representations: Record<string, unknown>[], authorization: string | undefined, timeoutMs: number): Promise<EntitiesResponse<T>> {
  const requestId = currentRequestId();
  const response = await readOnceMoreOnConnectionFailure(() =>
    fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(authorization ? { authorization } : {}),
        ...(requestId ? { 'x-request-id': requestId } : {}),
      },
      body: JSON.stringify({ query, variables: { representations } }),
      signal: AbortSignal.timeout(timeoutMs),
    }),
  );
  return (await response.json()) as EntitiesResponse<T>;
}

/** Asks the subgraphs at these addresses over HTTP. */
export function federatedPeers(urls: Record<PeerName, string>, timeoutMs = 5_000): PeersFor {
  return (authorization) => ({
    async entities<T>(peer: PeerName, representations: Record<string, unknown>[], selection: string) {
      return entitiesOf<T>(peer, await postEntities<T>(urls[peer], entitiesQuery(selection), representations, authorization, timeoutMs));
    },
  });
}

/** No peer to ask (scripts, subgraphs that ask none): any question is a programming error. */
export const noPeers: PeersFor = () => ({
  entities: async (peer) => {
    throw new Error(`No ${peer} subgraph to ask here`);
  },
});
