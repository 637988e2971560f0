import { Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { Figures } from './indicators';
import { Team } from './team.entity';

/**
 * What a team did in one month. Quarters and years are sums of months. Corrected until the
 * commune locks the month; every version is kept as an ActivityReportRevision.
 */
@ObjectType({ description: 'A team’s activity report for one month (the current version)' })
@Entity('activity_report')
@Index('UQ_activity_report_team_month', ['teamId', 'month'], { unique: true })
@Index('IDX_activity_report_path_month', ['unitPath', 'month'])
export class ActivityReport extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  teamId: string;

  @ManyToOne(() => Team, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'teamId', foreignKeyConstraintName: 'FK_activity_report_team' })
  team?: Team;

  /** The team's unit path when reported, so a subtree's reports are one prefix scan. */
  @Column({ type: 'varchar', length: 255 })
  unitPath: string;

  @Field({ description: 'The month reported, e.g. 2025-07' })
  @Column({ type: 'varchar', length: 7 })
  month: string;

  @Column(() => Figures, { prefix: false })
  figures: Figures;

  @Field(() => String, { nullable: true, description: 'The team’s remarks on the month' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Field(() => Int, { description: '1 when first reported, one more for each correction' })
  @Column({ type: 'integer' })
  revision: number;

  @Field(() => String, { nullable: true, description: 'Token subject of who wrote this version' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  reportedBy: string | null;

  @Field({ description: 'When the report was first submitted' })
  @CreateDateColumn()
  createdAt: Date;

  @Field({ description: 'When the report was last corrected' })
  @UpdateDateColumn()
  updatedAt: Date;
}

/** One version of a report, kept for good: the first submission and every correction (who, when, why). */
@ObjectType({ description: 'One version of an activity report' })
@Entity('activity_report_revision')
@Index('UQ_activity_report_revision', ['reportId', 'revision'], { unique: true })
export class ActivityReportRevision extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  reportId: string;

  @ManyToOne(() => ActivityReport, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reportId', foreignKeyConstraintName: 'FK_activity_report_revision_report' })
  report?: ActivityReport;

  @Field(() => Int, { description: '1 for the report as first submitted, then one more for each correction' })
  @Column({ type: 'integer' })
  revision: number;

  @Column(() => Figures, { prefix: false })
  figures: Figures;

  @Field(() => String, { nullable: true, description: 'The report’s remarks as they were in this revision' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  note: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was corrected (null for the first submission)' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Field(() => String, { nullable: true, description: 'Token subject of who wrote it' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  changedBy: string | null;

  @Field({ description: 'When this revision was saved' })
  @CreateDateColumn()
  changedAt: Date;
}

/** A month closed for a unit's whole subtree (by the commune, or higher): its reports are final. */
@ObjectType({ description: 'A month whose reports are final for a unit’s whole subtree' })
@Entity('period_lock')
@Index('UQ_period_lock_unit_month', ['unitCode', 'month'], { unique: true })
export class PeriodLock extends IdentifiedEntity {
  @Field({ description: 'The unit whose subtree is locked' })
  @Column({ type: 'varchar', length: 20 })
  unitCode: string;

  @Field({ description: 'The month locked, e.g. 2025-07' })
  @Column({ type: 'varchar', length: 7 })
  month: string;

  @Field(() => String, { nullable: true, description: 'Token subject of the officer who locked it' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  lockedBy: string | null;

  @Field({ description: 'When the month was locked' })
  @CreateDateColumn()
  lockedAt: Date;
}

/**
 * A month closed for one team's reports only: a lock its unit had, or a unit above it, carried over
 * when that unit was merged (or dissolved) into one where the month is open (services/reorganisation.ts):
 * the team's books stay closed without closing the month for the successor's own teams.
 */
@Entity('team_month_lock')
export class TeamMonthLock {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  teamId: string;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;

  /** The unit the lock was set at (its code before the merge). */
  @Column({ type: 'varchar', length: 20 })
  lockUnitCode: string;

  @CreateDateColumn()
  carriedAt: Date;
}

/**
 * The sum of every report in a unit's subtree for one month, kept in the same transaction as
 * each report and correction, for the unit and each unit above it (and the nation, `VN`): a
 * roll-up of any unit and period reads at most twelve rows, however many teams are under it.
 */
@Entity('unit_month_total')
export class UnitMonthTotal {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  unitCode: string;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;

  @Column({ type: 'integer', default: 0 })
  reports: number;

  @Column(() => Figures, { prefix: false })
  figures: Figures;
}

/**
 * Active teams in a unit's subtree by the month they owe reports from (their establishment
 * decision's; `0000-00` for a team without one: it owes every month), kept in the same
 * transaction as every change of a team's status, unit or decision date, for the unit, each
 * unit above it and the nation (`VN`): a roll-up's team count and reports owed read a handful
 * of rows, however many teams are under it.
 */
@Entity('unit_team_count')
export class UnitTeamCount {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  unitCode: string;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  owedFrom: string;

  @Column({ type: 'integer', default: 0 })
  teams: number;
}
