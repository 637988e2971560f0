import type { EntityManager } from 'typeorm';
import type { Database } from './database';

/**
 * Adds `increments` (column → amount) to a counter table's rows keyed by each of `keys` (values
 * of `keyColumns`, its primary key), creating the rows that do not exist yet, in one upsert.
 * Rows are written in the order given: writers that give them root first take their row locks
 * in the same order, so concurrent writers under the same unit add up exactly and queue.
 */
export async function addToCounters(
  db: Database,
  manager: EntityManager,
  table: string,
  keyColumns: readonly string[],
  keys: readonly (readonly unknown[])[],
  increments: Record<string, number>,
): Promise<void> {
  await addEachToCounters(db, manager, table, keyColumns, keys.map((key) => ({ key, increments })));
}

/** addToCounters with amounts of each row's own (every row the same columns), still one upsert. */
export async function addEachToCounters(
  db: Database,
  manager: EntityManager,
  table: string,
  keyColumns: readonly string[],
  rows: readonly { key: readonly unknown[]; increments: Record<string, number> }[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0].increments);
  const quoted = (column: string) => `\`${column}\``;
  const placeholders = `(${[...keyColumns, ...columns].map(() => '?').join(', ')})`;
  const added = db.isMysql
    ? `ON DUPLICATE KEY UPDATE ${columns.map((column) => `${quoted(column)} = ${quoted(column)} + VALUES(${quoted(column)})`).join(', ')}`
    : `ON CONFLICT (${keyColumns.map(quoted).join(', ')}) DO UPDATE SET ${columns.map((column) => `${quoted(column)} = ${quoted(column)} + excluded.${quoted(column)}`).join(', ')}`;
  await manager.query(
    `INSERT INTO ${table} (${[...keyColumns, ...columns].map(quoted).join(', ')}) VALUES ${rows.map(() => placeholders).join(', ')} ${added}`,
    rows.flatMap(({ key, increments }) => [...key, ...columns.map((column) => increments[column])]),
  );
}
