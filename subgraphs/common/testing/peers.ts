import { entitiesOf, entitiesQuery, type PeerName, type PeersFor } from '../peers';
import type { TestSubgraph } from './subgraph';

/**
 * Peers that are other test subgraphs of the same test, in this process: the question goes through
 * the owner's real schema, token check and loaders, with the caller's own Authorization header.
 * Subgraphs are looked up when asked, so two subgraphs that ask each other can be created in turn.
 */
export function testPeers(subgraphs: Partial<Record<PeerName, () => TestSubgraph>>): PeersFor {
  return (authorization) => ({
    async entities<T>(peer: PeerName, representations: Record<string, unknown>[], selection: string) {
      const owner = subgraphs[peer];
      if (!owner) throw new Error(`No ${peer} subgraph in this test`);
      const result = await owner().execute<{ _entities: (T | null)[] }>(entitiesQuery(selection), { variables: { representations }, authorization });
      return entitiesOf<T>(peer, result as Parameters<typeof entitiesOf<T>>[1]);
    },
  });
}
