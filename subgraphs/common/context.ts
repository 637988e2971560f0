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

/** An answer that has settled: its value, or what it was refused with. */
export type Settled<V> = { value: V } | { error: unknown };

/** The settled answer's value, or its refusal thrown. */
export function valueOf<V>(settled: Settled<V>): V {
  if ('error' in settled) throw settled.error;
  return settled.value;
}

export interface PerRequestAnswer<K, V> {
  (ctx: Context, key: K): Promise<V>;
  /** The answer if it has settled, read without a promise (a field of each of many rows), else undefined. */
  settled(ctx: Context, key: K): Settled<V> | undefined;
}

/**
 * A per-request answer worked out once per key: an access decision that each row of a list would
 * otherwise ask again (a roster's 250 names, one team's decision). The first call's promise, a
 * refusal included, is what the rest of the request gets.
 */
export function oncePerRequest<K, V>(work: (ctx: Context, key: K) => Promise<V>): PerRequestAnswer<K, V> {
  const answers = new WeakMap<Context, Map<K, Promise<V>>>();
  const settledAnswers = new WeakMap<Context, Map<K, Settled<V>>>();
  const answer = (ctx: Context, key: K): Promise<V> => {
    let ofRequest = answers.get(ctx);
    if (!ofRequest) answers.set(ctx, (ofRequest = new Map()));
    let found = ofRequest.get(key);
    if (!found) {
      ofRequest.set(key, (found = work(ctx, key)));
      let settled = settledAnswers.get(ctx);
      if (!settled) settledAnswers.set(ctx, (settled = new Map()));
      const settle = settled.set.bind(settled, key);
      found.then(
        (value) => settle({ value }),
        (error: unknown) => settle({ error }),
      );
    }
    return found;
  };
  return Object.assign(answer, { settled: (ctx: Context, key: K) => settledAnswers.get(ctx)?.get(key) });
}
