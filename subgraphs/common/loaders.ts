import DataLoader from 'dataloader';
import { EntityManager, type DataSource, type Driver, type EntityMetadata } from 'typeorm';
import type { Database } from './database';

/** Builds one kind of loader for one request. */
export type LoaderFactory<K, V> = (db: Database) => DataLoader<K, V>;

/**
 * Per-request DataLoaders: each factory is instantiated at most once per request,
 * so every resolver asking for the same rows shares one batched query and one cache.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<LoaderFactory<unknown, unknown>, DataLoader<unknown, unknown>>();

  constructor(private readonly db: Database) {}

  get<K, V>(factory: LoaderFactory<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(factory as LoaderFactory<unknown, unknown>);
    if (!loader) {
      loader = factory(this.db) as DataLoader<unknown, unknown>;
      this.loaders.set(factory as LoaderFactory<unknown, unknown>, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

/** Puts rows back in the order of the keys asked for (undefined where none matched). */
export function byKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): (V | undefined)[] {
  const index = new Map(rows.map((row) => [keyOf(row), row] as const));
  return keys.map((key) => index.get(key));
}

/** Groups rows under the keys asked for, in key order (empty where none matched). */
export function groupedByKey<K, V>(keys: readonly K[], rows: readonly V[], keyOf: (row: V) => K): V[][] {
  const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * An entity's columns in a SELECT written by hand, under `alias`, and each row's entity hydrated
 * from them column by column through the driver (its conversions, the columns' transformers: sealed
 * phones opened), as TypeORM's `getMany` does, without its query builder and result grouping: built
 * for any query, their cost shows on the few hottest reads (a page of 50 teams cost the teams
 * subgraph 9 to 17 % less CPU without them, the partners 29 %, and a commune's public ledger the
 * resources subgraph 29 to 35 %: docs/performance-history.md). No loaded entity has eager relations or load
 * listeners, which `getMany` would add; `loaders.test.ts` checks the entities equal `find`'s.
 */
export interface Selection<T> {
  /** `table` `alias`, for FROM and JOIN. */
  readonly table: string;
  /** `alias`.`column` AS `alias__column`, … for the SELECT list: the properties asked for and the primary key. */
  readonly columns: string;
  /** `alias`.`column` of a property, for ON, WHERE and ORDER BY. */
  column(property: keyof T & string): string;
  /** The row's entity; undefined where an outer join found none (its primary key null). */
  hydrate(row: Record<string, unknown>): T | undefined;
}

/** Selections depend only on the entity, the alias and the columns: each is worked out once per data source. */
const selections = new WeakMap<EntityMetadata, Map<string, Selection<object>>>();

/** A selection on a subgraph's database, or in a transaction of it (its manager). */
export function selection<T extends object>(
  source: Database | EntityManager,
  entity: new () => T,
  alias: string,
  properties?: readonly (keyof T & string)[],
): Selection<T> {
  const dataSource: DataSource = source instanceof EntityManager ? source.connection : source.dataSource;
  const metadata = dataSource.getMetadata(entity);
  let ofEntity = selections.get(metadata);
  if (!ofEntity) selections.set(metadata, (ofEntity = new Map()));
  const key = `${alias} ${properties?.join(',') ?? '*'}`;
  let made = ofEntity.get(key);
  if (!made) ofEntity.set(key, (made = selectionOf(dataSource.driver, metadata, alias, properties)));
  return made as Selection<T>;
}

function selectionOf<T extends object>(driver: Driver, metadata: EntityMetadata, alias: string, properties?: readonly (keyof T & string)[]): Selection<T> {
  const read = metadata.columns
    .filter((each) => !each.isVirtual && (!properties || each.isPrimary || properties.includes(each.propertyPath as keyof T & string)))
    .map((each) => ({ each, as: `${alias}__${each.databaseName}` }));
  const primaryKeys = read.filter(({ each }) => each.isPrimary).map(({ as }) => as);
  const escapedAlias = driver.escape(alias);
  return {
    table: `${driver.escape(metadata.tableName)} ${escapedAlias}`,
    columns: read.map(({ each, as }) => `${escapedAlias}.${driver.escape(each.databaseName)} AS ${driver.escape(as)}`).join(', '),
    column: (property) => `${escapedAlias}.${driver.escape(metadata.findColumnWithPropertyPath(property)!.databaseName)}`,
    hydrate(row) {
      if (primaryKeys.every((key) => row[key] === null)) return undefined;
      const hydrated = metadata.create(undefined, { fromDeserializer: true }) as T;
      for (const { each, as } of read) each.setEntityValue(hydrated, driver.prepareHydratedValue(row[as], each));
      return hydrated;
    },
  };
}

/**
 * The `entity` row whose properties equal `where`'s (the first, where several do), on a `selection`;
 * with `forUpdate`, locked until the transaction ends (MySQL's `FOR UPDATE`). The reads of every
 * write (a row locked, a unit or a report looked up) go through it rather than `findOne`, whose
 * query building costs a write more than its statement (a team’s monthly report: docs/performance-history.md).
 */
export async function rowWhere<T extends object>(
  manager: EntityManager,
  entity: new () => T,
  /** Plain columns' values (ids, codes, months): they are compared as given, through no transformer. */
  where: Partial<Record<keyof T & string, string | number>>,
  { forUpdate = false }: { forUpdate?: boolean } = {},
): Promise<T | undefined> {
  const from = selection(manager, entity, manager.connection.getMetadata(entity).tableName);
  const properties = Object.keys(where) as (keyof T & string)[];
  const sql =
    `SELECT ${from.columns} FROM ${from.table} WHERE ${properties.map((property) => `${from.column(property)} = ?`).join(' AND ')} LIMIT 1` +
    (forUpdate ? ' FOR UPDATE' : '');
  const [row]: Record<string, unknown>[] = await manager.query(sql, properties.map((property) => where[property]));
  return row && from.hydrate(row);
}

/**
 * The `entity` rows whose `column` is one of `keys` (and whose `unset` columns are null): a
 * loader's one query, the hottest of each list (a page's members and their names), on a `selection`.
 */
export async function rowsWhereIn<T extends object>(
  db: Database,
  entity: new () => T,
  column: keyof T & string,
  keys: readonly string[],
  { columns, order = {}, unset = [] }: { columns?: readonly (keyof T & string)[]; order?: Partial<Record<keyof T, 'ASC' | 'DESC'>>; unset?: readonly (keyof T & string)[] } = {},
): Promise<T[]> {
  const from = selection(db, entity, db.dataSource.getMetadata(entity).tableName, columns);
  const sorted = Object.entries(order).map(([property, direction]) => `${from.column(property as keyof T & string)} ${direction}`);
  const sql =
    `SELECT ${from.columns} FROM ${from.table}` +
    ` WHERE ${[`${from.column(column)} IN (${keys.map(() => '?').join(', ')})`, ...unset.map((property) => `${from.column(property)} IS NULL`)].join(' AND ')}` +
    (sorted.length ? ` ORDER BY ${sorted.join(', ')}` : '');
  const rows: Record<string, unknown>[] = await db.manager.query(sql, [...keys]);
  return rows.map((row) => from.hydrate(row)!);
}

/**
 * A loader of `entity` rows by id (undefined where there is none); with `columns`, only those
 * (and the id) are read, e.g. to leave sealed personal data unopened where it is not shown.
 */
export function rowsById<T extends { id: string }>(entity: new () => T): LoaderFactory<string, T | undefined>;
export function rowsById<T extends { id: string }, C extends keyof T & string>(entity: new () => T, columns: readonly C[]): LoaderFactory<string, Pick<T, C | 'id'> | undefined>;
export function rowsById<T extends { id: string }>(entity: new () => T, columns?: readonly (keyof T & string)[]): LoaderFactory<string, T | undefined> {
  return (db) => new DataLoader(async (ids) => byKey(ids, await rowsWhereIn(db, entity, 'id', ids, { columns }), (row) => row.id));
}

/** A loader of the `entity` rows whose `column` equals each key, in `order`. */
export const rowsOf =
  <T extends object>(
    entity: new () => T,
    column: keyof T & string,
    order: Partial<Record<keyof T, 'ASC' | 'DESC'>> = {},
  ): LoaderFactory<string, T[]> =>
  (db) =>
    new DataLoader(async (keys) =>
      groupedByKey(keys, await rowsWhereIn(db, entity, column, keys, { order }), (row) => row[column] as string),
    );
