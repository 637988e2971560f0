import type { EntityManager } from 'typeorm';
import { onEvent, type EventConsumer } from './outbox';
import { forgetUnitPlaces } from './unit-directory';

/**
 * The teams subgraph's events about the administrative tree (recorded with the change, in its
 * transaction). Units are named by code; paths are the materialised paths other subgraphs store.
 * A merged or dissolved unit's old code stays an alias of the units that cover its area.
 */
export const UNIT_EVENTS = {
  renamed: 'unit.renamed',
  moved: 'unit.moved',
  merged: 'unit.merged',
} as const;

export const UNIT_EVENT_TYPES = Object.values(UNIT_EVENTS);

/** `unit.renamed` v1. */
export interface UnitRenamed {
  code: string;
  name: string;
  formerName: string;
}

/** `unit.moved` v1: the unit and its whole subtree moved from under `formerParentCode` to under `parentCode`. */
export interface UnitMoved {
  code: string;
  parentCode: string | null;
  formerParentCode: string | null;
  /** Every path that starts with `formerPath` now starts with `path` instead. */
  formerPath: string;
  path: string;
}

/** `unit.merged` v1: `code` is no longer a unit; its area, children and teams are `intoCode`'s. */
export interface UnitMerged {
  code: string;
  intoCode: string;
  /** Every path that starts with `formerPath` now starts with `path` (`intoCode`'s) instead. */
  formerPath: string;
  path: string;
}

/** The part of a delivered event a consumer of unit events reads. */
export interface UnitEvent {
  type: string;
  payload: unknown;
}

/** A table's column that stores unit paths, e.g. `{ table: 'receipt', column: 'unitPath' }`. */
export interface PathColumn {
  table: string;
  column: string;
}

/**
 * Rewrites every stored path under `formerPath` to start with `path` instead, in the caller's
 * transaction: one indexed prefix scan and one statement per column. Running it again finds no
 * row under the old prefix, so a redelivered event changes nothing.
 */
export async function rewriteUnitPaths(manager: EntityManager, columns: readonly PathColumn[], formerPath: string, path: string): Promise<number> {
  if (formerPath === path) return 0;
  const mysql = manager.connection.options.type !== 'better-sqlite3';
  let changed = 0;
  for (const { table, column } of columns) {
    const quoted = `\`${column}\``;
    const rewritten = mysql ? `CONCAT(?, SUBSTRING(${quoted}, ?))` : `? || substr(${quoted}, ?)`;
    // LIKE with the prefix's own wildcards escaped (`!`: a backslash is read differently by the two databases).
    const prefix = `${formerPath.replace(/[!%_]/g, (character) => `!${character}`)}%`;
    const result = await manager.query(`UPDATE \`${table}\` SET ${quoted} = ${rewritten} WHERE ${quoted} LIKE ? ESCAPE '!'`, [
      path,
      formerPath.length + 1,
      prefix,
    ]);
    changed += affectedRows(result);
  }
  return changed;
}

function affectedRows(result: unknown): number {
  if (Array.isArray(result)) return typeof result[1] === 'number' ? result[1] : 0;
  return (result as { affectedRows?: number })?.affectedRows ?? 0;
}

/** Events are records of what happened: their scope stays as it was when they were written. */
const KEPT_AS_WRITTEN = new Set(['outbox_event']);

/** The columns of a subgraph's tables that store unit paths: by the kit's convention, named `unitPath` or `…UnitPath`. */
export function unitPathColumns(manager: EntityManager): PathColumn[] {
  return manager.connection.entityMetadatas.filter((entity) => !KEPT_AS_WRITTEN.has(entity.tableName)).flatMap((entity) =>
    entity.columns
      .filter((column) => /(^u|U)nitPath$/.test(column.databaseName))
      .map((column) => ({ table: entity.tableName, column: column.databaseName })),
  );
}

/**
 * Consumes unit events in a subgraph that stores unit paths (every `unitPath` column of its
 * entities): a move or merge rewrites the paths under the unit's old path, in the consumer's
 * transaction; every unit event empties this process's caches of places (names and paths), so
 * the next lookup asks the teams subgraph again.
 */
export async function followUnitEvent(event: UnitEvent, manager: EntityManager): Promise<void> {
  if (event.type === UNIT_EVENTS.moved || event.type === UNIT_EVENTS.merged) {
    const { formerPath, path } = event.payload as UnitMoved | UnitMerged;
    await rewriteUnitPaths(manager, unitPathColumns(manager), formerPath, path);
  }
  forgetUnitPlaces();
}

/** Registers `<subgraph>-unit-paths`, the consumer of unit events a subgraph that stores unit paths lists in its `consumers`. */
export function followUnits(subgraph: string): EventConsumer {
  return onEvent(`${subgraph}-unit-paths`, UNIT_EVENT_TYPES, followUnitEvent);
}
