import { LocalDateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { SealedColumn } from '../../common/personal-data';
import { HoursStatus } from './enums';
import { Programme } from './programme.entity';

/** Someone giving time, a team member or not (an outside expert, a student). */
@ObjectType({ description: 'Someone giving time, a team member or not (an outside expert, a student)' })
@Entity('volunteer')
@Index('IDX_volunteer_unit_path', ['unitPath'])
export class Volunteer extends IdentifiedEntity {
  @Field({ description: 'The unit the volunteer gives time to' })
  @Column({ type: 'varchar', length: 20 })
  unitCode: string;

  @Column({ type: 'varchar', length: 255 })
  unitPath: string;

  /** Personal data, like the phone. */
  @Column({ type: 'varchar', length: 120 })
  fullName: string;

  @SealedColumn(15, { nullable: true })
  phone: string | null;

  /** Their membership in a team (teams subgraph), when they are a member. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  memberId: string | null;

  @Field({ description: 'Comma-separated, e.g. "livestream, sửa chữa thiết bị"' })
  @Column({ type: 'varchar', length: 500 })
  skills: string;
}

/**
 * Hours a volunteer gave to a programme on one day: logged by the programme's managers (approved
 * at once), or by the volunteer themselves (typed, or from checking in and out of a planned shift),
 * then approved, corrected or declined by the managers. Never deleted.
 */
@ObjectType({ description: 'Hours a volunteer gave to a programme on one day' })
@Entity('volunteer_shift')
@Index('IDX_volunteer_shift_programme_status', ['programmeId', 'status'])
export class VolunteerShift extends IdentifiedEntity {
  @Index('IDX_volunteer_shift_volunteer')
  @Column({ type: 'varchar', length: 36 })
  volunteerId: string;

  @ManyToOne(() => Volunteer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'volunteerId', foreignKeyConstraintName: 'FK_volunteer_shift_volunteer' })
  volunteer?: Volunteer;

  @Index('IDX_volunteer_shift_programme')
  @Column({ type: 'varchar', length: 36 })
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programmeId', foreignKeyConstraintName: 'FK_volunteer_shift_programme' })
  programme?: Programme;

  @Field(() => LocalDateResolver, { description: 'The day the hours were given' })
  @Column({ type: 'date' })
  workedOn: string;

  /** Minutes, so half hours stay whole numbers. */
  @Column({ type: 'integer' })
  minutes: number;

  @Field(() => String, { nullable: true, description: 'What the volunteer did' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  activity: string | null;

  @Field({ description: 'Hours that count (as approved or corrected; as logged while pending), e.g. 2.5' })
  get hours(): number {
    return this.minutes / 60;
  }

  @Field(() => HoursStatus, { description: 'Whether the hours are approved' })
  @Column({ type: 'varchar', length: 12, default: HoursStatus.APPROVED })
  status: HoursStatus;

  /** What the volunteer logged, when a manager corrected it. */
  @Column({ type: 'integer', nullable: true })
  loggedMinutes: number | null;

  @Field(() => Number, { nullable: true, description: 'The hours the volunteer logged, when a manager corrected them' })
  get loggedHours(): number | null {
    return this.loggedMinutes === null ? null : this.loggedMinutes / 60;
  }

  @Field(() => String, { nullable: true, description: 'Why the hours were corrected or declined' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  decisionReason: string | null;

  /** Token subjects: who logged the hours and who decided (the logger never decides their own). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  loggedBy: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  decidedBy: string | null;

  /** The planned shift the hours come from (check-in and check-out), if any. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  plannedShiftId: string | null;
}

/** A shift a programme plans (a stall at a fair, a day of door-to-door help), with a capacity volunteers sign up within. */
@ObjectType({ description: 'A shift a programme plans (a stall at a fair, a day of door-to-door help), with a capacity volunteers sign up within' })
@Entity('planned_shift')
@Index('IDX_planned_shift_unit_starts', ['unitPath', 'startsAt'])
export class PlannedShift extends IdentifiedEntity {
  @Index('IDX_planned_shift_programme')
  @Column({ type: 'varchar', length: 36 })
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programmeId', foreignKeyConstraintName: 'FK_planned_shift_programme' })
  programme?: Programme;

  /** The programme's unit, copied for the unit's list of shifts. */
  @Column({ type: 'varchar', length: 255 })
  unitPath: string;

  /** The event (events subgraph) the shift serves, if any: a reference, never a join. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  eventId: string | null;

  @Field({ description: 'What the shift is for' })
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field(() => String, { nullable: true, description: 'Where the shift takes place' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  place: string | null;

  @Field({ description: 'When the shift starts' })
  @Column({ type: 'datetime' })
  startsAt: Date;

  @Field({ description: 'When the shift ends' })
  @Column({ type: 'datetime' })
  endsAt: Date;

  @Field(() => Int, { description: 'How many volunteers the shift takes' })
  @Column({ type: 'integer' })
  capacity: number;

  /** Kept by conditional updates (`signedUp < capacity`), so no shift is ever overbooked. */
  @Field(() => Int, { description: 'Volunteers signed up' })
  @Column({ type: 'integer', default: 0 })
  signedUp: number;
}

/** A volunteer's place on a planned shift; checking in and out turns it into logged hours. */
@ObjectType({ description: 'A volunteer’s place on a planned shift; checking in and out turns it into logged hours' })
@Entity('shift_signup')
@Index('UQ_shift_signup_shift_volunteer', ['shiftId', 'volunteerId'], { unique: true })
export class ShiftSignup extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  shiftId: string;

  @ManyToOne(() => PlannedShift, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'shiftId', foreignKeyConstraintName: 'FK_shift_signup_shift' })
  shift?: PlannedShift;

  @Index('IDX_shift_signup_volunteer')
  @Column({ type: 'varchar', length: 36 })
  volunteerId: string;

  @ManyToOne(() => Volunteer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'volunteerId', foreignKeyConstraintName: 'FK_shift_signup_volunteer' })
  volunteer?: Volunteer;

  @CreateDateColumn()
  signedUpAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the volunteer arrived' })
  @Column({ type: 'datetime', nullable: true })
  checkedInAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the volunteer left' })
  @Column({ type: 'datetime', nullable: true })
  checkedOutAt: Date | null;

  /** Cancelled places free their seat; signing up again takes one again. */
  @Field(() => Date, { nullable: true, description: 'When the place was given up; signing up again takes one again' })
  @Column({ type: 'datetime', nullable: true })
  cancelledAt: Date | null;
}
