import { In, IsNull, Not, type EntityManager } from 'typeorm';
import { audit } from '../../common/audit';
import type { Context } from '../../common/context';
import { addToCounters } from '../../common/counters';
import { conflict, invalidInput, notFound } from '../../common/errors';
import { once } from '../../common/idempotency';
import { recordEvent } from '../../common/outbox';
import { NATION_CODE } from '../../common/auth';
import { nextUnitRevision, rewriteUnitPaths, UNIT_EVENTS, unitPathColumns, type PathColumn, type UnitMerged, type UnitMoved, type UnitRenamed } from '../../common/unit-events';
import { AdministrativeUnit, FIGURE_COLUMNS, PARENT_LEVELS, PeriodLock, provinceOf, Target, Team, TeamMonthLock, UnitAlias, UnitLevel, UnitSuccession, unitScope } from '../entities';
import { t, type ActionKey } from '../../common/messages';

/**
 * Reorganising the administrative tree: renaming, moving (re-parenting) and merging units, and
 * dissolving a tier (the 2025 reform: province › district › commune became province › commune).
 * Each change happens in one transaction with everything the teams subgraph derives from the
 * tree (paths, subtree totals, teams' units, old codes as aliases), its audit entry and its
 * events, which the other subgraphs follow to rewrite the unit paths they store.
 */

/** The teams subgraph's stored unit paths, rewritten with the tree: the tree's own, and every `unitPath` column. */
const pathColumns = (manager: EntityManager): PathColumn[] => [{ table: 'administrative_unit', column: 'path' }, ...unitPathColumns(manager)];

/** Counters kept for each unit's whole subtree (see storeReport, recountTeam): they move with the subtree. */
const SUBTREE_COUNTERS = [
  { table: 'unit_month_total', key: 'month', values: ['reports', ...FIGURE_COLUMNS] },
  { table: 'unit_team_count', key: 'owedFrom', values: ['teams'] },
] as const;

/** The units whose subtree totals hold a unit's: the nation and every unit above it. */
const totalledAbove = (unit: AdministrativeUnit) => [NATION_CODE, ...unit.ancestorCodes];

/** A unit's subtree totals leave the units of `from` that are not in `to` and join those of `to` that are not in `from`. */
async function shiftTotals(ctx: Context, manager: EntityManager, code: string, from: readonly string[], to: readonly string[]): Promise<void> {
  const leaving = from.filter((unitCode) => !to.includes(unitCode));
  const joining = to.filter((unitCode) => !from.includes(unitCode));
  if (leaving.length === 0 && joining.length === 0) return;
  for (const { table, key, values } of SUBTREE_COUNTERS) {
    const rows: Record<string, string | number>[] = await manager.query(`SELECT * FROM ${table} WHERE unitCode = ?`, [code]);
    for (const row of rows) {
      const amounts = (sign: number) => Object.fromEntries(values.map((column) => [column, sign * Number(row[column])]));
      await addToCounters(ctx.db, manager, table, ['unitCode', key], joining.map((unitCode) => [unitCode, row[key]]), amounts(1));
      await addToCounters(ctx.db, manager, table, ['unitCode', key], leaving.map((unitCode) => [unitCode, row[key]]), amounts(-1));
    }
  }
}

/**
 * Locks the subtrees under `paths` and their teams (on MariaDB; SQLite runs one write at a time)
 * and reads the units again: a report or team written meanwhile waits, then sees the new tree,
 * and two reorganisations touching the same units queue.
 */
async function lockSubtrees(ctx: Context, manager: EntityManager, codes: readonly string[]): Promise<Map<string, AdministrativeUnit>> {
  const units = await manager.findBy(AdministrativeUnit, { code: In([...codes]) });
  if (ctx.db.isMysql && units.length > 0) {
    const query = manager.createQueryBuilder(AdministrativeUnit, 'unit').select('unit.code');
    units.forEach((unit, index) => query.orWhere(`unit.path LIKE :prefix${index}`, { [`prefix${index}`]: `${unit.path}%` }));
    const locked = await query.orderBy('unit.code').setLock('pessimistic_write').getMany();
    await manager
      .createQueryBuilder(Team, 'team')
      .select('team.id')
      .where({ unitCode: In(locked.map((unit) => unit.code)) })
      .orderBy('team.id')
      .setLock('pessimistic_write')
      .getMany();
  }
  const fresh = await manager.findBy(AdministrativeUnit, { code: In([...codes]) });
  const byCode = new Map(fresh.map((unit) => [unit.code, unit]));
  const missing = codes.filter((code) => !byCode.has(code));
  if (missing.length > 0) {
    const [alias] = await manager.findBy(UnitAlias, { formerCode: missing[0] });
    if (alias) throw conflict(t('conflicts.formerCode', { aliasFormerCode: alias.formerCode, aliasFormerName: alias.formerName, value: t(`enums.UnitSuccession.${alias.succession}`) }), { unitCode: alias.formerCode });
    throw notFound('AdministrativeUnit', missing[0]);
  }
  return byCode;
}

/**
 * After the paths under `formerPath` became `path`'s: if that took them to another province, the
 * teams under `path` take its code (Team.provinceCode, the order of a province's page of teams).
 */
async function placeTeams(manager: EntityManager, formerPath: string, path: string): Promise<void> {
  if (provinceOf(formerPath) === provinceOf(path)) return;
  const subtree = manager.createQueryBuilder(AdministrativeUnit, 'unit').select('unit.code').where('unit.path LIKE :prefix', { prefix: `${path}%` });
  await manager
    .createQueryBuilder()
    .update(Team)
    .set({ provinceCode: provinceOf(path) })
    .where(`unitCode IN (${subtree.getQuery()})`)
    .setParameters(subtree.getParameters())
    .execute();
}

/** Re-parents `unit` (and its subtree) under `parent`; its teams stay with it. */
async function relocate(ctx: Context, manager: EntityManager, unit: AdministrativeUnit, parent: AdministrativeUnit): Promise<void> {
  const formerPath = unit.path;
  const path = `${parent.path}${unit.code}/`;
  await shiftTotals(ctx, manager, unit.code, totalledAbove(unit), [...totalledAbove(parent), parent.code]);
  await manager.update(AdministrativeUnit, { code: unit.code }, { parentCode: parent.code });
  await rewriteUnitPaths(manager, pathColumns(manager), formerPath, path);
  await placeTeams(manager, formerPath, path);
  const revision = await nextUnitRevision(manager, unit.code, path);
  const moved: UnitMoved = { code: unit.code, parentCode: parent.code, formerParentCode: unit.parentCode, formerPath, path, revision };
  await recordEvent(manager, { type: UNIT_EVENTS.moved, version: 1, subject: unit.code, payload: moved, scope: { unitPath: path } });
  await audit(manager, ctx.viewer, {
    action: 'moveAdministrativeUnit',
    entity: unit,
    entityId: unit.code,
    unitPath: path,
    before: { parentCode: unit.parentCode, path: formerPath },
    after: { parentCode: parent.code, path },
  });
  Object.assign(unit, { parentCode: parent.code, path });
}

/**
 * Ends `unit`: its children and teams go to `into`, its history joins `into`'s totals (unless
 * `into` is above it, where it already counts), and its code, and older codes that stood for
 * it, become aliases of `covering` (the units that now cover its area).
 */
async function absorb(
  ctx: Context,
  manager: EntityManager,
  unit: AdministrativeUnit,
  into: AdministrativeUnit,
  succession: UnitSuccession,
  covering: readonly string[],
): Promise<void> {
  await shiftTotals(ctx, manager, unit.code, totalledAbove(unit), [...totalledAbove(into), into.code]);
  for (const { table } of SUBTREE_COUNTERS) await manager.query(`DELETE FROM ${table} WHERE unitCode = ?`, [unit.code]);
  await carryLocks(manager, unit, into);
  await manager.update(AdministrativeUnit, { parentCode: unit.code }, { parentCode: into.code });
  await manager.update(Team, { unitCode: unit.code }, { unitCode: into.code });
  await carryTargets(manager, unit, into, succession);
  await manager.delete(AdministrativeUnit, { code: unit.code });
  await rewriteUnitPaths(manager, pathColumns(manager), unit.path, into.path);
  await placeTeams(manager, unit.path, into.path);

  // This code, and older codes that stood for this unit, now stand for the units covering its area.
  const following = await manager.findBy(UnitAlias, { unitCode: unit.code });
  await manager.delete(UnitAlias, { unitCode: unit.code });
  const formers = new Map<string, Pick<UnitAlias, 'formerName' | 'succession'>>([
    [unit.code, { formerName: unit.name, succession }],
    ...following.map((alias) => [alias.formerCode, alias] as const),
  ]);
  const existing = await manager.findBy(UnitAlias, { formerCode: In([...formers.keys()]), unitCode: In([...covering]) });
  const aliases = [...formers].flatMap(([formerCode, { formerName, succession: how }]) =>
    covering
      .filter((unitCode) => !existing.some((alias) => alias.formerCode === formerCode && alias.unitCode === unitCode))
      .map((unitCode) => manager.create(UnitAlias, { formerCode, formerName, unitCode, succession: how })),
  );
  await manager.save(aliases);

  const revision = await nextUnitRevision(manager, unit.code, into.path);
  const merged: UnitMerged = { code: unit.code, intoCode: into.code, formerPath: unit.path, path: into.path, revision };
  await recordEvent(manager, { type: UNIT_EVENTS.merged, version: 1, subject: unit.code, payload: merged, scope: { unitPath: into.path } });
  await audit(manager, ctx.viewer, {
    action: succession === UnitSuccession.MERGED ? 'mergeAdministrativeUnits' : 'dissolveAdministrativeUnit',
    entity: unit,
    entityId: unit.code,
    unitPath: into.path,
    before: { code: unit.code, name: unit.name, path: unit.path },
    after: { intoCode: into.code, path: into.path },
  });
}

/**
 * The months locked over a unit that ends (at it or a unit above it) stay locked for what was under
 * it, where they are open over `into`: each child unit gets the lock for its subtree, each team
 * directly at the unit a lock of its own (TeamMonthLock). Nothing open before is locked: `into`'s own
 * teams and children keep their months as they were. Runs before the children and teams move.
 */
async function carryLocks(manager: EntityManager, unit: AdministrativeUnit, into: AdministrativeUnit): Promise<void> {
  const over = await manager.findBy(PeriodLock, { unitCode: In([...unit.ancestorCodes, unit.code]) });
  if (over.length === 0) return;
  const closedThere = await manager.findBy(PeriodLock, { unitCode: In([...into.ancestorCodes, into.code]), month: In(over.map((lock) => lock.month)) });
  const carried = [...new Map(over.filter((lock) => !closedThere.some((there) => there.month === lock.month)).map((lock) => [lock.month, lock])).values()];
  if (carried.length === 0) return;
  const months = carried.map((lock) => lock.month);
  const children = await manager.findBy(AdministrativeUnit, { parentCode: unit.code });
  const theirs = await manager.findBy(PeriodLock, { unitCode: In(children.map((child) => child.code)), month: In(months) });
  await manager.save(
    children.flatMap((child) =>
      carried
        .filter((lock) => !theirs.some((their) => their.unitCode === child.code && their.month === lock.month))
        .map((lock) => manager.create(PeriodLock, { unitCode: child.code, month: lock.month, lockedBy: lock.lockedBy })),
    ),
  );
  const teams = await manager.findBy(Team, { unitCode: unit.code });
  const teamLocks = teams.flatMap((team) => carried.map((lock) => ({ teamId: team.id, month: lock.month, lockUnitCode: lock.unitCode })));
  if (teamLocks.length > 0) await manager.createQueryBuilder().insert().into(TeamMonthLock).values(teamLocks).orIgnore().execute();
}

/**
 * The targets of a unit that ends: its teams' own stay theirs, now under `into`; a merged unit's
 * targets for its subtree are added to its successor's for the same period and indicator (the
 * successor's area holds both). A dissolved unit's are dropped: the unit above it already has
 * targets for the whole area.
 */
async function carryTargets(manager: EntityManager, unit: AdministrativeUnit, into: AdministrativeUnit, succession: UnitSuccession): Promise<void> {
  await manager.update(Target, { unitCode: unit.code, teamId: Not(IsNull()) }, { unitCode: into.code });
  const own = await manager.findBy(Target, { scope: unitScope(unit.code) });
  if (own.length === 0) return;
  await manager.delete(Target, { scope: unitScope(unit.code) });
  if (succession !== UnitSuccession.MERGED) return;
  const theirs = await manager.find(Target, {
    where: { scope: unitScope(into.code), period: In([...new Set(own.map((target) => target.period))]) },
    // An officer setting the successor's targets meanwhile waits, then sees the sum.
    ...(manager.connection.options.type === 'better-sqlite3' ? {} : { lock: { mode: 'pessimistic_write' as const } }),
  });
  const carried = own.map((target) => {
    const same = theirs.find((their) => their.period === target.period && their.indicator === target.indicator);
    if (same) return Object.assign(same, { value: same.value + target.value });
    return manager.create(Target, { scope: unitScope(into.code), unitCode: into.code, teamId: null, period: target.period, indicator: target.indicator, value: target.value, setBy: target.setBy });
  });
  await manager.save(carried);
}

/** Refuses unless the caller oversees every one of `units` (ADMIN anywhere). */
function insistOversees(ctx: Context, units: readonly AdministrativeUnit[], action: ActionKey): void {
  ctx.viewer.insist(units.every((unit) => ctx.viewer.oversees(unit.path)), action);
}

interface Keyed {
  idempotencyKey?: string | null;
}

type Result = AdministrativeUnit & { id: string };

/** The unit as the result of an idempotent write (its code is its id). */
const withId = (unit: AdministrativeUnit): Result => Object.assign(unit, { id: unit.code });

/** One write of a unit (a reorganisation, a new unit, its member limit) in its own transaction, once per idempotency key; its result is the unit that stays. */
export function unitWrite(ctx: Context, action: string, input: Keyed & object, work: (manager: EntityManager) => Promise<AdministrativeUnit>): Promise<AdministrativeUnit> {
  ctx.viewer.requireSignedIn();
  const { idempotencyKey, ...request } = input;
  return once(
    ctx.db,
    { scope: `${action}:${ctx.viewer.subject}`, key: idempotencyKey, input: request },
    async (manager) => withId(await work(manager)),
    async (manager, code) => withId(await manager.findOneByOrFail(AdministrativeUnit, { code })),
  );
}

export interface RenameUnit extends Keyed {
  code: string;
  name: string;
}

export function renameUnit(ctx: Context, input: RenameUnit): Promise<AdministrativeUnit> {
  return unitWrite(ctx, 'renameAdministrativeUnit', input, async (manager) => {
    const unit = (await lockSubtrees(ctx, manager, [input.code])).get(input.code)!;
    insistOversees(ctx, [unit], 'actions.renameUnit');
    const name = input.name.trim();
    if (name.length === 0 || name.length > 200) throw invalidInput('name', t('checks.unitNameLength'));
    if (name === unit.name) throw invalidInput('name', t('problems.sameName', { code: input.code, name }));
    const renamed: UnitRenamed = { code: unit.code, name, formerName: unit.name };
    await manager.update(AdministrativeUnit, { code: unit.code }, { name });
    await recordEvent(manager, { type: UNIT_EVENTS.renamed, version: 1, subject: unit.code, payload: renamed, scope: { unitPath: unit.path } });
    await audit(manager, ctx.viewer, { action: 'renameAdministrativeUnit', entity: unit, entityId: unit.code, unitPath: unit.path, before: { name: unit.name }, after: { name } });
    return Object.assign(unit, { name });
  });
}

export interface MoveUnit extends Keyed {
  code: string;
  parentCode: string;
}

export function moveUnit(ctx: Context, input: MoveUnit): Promise<AdministrativeUnit> {
  return unitWrite(ctx, 'moveAdministrativeUnit', input, async (manager) => {
    const units = await lockSubtrees(ctx, manager, [input.code, input.parentCode]);
    const [unit, parent] = [units.get(input.code)!, units.get(input.parentCode)!];
    insistOversees(ctx, [unit, parent], 'actions.moveUnit');
    if (unit.parentCode === parent.code) throw invalidInput('parentCode', t('problems.alreadyUnder', { unitCode: unit.code, parentName: parent.name }));
    if (parent.path.startsWith(unit.path)) throw invalidInput('parentCode', t('problems.moveIntoItself', { parentName: parent.name, unitName: unit.name }));
    if (!PARENT_LEVELS[unit.level].includes(parent.level)) {
      throw invalidInput('parentCode', t('problems.cannotSitUnder', { value: t(`enums.UnitLevel.${unit.level}`), value2: t(`enums.UnitLevel.${parent.level}`) }));
    }
    await relocate(ctx, manager, unit, parent);
    return unit;
  });
}

export interface MergeUnits extends Keyed {
  code: string;
  intoCode: string;
}

export function mergeUnits(ctx: Context, input: MergeUnits): Promise<AdministrativeUnit> {
  return unitWrite(ctx, 'mergeAdministrativeUnits', input, async (manager) => {
    const units = await lockSubtrees(ctx, manager, [input.code, input.intoCode]);
    const [unit, into] = [units.get(input.code)!, units.get(input.intoCode)!];
    insistOversees(ctx, [unit, into], 'actions.mergeUnits');
    if (unit.code === into.code) throw invalidInput('intoCode', t('problems.mergeIntoItself'));
    if (unit.level !== into.level) {
      throw invalidInput('intoCode', t('problems.mergeSameLevel', { unitName: unit.name, value: t(`enums.UnitLevel.${unit.level}`), intoName: into.name, value2: t(`enums.UnitLevel.${into.level}`) }));
    }
    await absorb(ctx, manager, unit, into, UnitSuccession.MERGED, [into.code]);
    return into;
  });
}

/** Ends `unit`, its children moving up to its parent (each allowed there), then its own rows merging into the parent. */
async function dissolve(ctx: Context, manager: EntityManager, unit: AdministrativeUnit, parent: AdministrativeUnit, field: string): Promise<void> {
  const children = await manager.find(AdministrativeUnit, { where: { parentCode: unit.code }, order: { code: 'ASC' } });
  const misfit = children.find((child) => !PARENT_LEVELS[child.level].includes(parent.level));
  if (misfit) {
    throw invalidInput(field, t('problems.dissolveMisfit', { unitName: unit.name, misfitName: misfit.name, parentName: parent.name, value: t(`enums.UnitLevel.${misfit.level}`), value2: t(`enums.UnitLevel.${parent.level}`) }));
  }
  // Before its children move up: the months locked over the unit stay locked for them.
  await carryLocks(manager, unit, parent);
  for (const child of children) await relocate(ctx, manager, child, parent);
  await absorb(ctx, manager, unit, parent, UnitSuccession.DISSOLVED, children.length > 0 ? children.map((child) => child.code) : [parent.code]);
}

export interface DissolveLevel extends Keyed {
  /** The unit under which the tier goes (a province). */
  underCode: string;
  level: UnitLevel;
}

/**
 * Dissolves every unit of `level` under a unit (the 2025 reform: every district of a province)
 * in one transaction: their children and teams move up to their parents, their codes stay as
 * aliases of their former children. Returns the unit it was done under.
 */
export function dissolveLevel(ctx: Context, input: DissolveLevel): Promise<AdministrativeUnit> {
  return unitWrite(ctx, 'dissolveAdministrativeLevel', input, async (manager) => {
    const under = (await lockSubtrees(ctx, manager, [input.underCode])).get(input.underCode)!;
    insistOversees(ctx, [under], 'actions.dissolveUnits');
    const doomed = await manager
      .createQueryBuilder(AdministrativeUnit, 'unit')
      .where({ level: input.level })
      .andWhere('unit.path LIKE :prefix', { prefix: `${under.path}%` })
      .orderBy('unit.path')
      .getMany();
    if (doomed.length === 0) throw invalidInput('level', t('problems.nothingToDissolve', { underName: under.name, value: t(`enums.UnitLevel.${input.level}`) }));
    for (const unit of doomed) {
      if (unit.code === under.code) throw invalidInput('level', t('problems.dissolveItself', { underName: under.name }));
      const parent = await manager.findOneByOrFail(AdministrativeUnit, { code: unit.parentCode! });
      await dissolve(ctx, manager, unit, parent, 'level');
    }
    // The whole dissolution in one entry, beside each unit's own.
    await audit(manager, ctx.viewer, {
      action: 'dissolveAdministrativeLevel',
      entity: under,
      entityId: under.code,
      unitPath: under.path,
      after: { level: input.level, dissolved: doomed.map((unit) => unit.code) },
    });
    return under;
  });
}
