import { createConnection } from 'mysql2/promise';
import { Database } from '../../subgraphs/common/database';
import { EnvReader } from '../../subgraphs/common/env';
import { phoneHash, phoneHashColumnsOf, readKeyRing, useKeyRing } from '../../subgraphs/common/personal-data';
import { subgraphs } from '../../subgraphs';
import { FIGURE_COLUMNS } from '../../subgraphs/teams/entities';
import { FIRST_REVISION_VERSION } from './reports';
import { SUBGRAPH_NAMES, type SubgraphName, type TableRows } from './rows';

export const DEFAULT_NATIONAL_DATABASE_URL = 'mysql://root@127.0.0.1:3306/hub_national';

/** The personal data keys the national data is sealed with, and the benchmark's subgraphs read it with. */
export const BENCH_PERSONAL_DATA_ENV = {
  PERSONAL_DATA_KEYS: `bench:${Buffer.alloc(32, 'b').toString('base64')}`,
  PERSONAL_DATA_HASH_KEY: Buffer.alloc(32, 'k').toString('base64'),
};

/** Seals and hashes personal data with the benchmark's keys (a benchmark runs as production would). */
export function useBenchKeyRing(): void {
  useKeyRing(readKeyRing(new EnvReader({ NODE_ENV: 'production', ...BENCH_PERSONAL_DATA_ENV })));
}

/** Each subgraph's own database: `<base>_<subgraph>` (hub_national_teams, hub_national_resources…). */
export function nationalDatabaseUrls(baseUrl: string): Record<SubgraphName, string> {
  const url = new URL(baseUrl);
  const base = decodeURIComponent(url.pathname.replace(/^\//, ''));
  // The generator drops these databases: only ever ones named for the benchmark.
  if (!/national|bench/i.test(base)) throw new Error(`Refusing to use "${base}": the database name must contain "national" or "bench"`);
  return Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => {
      url.pathname = `/${base}_${name}`;
      return [name, url.toString()];
    }),
  ) as Record<SubgraphName, string>;
}

export async function dropMysqlDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/';
  const connection = await createConnection(url.toString());
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}

/** Opens each subgraph's database and migrates it with that subgraph's own migrations. */
export async function openSubgraphDatabases(urls: Record<SubgraphName, string>): Promise<Record<SubgraphName, Database>> {
  useBenchKeyRing();
  const opened = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const definition = subgraphs.find((subgraph) => subgraph.name === name)!;
      const db = await Database.open({ url: urls[name], entities: definition.entities, migrations: definition.migrations });
      await db.migrate();
      return [name, db] as const;
    }),
  );
  return Object.fromEntries(opened) as Record<SubgraphName, Database>;
}

/** Statements carry at most this many values (SQLite's limit is 32,766; MySQL's packets stay small). */
const VALUES_PER_STATEMENT = 20_000;

/**
 * Writes one subgraph's rows in one transaction with multi-row INSERTs. Columns come from the
 * entities' metadata (names, transformers, how the driver stores dates and booleans), so the
 * rows are exactly what TypeORM would write. On MySQL, foreign-key and unique checks are off
 * while loading: the generator makes rows consistent, and checking them row by row is slow.
 * `timings` adds the milliseconds spent per table.
 */
export async function insertRows(db: Database, tables: TableRows, timings?: Map<string, number>): Promise<void> {
  const runner = db.dataSource.createQueryRunner();
  await runner.connect();
  try {
    if (db.isMysql) await runner.query('SET foreign_key_checks = 0, unique_checks = 0');
    await runner.startTransaction();
    const { driver } = db.dataSource;
    for (const [entity, rows] of tables.tables) {
      const started = performance.now();
      const metadata = db.dataSource.getMetadata(entity);
      // Phone hashes as the services write them (the subscriber does not see raw inserts); phones are sealed below, once, by their
      // columns' transformers (preparePersistentValue applies them: getEntityValue must not as well).
      for (const { property, source } of phoneHashColumnsOf(metadata)) for (const row of rows as Record<string, unknown>[]) row[property] = phoneHash(row[source] as string | null);
      // An embedded column (a report's figures) is there when its object is.
      const columns = metadata.columns.filter((column) => (column.embeddedMetadata?.parentPropertyNames[0] ?? column.propertyName) in rows[0]);
      const missing = metadata.columns.filter((column) => !column.isNullable && column.default === undefined && !column.isCreateDate && !columns.includes(column));
      if (missing.length > 0) throw new Error(`${metadata.tableName} rows lack ${missing.map((column) => column.propertyName).join(', ')}`);
      const head = `INSERT INTO ${driver.escape(metadata.tablePath)} (${columns.map((column) => driver.escape(column.databaseName)).join(', ')}) VALUES `;
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      const perStatement = Math.max(1, Math.floor(VALUES_PER_STATEMENT / columns.length));
      for (let start = 0; start < rows.length; start += perStatement) {
        const batch = rows.slice(start, start + perStatement);
        const values = batch.flatMap((row) => columns.map((column) => driver.preparePersistentValue(column.getEntityValue(row), column)));
        await runner.query(head + batch.map(() => tuple).join(', '), values);
      }
      timings?.set(metadata.tableName, (timings.get(metadata.tableName) ?? 0) + performance.now() - started);
    }
    await runner.commitTransaction();
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    if (db.isMysql) await runner.query('SET foreign_key_checks = 1, unique_checks = 1');
    await runner.release();
  }
}

/**
 * Every activity report under `pathPrefix` gets its first version (revision 1), as the teams
 * subgraph keeps them, set-based on the server from the reports loaded: sending them would double
 * the rows. A revision's id is its report's with another version digit (in order, like theirs).
 */
export async function addFirstRevisions(db: Database, pathPrefix: string): Promise<void> {
  const id = db.isMysql ? `CONCAT(LEFT(id, 14), '${FIRST_REVISION_VERSION}', SUBSTRING(id, 16))` : `substr(id, 1, 14) || '${FIRST_REVISION_VERSION}' || substr(id, 16)`;
  const figures = FIGURE_COLUMNS.map((column) => `\`${column}\``).join(', ');
  await db.dataSource.query(
    `INSERT INTO activity_report_revision (id, reportId, revision, ${figures}, note, reason, changedBy, changedAt)
     SELECT ${id}, id, revision, ${figures}, note, NULL, reportedBy, createdAt FROM activity_report WHERE unitPath LIKE ?`,
    [`${pathPrefix}%`],
  );
}
