import { LocalDateResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { BasicSkill } from '../../common/skills';
import { TrainingFormat } from './enums';
import { Partner, Platform } from './partner.entity';

/** A training a partner ran for team members, on one basic skill or one of its platforms. */
@ObjectType({ description: 'A training a partner ran for team members, on one basic skill or one of its platforms' })
@Entity('training')
@Index('IDX_training_partner_held', ['partnerId', 'heldOn'])
// Roll-ups count a period's trainings under subtrees: the dates first, the paths read from the index.
@Index('IDX_training_held_unit_path', ['heldOn', 'unitPath'])
export class Training extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  partnerId: string;

  @ManyToOne(() => Partner)
  @JoinColumn({ name: 'partnerId', foreignKeyConstraintName: 'FK_training_partner' })
  partner?: Partner;

  @Field({ description: 'What the training was called' })
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field(() => BasicSkill, { nullable: true, description: 'The basic skill taught (or else `platform`)' })
  @Column({ type: 'varchar', length: 24, nullable: true })
  skill: BasicSkill | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  platformId: string | null;

  @ManyToOne(() => Platform)
  @JoinColumn({ name: 'platformId', foreignKeyConstraintName: 'FK_training_platform' })
  platform?: Platform;

  @Field(() => TrainingFormat, { description: 'Whether it was held in person or online' })
  @Column({ type: 'varchar', length: 12 })
  format: TrainingFormat;

  @Field(() => LocalDateResolver, { description: 'When it was held' })
  @Column({ type: 'date' })
  heldOn: string;

  @Field(() => String, { nullable: true, description: 'Where, for in-person trainings' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  place: string | null;

  @Field(() => String, { nullable: true, description: 'The meeting link, for online trainings' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  link: string | null;

  @Field({ description: 'Who taught (the partner’s staff)' })
  @Column({ type: 'varchar', length: 120 })
  trainer: string;

  @Field({ description: 'The unit the training was for; the teams invited are in its subtree' })
  @Column({ type: 'varchar', length: 20 })
  unitCode: string;

  @Index('IDX_training_unit_path')
  @Column({ type: 'varchar', length: 255 })
  unitPath: string;

  @Field({ description: 'When it was logged' })
  @CreateDateColumn()
  loggedAt: Date;
}

/** A team invited to a training. */
@Entity('training_invitation')
@Index('UQ_training_invitation', ['trainingId', 'teamId'], { unique: true })
export class TrainingInvitation extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  trainingId: string;

  @ManyToOne(() => Training, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainingId', foreignKeyConstraintName: 'FK_training_invitation_training' })
  training?: Training;

  @Index('IDX_training_invitation_team')
  @Column({ type: 'varchar', length: 36 })
  teamId: string;
}

/** A team member who attended a training (the member belongs to the teams subgraph). */
@ObjectType({ description: 'A team member who attended a partner’s training' })
@Entity('attendance')
@Index('UQ_attendance_training_member', ['trainingId', 'memberId'], { unique: true })
// Roll-ups count a period's attendance under a subtree: per training, only the subtree's rows.
@Index('IDX_attendance_training_team_unit_path', ['trainingId', 'teamUnitPath'])
export class Attendance extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  trainingId: string;

  @ManyToOne(() => Training, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trainingId', foreignKeyConstraintName: 'FK_attendance_training' })
  training?: Training;

  @Index('IDX_attendance_member')
  @Column({ type: 'varchar', length: 36 })
  memberId: string;

  /** The member's team and where it sits, as the teams subgraph said when attendance was logged. */
  @Index('IDX_attendance_team')
  @Column({ type: 'varchar', length: 36 })
  teamId: string;

  @Column({ type: 'varchar', length: 255 })
  teamUnitPath: string;
}
