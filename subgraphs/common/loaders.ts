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
 * The `entity` rows whose `column` is one of `keys`, through one `IN (:...keys)` parameter: TypeORM's
 * `find` with `In([...keys])` names a parameter per key and costs twice the CPU on a list's 250 ids.
 */
function rowsWhereIn<T extends object>(
  db: Database,
  entity: new () => T,
  column: string,
  keys: readonly string[],
  { columns, order = {} }: { columns?: readonly string[]; order?: Record<string, 'ASC' | 'DESC'> } = {},
): Promise<T[]> {
  const query = db.manager.createQueryBuilder(entity, 'row').where(`row.${column} IN (:...keys)`, { keys: [...keys] });
  if (columns) query.select(columns.map((name) => `row.${name}`));
  for (const [name, direction] of Object.entries(order)) query.addOrderBy(`row.${name}`, direction);
  return query.getMany();
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
      groupedByKey(keys, await rowsWhereIn(db, entity, column, keys, { order: order as Record<string, 'ASC' | 'DESC'> }), (row) => row[column] as string),
    );
