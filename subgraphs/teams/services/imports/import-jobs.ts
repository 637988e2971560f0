import { createHash, randomUUID } from 'node:crypto';
import { In, IsNull, LessThan, type EntityManager } from 'typeorm';
import { Viewer } from '../../../common/auth';
import type { Database } from '../../../common/database';
import { conflict } from '../../../common/errors';
import { logger } from '../../../common/logging';
import { AdministrativeUnit, ImportIssue, ImportIssueKind, ImportJob, ImportJobStatus } from '../../entities';
import { applyCommune, type CommuneOutcome } from './roster-apply';
import { planRoster, type RosterPlan } from './roster-plan';
import { ROSTER_COLUMNS, type RowIssue } from './roster-sheet';
import { discardAbandonedUploads, discardUpload, uploadedFile } from './uploads';
import { t } from '../../../common/messages';

/**
 * Roster imports as jobs that run in the subgraph's process after the mutation has answered:
 * the caller polls `importJob(id)` for the status and counts (the web app's progress bar).
 * The dry run writes each commune in a transaction it then rolls back, so its warnings are
 * exactly what applying would decide; applying writes each commune in one transaction, with the
 * job's progress and that commune's warnings in the same transaction.
 *
 * The job's state is in the database and its file too (uploads.ts), so a job outlives its
 * process: a run claims the job (`runner`) and keeps it fresh while it works; a job whose run
 * has stopped (released on shutdown, or silent for STALE_AFTER_MS after a crash) is taken up by
 * the next sweep of any process (`resumeStoppedJobs`): a dry run starts over, applying goes on
 * from the first commune not yet written.
 */

export const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** A run refreshes its claim this often… */
const HEARTBEAT_MS = 30_000;
/** …and a claim not refreshed for this long belongs to a run that has stopped. */
export const STALE_AFTER_MS = 2 * 60_000;

/** Thrown inside a dry run's transaction to roll it back, carrying what applying would have done. */
class DryRun extends Error {
  constructor(readonly outcome: CommuneOutcome) {
    super('dry run');
  }
}

/** Another run has taken the job over (this one was thought stopped): this one ends quietly. */
class Superseded extends Error {}

/** The process is stopping: the run lets go of the job between communes, for the next process. */
class Stopping extends Error {}

/** Databases whose processes are stopping (see stopJobs). */
const stopping = new WeakSet<Database>();

interface Run {
  db: Database;
  viewer: Viewer;
  job: ImportJob;
  runner: string;
}

/** Issues are written in slices: a province's file can have thousands. */
const ISSUE_SLICE = 500;

async function recordIssues(manager: EntityManager, jobId: string, kind: ImportIssueKind, issues: RowIssue[]): Promise<void> {
  const rows = issues.map(({ row, column, code, message }) =>
    manager.create(ImportIssue, { jobId, row, field: ROSTER_COLUMNS[column], kind, code, message: message.slice(0, 500) }),
  );
  for (let start = 0; start < rows.length; start += ISSUE_SLICE) await manager.insert(ImportIssue, rows.slice(start, start + ISSUE_SLICE));
}

/** Writes the job's progress, only while this run still holds it. */
async function progress(manager: EntityManager, run: Run, values: Partial<ImportJob>): Promise<void> {
  const result = await manager.update(ImportJob, { id: run.job.id, runner: run.runner }, values);
  if (!result.affected) throw new Superseded();
  Object.assign(run.job, values);
}

const TOTALS = ['teamsCreated', 'membersJoined', 'membersChanged', 'membersLeft'] as const;

/**
 * Runs the commune plans from `from` on (dry or for real), counting and keeping the job's
 * progress; the file's own warnings go with the first commune's.
 */
async function runCommunes(run: Run, plan: RosterPlan, dry: boolean, from: number): Promise<void> {
  const { db, viewer, job } = run;
  if (plan.communes.length === 0) await recordIssues(db.manager, job.id, ImportIssueKind.WARNING, plan.warnings);
  for (const [index, commune] of plan.communes.entries()) {
    if (index < from) continue;
    if (stopping.has(db)) throw new Stopping();
    const fileWarnings = index === 0 ? plan.warnings : [];
    const record = async (manager: EntityManager, outcome: CommuneOutcome) => {
      await recordIssues(manager, job.id, ImportIssueKind.WARNING, [...fileWarnings, ...outcome.warnings]);
      const totals = Object.fromEntries(TOTALS.map((key) => [key, job[key] + outcome[key]]));
      await progress(manager, run, { communesDone: index + 1, ...totals });
    };
    if (dry) {
      let outcome: CommuneOutcome;
      try {
        await db.transaction(async (manager) => {
          throw new DryRun(await applyCommune(manager, commune, { db, viewer, job }));
        });
      } catch (error) {
        if (!(error instanceof DryRun)) throw error;
        outcome = error.outcome;
      }
      await record(db.manager, outcome!);
    } else {
      // All of a commune or none: its members, its warnings and the job's progress together.
      await db.transaction(async (manager) => record(manager, await applyCommune(manager, commune, { db, viewer, job })));
    }
  }
}

async function planFor(db: Database, job: ImportJob, content: Buffer): Promise<RosterPlan> {
  const unit = await db.manager.findOneByOrFail(AdministrativeUnit, { code: job.unitCode });
  return planRoster(job.format, content, { unit }, db.manager);
}

const warningCount = (db: Database, jobId: string) => db.manager.countBy(ImportIssue, { jobId, kind: ImportIssueKind.WARNING });

/** The dry run: reads and checks the file, then what applying would do, commune by commune; writes only the job and its issues. */
async function check(run: Run, content: Buffer): Promise<void> {
  const { db, job } = run;
  // Resumed, it starts over: all it wrote is the job's counts and issues.
  await db.manager.delete(ImportIssue, { jobId: job.id });
  await progress(db.manager, run, { communesDone: 0, problems: 0, warnings: 0, converted: 0, teamsCreated: 0, membersJoined: 0, membersChanged: 0, membersLeft: 0 });
  const plan = await planFor(db, job, content);
  await progress(db.manager, run, { rows: plan.rows, communes: plan.communes.length, teams: plan.communes.reduce((sum, commune) => sum + commune.teams.length, 0) });
  await recordIssues(db.manager, job.id, ImportIssueKind.PROBLEM, plan.problems);
  await recordIssues(db.manager, job.id, ImportIssueKind.CONVERTED, plan.conversions);
  const converted = new Set(plan.conversions.map((issue) => issue.row)).size;
  if (plan.problems.length > 0) {
    await recordIssues(db.manager, job.id, ImportIssueKind.WARNING, plan.warnings);
    await progress(db.manager, run, { status: ImportJobStatus.REFUSED, problems: plan.problems.length, warnings: plan.warnings.length, converted, runner: null });
    await discardUpload(db, job.uploadId);
    return;
  }
  await runCommunes(run, plan, true, 0);
  await progress(db.manager, run, { status: ImportJobStatus.CHECKED, warnings: await warningCount(db, job.id), converted, runner: null });
}

/** Writes a checked file, commune by commune, from the first not yet written; the job's warnings become those applying decided. */
async function apply(run: Run, content: Buffer): Promise<void> {
  const { db, job } = run;
  const plan = await planFor(db, job, content);
  if (plan.problems.length > 0) throw new Error(t('problems.fileHasErrors'));
  await runCommunes(run, plan, false, job.communesDone);
  await progress(db.manager, run, { status: ImportJobStatus.DONE, warnings: await warningCount(db, job.id), runner: null });
  await discardUpload(db, job.uploadId);
}

/** The officer the job acts for when it is resumed without a request: its uploader. */
const uploaderOf = (job: ImportJob) => Viewer.fromClaims({ sub: job.createdBy ?? 'system', roles: [] });

/** Works on a job this process has claimed (`job.runner`) until it ends, fails, or the process stops. */
export async function runJob(db: Database, job: ImportJob, viewer: Viewer = uploaderOf(job), content?: Buffer): Promise<void> {
  const run: Run = { db, viewer, job, runner: job.runner! };
  const heartbeat = setInterval(() => void db.manager.update(ImportJob, { id: job.id, runner: run.runner }, { runner: run.runner }).catch(() => undefined), HEARTBEAT_MS);
  heartbeat.unref();
  try {
    const file = content ?? (job.uploadId ? await uploadedFile(db.manager, job.uploadId, null) : null);
    if (!file) throw new Error(t('problems.importFileRemoved'));
    if (job.status === ImportJobStatus.CHECKING) await check(run, file);
    else if (job.status === ImportJobStatus.APPLYING) await apply(run, file);
  } catch (error) {
    if (error instanceof Superseded) return;
    if (error instanceof Stopping) {
      await db.manager.update(ImportJob, { id: job.id, runner: run.runner }, { runner: null });
      return;
    }
    const failure = t('rosterIssues.failed', { reason: (error as Error).message }).slice(0, 500);
    const result = await db.manager.update(ImportJob, { id: job.id, runner: run.runner }, { status: ImportJobStatus.FAILED, failure, runner: null });
    if (result.affected) await discardUpload(db, job.uploadId);
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * Takes up the jobs whose run has stopped (let go on shutdown, or silent since a crash), each
 * claimed by a conditional update so that two processes sweeping at once never both run it.
 * Returns how many this process took up.
 */
export async function resumeStoppedJobs(db: Database, now = Date.now()): Promise<number> {
  const unfinished = In([ImportJobStatus.CHECKING, ImportJobStatus.APPLYING]);
  const jobs = await db.manager.find(ImportJob, {
    where: [
      { status: unfinished, runner: IsNull() },
      { status: unfinished, updatedAt: LessThan(new Date(now - STALE_AFTER_MS)) },
    ],
  });
  let resumed = 0;
  for (const job of jobs) {
    const runner = randomUUID();
    const claimed = await db.manager.update(ImportJob, { id: job.id, status: job.status, runner: job.runner ?? IsNull() }, { runner });
    if (!claimed.affected) continue;
    job.runner = runner;
    inBackground(() => runJob(db, job));
    resumed += 1;
  }
  return resumed;
}

/** A run's claim on a job it starts (the job is saved with it). */
export const newRunner = () => randomUUID();

/** How often each process looks for stopped jobs and abandoned uploads. */
const SWEEP_MS = 60_000;

/**
 * The teams subgraph's background work: resumes stopped jobs now and every minute, and deletes
 * abandoned uploads. The returned function stops it and lets the running jobs go between
 * communes, for the next process to resume.
 */
export function sweepImports(db: Database): { stop(): Promise<void> } {
  const sweep = () => Promise.all([resumeStoppedJobs(db), discardAbandonedUploads(db)]).catch((error: unknown) => logger.warn({ err: error }, 'import sweep failed'));
  void sweep();
  const timer = setInterval(() => void sweep(), SWEEP_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      stopping.add(db);
      await jobsSettled();
    },
  };
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
export async function claimForApply(manager: EntityManager, job: ImportJob, content?: Buffer): Promise<void> {
  if (content && sha256(content) !== job.contentHash) throw conflict(t('conflicts.fileDiffersFromCheck'));
  const start = { status: ImportJobStatus.APPLYING, runner: newRunner(), communesDone: 0, teamsCreated: 0, membersJoined: 0, membersChanged: 0, membersLeft: 0 };
  const claimed = await manager.update(ImportJob, { id: job.id, status: ImportJobStatus.CHECKED }, start);
  if (!claimed.affected) throw conflict(t('conflicts.importNotAwaiting', { jobStatus: t(`enums.ImportJobStatus.${job.status}`) }));
  // Applying decides the warnings again (the database may have changed since the dry run).
  await manager.delete(ImportIssue, { jobId: job.id, kind: ImportIssueKind.WARNING });
  Object.assign(job, start);
}
