import DataLoader from 'dataloader';
import type { Database } from '../../common/database';
import { todayInVietnam } from '../../common/dates';
import { rowsById, rowsOf } from '../../common/loaders';
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

/** Published events not yet ended anywhere under each unit path, soonest first (at most 100 each): one query for all. */
export const upcomingEventsUnder = (db: Database) =>
  new DataLoader<string, Event[]>(async (paths) => {
    const where = paths.map((_, index) => `event.unitPath LIKE :path${index}`).join(' OR ');
    const parameters = Object.fromEntries(paths.map((path, index) => [`path${index}`, `${path}%`]));
    const events = await db.manager
      .createQueryBuilder(Event, 'event')
      .where(`(${where})`, parameters)
      .andWhere('event.endsOn >= :today', { today: todayInVietnam() })
      .andWhere('event.status IN (:...statuses)', {
        statuses: [EventStatus.PUBLISHED, EventStatus.OPEN_FOR_APPLICATIONS, EventStatus.CLOSED],
      })
      .orderBy('event.startsOn', 'ASC')
      .addOrderBy('event.id', 'ASC')
      .getMany();
    return paths.map((path) => events.filter((event) => event.unitPath.startsWith(path)).slice(0, 100));
  });

/** Stalls still free in each category: capacity minus stalls held, one query for all categories. */
export const freeStallsOfCategory = (db: Database) =>
  new DataLoader<string, number>(async (categoryIds) => {
    const rows = await db.manager
      .createQueryBuilder(StallCategory, 'category')
      .leftJoin(StallApplication, 'application', 'application.categoryId = category.id AND application.status = :approved', {
        approved: ApplicationStatus.APPROVED,
      })
      .select('category.id', 'id')
      .addSelect('category.capacity - COUNT(application.id)', 'free')
      .where('category.id IN (:...categoryIds)', { categoryIds })
      .groupBy('category.id')
      .addGroupBy('category.capacity')
      .getRawMany<{ id: string; free: string | number }>();
    const free = new Map(rows.map((row) => [row.id, Number(row.free)]));
    return categoryIds.map((id) => free.get(id) ?? 0);
  });
