import 'reflect-metadata';
import { Database } from '../subgraphs/common/database';
import { logger, nameService } from '../subgraphs/common/logging';
import { migrateUnderLock } from '../subgraphs/common/migrations';
import type { SubgraphDefinition } from '../subgraphs/common/server';
import { subgraphs } from '../subgraphs';
import { subgraphDatabaseUrls } from './databases';

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
 * `npm run migrate [subgraph…]` (every subgraph by default), with the rights to change schemas:
 * the step before a rollout (the Kubernetes migration Job), so the services themselves run with
 * a database user that can only read and write rows. Databases: see `subgraphDatabaseUrls`.
 */
async function main(names: string[], env = process.env): Promise<void> {
  nameService('migrate');
  for (const [name, url] of Object.entries(subgraphDatabaseUrls(names, env))) {
    const definition = subgraphs.find((subgraph) => subgraph.name === name)!;
    await migrateSubgraph(definition, url);
    logger.info({ subgraph: name }, 'migrations applied');
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    logger.fatal({ err: error }, 'migration failed');
    process.exitCode = 1;
  });
}
