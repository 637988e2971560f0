import { LocalDateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { BasicSkill } from '../../common/skills';
import { Member } from './member.entity';
import { Team } from './team.entity';

/** A team's plan for a year (kế hoạch), approved by the commune chairman; changed only before approval. */
@ObjectType({ description: 'A team’s yearly plan: quarterly themes, activity programme, work assignments' })
@Entity('activity_plan')
@Index('UQ_activity_plan_team_year', ['teamId', 'year'], { unique: true })
export class ActivityPlan extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'teamId', foreignKeyConstraintName: 'FK_activity_plan_team' })
  team?: Team;

  @Field(() => Int, { description: 'The year the plan is for' })
  @Column({ type: 'integer' })
  year: number;

  @Field({ description: 'The plan’s title, as on the paper plan' })
  @Column({ type: 'varchar', length: 300 })
  title: string;

  // The sections of the handbook's form 6.3 (kế hoạch hoạt động), in its order; null until written.
  @Field(() => String, { nullable: true, description: 'I. Mục đích ý nghĩa: why the team does it' })
  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  @Field(() => String, { nullable: true, description: 'II. Thời gian - địa điểm: when and where' })
  @Column({ type: 'text', nullable: true })
  timeAndPlace: string | null;

  @Field(() => String, { nullable: true, description: 'III. Đối tượng - số lượng - thành phần: who takes part, how many' })
  @Column({ type: 'text', nullable: true })
  participants: string | null;

  @Field(() => String, { nullable: true, description: 'IV. Nội dung: the activities by group of people, time or place (the quarterly themes are printed under it)' })
  @Column({ type: 'text', nullable: true })
  content: string | null;

  @Field(() => String, { nullable: true, description: 'V. Ban chỉ đạo, ban tổ chức: who directs and who organises' })
  @Column({ type: 'text', nullable: true })
  organisers: string | null;

  @Field(() => String, { nullable: true, description: 'VI. Tiến độ thực hiện: the steps and their dates (the programme’s rows are printed under it)' })
  @Column({ type: 'text', nullable: true })
  schedule: string | null;

  @Field(() => String, { nullable: true, description: 'Token subject of the officer who approved it' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  approvedBy: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'When the commune approved the plan; null while it is a draft' })
  @Column({ type: 'date', nullable: true })
  approvedOn: string | null;

  @Field({ description: 'When the plan was first saved' })
  @CreateDateColumn()
  createdAt: Date;
}

/** A quarter's theme: one of the basic skills (Q3 = online payment) or free text. */
@ObjectType({ description: 'A quarter’s theme: one of the basic skills (Q3 = online payment) or free text' })
@Entity('plan_theme')
@Index('UQ_plan_theme_quarter', ['planId', 'quarter'], { unique: true })
export class PlanTheme extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  planId: string;

  @ManyToOne(() => ActivityPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'planId', foreignKeyConstraintName: 'FK_plan_theme_plan' })
  plan?: ActivityPlan;

  @Field(() => Int, { description: '1 to 4' })
  @Column({ type: 'integer' })
  quarter: number;

  @Field(() => BasicSkill, { nullable: true, description: 'The basic skill the quarter focuses on, if any' })
  @Column({ type: 'varchar', length: 24, nullable: true })
  skill: BasicSkill | null;

  @Field({ description: 'The theme, in words' })
  @Column({ type: 'varchar', length: 300 })
  theme: string;
}

/** A row of the activity programme: no., content, details, time, place, executor, director, note. */
@ObjectType({ description: 'A row of the activity programme: no., content, details, time, place, executor, director, note' })
@Entity('programme_activity')
@Index('UQ_programme_activity_position', ['planId', 'position'], { unique: true })
export class ProgrammeActivity extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  planId: string;

  @ManyToOne(() => ActivityPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'planId', foreignKeyConstraintName: 'FK_programme_activity_plan' })
  plan?: ActivityPlan;

  @Field(() => Int, { description: 'The row number (STT), from 1' })
  @Column({ type: 'integer' })
  position: number;

  @Field({ description: 'What the activity is' })
  @Column({ type: 'varchar', length: 500 })
  content: string;

  @Field(() => String, { nullable: true, description: 'How it is done' })
  @Column({ type: 'varchar', length: 2000, nullable: true })
  details: string | null;

  @Field(() => String, { nullable: true, description: 'When, as the plan says it (e.g. "Tháng 7–9/2025")' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  time: string | null;

  @Field(() => String, { nullable: true, description: 'Where it takes place' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  place: string | null;

  @Field(() => String, { nullable: true, description: 'Who carries it out (đơn vị thực hiện)' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  executor: string | null;

  @Field(() => String, { nullable: true, description: 'Who directs it (chỉ đạo)' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  director: string | null;

  @Field(() => String, { nullable: true, description: 'Remarks' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;
}

/** A piece of work given to a member, with a deadline; ticked off when done (also after approval). */
@ObjectType({ description: 'A piece of work given to a member, with a deadline; ticked off when done (also after approval)' })
@Entity('work_assignment')
@Index('UQ_work_assignment_position', ['planId', 'position'], { unique: true })
export class WorkAssignment extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  planId: string;

  @ManyToOne(() => ActivityPlan, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'planId', foreignKeyConstraintName: 'FK_work_assignment_plan' })
  plan?: ActivityPlan;

  @Field(() => Int, { description: 'The row’s number on the form' })
  @Column({ type: 'integer' })
  position: number;

  @Field({ description: 'What is to be done' })
  @Column({ type: 'varchar', length: 500 })
  content: string;

  @Column({ type: 'varchar', length: 36, nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => Member, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assigneeId', foreignKeyConstraintName: 'FK_work_assignment_assignee' })
  assignee?: Member;

  @Field(() => LocalDateResolver, { nullable: true, description: 'When it is due' })
  @Column({ type: 'date', nullable: true })
  deadline: string | null;

  @Field({ description: 'Whether it is done' })
  @Column({ type: 'boolean', width: 1, default: false })
  done: boolean;

  @Field(() => String, { nullable: true, description: 'Remarks' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;
}
