import { LocalDateResolver } from 'graphql-scalars';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { EventKind, EventStatus, VenueKind } from './enums';

/** A digital-transformation fair, a campaign or a training day, organised by a unit. */
@ObjectType({ description: 'A fair (ngày hội / phiên chợ chuyển đổi số), a campaign or a training day' })
@Directive('@key(fields: "id")')
@Entity('event')
@Index('IDX_event_unit_path_starts', ['unitPath', 'startsOn'])
export class Event extends IdentifiedEntity {
  @Field(() => EventKind, { description: 'What kind of event it is' })
  @Column({ type: 'varchar', length: 16 })
  kind: EventKind;

  @Field({ description: 'The event’s title' })
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field(() => String, { nullable: true, description: 'What the event is about' })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  description: string | null;

  @Field({ description: 'The organising unit' })
  @Column({ type: 'varchar', length: 20 })
  unitCode: string;

  @Column({ type: 'varchar', length: 255 })
  unitPath: string;

  @Field({ description: 'e.g. "Trường THCS Tam Quang"' })
  @Column({ type: 'varchar', length: 200 })
  venue: string;

  @Field(() => VenueKind, { description: 'What kind of place the venue is' })
  @Column({ type: 'varchar', length: 16 })
  venueKind: VenueKind;

  @Field(() => LocalDateResolver, { description: 'The event’s first day' })
  @Column({ type: 'date' })
  startsOn: string;

  @Field(() => LocalDateResolver, { description: 'The event’s last day' })
  @Column({ type: 'date' })
  endsOn: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day stall applications are taken' })
  @Column({ type: 'date', nullable: true })
  applicationDeadline: string | null;

  @Field(() => EventStatus, { description: 'Where the event stands' })
  @Column({ type: 'varchar', length: 24 })
  status: EventStatus;

  @Field(() => Int, { description: 'E-wallet and bank accounts opened at the event' })
  @Column({ type: 'int', default: 0 })
  accountsOpened: number;

  @Field(() => Int, { description: 'Shops onboarded onto e-commerce platforms at the event' })
  @Column({ type: 'int', default: 0 })
  shopsOnboarded: number;

  @Field({ description: 'When the event was recorded' })
  @CreateDateColumn()
  createdAt: Date;
}

/** A team taking part in an event. */
@Entity('event_team')
@Index('UQ_event_team', ['eventId', 'teamId'], { unique: true })
export class EventTeam extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'eventId', foreignKeyConstraintName: 'FK_event_team_event' })
  event?: Event;

  @Index('IDX_event_team_team')
  @Column({ type: 'varchar', length: 36 })
  teamId: string;
}

/** A user (token subject, with the ORGANISER role) who organises an event. */
@ObjectType({ description: 'A user (with the ORGANISER role) who organises an event' })
@Entity('event_organiser')
@Index('UQ_event_organiser', ['eventId', 'subject'], { unique: true })
export class EventOrganiser extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'eventId', foreignKeyConstraintName: 'FK_event_organiser_event' })
  event?: Event;

  @Field({ description: 'Their token subject' })
  @Column({ type: 'varchar', length: 100 })
  subject: string;

  @Field({ description: 'The organiser’s name' })
  @Column({ type: 'varchar', length: 120 })
  name: string;
}
