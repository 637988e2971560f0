import { Column, Entity, Index } from 'typeorm';
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
