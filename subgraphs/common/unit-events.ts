import { Column, Entity, In, MoreThan, PrimaryColumn, type EntityManager } from 'typeorm';
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
  /** The tree's revision this change made (see UnitRevision); absent from events written before it was added. */
  revision?: number;
}

/** `unit.merged` v1: `code` is no longer a unit; its area, children and teams are `intoCode`'s. */
export interface UnitMerged {
  code: string;
  intoCode: string;
  /** Every path that starts with `formerPath` now starts with `path` (`intoCode`'s) instead. */
  formerPath: string;
  path: string;
  /** As in UnitMoved. */
  revision?: number;
}

/**
 * The latest reorganisation of each unit a subgraph has taken into account. The teams subgraph
 * numbers every move and merge with the tree's next revision (one counter for the whole tree, taken
 * under lock: reorganisations touching the same units are numbered in the order they committed);
 * a consumer keeps the revision it applied per unit, so an event that arrives late, after a later
 * one about the same unit, or again, is known as stale and changes nothing.
 */
@Entity('unit_revision')
export class UnitRevision {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  code: string;

  @Column({ type: 'int' })
  revision: number;

  /** Where the unit's subtree is (a merged unit: its successor's path); rewritten with every other stored path. */
  @Column({ type: 'varchar', length: 255 })
  unitPath: string;
}

const isMysql = (manager: EntityManager) => manager.connection.options.type !== 'better-sqlite3';

/** Text for LIKE … ESCAPE '!' with its own wildcards escaped (`!`: a backslash is read differently by the two databases). */
const escapeLike = (text: string) => text.replace(/[!%_]/g, (character) => `!${character}`);

/** The teams subgraph: numbers a move or merge of `code` with the tree's next revision, in the change's transaction. */
export async function nextUnitRevision(manager: EntityManager, code: string, unitPath: string): Promise<number> {
  const query = manager.createQueryBuilder(UnitRevision, 'unit').select('MAX(unit.revision)', 'revision');
  // A locking read: the latest committed revision, and a second reorganisation waits for this one.
  if (isMysql(manager)) query.setLock('pessimistic_write');
  const revision = Number((await query.getRawOne<{ revision: number | string | null }>())?.revision ?? 0) + 1;
  await manager.upsert(UnitRevision, { code, revision, unitPath }, ['code']);
  return revision;
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
  let changed = 0;
  for (const { table, column } of columns) {
    const quoted = `\`${column}\``;
    const rewritten = isMysql(manager) ? `CONCAT(?, SUBSTRING(${quoted}, ?))` : `? || substr(${quoted}, ?)`;
    const prefix = `${escapeLike(formerPath)}%`;
    const result = await manager.query(`UPDATE \`${table}\` SET ${quoted} = ${rewritten} WHERE ${quoted} LIKE ? ESCAPE '!'`, [
      path,
      formerPath.length + 1,
      prefix,
    ]);
    changed += affectedRows(result);
  }
  return changed;
}

/**
 * Rewrites every stored path that runs through `code` (wherever this subgraph has it now) so that
 * its part up to and including `code` becomes `target`: what a move or merge means whatever order
 * the events arrived in. A leading wildcard: a scan of each path column, not the index.
 */
async function rewriteThrough(manager: EntityManager, columns: readonly PathColumn[], code: string, target: string): Promise<void> {
  const segment = `/${code}/`;
  for (const { table, column } of columns) {
    const quoted = `\`${column}\``;
    const rest = isMysql(manager) ? `SUBSTRING(${quoted}, LOCATE(?, ${quoted}) + ?)` : `substr(${quoted}, instr(${quoted}, ?) + ?)`;
    const joined = isMysql(manager) ? `CONCAT(?, ${rest})` : `? || ${rest}`;
    const pattern = `%${escapeLike(segment)}%`;
    await manager.query(`UPDATE \`${table}\` SET ${quoted} = ${joined} WHERE ${quoted} LIKE ? ESCAPE '!'`, [target, segment, segment.length, pattern]);
  }
}

/**
 * `path` as an event of `revision` wrote it, with the part of it a later reorganisation already
 * applied here moved on: if a unit on it has a newer revision, the path continues from where that
 * unit is now (an ancestor moved after this event, or merged into another).
 */
async function currentPath(manager: EntityManager, path: string, revision: number): Promise<string> {
  const codes = path.split('/').filter(Boolean);
  const newer = await manager.findBy(UnitRevision, { code: In(codes), revision: MoreThan(revision) });
  const deepest = codes.findLastIndex((code) => newer.some((unit) => unit.code === code));
  if (deepest < 0) return path;
  const moved = newer.find((unit) => unit.code === codes[deepest])!;
  return `${moved.unitPath}${codes.slice(deepest + 1).map((code) => `${code}/`).join('')}`;
}

/**
 * The row of `unit_revision` in which a consumer counts the reorganisations it applied (no unit
 * has this code). Revisions are gapless (one counter in teams), so when it has applied exactly
 * revisions 1 to n and the event is n + 1, the event is in order and its `formerPath` is where
 * the unit's rows are.
 */
const APPLIED = '*';

/**
 * A consumer's effect of a move (`target`: the unit's new path) or merge (`target`: its
 * successor's path), unless this subgraph already applied a later revision of the unit. In
 * order (the usual case), the paths under `formerPath` are rewritten by an indexed prefix scan;
 * out of order, every stored path through the unit, wherever it is, is rewritten to run through
 * where the unit is now (a scan of each path column).
 */
async function placeUnit(manager: EntityManager, { code, formerPath, path }: UnitMoved | UnitMerged, revision: number): Promise<void> {
  await manager.createQueryBuilder().insert().into(UnitRevision).values({ code: APPLIED, revision: 0, unitPath: '' }).orIgnore().execute();
  const query = manager.createQueryBuilder(UnitRevision, 'unit').where('unit.code = :code', { code: APPLIED });
  // Two replicas consuming unit events: one at a time, each seeing what the other applied.
  if (isMysql(manager)) query.setLock('pessimistic_write');
  const applied = (await query.getOneOrFail()).revision;
  const unit = await manager.findOneBy(UnitRevision, { code });
  if (unit && unit.revision >= revision) return;
  const highest = await manager.createQueryBuilder(UnitRevision, 'unit').select('MAX(unit.revision)', 'revision').where('unit.code <> :code', { code: APPLIED }).getRawOne<{ revision: number | string | null }>();
  const columns = unitPathColumns(manager);
  let target = path;
  if (applied === revision - 1 && Number(highest?.revision ?? 0) === revision - 1) {
    await rewriteUnitPaths(manager, columns, formerPath, path);
  } else {
    target = await currentPath(manager, path, revision);
    await rewriteThrough(manager, columns, code, target);
  }
  await manager.upsert(UnitRevision, { code, revision, unitPath: target }, ['code']);
  await manager.update(UnitRevision, { code: APPLIED }, { revision: applied + 1 });
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
 * entities): a move or merge rewrites the paths through the unit, in the consumer's transaction,
 * unless a later revision of the unit was applied already (events may come out of order, or
 * again); every unit event empties this process's caches of places (names and paths), so the next
 * lookup asks the teams subgraph again. A rename changes no path.
 */
export async function followUnitEvent(event: UnitEvent, manager: EntityManager): Promise<void> {
  if (event.type === UNIT_EVENTS.moved || event.type === UNIT_EVENTS.merged) {
    const change = event.payload as UnitMoved | UnitMerged;
    // Events written before revisions were numbered: rewritten under their formerPath, as then.
    if (change.revision === undefined) await rewriteUnitPaths(manager, unitPathColumns(manager), change.formerPath, change.path);
    else await placeUnit(manager, change, change.revision);
  }
  forgetUnitPlaces();
}

/** Registers `<subgraph>-unit-paths`, the consumer of unit events a subgraph that stores unit paths lists in its `consumers`. */
export function followUnits(subgraph: string): EventConsumer {
  return onEvent(`${subgraph}-unit-paths`, UNIT_EVENT_TYPES, followUnitEvent);
}
