import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { audit } from '../../common/audit';
import { addToCounters } from '../../common/counters';
import type { Context } from '../../common/context';
import { insertRow, type Database } from '../../common/database';
import { rowWhere } from '../../common/loaders';
import { todayInVietnam } from '../../common/dates';
import { conflict, invalidInput, notFound } from '../../common/errors';
import { claimOnce, idempotentTransaction, onceListed } from '../../common/idempotency';
import { NATION_CODE } from '../../common/auth';
import { recordPeriodLocked, recordReportEvent } from '../domain-events';
import { writesReportsAt } from '../report-access';
import {
  ActivityReport,
  ActivityReportRevision,
  AdministrativeUnit,
  FIGURE_COLUMNS,
  PeriodLock,
  Target,
  Team,
  difference,
  noFigures,
  teamScope,
  unitScope,
  type Figures,
  type Indicator,
} from '../entities';
import { t } from '../../common/messages';

/** The units whose totals a report at `unit` counts in: the nation, every unit above it, and its own. */
export function totalledAt(unit: AdministrativeUnit): string[] {
  return [NATION_CODE, ...unit.ancestorCodes, unit.code];
}

/**
 * Refuses (CONFLICT) when the month is locked at the unit or any unit above it, or for the team
 * alone (a lock carried from a merged unit). Both kinds in one statement, a unit's lock named
 * first: it is read on every report, and TypeORM has no UNION.
 */
async function refuseIfLocked(manager: EntityManager, unit: AdministrativeUnit, team: Team, month: string): Promise<void> {
  const codes = [...unit.ancestorCodes, unit.code];
  const [lock]: { lockUnitCode: string }[] = await manager.query(
    `SELECT lockUnitCode FROM (
       SELECT unitCode AS lockUnitCode, 0 AS kind FROM period_lock WHERE month = ? AND unitCode IN (${codes.map(() => '?').join(', ')})
       UNION ALL SELECT lockUnitCode, 1 AS kind FROM team_month_lock WHERE teamId = ? AND month = ?
     ) locks ORDER BY kind LIMIT 1`,
    [month, ...codes, team.id, month],
  );
  if (lock) throw conflict(t('conflicts.monthLocked', { month, lockUnitCode: lock.lockUnitCode }));
}

/**
 * Adds `delta` to the month's totals of each unit in `unitCodes` (`reports` more reports) in
 * one upsert, rows in root-first order, so concurrent writers under the same commune add up
 * exactly and take the rows' locks in the same order.
 */
function addToTotals(
  db: Database,
  manager: EntityManager,
  unitCodes: string[],
  month: string,
  delta: Figures,
  reports: number,
): Promise<void> {
  const increments = { reports, ...Object.fromEntries(FIGURE_COLUMNS.map((column) => [column, delta[column]])) };
  return addToCounters(db, manager, 'unit_month_total', ['unitCode', 'month'], unitCodes.map((unitCode) => [unitCode, month]), increments);
}

export interface ReportWrite {
  /**
   * The reporting team: read under its lock with its unit, where the caller's right to report for
   * it is decided, on the tree as it is then (it may have been reorganised since the caller looked).
   */
  teamId: string;
  month: string;
  figures: Figures;
  note: string | null;
  /** Why an existing report is corrected; null for a first submission. */
  reason: string | null;
  /** The mutation to audit it as, when not submitActivityReport or correctActivityReport (an imported form). */
  action?: string;
  /**
   * An imported form: a first report, or a correction when the month is reported already (then
   * `reason` is required, and otherwise ignored). Decided under the team's lock, after the key: a
   * retry of an imported first report is answered with it, not taken for a correction without a reason.
   */
  firstOrCorrection?: boolean;
  /** A retry with the same key (its answer lost on a weak connection) answers the first report and writes nothing. */
  idempotencyKey?: string | null;
}

export interface StoredReport {
  /** The current version when correcting; null for a first report. */
  existing: ActivityReport | null;
  teamId: string;
  unit: AdministrativeUnit;
  month: string;
  figures: Figures;
  note: string | null;
  reason: string | null;
  /** Token subject of who writes it. */
  by: string | null;
  /** A first report's id, when the caller chose it (an idempotency key claimed with it); made on insert otherwise. */
  id?: string;
  /** The caller's own rows of the write (its audit entry), written before the totals (see storeReport). */
  alsoWrite?: (report: ActivityReport) => Promise<void>;
}

/**
 * Writes a report's new version, its revision row, its event and the change to the totals above it
 * (in the caller's transaction). The totals come last: every report of the month in the country
 * adds to the nation's row, whose lock is held from that statement to the commit, so nothing
 * else is written while it is held.
 */
export async function storeReport(db: Database, manager: EntityManager, write: StoredReport): Promise<ActivityReport> {
  const { existing, teamId, unit, month, figures, note, reason, by, id = randomUUID(), alsoWrite } = write;
  const before = existing?.figures ?? noFigures();
  let report: ActivityReport;
  if (existing) {
    report = await manager.save(Object.assign(existing, { figures, note, revision: existing.revision + 1, reportedBy: by }));
  } else {
    // Inserted as it is answered: its dates the writer's clock, not read back (a first report is every team's monthly write).
    const now = new Date();
    report = manager.create(ActivityReport, { id, teamId, unitPath: unit.path, month, figures, note, revision: 1, reportedBy: by, createdAt: now, updatedAt: now });
    await insertRow(manager, ActivityReport, report);
  }
  await insertRow(manager, ActivityReportRevision, { id: randomUUID(), reportId: report.id, revision: report.revision, figures, note, reason, changedBy: by });
  await recordReportEvent(manager, report, unit);
  await alsoWrite?.(report);
  await addToTotals(db, manager, totalledAt(unit), month, difference(figures, before), existing ? 0 : 1);
  return report;
}

/** A team's report of a month, first submitted or corrected, with its revision, totals and audit entry in one transaction. */
export async function writeReport(ctx: Context, { teamId, month, figures, note, reason: given, action, firstOrCorrection, idempotencyKey }: ReportWrite): Promise<ActivityReport> {
  const mutation = action ?? (given ? 'correctActivityReport' : 'submitActivityReport');
  // A first report's id, chosen now: its key is claimed with it, not updated once it is written (a correction's is updated).
  const id = randomUUID();
  const request = { scope: `${mutation}:${ctx.viewer.subject}`, key: idempotencyKey, input: { teamId, month, figures, note, reason: given }, resultId: id };
  // Deadlocks between writers under the same units, and two retries racing for one key, are run again (see idempotentTransaction).
  return idempotentTransaction(ctx.db, (manager) =>
    claimOnce(
      manager,
      request,
      async () => {
        // The team's row, not the report's: locking a report that does not exist yet would lock a gap of the index.
        const { team, unit } = await reportingTeam(ctx, manager, teamId, { lock: true });
        refuseMonthOutsideTeamLife(team, month);
        await refuseIfLocked(manager, unit, team, month);
        const existing = (await rowWhere(manager, ActivityReport, { teamId: team.id, month })) ?? null;
        if (firstOrCorrection && existing && !given) throw invalidInput('reason', t('problems.reportedSayWhy', { teamName: team.name, formMonth: month }));
        const reason = firstOrCorrection && !existing ? null : given;
        if (existing && !reason) throw conflict(t('conflicts.reportedCorrect', { teamName: team.name, month }));
        if (!existing && reason) throw conflict(t('conflicts.nothingToCorrect', { teamName: team.name, month }));
        const before = existing ? { ...existing, figures: { ...existing.figures } } : null;
        return storeReport(ctx.db, manager, {
          existing,
          teamId: team.id,
          unit,
          month,
          figures,
          note,
          reason,
          by: ctx.viewer.subject,
          id,
          alsoWrite: (report) => audit(manager, ctx.viewer, { action: mutation, entity: report, unitPath: unit.path, before, after: { ...report, reason } }),
        });
      },
      // A retry is answered only while its sender may still report for the team.
      async (reportId) => {
        await reportingTeam(ctx, manager, teamId, { lock: false });
        return manager.findOneByOrFail(ActivityReport, { id: reportId });
      },
    ),
  );
}

/**
 * The team a report is written for and its unit, read in the report's transaction, and the caller's
 * right to report for it (its leaders, officers over it) decided there: no read before the
 * transaction, and no decision on a unit the team has been moved from since.
 */
async function reportingTeam(ctx: Context, manager: EntityManager, teamId: string, { lock }: { lock: boolean }): Promise<{ team: Team; unit: AdministrativeUnit }> {
  const team = lock ? await ctx.db.lockForUpdate(manager, Team, { id: teamId }) : await rowWhere(manager, Team, { id: teamId });
  if (!team) throw notFound('Team', teamId);
  const unit = await rowWhere(manager, AdministrativeUnit, { code: team.unitCode });
  if (!unit) throw new Error(`Team ${team.id}'s unit ${team.unitCode} is missing`);
  ctx.viewer.insist(writesReportsAt(ctx.viewer, team.id, unit.path), 'actions.reportForTeam', { teamName: team.name });
  return { team, unit };
}

/** Refuses a month not begun yet, or before the team was founded. */
function refuseMonthOutsideTeamLife(team: Team, month: string): void {
  if (month > todayInVietnam().slice(0, 7)) throw invalidInput('month', t('problems.monthNotBegun', { month }));
  if (team.decisionDate && month < team.decisionDate.slice(0, 7)) {
    throw invalidInput('month', t('problems.reportsFrom', { teamName: team.name, decisionDate: team.decisionDate, fromMonth: team.decisionDate.slice(0, 7) }));
  }
}

/**
 * Sets a team's targets (`team`) or a unit's subtree's (`unit`) for a period, one row per indicator.
 * The team's or the unit's row is locked first, so two officers setting one target at once take
 * turns: the second reads the first's row (READ COMMITTED, see Database.transaction) and updates it,
 * rather than both inserting it (one refused at the unique index) or both auditing the same "before".
 */
export async function saveTargets(
  ctx: Context,
  unit: AdministrativeUnit,
  team: Team | undefined,
  period: string,
  targets: readonly { indicator: Indicator; value: number }[],
  idempotencyKey?: string | null,
): Promise<Target[]> {
  const scope = team ? teamScope(team.id) : unitScope(unit.code);
  const request = { scope: `setTargets:${ctx.viewer.subject}`, key: idempotencyKey, input: { scope, period, targets } };
  const listed = (manager: EntityManager) => manager.find(Target, { where: { scope, period }, order: { indicator: 'ASC' } });
  return onceListed(ctx.db, request, team?.id ?? unit.code, listed, async (manager) => {
    if (team) await ctx.db.lockForUpdate(manager, Team, { id: team.id });
    else await ctx.db.lockForUpdate(manager, AdministrativeUnit, { code: unit.code });
    const existing = await manager.findBy(Target, { scope, period, indicator: In(targets.map((target) => target.indicator)) });
    for (const { indicator, value } of targets) {
      const target = existing.find((candidate) => candidate.indicator === indicator);
      const before = target ? { ...target } : null;
      const saved = await manager.save(
        Object.assign(target ?? manager.create(Target, { scope, unitCode: unit.code, teamId: team?.id ?? null, period, indicator }), {
          value,
          setBy: ctx.viewer.subject,
        }),
      );
      await audit(manager, ctx.viewer, { action: 'setTargets', entity: saved, unitPath: unit.path, before, after: saved });
    }
  });
}

/** Locks months for a unit's subtree (those already locked there stay as they were). */
export async function lockMonths(ctx: Context, unit: AdministrativeUnit, months: string[], idempotencyKey?: string | null): Promise<PeriodLock[]> {
  const request = { scope: `lockPeriod:${ctx.viewer.subject}`, key: idempotencyKey, input: { unitCode: unit.code, months } };
  const listed = (manager: EntityManager) => manager.find(PeriodLock, { where: { unitCode: unit.code, month: In(months) }, order: { month: 'ASC' } });
  // Two officers locking one month at once meet at its unique index; run again, the loser finds the lock.
  return onceListed(ctx.db, request, unit.code, listed, async (manager) => {
    const already = await listed(manager);
    for (const month of months.filter((candidate) => !already.some((lock) => lock.month === candidate))) {
      const lock = await manager.save(manager.create(PeriodLock, { unitCode: unit.code, month, lockedBy: ctx.viewer.subject }));
      await audit(manager, ctx.viewer, { action: 'lockPeriod', entity: lock, unitPath: unit.path, after: lock });
      await recordPeriodLocked(manager, lock, unit);
    }
  });
}
