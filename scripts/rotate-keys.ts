import 'reflect-metadata';
import { Database } from '../subgraphs/common/database';
import { EnvReader } from '../subgraphs/common/env';
import { keyIdsInUse, rotateKeys } from '../subgraphs/common/key-rotation';
import { logger, nameService } from '../subgraphs/common/logging';
import { readKeyRing, useKeyRing } from '../subgraphs/common/personal-data';
import { subgraphDatabases } from './databases';

/**
 * `npm run rotate-keys [-- --rehash] [subgraph…]` (every subgraph by default): re-seals the
 * phones and addresses not sealed by the newest key of PERSONAL_DATA_KEYS, in batches; stopped,
 * it is simply run again. `--rehash` rewrites every row, for a new PERSONAL_DATA_HASH_KEY.
 * Databases as for `npm run migrate`. Then it lists the key ids still in use: a key leaves
 * PERSONAL_DATA_KEYS once no table lists it.
 */
async function main(args: string[], env = process.env): Promise<void> {
  nameService('rotate-keys');
  const reader = new EnvReader(env);
  const ring = readKeyRing(reader);
  reader.done();
  useKeyRing(ring);
  const rehash = args.includes('--rehash');
  const names = args.filter((arg) => !arg.startsWith('--'));
  for (const { definition, url } of subgraphDatabases(names, env)) {
    const db = await Database.open({ url, entities: definition.entities, migrations: definition.migrations });
    try {
      const rewritten = await rotateKeys(db, { rehash, onBatch: (table, rows) => logger.info({ subgraph: definition.name, table, rows }, 'rows re-sealed so far') });
      logger.info({ subgraph: definition.name, newestKey: ring.currentKeyId, rewritten, keyIdsInUse: await keyIdsInUse(db) }, 'personal data re-sealed');
    } finally {
      await db.close();
    }
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    logger.fatal({ err: error }, 'key rotation failed');
    process.exitCode = 1;
  });
}
