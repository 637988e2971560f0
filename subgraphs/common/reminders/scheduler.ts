import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { isDeadlock, isDuplicateKey, runAgainWhile, type Database } from '../database';
import { logger } from '../logging';
import { recordEvent } from '../outbox';
import { deliver, type ChannelKind, type OutgoingMessage } from './channels';
import { ReminderSent } from './entities';
import { Lease, releaseLease, takeLease } from '../lease';

/** Whom a reminder goes to, and how (their own preference, or the record's own contact). */
export interface Recipient {
  /** Stable and not personal: a token subject, or `application:<id>` for a record's contact. */
  key: string;
  channel: ChannelKind;
  address: string;
}

/** What a reminder says, and about which record and period (its sent-log key with the recipient). */
export interface ReminderContent {
  kind: string;
  recordId: string;
  period: string;
  subject: string;
  text: string;
}

/** One reminder found due: about one record, for one period, to its recipients. */
export interface DirectReminder extends ReminderContent {
  recipients: Recipient[];
}

/**
 * One reminder found due for the officers over a unit, in a subgraph that does not keep their
 * preferences (the teams subgraph does): it is announced once, as a `reminder.due` event, and the
 * teams subgraph sends it on to those officers (teams/services/reminders.ts).
 */
export interface AnnouncedReminder extends ReminderContent {
  /** The path of the unit whose officers (or those above it) are reminded. */
  officersOver: string;
}

export type DueReminder = DirectReminder | AnnouncedReminder;

/** The payload of `reminder.due` (docs/events.md): the message itself, written without personal data. */
export type ReminderDueV1 = ReminderContent;
export const REMINDER_DUE = 'reminder.due';

/**
 * A scheduled job: finds every reminder due at `now` from the subgraph's own data. It looks at the
 * state, not at what changed since its last run, so a run after downtime finds what the missed runs
 * would have (the sent-log keeps what they did send from going twice).
 */
export interface ReminderJob {
  name: string;
  everyMinutes: number;
  due(db: Database, now: Date): Promise<DueReminder[]>;
}

export interface TickResult {
  /** Jobs this scheduler ran (another replica held the others, or they were not due). */
  ran: string[];
  sent: number;
  /** Messages whose channel refused them: their sent-log rows are removed, so the next run retries. */
  failed: number;
  /** Reminders announced for the teams subgraph to send on (`reminder.due` events). */
  announced: number;
}

const LEASE_MINUTES = 10;

/**
 * Runs a subgraph's reminder jobs once across its replicas: a job runs in the replica that takes its
 * lease (lease.ts: a conditional update, which the database grants to one), and each message is
 * claimed in the sent-log (a unique key) before it is sent, so even two runs at once send it once.
 * Two claims of one key can deadlock (while its row is deleted: InnoDB locks the deleted row for
 * both, then each waits for the other): the victim is claimed again, and finds the key taken.
 * Written by hand: the schedulers on npm (node-cron, agenda, bree) either run in every replica or
 * need a store of their own (MongoDB, Redis); this is a lease row and an insert in our database.
 */
export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly jobs: readonly ReminderJob[],
    readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
  ) {}

  /** Runs every job that is due and whose lease this replica takes. */
  async tick(now = new Date()): Promise<TickResult> {
    const result: TickResult = { ran: [], sent: 0, failed: 0, announced: 0 };
    for (const job of this.jobs) {
      if (!(await this.takeDueLease(job, now))) continue;
      try {
        const due = await job.due(this.db, now);
        for (const reminder of due) {
          if ('officersOver' in reminder) await this.announce(reminder, now, result);
          else await this.send(reminder, now, result);
        }
        result.ran.push(job.name);
        await releaseLease(this.db, job.name, this.holder, now);
      } catch (error) {
        // The lease runs out by itself; the job runs again then.
        logger.error({ err: error, job: job.name }, 'reminder job failed');
      }
    }
    return result;
  }

  /** Ticks every `intervalMs` until stopped (one tick at a time). */
  start(intervalMs: number): void {
    const run = () => {
      this.running = this.tick().catch((error) => logger.error({ err: error }, 'reminder scheduler failed'));
    };
    run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** The job's lease, if this replica takes it and the job is due (else the lease is handed back). */
  private async takeDueLease(job: ReminderJob, now: Date): Promise<boolean> {
    if (!(await takeLease(this.db, job.name, this.holder, now, new Date(now.getTime() + LEASE_MINUTES * 60_000)))) return false;
    const lease = await this.db.manager.findOneByOrFail(Lease, { name: job.name });
    const nextRun = lease.lastRunAt ? lease.lastRunAt.getTime() + job.everyMinutes * 60_000 : 0;
    if (nextRun <= now.getTime()) return true;
    await releaseLease(this.db, job.name, this.holder);
    return false;
  }

  private claim(reminder: ReminderContent, recipientKey: string, channel: string, now: Date): ReminderSent {
    return this.db.manager.create(ReminderSent, {
      id: randomUUID(),
      kind: reminder.kind,
      recordId: reminder.recordId,
      period: reminder.period,
      recipientKey,
      channel,
      sentAt: now,
    });
  }

  /** The claim and the event in one transaction: announced once, however many runs find it due. */
  private async announce(reminder: AnnouncedReminder, now: Date, result: TickResult): Promise<void> {
    const { officersOver, ...content } = reminder;
    try {
      await runAgainWhile(isDeadlock, () =>
        this.db.transaction(async (manager) => {
          await manager.insert(ReminderSent, this.claim(content, 'officers-over', 'EVENT', now));
          const payload: ReminderDueV1 = content;
          await recordEvent(manager, { type: REMINDER_DUE, version: 1, subject: content.recordId, payload, scope: { unitPath: officersOver } });
        }),
      );
      result.announced += 1;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }

  private async send(reminder: DirectReminder, now: Date, result: TickResult): Promise<void> {
    for (const recipient of reminder.recipients) {
      const claim = this.claim(reminder, recipient.key, recipient.channel, now);
      try {
        await runAgainWhile(isDeadlock, () => this.db.manager.insert(ReminderSent, claim));
      } catch (error) {
        if (isDuplicateKey(error)) continue;
        throw error;
      }
      const message: OutgoingMessage = { to: recipient.address, subject: reminder.subject, text: reminder.text };
      try {
        await deliver(recipient.channel, message, { kind: reminder.kind, recordId: reminder.recordId, period: reminder.period });
        result.sent += 1;
      } catch (error) {
        // Not sent: give the claim back so that a later run retries (never the address in the log).
        await this.db.manager.delete(ReminderSent, { id: claim.id });
        result.failed += 1;
        logger.warn({ kind: reminder.kind, recordId: reminder.recordId, channel: recipient.channel, reason: (error as Error).message }, 'reminder not sent');
      }
    }
  }
}
