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
  @Field(() => ChannelKind)
  @Column({ type: 'varchar', length: 10 })
  channel: ChannelKind;

  @Field({ description: 'The email address, or the phone number that has Zalo' })
  @SealedColumn(254)
  address: string;

  /** The person asked for no reminders (kept, so that turning them on again needs no new address). */
  @Field({ description: 'No reminders for now' })
  @Column({ type: 'boolean', width: 1, default: false })
  optedOut: boolean;

  @Field()
  @UpdateDateColumn()
  updatedAt: Date;
}
