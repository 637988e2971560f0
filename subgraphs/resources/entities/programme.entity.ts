import { LocalDateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { Money, MoneyColumn } from '../../common/money';
import { BudgetSide, ProgrammeKind } from './enums';

/** What resources are mobilised for: a campaign, a fair, a quarter's theme; owned by a team or a unit. */
@ObjectType({ description: 'What resources are mobilised for: a campaign, a fair, a quarter’s theme; owned by a team or a unit' })
@Entity('programme')
@Index('IDX_programme_unit_path', ['unitPath'])
export class Programme extends IdentifiedEntity {
  @Field({ description: 'The unit that runs the programme' })
  @Column({ type: 'varchar', length: 20 })
  unitCode: string;

  @Column({ type: 'varchar', length: 255 })
  unitPath: string;

  /** The owning team, when a team (not a unit) runs it. */
  @Index('IDX_programme_team')
  @Column({ type: 'varchar', length: 36, nullable: true })
  teamId: string | null;

  /** The event (events subgraph) the programme pays for, e.g. a fair. */
  @Index('IDX_programme_event')
  @Column({ type: 'varchar', length: 36, nullable: true })
  eventId: string | null;

  @Field({ description: 'The programme’s name' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => ProgrammeKind, { description: 'What kind of programme it is' })
  @Column({ type: 'varchar', length: 20 })
  kind: ProgrammeKind;

  @Field(() => Int, { description: 'Planning horizon: 1, 3, 6 or 12 months' })
  @Column({ type: 'integer' })
  horizonMonths: number;

  @Field(() => LocalDateResolver, { description: 'When the programme starts' })
  @Column({ type: 'date' })
  startsOn: string;

  @Field(() => String, { nullable: true, description: 'What the programme is about' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  @Field({ description: 'When the programme was recorded' })
  @CreateDateColumn()
  createdAt: Date;

  /** Set once, when an officer over the unit approves the estimate: it is not revised after that. */
  @Field(() => Date, { nullable: true, description: 'When an officer over the unit approved the budget estimate; null while it may still be revised' })
  @Column({ type: 'datetime', nullable: true })
  budgetApprovedAt: Date | null;

  /** Token subject of the approving officer: never the author of the revision they approved. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  budgetApprovedBy: string | null;
}

/** A line of the estimate as one revision left it: a copy, so later revisions do not change it. */
@ObjectType({ description: 'A budget line as it stood in one revision of the estimate' })
export class RevisedBudgetLine {
  @Field(() => BudgetSide, { description: 'Income or expense' })
  side: BudgetSide;

  @Field(() => Int, { description: 'Row number on the estimate' })
  position: number;

  @Field({ description: 'What the line is for' })
  item: string;

  @Field({ description: 'Unit of measure, e.g. cái, bộ, buổi' })
  unit: string;

  @Field(() => Money, { description: 'Price of one unit' })
  unitPrice: number;

  @Field(() => Int, { description: 'How many units' })
  quantity: number;

  @Field(() => String, { nullable: true, description: 'Note on the line' })
  note: string | null;

  @Field(() => Money, { description: 'Unit price × quantity' })
  get amount(): number {
    return this.unitPrice * this.quantity;
  }
}

/** One version of a programme's budget estimate: the first one at creation, then one per revision; never changed. */
@ObjectType({ description: 'A version of a programme’s budget estimate: number 1 is the estimate it was created with, each revision adds one' })
@Entity('budget_revision')
@Index('UQ_budget_revision_programme_number', ['programmeId', 'number'], { unique: true })
export class BudgetRevision extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programmeId', foreignKeyConstraintName: 'FK_budget_revision_programme' })
  programme?: Programme;

  @Field(() => Int, { description: 'Revision number within the programme, from 1 (the estimate it was created with)' })
  @Column({ type: 'integer' })
  number: number;

  @Field(() => String, { nullable: true, description: 'Why the estimate was revised (null for the first estimate)' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  /** The lines as JSON (RevisedBudgetLine fields): a revision is read whole, never queried by line. */
  @Column({ type: 'text' })
  lines: string;

  /** Token subject of who made it: they may not approve the estimate it leaves. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  revisedBy: string | null;

  @Field({ description: 'When it was made' })
  @CreateDateColumn()
  createdAt: Date;
}

/** A row of the budget estimate: no., item, unit, unit price, quantity, amount, note. */
@ObjectType({ description: 'A row of the budget estimate: no., item, unit, unit price, quantity, amount, note' })
@Entity('budget_line')
export class BudgetLine extends IdentifiedEntity {
  @Index('IDX_budget_line_programme')
  @Column({ type: 'varchar', length: 36 })
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programmeId', foreignKeyConstraintName: 'FK_budget_line_programme' })
  programme?: Programme;

  @Field(() => BudgetSide, { description: 'Whether the line is income or expense' })
  @Column({ type: 'varchar', length: 8 })
  side: BudgetSide;

  @Field(() => Int, { description: 'Row number on the estimate' })
  @Column({ type: 'integer' })
  position: number;

  @Field({ description: 'What the line is for' })
  @Column({ type: 'varchar', length: 200 })
  item: string;

  @Field({ description: 'Unit of measure, e.g. cái, bộ, buổi' })
  @Column({ type: 'varchar', length: 30 })
  unit: string;

  @Field(() => Money, { description: 'The price of one unit, in đồng' })
  @MoneyColumn()
  unitPrice: number;

  @Field(() => Int, { description: 'How many units' })
  @Column({ type: 'integer' })
  quantity: number;

  @Field(() => String, { nullable: true, description: 'Remarks' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Field(() => Money, { description: 'Unit price × quantity' })
  get amount(): number {
    return this.unitPrice * this.quantity;
  }
}

/** A cooperation package offered in the programme's sponsorship dossier. */
@ObjectType({ description: 'A cooperation package offered in the programme’s sponsorship dossier' })
@Entity('sponsorship_package')
export class SponsorshipPackage extends IdentifiedEntity {
  @Index('IDX_sponsorship_package_programme')
  @Column({ type: 'varchar', length: 36 })
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programmeId', foreignKeyConstraintName: 'FK_sponsorship_package_programme' })
  programme?: Programme;

  @Field({ description: 'The package’s name' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field({ description: 'What the sponsor gives' })
  @Column({ type: 'varchar', length: 1000 })
  contribution: string;

  @Field({ description: 'Benefits promised to the sponsor' })
  @Column({ type: 'varchar', length: 1000 })
  benefits: string;

  @Field(() => String, { nullable: true, description: 'How the sponsor is shown in the media' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  mediaExposure: string | null;

  @Field(() => Money, { nullable: true, description: 'Suggested value of the package' })
  @MoneyColumn({ nullable: true })
  value: number | null;
}
