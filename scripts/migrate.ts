import 'reflect-metadata';
import { Database } from '../subgraphs/common/database';
import { logger, nameService } from '../subgraphs/common/logging';
import { migrateUnderLock } from '../subgraphs/common/migrations';
import type { SubgraphDefinition } from '../subgraphs/common/server';
import { subgraphDatabases } from './databases';

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
 * a database user that can only read and write rows. Databases: see `subgraphDatabases`.
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
