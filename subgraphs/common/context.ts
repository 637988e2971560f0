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
