import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { Database } from './database';
import { keyRing } from './personal-data';

/** A generated migration's statements for each database (see `npm run migration:generate`). */
export interface DialectStatements {
  sqlite: { up: string[]; down: string[] };
  mysql: { up: string[]; down: string[] };
}

export async function runStatements(queryRunner: QueryRunner, statements: DialectStatements, direction: 'up' | 'down') {
  const dialect = queryRunner.connection.options.type === 'better-sqlite3' ? statements.sqlite : statements.mysql;
  for (const sql of dialect[direction]) await queryRunner.query(sql);
}

/**
 * A subgraph's migration that creates one of the kit's own tables (kit-tables.ts): every subgraph
 * has the same table, so one set of statements serves them all, each subgraph running it under its
 * own migration name (TypeORM reads the name, with its timestamp, from `name`).
 */
export function kitTableMigration(name: string, ...statements: DialectStatements[]): new () => MigrationInterface {
  return class KitTableMigration implements MigrationInterface {
    name = name;

    async up(queryRunner: QueryRunner): Promise<void> {
      for (const step of statements) await runStatements(queryRunner, step, 'up');
    }

    async down(queryRunner: QueryRunner): Promise<void> {
      for (const step of [...statements].reverse()) await runStatements(queryRunner, step, 'down');
    }
  };
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

/** A table's personal columns, for a migration that seals them (see personal-data.ts). */
export interface SealedTable {
  table: string;
  /** The columns sealed at rest. */
  sealed: string[];
  /** Phone hash columns and the phone column each is the keyed hash of. */
  phoneHashes?: Record<string, string>;
}

const SEALING_BATCH = 500;

/**
 * A migration's data step: seals the plain values of existing rows and fills their phone hashes
 * (`seal`), or, undoing it, opens them back (`open`), a batch of rows at a time.
 */
export async function sealRows(queryRunner: QueryRunner, { table, sealed, phoneHashes = {} }: SealedTable, direction: 'seal' | 'open'): Promise<void> {
  const quote = (name: string) => queryRunner.connection.driver.escape(name);
  const ring = keyRing();
  let after = '';
  for (;;) {
    const rows: Record<string, string | null>[] = await queryRunner.query(
      `SELECT ${['id', ...sealed].map(quote).join(', ')} FROM ${quote(table)} WHERE ${quote('id')} > ? ORDER BY ${quote('id')} LIMIT ${SEALING_BATCH}`,
      [after],
    );
    for (const row of rows) {
      const values = sealed.map((column) => (row[column] === null ? null : direction === 'seal' ? ring.seal(row[column]!) : ring.open(row[column]!)));
      const hashes = direction === 'seal' ? Object.values(phoneHashes).map((phone) => (row[phone] === null ? null : ring.phoneHash(row[phone]!))) : [];
      const columns = [...sealed, ...(direction === 'seal' ? Object.keys(phoneHashes) : [])];
      await queryRunner.query(`UPDATE ${quote(table)} SET ${columns.map((column) => `${quote(column)} = ?`).join(', ')} WHERE ${quote('id')} = ?`, [...values, ...hashes, row.id]);
    }
    if (rows.length < SEALING_BATCH) return;
    after = rows[rows.length - 1].id!;
  }
}
