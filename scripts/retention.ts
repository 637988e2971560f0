import 'reflect-metadata';
import { Database } from '../subgraphs/common/database';
import { EnvReader } from '../subgraphs/common/env';
import { logger, nameService } from '../subgraphs/common/logging';
import { readKeyRing, useKeyRing } from '../subgraphs/common/personal-data';
import { applyRetention, readRetentionRules } from '../subgraphs/common/retention';
import { subgraphDatabases } from './databases';

/**
 * `npm run retention [subgraph…]` (every subgraph by default): erases the personal data whose
 * retention period is over (docs/personal-data.md, "How long it is kept"). Meant for a daily
 * schedule (a Kubernetes CronJob, cron): safe to start on every replica at once (one takes the
 * lease, the others do nothing), and, stopped half-way, simply run again. Databases as for
 * `npm run migrate`; the personal-data keys and the periods (`RETENTION_*`) as the services have
 * them (rows are re-sealed on save).
 */
async function main(names: string[], env = process.env): Promise<void> {
  nameService('retention');
  const reader = new EnvReader(env);
  useKeyRing(readKeyRing(reader));
  reader.done();
  const chosen = subgraphDatabases(names, env);
  // Every period first (RETENTION_*): one below a legal minimum stops the job before any database is touched.
  const rules = new Map(chosen.map(({ definition }) => [definition.name, readRetentionRules(definition.retention, env)]));
  for (const { definition, url } of chosen) {
    const db = await Database.open({ url, entities: definition.entities, migrations: definition.migrations });
    try {
      const { ran, erased } = await applyRetention(db, rules.get(definition.name)!, { now: new Date() });
      logger.info({ subgraph: definition.name, ran, erased }, ran ? 'retention applied' : 'retention already running elsewhere: skipped');
    } finally {
      await db.close();
    }
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    logger.fatal({ err: error }, 'retention failed');
    process.exitCode = 1;
  });
}
