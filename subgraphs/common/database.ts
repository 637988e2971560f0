import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Pool, PoolConnection } from 'mysql2';
import { createConnection } from 'mysql2/promise';
import {
  DataSource,
  type DataSourceOptions,
  type DeepPartial,
  type EntityManager,
  type EntityMetadata,
  type EntityTarget,
  type FindOptionsOrder,
  type FindOptionsWhere,
  type Logger,
  type MixedList,
  type ObjectLiteral,
} from 'typeorm';
import { rowWhere } from './loaders';
import { PhoneHashes, phoneHashColumnsOf } from './personal-data';
import { sqliteDriver } from './sqlite-driver';
import { currentLogger } from './request-scope';

/** Counts every SQL statement, so tests (and the benchmark) can see N+1 patterns. */
export class QueryCounter implements Logger {
  count = 0;

  logQuery(): void {
    this.count += 1;
  }
  // The statement's text only, never its parameters (they carry personal data).
  logQueryError(error: string | Error, query: string): void {
    currentLogger().error({ err: error, sql: query }, 'SQL failed');
  }
  logQuerySlow(time: number, query: string): void {
    currentLogger().warn({ durationMs: time, sql: query }, 'SQL slow');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    currentLogger().info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') currentLogger().warn(String(message));
  }
}

export interface DatabaseOptions {
  /** `mysql://user:password@host:port/database`, or a SQLite file path, or `:memory:`. */
  url: string;
  entities: MixedList<Function>;
  migrations: MixedList<Function>;
}

export function isMysqlUrl(url: string): boolean {
  return /^mysql:\/\//i.test(url);
}

function dataSourceOptions(
  { url, entities, migrations }: DatabaseOptions,
  logger: Logger,
  server?: MysqlServer,
): DataSourceOptions {
  const common = { entities, migrations, logger, migrationsRun: false, synchronize: false } as const;
  if (server) {
    return {
      ...common,
      // TypeORM reads schemas slightly differently on MariaDB; telling it which it is keeps migrations exact.
      type: server.mariadb ? 'mariadb' : 'mysql',
      url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      dateStrings: ['DATE'],
      supportBigNumbers: true,
      bigNumberStrings: true,
    };
  }
  return { ...common, type: 'better-sqlite3', driver: sqliteDriver(), database: url, enableWAL: url !== ':memory:' };
}

/**
 * Puts each of the pool's connections at READ COMMITTED (see Database.transaction) once, when it is
 * first handed out: TypeORM would otherwise send `SET TRANSACTION ISOLATION LEVEL` before every
 * transaction, a round trip of its own (a report's write sends 18 statements; each costs the
 * subgraph about 0.3 ms of CPU). mysql2 runs a connection's statements in order, so the level is
 * set before anything the borrower sends. TypeORM has no option for a connection's first statement.
 */
function readCommittedSessions(pool: Pool): void {
  const prepared = new WeakSet<PoolConnection>();
  pool.on('acquire', (connection) => {
    if (prepared.has(connection)) return;
    prepared.add(connection);
    // A connection that failed to take it is tried again when next handed out (its borrower's statements fail too).
    connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED', (error) => error && prepared.delete(connection));
  });
}

interface MysqlServer {
  mariadb: boolean;
}

/** Creates a MySQL database if it is missing (each subgraph owns one) and tells which server it is. */
async function ensureMysqlDatabase(url: string): Promise<MysqlServer> {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Database name "${name}" must be letters, digits and _`);
  parsed.pathname = '/';
  const connection = await createConnection(parsed.toString());
  try {
    // Only when missing: the services' database user has no right to create databases, even existing ones.
    const [existing] = await connection.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [name]);
    if ((existing as unknown[]).length === 0) {
      await connection.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return { mariadb: /mariadb/i.test((rows as { version: string }[])[0].version) };
  } finally {
    await connection.end();
  }
}

/**
 * One subgraph's database: a TypeORM DataSource plus what every subgraph needs from it
 * (migrations, transactions that also work on the single-connection SQLite driver,
 * row locks, a query counter).
 */
export class Database {
  private writes: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dataSource: DataSource,
    readonly queries: QueryCounter,
  ) {}

  static async open(options: DatabaseOptions): Promise<Database> {
    const server = isMysqlUrl(options.url) ? await ensureMysqlDatabase(options.url) : undefined;
    if (!server && options.url !== ':memory:') mkdirSync(dirname(options.url), { recursive: true });
    const queries = new QueryCounter();
    const dataSource = new DataSource(dataSourceOptions(options, queries, server));
    await dataSource.initialize();
    if (server) readCommittedSessions((dataSource.driver as unknown as { pool: Pool }).pool);
    dataSource.subscribers.push(new PhoneHashes());
    return new Database(dataSource, queries);
  }

  get isMysql(): boolean {
    return this.dataSource.options.type !== 'better-sqlite3';
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  async migrate(): Promise<void> {
    await this.dataSource.runMigrations({ transaction: 'each' });
  }

  /**
   * Runs `work` in one transaction: all of its writes land, or none.
   * SQLite has a single connection, so its transactions are queued one after another;
   * MySQL runs them concurrently and relies on row locks (see `lockForUpdate`).
   *
   * On MySQL at READ COMMITTED, not InnoDB's default REPEATABLE READ: there a plain read sees
   * the snapshot fixed by the transaction's first plain read (an idempotency key's lookup, say),
   * so after waiting for a row lock it would still see the world from before the lock holder
   * committed (stock counted before the allocations it waited for: issue 14). At READ COMMITTED
   * every statement sees what is committed when it runs: a rule read after taking the lock that
   * all writers of its rows take is read fresh, by construction.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    // READ COMMITTED is each connection's own level (readCommittedSessions): not set again per transaction.
    if (this.isMysql) return this.dataSource.transaction(work);
    const run = this.writes.then(() => this.dataSource.transaction(work));
    this.writes = run.catch(() => undefined);
    return run;
  }

  /**
   * Reads a row (by plain columns' values, see `rowWhere`) and, on MySQL, locks it until the
   * transaction ends. A rule's rows read after it are current (see `transaction`) when every
   * writer of them takes this lock first.
   */
  async lockForUpdate<T extends object>(
    manager: EntityManager,
    entity: new () => T,
    where: Partial<Record<keyof T & string, string | number>>,
  ): Promise<T | null> {
    return (await rowWhere(manager, entity, where, { forUpdate: this.isMysql })) ?? null;
  }

  /** lockForUpdate for many rows in one statement, taken in the order of their ids (two writers queue rather than deadlock). */
  lockAllForUpdate<T extends ObjectLiteral & { id: string }>(manager: EntityManager, entity: EntityTarget<T>, where: FindOptionsWhere<T>): Promise<T[]> {
    return manager.find(entity, {
      where,
      order: { id: 'ASC' } as FindOptionsOrder<T>,
      ...(this.isMysql ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** The driver's own error for a failed statement (its `code`: `ER_DUP_ENTRY`, `SQLITE_CONSTRAINT_UNIQUE`): TypeORM keeps it in `driverError`. */
function driverError(error: unknown): { code?: string; message?: string } {
  return (error as { driverError?: { code?: string; message?: string } }).driverError ?? (error as { code?: string; message?: string });
}

/** A unique index (or the primary key) refused the row. */
export function isDuplicateKey(error: unknown): boolean {
  const { code } = driverError(error);
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** InnoDB made the statement a deadlock's victim and rolled its transaction back: it can be run again. */
export function isDeadlock(error: unknown): boolean {
  return driverError(error).code === 'ER_LOCK_DEADLOCK';
}

/**
 * Runs `work` (a transaction, or a statement on its own) again, up to `attempts` times in all,
 * while it fails as `retryable` says (a deadlock, a race lost): each time a little later, so that
 * the transaction it met has ended.
 */
export async function runAgainWhile<T>(retryable: (error: unknown) => boolean, work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!retryable(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt));
    }
  }
}

/**
 * Whether `error` is `index` refusing a row as a duplicate: MariaDB names the index in its message,
 * SQLite the index's columns (`table.column, …`), in order.
 */
export function violatesUnique(error: unknown, index: string, columns: string[]): boolean {
  const { code, message = '' } = driverError(error);
  if (code === 'ER_DUP_ENTRY') return message.includes(`'${index}'`);
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') {
    // "UNIQUE constraint failed: stall_application.categoryId, stall_application.exhibitorKey"
    const failed = message.slice(message.indexOf('failed: ') + 'failed: '.length).split(', ');
    return failed.map((column) => column.slice(column.indexOf('.') + 1)).join() === columns.join();
  }
  return false;
}

/** Each entity's INSERT statements, by the columns given: worked out once per data source. */
const insertStatements = new WeakMap<EntityMetadata, Map<string, string>>();

/**
 * Inserts one row: the columns `values` gives (an entity's properties, embedded ones nested), converted
 * by the driver as `manager.insert` converts them (transformers, dates); the rest take their defaults
 * (creation dates). Unlike `manager.insert` it builds the statement once, and runs no listeners or
 * subscribers and reads nothing back: for rows that need none, written on every write (audit entries,
 * outbox events, reports), where TypeORM's insert cost more than the statement (docs/performance-history.md).
 */
export async function insertRow<T extends object>(manager: EntityManager, entity: new () => T, values: DeepPartial<T>): Promise<void> {
  const metadata = manager.connection.getMetadata(entity);
  let ofEntity = insertStatements.get(metadata);
  if (!ofEntity) {
    // What the listeners and subscribers would add, a caller gives: an id; phone hashes it cannot.
    if (phoneHashColumnsOf(metadata).length > 0) throw new Error(`insertRow fills no phone hashes: insert ${metadata.name} with manager.insert`);
    insertStatements.set(metadata, (ofEntity = new Map()));
  }
  const given = metadata.columns.filter((column) => !column.isVirtual && column.getEntityValue(values) !== undefined);
  for (const column of metadata.primaryColumns) {
    if (!column.isGenerated && !given.includes(column)) throw new Error(`insertRow: ${metadata.name}.${column.propertyPath} is not given`);
  }
  const key = given.map((column) => column.databaseName).join();
  let sql = ofEntity.get(key);
  if (!sql) {
    const { driver } = manager.connection;
    sql = `INSERT INTO ${driver.escape(metadata.tableName)} (${given.map((column) => driver.escape(column.databaseName)).join(', ')}) VALUES (${given.map(() => '?').join(', ')})`;
    ofEntity.set(key, sql);
  }
  await manager.query(sql, given.map((column) => manager.connection.driver.preparePersistentValue(column.getEntityValue(values), column)));
}

/** Rows a multi-row INSERT carries at most: far under SQLite's 32,766 parameters and MySQL's packet size. */
const ROWS_PER_INSERT = 500;

/**
 * Inserts new entities (made with `manager.create`, so their listeners and subscribers run:
 * ids, phone hashes, sealing) in multi-row INSERTs, without reading back the columns the
 * database fills (creation dates): one statement per 500 rows, for bulk writers such as imports.
 */
export async function insertMany<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: T[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await manager.createQueryBuilder().insert().into(entity).values(rows.slice(start, start + ROWS_PER_INSERT)).updateEntity(false).execute();
  }
}

/**
 * Runs `find` over `ids` a thousand at a time: an `IN (…)` list of a province's members stays within
 * SQLite's limit on a statement's parameters and keeps each statement small.
 */
export async function inSlices<T>(ids: readonly string[], find: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const found: T[] = [];
  for (let start = 0; start < ids.length; start += 1000) found.push(...(await find(ids.slice(start, start + 1000))));
  return found;
}
