import type { Viewer } from './auth';
import type { Database } from './database';
import { LoaderRegistry } from './loaders';

/** What every resolver of every subgraph receives. */
export interface Context {
  viewer: Viewer;
  loaders: LoaderRegistry;
  db: Database;
}

export function createContext(db: Database, viewer: Viewer): Context {
  return { viewer, db, loaders: new LoaderRegistry(db) };
}
