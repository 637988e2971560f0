import { LocalDateResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { SealedColumn } from '../../common/personal-data';
import { Programme } from './programme.entity';

/** Someone giving time, a team member or not (an outside expert, a student). */
@ObjectType()
@Entity('volunteer')
@Index('IDX_volunteer_unit_path', ['unitPath'])
export class Volunteer extends IdentifiedEntity {
  @Field()
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

/** Hours a volunteer gave to a programme on one day. */
@ObjectType()
@Entity('volunteer_shift')
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

  @Field(() => LocalDateResolver)
  @Column({ type: 'date' })
  workedOn: string;

  /** Minutes, so half hours stay whole numbers. */
  @Column({ type: 'integer' })
  minutes: number;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 300, nullable: true })
  activity: string | null;

  @Field({ description: 'Hours worked, e.g. 2.5' })
  get hours(): number {
    return this.minutes / 60;
  }
}
