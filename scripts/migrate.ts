import 'reflect-metadata';
import { join } from 'node:path';
import { Database } from '../subgraphs/common/database';
import { logger, nameService } from '../subgraphs/common/logging';
import { migrateUnderLock } from '../subgraphs/common/migrations';
import type { SubgraphDefinition } from '../subgraphs/common/server';
import { subgraphs } from '../subgraphs';

/** Runs one subgraph's pending migrations on its database, under the migration lock. */
export async function migrateSubgraph(definition: SubgraphDefinition, databaseUrl: string): Promise<void> {
  const db = await Database.open({ url: databaseUrl, entities: definition.entities, migrations: definition.migrations });
  try {
    await migrateUnderLock(db);
  } finally {
    await db.close();
  }
}

/**
 * The subgraphs a maintenance command names (every one by default) and their databases:
 * `<NAME>_DATABASE_URL` (or DATABASE_URL when there is one), else a SQLite file under DATA_DIR.
 */
export function subgraphDatabases(names: string[], env: NodeJS.ProcessEnv): { definition: SubgraphDefinition; url: string }[] {
  const unknown = names.filter((name) => !subgraphs.some((subgraph) => subgraph.name === name));
  if (unknown.length > 0) throw new Error(`Unknown subgraphs: ${unknown.join(', ')} (known: ${subgraphs.map(({ name }) => name).join(', ')})`);
  const chosen = names.length > 0 ? subgraphs.filter((subgraph) => names.includes(subgraph.name)) : subgraphs;
  return chosen.map((definition) => ({
    definition,
    url:
      env[`${definition.name.toUpperCase()}_DATABASE_URL`] ||
      (chosen.length === 1 ? env.DATABASE_URL : undefined) ||
      join(env.DATA_DIR || 'data', `${definition.name}.sqlite`),
  }));
}

/**
 * `npm run migrate [subgraph…]` (every subgraph by default), with the rights to change schemas:
 * the step before a rollout (the Kubernetes migration Job), so the services themselves run with
 * a database user that can only read and write rows. Databases as for `npm start`:
 * `<NAME>_DATABASE_URL` (or DATABASE_URL when migrating one subgraph), else a SQLite file under DATA_DIR.
 */
async function main(names: string[], env = process.env): Promise<void> {
  nameService('migrate');
  for (const { definition, url } of subgraphDatabases(names, env)) {
    await migrateSubgraph(definition, url);
    logger.info({ subgraph: definition.name }, 'migrations applied');
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    logger.fatal({ err: error }, 'migration failed');
    process.exitCode = 1;
  });
}
