import type { QueryRunner } from 'typeorm';
import type { Database } from './database';

/** A generated migration's statements for each database (see `npm run migration:generate`). */
export interface DialectStatements {
  sqlite: { up: string[]; down: string[] };
  mysql: { up: string[]; down: string[] };
}

export async function runStatements(queryRunner: QueryRunner, statements: DialectStatements, direction: 'up' | 'down') {
  const dialect = queryRunner.connection.options.type === 'better-sqlite3' ? statements.sqlite : statements.mysql;
  for (const sql of dialect[direction]) await queryRunner.query(sql);
}

/** How long a replica waits for another one's migrations before giving up. */
const MIGRATION_LOCK_TIMEOUT_SECONDS = 300;

/**
 * Runs a database's pending migrations, one process at a time: on MySQL/MariaDB under a named
 * lock (`GET_LOCK`, held by one session until released or the session ends), so replicas
 * starting together, or the migration Job beside them, never run the same migration twice.
 * SQLite serves one process, whose file lock already excludes the others.
 */
export async function migrateUnderLock(db: Database): Promise<void> {
  if (!db.isMysql) return db.migrate();
  const session = db.dataSource.createQueryRunner();
  await session.connect();
  try {
    const [{ name }] = (await session.query('SELECT DATABASE() AS name')) as { name: string }[];
    const lock = `hub-migrations:${name}`;
    const [{ acquired }] = (await session.query('SELECT GET_LOCK(?, ?) AS acquired', [lock, MIGRATION_LOCK_TIMEOUT_SECONDS])) as { acquired: number | null }[];
    if (Number(acquired) !== 1) throw new Error(`Another process has been migrating this database for ${MIGRATION_LOCK_TIMEOUT_SECONDS} s`);
    try {
      await db.migrate();
    } finally {
      await session.query('SELECT RELEASE_LOCK(?)', [lock]);
    }
  } finally {
    await session.release();
  }
}
