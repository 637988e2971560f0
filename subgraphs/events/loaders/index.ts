import DataLoader from 'dataloader';
import type { Database } from '../../common/database';
import { rowsById, rowsOf } from '../../common/loaders';
import {
  ApplicationStatus,
  Contest,
  ContestEntry,
  ContestPrize,
  Event,
  EventOrganiser,
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
