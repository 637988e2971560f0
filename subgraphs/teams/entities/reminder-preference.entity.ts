import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, UpdateDateColumn } from 'typeorm';
import { ChannelKind } from '../../common/reminders/channels';
import { IdentifiedEntity } from '../../common/entity';
import { SealedColumn } from '../../common/personal-data';

/**
 * How one person wants to be reminded: officers and team leaders, who have no record of their own
 * in the hub but their token, set it themselves (nobody else may: not even an admin). It keeps the
 * scope their token had when they set it, which is whose reminders they get; the address is
 * personal data, sealed at rest.
 */
@ObjectType({ description: 'How the signed-in person is reminded (only they see and set it)' })
@Entity('reminder_preference')
@Index('UQ_reminder_preference_person', ['personKey'], { unique: true })
@Index('IDX_reminder_preference_team', ['teamId'])
export class ReminderPreference extends IdentifiedEntity {
  /** The token subject of the person. */
  @Column({ type: 'varchar', length: 100 })
  personKey: string;

  /** OFFICER: the paths of the units they oversee, each between spaces (` /40/ /40/17227/ `), so a LIKE finds them. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  unitPaths: string | null;

  /** TEAM_LEADER: the team they lead. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  teamId: string | null;

  /** EMAIL or ZALO (channels.ts). */
  @Field(() => ChannelKind, { description: 'Where reminders are sent' })
  @Column({ type: 'varchar', length: 10 })
  channel: ChannelKind;

  @Field({ description: 'The email address, or the phone number that has Zalo' })
  @SealedColumn(254)
  address: string;

  /** The person asked for no reminders (kept, so that turning them on again needs no new address). */
  @Field({ description: 'No reminders for now' })
  @Column({ type: 'boolean', width: 1, default: false })
  optedOut: boolean;

  @Field({ description: 'When the preference was last changed' })
  @UpdateDateColumn()
  updatedAt: Date;
}

/**
 * A reminder another subgraph found due for the officers over a unit (a `reminder.due` event: a
 * pledge falling due, a memorandum ending, an expense waiting), kept until the teams subgraph's
 * scheduler has sent it on to those officers by their preferences (services/reminders.ts). One row
 * per reminder and period, however often the event is delivered.
 */
@Entity('announced_reminder')
@Index('UQ_announced_reminder', ['kind', 'recordId', 'period'], { unique: true })
@Index('IDX_announced_reminder_received', ['receivedAt'])
export class AnnouncedReminderRow extends IdentifiedEntity {
  /** The subgraph that announced it. */
  @Column({ type: 'varchar', length: 40 })
  source: string;

  @Column({ type: 'varchar', length: 60 })
  kind: string;

  @Column({ type: 'varchar', length: 36 })
  recordId: string;

  @Column({ type: 'varchar', length: 20 })
  period: string;

  /** The unit whose officers (or those above it) are reminded. */
  @Column({ type: 'varchar', length: 255 })
  unitPath: string;

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'varchar', length: 1000 })
  text: string;

  @Column({ type: 'datetime' })
  receivedAt: Date;
}
