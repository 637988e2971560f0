import type { EntityMetadata } from 'typeorm';
import type { Database } from './database';
import { KeyRing, keyRing, phoneHashColumnsOf, sealedValue } from './personal-data';

export interface RotationOptions {
  /** Rows read and rewritten per transaction. */
  batchSize?: number;
  /** Also recompute every phone hash (after PERSONAL_DATA_HASH_KEY changed): every row is rewritten. */
  rehash?: boolean;
  /** Called after each batch (progress for the command). */
  onBatch?: (table: string, rewritten: number) => void;
}

interface SealedTable {
  table: string;
  sealed: string[];
  /** Hash column → the phone column it is the hash of. */
  hashes: [string, string][];
}

function sealedTableOf(metadata: EntityMetadata): SealedTable | null {
  const sealed = metadata.columns.filter((column) => column.transformer === sealedValue).map((column) => column.databaseName);
  if (sealed.length === 0) return null;
  const columnName = (property: string) => metadata.findColumnWithPropertyName(property)!.databaseName;
  const hashes = phoneHashColumnsOf(metadata).map(({ property, source }): [string, string] => [columnName(property), columnName(source)]);
  return { table: metadata.tableName, sealed, hashes };
}

/**
 * Re-seals every personal value not sealed by the newest key of the ring (and fills its phone
 * hash), a batch per transaction. Resumable by construction: a row done no longer matches, so a
 * run stopped half-way is simply run again. Safe beside running services (given the same key
 * ring): each row is rewritten only if it still holds what was read (compared sealed, never plain).
 * Returns the number of rows rewritten per table.
 */
export async function rotateKeys(db: Database, { batchSize = 500, rehash = false, onBatch }: RotationOptions = {}): Promise<Record<string, number>> {
  const ring = keyRing();
  const quote = (name: string) => db.dataSource.driver.escape(name);
  const done: Record<string, number> = {};
  for (const table of db.dataSource.entityMetadatas.map(sealedTableOf)) {
    if (!table) continue;
    done[table.table] = 0;
    // Key ids are lower-case letters, digits and dashes: nothing LIKE reads as a wildcard.
    const stale = table.sealed.map((column) => `(${quote(column)} IS NOT NULL AND ${quote(column)} NOT LIKE '${ring.currentKeyId}:%')`).join(' OR ');
    let after = '';
    for (;;) {
      const rewritten = await db.transaction(async (manager) => {
        const rows: Record<string, string | null>[] = await manager.query(
          `SELECT ${['id', ...table.sealed].map(quote).join(', ')} FROM ${quote(table.table)} WHERE ${quote('id')} > ?${rehash ? '' : ` AND (${stale})`} ORDER BY ${quote('id')} LIMIT ${Number(batchSize)}`,
          [after],
        );
        for (const row of rows) {
          const plain = Object.fromEntries(table.sealed.map((column) => [column, row[column] === null ? null : ring.open(row[column]!)]));
          const values = [
            ...table.sealed.map((column) => (plain[column] === null ? null : ring.seal(plain[column]!))),
            ...table.hashes.map(([, phone]) => (plain[phone] === null ? null : ring.phoneHash(plain[phone]!))),
          ];
          const unchanged = table.sealed.map((column) => (row[column] === null ? `${quote(column)} IS NULL` : `${quote(column)} = ?`));
          await manager.query(
            `UPDATE ${quote(table.table)} SET ${[...table.sealed, ...table.hashes.map(([hash]) => hash)].map((column) => `${quote(column)} = ?`).join(', ')} ` +
              `WHERE ${quote('id')} = ? AND ${unchanged.join(' AND ')}`,
            [...values, row.id, ...table.sealed.flatMap((column) => (row[column] === null ? [] : [row[column]]))],
          );
        }
        if (rows.length > 0) after = rows[rows.length - 1].id!;
        return rows.length;
      });
      done[table.table] += rewritten;
      if (rewritten > 0) onBatch?.(table.table, done[table.table]);
      if (rewritten < batchSize) break;
    }
  }
  return done;
}

/** Key ids still in use per table: what must be empty before a key leaves the ring. */
export async function keyIdsInUse(db: Database): Promise<Record<string, string[]>> {
  const quote = (name: string) => db.dataSource.driver.escape(name);
  const inUse: Record<string, string[]> = {};
  for (const table of db.dataSource.entityMetadatas.map(sealedTableOf)) {
    if (!table) continue;
    const ids = new Set<string>();
    for (const column of table.sealed) {
      const rows: { sealed: string }[] = await db.manager.query(
        `SELECT DISTINCT SUBSTR(${quote(column)}, 1, INSTR(${quote(column)}, ':')) AS ${quote('sealed')} FROM ${quote(table.table)} WHERE ${quote(column)} IS NOT NULL`,
      );
      for (const { sealed } of rows) ids.add(KeyRing.keyIdOf(sealed));
    }
    inUse[table.table] = [...ids].sort();
  }
  return inUse;
}
