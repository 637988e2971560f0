import DataLoader from 'dataloader';
import type { Database } from '../../common/database';
import { todayInVietnam } from '../../common/dates';
import { rowsById, rowsOf, selection } from '../../common/loaders';
import {
  ApplicationStatus,
  Contest,
  ContestEntry,
  ContestPrize,
  Event,
  EventOrganiser,
  EventStatus,
  EventTally,
  EventTeam,
  Stall,
  StallApplication,
  StallCategory,
} from '../entities';

/** Per-request loaders of the events subgraph. */

export const eventById = rowsById(Event);
export const categoryById = rowsById(StallCategory);
export const stallById = rowsById(Stall);
export const applicationById = rowsById(StallApplication);
export const contestById = rowsById(Contest);
export const prizeById = rowsById(ContestPrize);

export const organisersOfEvent = rowsOf(EventOrganiser, 'eventId', { name: 'ASC' });
export const teamsOfEvent = rowsOf(EventTeam, 'eventId', { teamId: 'ASC' });
export const eventsOfTeam = rowsOf(EventTeam, 'teamId', { eventId: 'ASC' });
export const categoriesOfEvent = rowsOf(StallCategory, 'eventId', { name: 'ASC' });
export const applicationsOfEvent = rowsOf(StallApplication, 'eventId', { appliedAt: 'ASC', id: 'ASC' });
export const applicationsOfCategory = rowsOf(StallApplication, 'categoryId', { appliedAt: 'ASC', id: 'ASC' });
export const applicationsOfPartner = rowsOf(StallApplication, 'partnerId', { appliedAt: 'ASC' });
export const contestsOfEvent = rowsOf(Contest, 'eventId', { title: 'ASC' });
export const prizesOfContest = rowsOf(ContestPrize, 'contestId', { rank: 'ASC' });
export const entriesOfContest = rowsOf(ContestEntry, 'contestId', { enteredAt: 'ASC' });
export const talliesOfEvent = rowsOf(EventTally, 'eventId', { skill: 'ASC' });

/**
 * Published events not yet ended anywhere under each unit path, soonest first (at most 100 each):
 * one query for all. On a `selection`, not TypeORM's query builder: every team's dashboard asks.
 */
export const upcomingEventsUnder = (db: Database) =>
  new DataLoader<string, Event[]>(async (paths) => {
    const event = selection(db, Event, 'event');
    const statuses = [EventStatus.PUBLISHED, EventStatus.OPEN_FOR_APPLICATIONS, EventStatus.CLOSED];
    const rows: Record<string, unknown>[] = await db.manager.query(
      `SELECT ${event.columns} FROM ${event.table}` +
        ` WHERE (${paths.map(() => `${event.column('unitPath')} LIKE ?`).join(' OR ')})` +
        ` AND ${event.column('endsOn')} >= ? AND ${event.column('status')} IN (${statuses.map(() => '?').join(', ')})` +
        ` ORDER BY ${event.column('startsOn')}, ${event.column('id')}`,
      [...paths.map((path) => `${path}%`), todayInVietnam(), ...statuses],
    );
    const events = rows.map((row) => event.hydrate(row)!);
    return paths.map((path) => events.filter((each) => each.unitPath.startsWith(path)).slice(0, 100));
  });

/** Stalls still free in each category: capacity minus stalls held, one query for all categories. */
export const freeStallsOfCategory = (db: Database) =>
  new DataLoader<string, number>(async (categoryIds) => {
    const category = selection(db, StallCategory, 'category', []);
    const application = selection(db, StallApplication, 'application', []);
    const rows: { id: string; free: string | number }[] = await db.manager.query(
      `SELECT ${category.column('id')} AS id, ${category.column('capacity')} - COUNT(${application.column('id')}) AS free FROM ${category.table}` +
        ` LEFT JOIN ${application.table} ON ${application.column('categoryId')} = ${category.column('id')} AND ${application.column('status')} = ?` +
        ` WHERE ${category.column('id')} IN (${categoryIds.map(() => '?').join(', ')})` +
        ` GROUP BY ${category.column('id')}, ${category.column('capacity')}`,
      [ApplicationStatus.APPROVED, ...categoryIds],
    );
    const free = new Map(rows.map((row) => [row.id, Number(row.free)]));
    return categoryIds.map((id) => free.get(id) ?? 0);
  });
