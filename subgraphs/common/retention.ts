import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Database } from './database';
import { EnvReader } from './env';
import { releaseLease, takeLease } from './lease';

/**
 * Retention (Law 91/2025/QH15: personal data is kept no longer than its purpose needs). Each
 * subgraph names, per kind of personal data, when it has served its purpose (`RetentionRule`);
 * `applyRetention` erases what has, in small batches, each in its own transaction:
 *
 * - idempotent: a rule only picks rows still holding what it erases, so a second run finds nothing;
 * - resumable: a run stopped half-way has committed whole batches, and the next run goes on;
 * - once across replicas: a run first takes the subgraph's `retention` lease (lease.ts), so two
 *   replicas started by the same schedule do not both run.
 *
 * `now` is a parameter (a fake clock in tests); nothing here reads the time itself. Every period
 * is a setting (`RETENTION_*`, today's values the defaults; docs/operations.md's table), read when
 * the subgraph and the job start: a period below a legal minimum refuses to start.
 */

/** One kind of personal data and when it has served its purpose. */
export interface RetentionRule {
  /** Stable name, for the logs: `stall-contacts`. */
  name: string;
  /** What is erased and when, in words (docs and logs). */
  description: string;
  /**
   * Erases at most `limit` rows past their time at `now`, in `manager`'s transaction, and
   * returns how many it erased; a row it erased is never picked again.
   */
  eraseBatch(manager: EntityManager, now: Date, limit: number): Promise<number>;
}

/** A subgraph's rules, with their periods read from the environment (`SubgraphDefinition.retention`). */
export type RetentionRules = (env: EnvReader) => RetentionRule[];

/** The rules with the periods `source` sets; throws, naming every bad period, before anything is erased. */
export function readRetentionRules(read: RetentionRules | undefined, source: NodeJS.ProcessEnv = process.env): RetentionRule[] {
  const env = new EnvReader(source);
  const rules = read?.(env) ?? [];
  env.done();
  return rules;
}

export interface RetentionRun {
  /** False when another replica holds the lease: nothing was done. */
  ran: boolean;
  /** Rows erased per rule. */
  erased: Record<string, number>;
}

const LEASE = 'retention';

/** Applies every rule, batch by batch, under the subgraph's lease. */
export async function applyRetention(
  db: Database,
  rules: readonly RetentionRule[],
  { now, holder = randomUUID(), batchSize = 200, leaseMinutes = 30 }: { now: Date; holder?: string; batchSize?: number; leaseMinutes?: number },
): Promise<RetentionRun> {
  const erased: Record<string, number> = Object.fromEntries(rules.map((rule) => [rule.name, 0]));
  if (!(await takeLease(db, LEASE, holder, now, new Date(now.getTime() + leaseMinutes * 60_000)))) return { ran: false, erased };
  try {
    for (const rule of rules) {
      for (;;) {
        const count = await db.transaction((manager) => rule.eraseBatch(manager, now, batchSize));
        erased[rule.name] += count;
        if (count < batchSize) break;
      }
    }
  } finally {
    await releaseLease(db, LEASE, holder);
  }
  return { ran: true, erased };
}

/** `months` before `now`, as a date (YYYY-MM-DD) and as a time: where a rule's period ends. */
export function monthsBefore(now: Date, months: number): { date: string; time: Date } {
  const time = new Date(now);
  time.setUTCMonth(time.getUTCMonth() - months);
  return { date: time.toISOString().slice(0, 10), time };
}
