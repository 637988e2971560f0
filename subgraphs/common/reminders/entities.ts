import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { IdentifiedEntity } from '../entity';

/**
 * One reminder sent to one person: the sent-log. Its unique key (the reminder's kind, the record it
 * is about, the period it is for, the person) is what makes a reminder go out at most once, whichever
 * replica or run finds it due: the row is claimed by an insert before the message is sent.
 */
@Entity('reminder_sent')
@Index('UQ_reminder_sent', ['kind', 'recordId', 'period', 'recipientKey'], { unique: true })
export class ReminderSent extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 60 })
  kind: string;

  @Column({ type: 'varchar', length: 36 })
  recordId: string;

  /** Which occurrence: a month (`2026-11`), a due date, or `once`. */
  @Column({ type: 'varchar', length: 20 })
  period: string;

  /** Whom: a token subject (officers, team leaders) or a record's own contact (`application:<id>`). */
  @Column({ type: 'varchar', length: 100 })
  recipientKey: string;

  @Column({ type: 'varchar', length: 10 })
  channel: string;

  @Column({ type: 'datetime' })
  sentAt: Date;
}

/**
 * A scheduled job's lease: the replica whose conditional update moved `leaseUntil` runs the job, the
 * others skip it until the lease has run out (so a replica that dies mid-run is replaced).
 */
@Entity('job_lease')
export class JobLease {
  @PrimaryColumn({ type: 'varchar', length: 60 })
  job: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  holder: string | null;

  @Column({ type: 'datetime' })
  leaseUntil: Date;

  /** When the job last ran to the end: the next run is due `everyMinutes` later, or at once after downtime. */
  @Column({ type: 'datetime', nullable: true })
  lastRunAt: Date | null;
}
