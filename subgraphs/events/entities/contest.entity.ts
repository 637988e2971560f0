import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { BasicSkill } from '../../common/skills';
import { ContestKind } from './enums';
import { Event } from './event.entity';

/** A contest at an event: livestream selling of farm produce, a digital quiz, best propagandist, a short film. */
@ObjectType({ description: 'A contest at an event: livestream selling of farm produce, a digital quiz, best propagandist, a short film' })
@Entity('contest')
export class Contest extends IdentifiedEntity {
  @Index('IDX_contest_event')
  @Column({ type: 'varchar', length: 36 })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'eventId', foreignKeyConstraintName: 'FK_contest_event' })
  event?: Event;

  @Field(() => ContestKind, { description: 'What kind of contest it is' })
  @Column({ type: 'varchar', length: 20 })
  kind: ContestKind;

  @Field({ description: 'The contest’s title' })
  @Column({ type: 'varchar', length: 200 })
  title: string;
}

/** A prize for a rank (1 = first), possibly an in-kind gift from the resources subgraph (which records its hand-over). */
@ObjectType({ description: 'A prize for a rank (1 = first), possibly an in-kind gift from the resources subgraph, which records its hand-over' })
@Directive('@key(fields: "id")')
@Entity('contest_prize')
@Index('UQ_contest_prize_rank', ['contestId', 'rank'], { unique: true })
export class ContestPrize extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  contestId: string;

  @ManyToOne(() => Contest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contestId', foreignKeyConstraintName: 'FK_contest_prize_contest' })
  contest?: Contest;

  @Field(() => Int, { description: 'The rank the prize is for: 1 for first' })
  @Column({ type: 'int' })
  rank: number;

  @Field({ description: 'e.g. "Giải nhất: 01 điện thoại thông minh"' })
  @Column({ type: 'varchar', length: 200 })
  description: string;

  /** A gift lot of the resources subgraph (referenced by id only). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  giftId: string | null;
}

/** An entry in a contest and its score. */
@ObjectType({ description: 'An entry in a contest and its score' })
@Entity('contest_entry')
export class ContestEntry extends IdentifiedEntity {
  @Index('IDX_contest_entry_contest')
  @Column({ type: 'varchar', length: 36 })
  contestId: string;

  @ManyToOne(() => Contest, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contestId', foreignKeyConstraintName: 'FK_contest_entry_contest' })
  contest?: Contest;

  /** The entrant (a team, a co-operative, a person): public only as `ContestEntryResolver.entrant` allows. */
  @Column({ type: 'varchar', length: 200 })
  entrant: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  teamId: string | null;

  @Field({ description: 'What was entered: the product sold, the film’s title…' })
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field(() => Int, { nullable: true, description: '0 to 100, given by the organisers' })
  @Column({ type: 'int', nullable: true })
  score: number | null;

  /** The organiser's order among entries tied on their score (1 first); null while the tie stands. */
  @Column({ type: 'int', nullable: true })
  tieBreak: number | null;

  @CreateDateColumn()
  enteredAt: Date;
}

/** Residents helped at an event with one basic skill: a count, nothing personal. */
@ObjectType({ description: 'Residents helped at an event with one basic skill: a count, nothing personal' })
@Entity('event_tally')
@Index('UQ_event_tally_skill', ['eventId', 'skill'], { unique: true })
export class EventTally extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'eventId', foreignKeyConstraintName: 'FK_event_tally_event' })
  event?: Event;

  @Field(() => BasicSkill, { description: 'The basic skill' })
  @Column({ type: 'varchar', length: 24 })
  skill: BasicSkill;

  @Field(() => Int, { description: 'How many residents were helped with it' })
  @Column({ type: 'int' })
  residentsHelped: number;
}
