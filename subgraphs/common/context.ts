import type { HubClaims, Viewer } from './auth';
import type { Database } from './database';
import { LoaderRegistry } from './loaders';
import type { Peers } from './peers';
import type { UnitDirectory } from './unit-directory';
import type { WorkingRelations } from './working-relations';

/** Signs a hub token (HS256, with the hub's issuer and audience); null where the hub holds no secret. */
export type TokenSigner = (claims: HubClaims, lifetimeSeconds: number) => Promise<string>;

/** What every resolver of every subgraph receives. */
export interface Context {
  viewer: Viewer;
  loaders: LoaderRegistry;
  db: Database;
  /** Where units and teams sit in the tree (from the teams subgraph). */
  units: UnitDirectory;
  /** Whether the caller (a partner, an organiser) works with a team (from the subgraphs that hold the relation). */
  relations: WorkingRelations;
  /** The other subgraphs' entities, asked with the caller's token (prizes: events and resources ask each other). */
  peers: Peers;
  signToken: TokenSigner | null;
}

export function createContext(db: Database, units: UnitDirectory, signToken: TokenSigner | null, viewer: Viewer, relations: WorkingRelations, peers: Peers): Context {
  return { viewer, db, units, relations, peers, signToken, loaders: new LoaderRegistry(db) };
}

/**
 * A per-request answer worked out once per key: an access decision that each row of a list would
 * otherwise ask again (a roster's 250 names, one team's decision). The first call's promise, a
 * refusal included, is what the rest of the request gets.
 */
export function oncePerRequest<K, V>(work: (ctx: Context, key: K) => Promise<V>): (ctx: Context, key: K) => Promise<V> {
  const answers = new WeakMap<Context, Map<K, Promise<V>>>();
  return (ctx, key) => {
    let ofRequest = answers.get(ctx);
    if (!ofRequest) answers.set(ctx, (ofRequest = new Map()));
    let answer = ofRequest.get(key);
    if (!answer) ofRequest.set(key, (answer = work(ctx, key)));
    return answer;
  };
}
