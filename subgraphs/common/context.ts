import type { Viewer } from './auth';
import type { Database } from './database';
import { LoaderRegistry } from './loaders';
import type { UnitDirectory } from './unit-directory';

/** What every resolver of every subgraph receives. */
export interface Context {
  viewer: Viewer;
  loaders: LoaderRegistry;
  db: Database;
  /** Where units and teams sit in the tree (from the teams subgraph). */
  units: UnitDirectory;
}

export function createContext(db: Database, units: UnitDirectory, viewer: Viewer): Context {
  return { viewer, db, units, loaders: new LoaderRegistry(db) };
}
