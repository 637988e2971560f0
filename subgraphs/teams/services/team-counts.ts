import type { EntityManager } from 'typeorm';
import { addEachToCounters, addToCounters } from '../../common/counters';
import type { Database } from '../../common/database';
import { AdministrativeUnit, TeamStatus, type Team } from '../entities';
import { totalledAt } from './reports';

/** What unit_team_count counts of a team: whether it is active, where, and from which month it owes reports. */
export type CountedTeam = Pick<Team, 'unitCode' | 'status' | 'decisionDate'>;

/** A team without a decision date owes every month (it sorts before any month). */
export const OWES_EVERY_MONTH = '0000-00';

/** The first month a team owes a report for: its establishment decision's. */
export const owedFrom = (team: Pick<Team, 'decisionDate'>) => team.decisionDate?.slice(0, 7) ?? OWES_EVERY_MONTH;

/**
 * Keeps unit_team_count right when a team is created (`before` null) or its status, unit or
 * decision date changes, in the caller's transaction: it leaves the counts it was in and joins
 * those it is in now, for its unit, every unit above it and the nation (only active teams count).
 */
export async function recountTeam(db: Database, manager: EntityManager, before: CountedTeam | null, after: CountedTeam): Promise<void> {
  const was = before?.status === TeamStatus.ACTIVE ? before : null;
  const is = after.status === TeamStatus.ACTIVE ? after : null;
  if (was && is && was.unitCode === is.unitCode && owedFrom(was) === owedFrom(is)) return;
  for (const [team, delta] of [
    [was, -1],
    [is, 1],
  ] as const) {
    if (!team) continue;
    const unit = await manager.findOneByOrFail(AdministrativeUnit, { code: team.unitCode });
    const keys = totalledAt(unit).map((unitCode) => [unitCode, owedFrom(team)]);
    await addToCounters(db, manager, 'unit_team_count', ['unitCode', 'owedFrom'], keys, { teams: delta });
  }
}

/**
 * recountTeam for many new teams at once (a commune's import), their units at hand: one upsert,
 * each counter row getting the number of its new teams, whatever the number of teams. Rows go
 * root first (by depth, then code and month), the order every writer of a single team takes
 * them in too, so concurrent writers queue rather than deadlock.
 */
export async function countNewTeams(db: Database, manager: EntityManager, teams: { team: CountedTeam; unit: AdministrativeUnit }[]): Promise<void> {
  const added = new Map<string, { key: [string, string]; depth: number; teams: number }>();
  for (const { team, unit } of teams) {
    if (team.status !== TeamStatus.ACTIVE) continue;
    for (const [depth, unitCode] of totalledAt(unit).entries()) {
      const id = `${unitCode}|${owedFrom(team)}`;
      const entry = added.get(id) ?? { key: [unitCode, owedFrom(team)], depth, teams: 0 };
      entry.teams += 1;
      added.set(id, entry);
    }
  }
  const rows = [...added.values()]
    .sort((a, b) => a.depth - b.depth || a.key[0].localeCompare(b.key[0]) || a.key[1].localeCompare(b.key[1]))
    .map(({ key, teams: sum }) => ({ key, increments: { teams: sum } }));
  await addEachToCounters(db, manager, 'unit_team_count', ['unitCode', 'owedFrom'], rows);
}
