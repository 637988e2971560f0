import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Viewer } from '../../../common/auth';
import type { Database } from '../../../common/database';
import { conflict } from '../../../common/errors';
import { AdministrativeUnit, ImportIssue, ImportIssueKind, ImportJob, ImportJobStatus } from '../../entities';
import { applyCommune, type CommuneOutcome } from './roster-apply';
import { planRoster, type RosterPlan } from './roster-plan';
import { ROSTER_COLUMNS, type RowIssue } from './roster-sheet';

/**
 * Roster imports as jobs that run in the subgraph's process after the mutation has answered:
 * the caller polls `importJob(id)` for the status and counts (the web app's progress bar).
 * The dry run writes each commune in a transaction it then rolls back, so its warnings are
 * exactly what applying would decide; applying writes each commune in one transaction.
 * A job whose process stops midway stays CHECKING or APPLYING: upload the file again (a
 * re-import changes only what is still to change).
 */

export const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Thrown inside a dry run's transaction to roll it back, carrying what applying would have done. */
class DryRun extends Error {
  constructor(readonly outcome: CommuneOutcome) {
    super('dry run');
  }
}

/** Issues are written in slices: a province's file can have thousands. */
const ISSUE_SLICE = 500;

async function recordIssues(db: Database, jobId: string, kind: ImportIssueKind, issues: RowIssue[]): Promise<void> {
  const rows = issues.map(({ row, column, code, message }) =>
    db.manager.create(ImportIssue, { jobId, row, field: ROSTER_COLUMNS[column], kind, code, message: message.slice(0, 500) }),
  );
  for (let start = 0; start < rows.length; start += ISSUE_SLICE) await db.manager.insert(ImportIssue, rows.slice(start, start + ISSUE_SLICE));
}

interface Totals {
  teamsCreated: number;
  membersJoined: number;
  membersChanged: number;
  membersLeft: number;
}

/** Runs the commune plans one by one (dry or for real), counting and keeping the job's progress. */
async function runCommunes(db: Database, viewer: Viewer, job: ImportJob, plan: RosterPlan, dry: boolean): Promise<{ totals: Totals; warnings: RowIssue[] }> {
  const totals: Totals = { teamsCreated: 0, membersJoined: 0, membersChanged: 0, membersLeft: 0 };
  const warnings: RowIssue[] = [...plan.warnings];
  for (const [index, commune] of plan.communes.entries()) {
    let outcome: CommuneOutcome;
    try {
      outcome = await db.transaction(async (manager) => {
        const result = await applyCommune(manager, commune, { db, viewer, job });
        if (dry) throw new DryRun(result);
        return result;
      });
    } catch (error) {
      if (!(error instanceof DryRun)) throw error;
      outcome = error.outcome;
    }
    warnings.push(...outcome.warnings);
    for (const key of Object.keys(totals) as (keyof Totals)[]) totals[key] += outcome[key];
    await db.manager.update(ImportJob, { id: job.id }, { communesDone: index + 1, ...totals });
  }
  return { totals, warnings };
}

async function planFor(db: Database, job: ImportJob, content: Buffer): Promise<RosterPlan> {
  const unit = await db.manager.findOneByOrFail(AdministrativeUnit, { code: job.unitCode });
  return planRoster(job.format, content, { unit }, db.manager);
}

function failed(db: Database, jobId: string, error: unknown): Promise<unknown> {
  const failure = `Lỗi khi xử lý tệp: ${(error as Error).message}`.slice(0, 500);
  return db.manager.update(ImportJob, { id: jobId }, { status: ImportJobStatus.FAILED, failure });
}

/** The dry run: reads and checks the file, then what applying would do, commune by commune; writes only the job and its issues. */
export async function checkRoster(db: Database, viewer: Viewer, job: ImportJob, content: Buffer): Promise<void> {
  try {
    const plan = await planFor(db, job, content);
    await db.manager.update(ImportJob, { id: job.id }, { rows: plan.rows, communes: plan.communes.length, teams: plan.communes.reduce((sum, commune) => sum + commune.teams.length, 0) });
    await recordIssues(db, job.id, ImportIssueKind.PROBLEM, plan.problems);
    await recordIssues(db, job.id, ImportIssueKind.CONVERTED, plan.conversions);
    const converted = new Set(plan.conversions.map((issue) => issue.row)).size;
    if (plan.problems.length > 0) {
      await recordIssues(db, job.id, ImportIssueKind.WARNING, plan.warnings);
      await db.manager.update(ImportJob, { id: job.id }, { status: ImportJobStatus.REFUSED, problems: plan.problems.length, warnings: plan.warnings.length, converted });
      return;
    }
    const { warnings } = await runCommunes(db, viewer, job, plan, true);
    await recordIssues(db, job.id, ImportIssueKind.WARNING, warnings);
    await db.manager.update(ImportJob, { id: job.id }, { status: ImportJobStatus.CHECKED, warnings: warnings.length, converted });
  } catch (error) {
    await failed(db, job.id, error);
  }
}

/** Writes a checked file, commune by commune; the job's warnings become those applying decided. */
export async function applyRoster(db: Database, viewer: Viewer, job: ImportJob, content: Buffer): Promise<void> {
  try {
    const plan = await planFor(db, job, content);
    if (plan.problems.length > 0) throw new Error('tệp có lỗi');
    await db.manager.update(ImportJob, { id: job.id }, { communesDone: 0 });
    const { warnings } = await runCommunes(db, viewer, job, plan, false);
    await db.manager.delete(ImportIssue, { jobId: job.id, kind: ImportIssueKind.WARNING });
    await recordIssues(db, job.id, ImportIssueKind.WARNING, warnings);
    await db.manager.update(ImportJob, { id: job.id }, { status: ImportJobStatus.DONE, warnings: warnings.length });
  } catch (error) {
    await failed(db, job.id, error);
  }
}

/** Jobs running in this process, so tests and a draining server can wait for them. */
const running = new Set<Promise<void>>();

/** Starts `work` after the current request, keeping track of it until it ends. */
export function inBackground(work: () => Promise<void>): void {
  const promise = new Promise<void>((resolve) => setImmediate(resolve)).then(work);
  running.add(promise);
  void promise.finally(() => running.delete(promise));
}

/** Resolves once every job started in this process so far has ended. */
export async function jobsSettled(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}

/** Moves a CHECKED job to APPLYING once: a conditional update, so two confirmations cannot both apply it. */
export async function claimForApply(manager: EntityManager, job: ImportJob, content: Buffer): Promise<void> {
  if (sha256(content) !== job.contentHash) throw conflict('Tệp gửi lên khác tệp đã kiểm tra thử: hãy tải lên và kiểm tra lại tệp này');
  const claimed = await manager.update(ImportJob, { id: job.id, status: ImportJobStatus.CHECKED }, { status: ImportJobStatus.APPLYING });
  if (!claimed.affected) throw conflict(`Lần nhập này không chờ xác nhận (trạng thái ${job.status})`);
  job.status = ImportJobStatus.APPLYING;
}
