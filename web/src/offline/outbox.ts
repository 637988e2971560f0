/**
 * Reports written without signal wait here, on the phone (localStorage survives closing the app),
 * until they are sent. Each keeps the key it was given when written; it leaves the outbox only
 * once the hub has answered for it, and one send runs at a time (across tabs too, with the Web
 * Locks API where the browser has it), so a report is never sent twice.
 */
export interface QueuedReport {
  /** Given when the report is written; the same through every attempt. */
  key: string;
  teamId: string;
  month: string;
  figures: { indicator: string; value: number }[];
  note?: string;
  savedAt: string;
  attempts: number;
  /** Why the hub refused it (shown to the leader to fix); unset while it waits to be sent. */
  refusal?: string;
}

/** What happened to one report on a send. */
export type SendOutcome = { kind: 'sent' } | { kind: 'refused'; reason: string } | { kind: 'unreachable' };

const STORAGE_KEY = 'bao-cao-cho-gui';

export class Outbox {
  private sending: Promise<void> | undefined;
  private next: Promise<void> | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: Storage = localStorage) {}

  list(): QueuedReport[] {
    try {
      return JSON.parse(this.storage.getItem(STORAGE_KEY) ?? '[]') as QueuedReport[];
    } catch {
      return [];
    }
  }

  private save(reports: QueuedReport[]): void {
    this.storage.setItem(STORAGE_KEY, JSON.stringify(reports));
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Keeps a report to send; a report of the same team and month not yet sent is replaced (the leader edited it). */
  add(report: Omit<QueuedReport, 'key' | 'savedAt' | 'attempts'>, key: string = crypto.randomUUID()): QueuedReport {
    const queued: QueuedReport = { ...report, key, savedAt: new Date().toISOString(), attempts: 0 };
    const others = this.list().filter((item) => !(item.teamId === report.teamId && item.month === report.month && item.attempts === 0));
    this.save([...others, queued]);
    return queued;
  }

  remove(key: string): void {
    this.save(this.list().filter((item) => item.key !== key));
  }

  /**
   * Sends every waiting report in order; stops at the first the hub cannot be reached for (the
   * rest wait with it). Calls during a run share one more run after it: the connection may have
   * come back while that run's send was failing, and that run ends without trying again.
   */
  flush(send: (report: QueuedReport) => Promise<SendOutcome>): Promise<void> {
    if (this.sending) {
      this.next ??= this.sending.then(() => {
        this.next = undefined;
        return this.flush(send);
      });
      return this.next;
    }
    this.sending = this.exclusively(() => this.sendAll(send)).finally(() => {
      this.sending = undefined;
    });
    return this.sending;
  }

  private exclusively(run: () => Promise<void>): Promise<void> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    return locks ? locks.request(STORAGE_KEY, run).then(() => undefined) : run();
  }

  private async sendAll(send: (report: QueuedReport) => Promise<SendOutcome>): Promise<void> {
    for (const waiting of this.list().filter((item) => !item.refusal)) {
      // Counted before sending: a report whose answer was lost is known to have been tried.
      this.update(waiting.key, { attempts: waiting.attempts + 1 });
      const outcome = await send({ ...waiting, attempts: waiting.attempts + 1 });
      if (outcome.kind === 'unreachable') return;
      if (outcome.kind === 'sent') this.remove(waiting.key);
      else this.update(waiting.key, { refusal: outcome.reason });
    }
  }

  private update(key: string, change: Partial<QueuedReport>): void {
    this.save(this.list().map((item) => (item.key === key ? { ...item, ...change } : item)));
  }
}
