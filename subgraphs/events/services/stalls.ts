import type { EntityManager } from 'typeorm';
import type { Database } from '../../common/database';
import { selection } from '../../common/loaders';
import { ApplicationStatus, Event, Stall, StallApplication, StallCategory } from '../entities';

/**
 * Stall booking. Every decision that gives out or frees a stall first locks the category's
 * row, so decisions on one category happen one at a time (on MySQL; SQLite runs one write
 * transaction at a time anyway); a plain read after that lock sees every stall given out before
 * (transactions run at READ COMMITTED: see Database.transaction). Underneath, the unique index on
 * `stall_application.stallId` makes a double booking impossible even if this code were wrong.
 */

/**
 * The category with its event (`category.event`), both rows locked until the transaction ends, in
 * one statement: an application reads the event's status and the category's admission under the
 * lock every decision on the category takes. It also queues applications to the event's other
 * categories, and the event's own changes (closing applications) behind them.
 */
export async function lockCategoryWithEvent(db: Database, manager: EntityManager, categoryId: string): Promise<(StallCategory & { event: Event }) | null> {
  // Written on selections, not TypeORM's query builder: it runs under the lock every application to the category waits for.
  const category = selection(manager, StallCategory, 'category');
  const event = selection(manager, Event, 'event');
  const [row]: Record<string, unknown>[] = await manager.query(
    `SELECT ${category.columns}, ${event.columns} FROM ${category.table} JOIN ${event.table} ON ${event.column('id')} = ${category.column('eventId')}` +
      ` WHERE ${category.column('id')} = ?${db.isMysql ? ' FOR UPDATE' : ''}`,
    [categoryId],
  );
  return row ? Object.assign(category.hydrate(row)!, { event: event.hydrate(row)! }) : null;
}

/**
 * The first free stall of a category whose row the transaction has locked, if any: one statement
 * that looks each of the category's stalls up in the unique index of held stalls, so its cost and
 * its locks do not grow with the category's waitlist.
 */
export async function firstFreeStall(manager: EntityManager, categoryId: string): Promise<Stall | null> {
  const stall = selection(manager, Stall, 'stall');
  const held = selection(manager, StallApplication, 'held', ['stallId']);
  const [row]: Record<string, unknown>[] = await manager.query(
    `SELECT ${stall.columns} FROM ${stall.table} WHERE ${stall.column('categoryId')} = ?` +
      ` AND NOT EXISTS (SELECT 1 FROM ${held.table} WHERE ${held.column('stallId')} = ${stall.column('id')})` +
      ` ORDER BY ${stall.column('code')} ASC LIMIT 1`,
    [categoryId],
  );
  return row ? stall.hydrate(row)! : null;
}

/** Decides (not yet saved) the application of a category whose row the transaction has locked: approved with the first free stall, or waitlisted when it is full. */
export async function decideInLockedCategory(manager: EntityManager, application: StallApplication): Promise<StallApplication> {
  const stall = await firstFreeStall(manager, application.categoryId);
  return Object.assign(application, {
    status: stall ? ApplicationStatus.APPROVED : ApplicationStatus.WAITLISTED,
    stallId: stall?.id ?? null,
    decidedAt: new Date(),
  });
}

/** Decides (not yet saved) the application: approved with the first free stall, or waitlisted when the category is full. */
export async function decideAdmission(db: Database, manager: EntityManager, application: StallApplication): Promise<StallApplication> {
  await db.lockForUpdate(manager, StallCategory, { id: application.categoryId });
  return decideInLockedCategory(manager, application);
}

/** Approves the application with the first free stall, or waitlists it when the category is full. */
export async function admit(db: Database, manager: EntityManager, application: StallApplication): Promise<StallApplication> {
  return manager.save(await decideAdmission(db, manager, application));
}

/**
 * Frees the application's stall and gives it to the first waitlisted applicant of the
 * category (in order of application); returns who was promoted.
 */
export async function freeStall(db: Database, manager: EntityManager, application: StallApplication): Promise<StallApplication | null> {
  await db.lockForUpdate(manager, StallCategory, { id: application.categoryId });
  const stallId = application.stallId;
  application.stallId = null;
  await manager.save(application);
  if (!stallId) return null;
  const next = await manager.findOne(StallApplication, {
    where: { categoryId: application.categoryId, status: ApplicationStatus.WAITLISTED },
    order: { appliedAt: 'ASC', id: 'ASC' },
    ...(db.isMysql ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!next) return null;
  return manager.save(Object.assign(next, { status: ApplicationStatus.APPROVED, stallId, decidedAt: new Date() }));
}

/** Applications still in play: a cancellation or a withdrawal ends them. */
export const OPEN_APPLICATIONS: readonly ApplicationStatus[] = [ApplicationStatus.PENDING, ApplicationStatus.WAITLISTED, ApplicationStatus.APPROVED];

/**
 * Cancels the application if it is still open (its consent withdrawn, its applicant's data erased):
 * the category locked first, then the application re-read under its own lock (the order admit and
 * every decision lock in), its stall to the first waitlisted. Returns the current application and who was promoted.
 */
export async function cancelIfOpen(
  db: Database,
  manager: EntityManager,
  application: Pick<StallApplication, 'id' | 'categoryId'>,
): Promise<{ current: StallApplication; promoted: StallApplication | null }> {
  await db.lockForUpdate(manager, StallCategory, { id: application.categoryId });
  const current = (await db.lockForUpdate(manager, StallApplication, { id: application.id }))!;
  if (!OPEN_APPLICATIONS.includes(current.status)) return { current, promoted: null };
  Object.assign(current, { status: ApplicationStatus.CANCELLED, decidedAt: new Date() });
  return { current, promoted: await freeStall(db, manager, current) };
}
