import DataLoader from 'dataloader';
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
 * The `entity` rows whose `column` is one of `keys` (and whose `unset` columns are null): a
 * loader's one query, the hottest of each list (a page's members and their names). Written from the
 * entity's metadata and hydrated column by column through the driver, as TypeORM's `getMany` does,
 * but without its query builder and result grouping, which are built for joins (a page of 50 teams
 * cost the teams subgraph 9 to 17 % less CPU without them, and the partners 29 %: docs/performance.md).
 * Single-table reads only: no loaded entity has eager relations or load listeners, which `getMany`
 * would add; `loaders.test.ts` checks the rows equal `find`'s.
 */
export async function rowsWhereIn<T extends object>(
  db: Database,
  entity: new () => T,
  column: keyof T & string,
  keys: readonly string[],
  { columns, order = {}, unset = [] }: { columns?: readonly string[]; order?: Partial<Record<keyof T, 'ASC' | 'DESC'>>; unset?: readonly (keyof T & string)[] } = {},
): Promise<T[]> {
  const { driver } = db.dataSource;
  const metadata = db.dataSource.getMetadata(entity);
  const read = metadata.columns.filter((each) => !each.isVirtual && (!columns || columns.includes(each.propertyPath)));
  const nameOf = (property: string) => driver.escape(metadata.findColumnWithPropertyPath(property)!.databaseName);
  const sorted = Object.entries(order).map(([property, direction]) => `${nameOf(property)} ${direction}`);
  const sql =
    `SELECT ${read.map((each) => driver.escape(each.databaseName)).join(', ')} FROM ${driver.escape(metadata.tableName)}` +
    ` WHERE ${[`${nameOf(column)} IN (${keys.map(() => '?').join(', ')})`, ...unset.map((property) => `${nameOf(property)} IS NULL`)].join(' AND ')}` +
    (sorted.length ? ` ORDER BY ${sorted.join(', ')}` : '');
  const rows: Record<string, unknown>[] = await db.manager.query(sql, [...keys]);
  return rows.map((row) => {
    const hydrated = metadata.create(undefined, { fromDeserializer: true }) as T;
    for (const each of read) each.setEntityValue(hydrated, driver.prepareHydratedValue(row[each.databaseName], each));
    return hydrated;
  });
}

/**
 * A loader of `entity` rows by id (undefined where there is none); with `columns`, only those
 * (and the id) are read, e.g. to leave sealed personal data unopened where it is not shown.
 */
export function rowsById<T extends { id: string }>(entity: new () => T): LoaderFactory<string, T | undefined>;
export function rowsById<T extends { id: string }, C extends keyof T & string>(entity: new () => T, columns: readonly C[]): LoaderFactory<string, Pick<T, C | 'id'> | undefined>;
export function rowsById<T extends { id: string }>(entity: new () => T, columns?: readonly (keyof T & string)[]): LoaderFactory<string, T | undefined> {
  const selected = columns && ['id', ...columns];
  return (db) => new DataLoader(async (ids) => byKey(ids, await rowsWhereIn(db, entity, 'id', ids, { columns: selected }), (row) => row.id));
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
