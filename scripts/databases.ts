import { join } from 'node:path';
import { subgraphs } from '../subgraphs';
import type { SubgraphDefinition } from '../subgraphs/common/server';

/**
 * Each chosen subgraph's database (every subgraph when none is named), as the operators' commands
 * (`npm run migrate`, `backup`, `restore`) find them: `<NAME>_DATABASE_URL` (or DATABASE_URL when
 * one subgraph is chosen), else a SQLite file under DATA_DIR, as for `npm start`.
 */
export function subgraphDatabaseUrls(names: string[], env = process.env): Record<string, string> {
  const unknown = names.filter((name) => !subgraphs.some((subgraph) => subgraph.name === name));
  if (unknown.length > 0) throw new Error(`Unknown subgraphs: ${unknown.join(', ')} (known: ${subgraphs.map(({ name }) => name).join(', ')})`);
  const chosen = names.length > 0 ? subgraphs.filter((subgraph) => names.includes(subgraph.name)) : subgraphs;
  return Object.fromEntries(
    chosen.map(({ name }) => [
      name,
      env[`${name.toUpperCase()}_DATABASE_URL`] || (chosen.length === 1 ? env.DATABASE_URL : undefined) || join(env.DATA_DIR || 'data', `${name}.sqlite`),
    ]),
  );
}

/** The same, with each subgraph's definition (its entities and migrations) beside its database. */
export function subgraphDatabases(names: string[], env = process.env): { definition: SubgraphDefinition; url: string }[] {
  return Object.entries(subgraphDatabaseUrls(names, env)).map(([name, url]) => ({
    definition: subgraphs.find((subgraph) => subgraph.name === name)!,
    url,
  }));
}
