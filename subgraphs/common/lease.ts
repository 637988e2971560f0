import { Column, Entity, PrimaryColumn } from 'typeorm';
import { isDeadlock, runAgainWhile, type Database } from './database';

/**
 * A named lease in a subgraph's database: what makes a scheduled job (a reminder job, a retention
 * run) run in one replica at a time. A replica takes it with a conditional update (free, expired,
 * or already its own), which the database grants to one; a replica that dies holding it loses it
 * when it expires. Written by hand: the lock libraries on npm need a store of their own (Redis);
 * this is one row and one update in the database every subgraph already has.
 */
@Entity('lease')
export class Lease {
  /** The job: `retention`, `teams.activity-report-owed`. */
  @PrimaryColumn({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  holder: string | null;

  @Column({ type: 'datetime', nullable: true })
  expiresAt: Date | null;

  /** When the job last ran to the end (a scheduled job is next due some minutes later, or at once after downtime). */
  @Column({ type: 'datetime', nullable: true })
  lastRunAt: Date | null;
}

/**
 * Takes the named lease until `until` if it is free or expired (or already ours); true when taken.
 * Each statement runs on its own (autocommit). Two replicas inserting the row at once: one insert
 * wins, the other's is ignored; but when the row is being deleted (a reset), both wait for it,
 * both lock it to read it, and InnoDB makes one the victim of a deadlock: that one runs again.
 */
export async function takeLease(db: Database, name: string, holder: string, now: Date, until: Date): Promise<boolean> {
  await runAgainWhile(isDeadlock, () => db.manager.createQueryBuilder().insert().into(Lease).values({ name, holder: null, expiresAt: null, lastRunAt: null }).orIgnore().execute());
  const { affected } = await db.manager
    .createQueryBuilder()
    .update(Lease)
    .set({ holder, expiresAt: until })
    .where('name = :name', { name })
    .andWhere('(holder IS NULL OR expiresAt IS NULL OR expiresAt <= :now OR holder = :holder)', { now, holder })
    .execute();
  return (affected ?? 0) > 0;
}

/** Gives the lease back (only if still ours), noting when the job ran to the end if it did. */
export async function releaseLease(db: Database, name: string, holder: string, ranAt?: Date): Promise<void> {
  await db.manager.update(Lease, { name, holder }, { holder: null, expiresAt: null, ...(ranAt ? { lastRunAt: ranAt } : {}) });
}
