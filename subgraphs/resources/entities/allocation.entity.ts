import { LocalDateResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { Money, MoneyColumn } from '../../common/money';
import { ExpenseStatus, RecipientKind } from './enums';
import { BudgetLine, Programme } from './programme.entity';
import { Gift } from './receipt.entity';

/** Items issued from a gift lot to a team, an event or a resident household. */
@ObjectType({ description: 'Items issued from a gift lot to a team, an event or a resident household' })
@Entity('allocation')
export class Allocation extends IdentifiedEntity {
  @Index('IDX_allocation_gift')
  @Column({ type: 'varchar', length: 36 })
  giftId: string;

  @ManyToOne(() => Gift, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'giftId', foreignKeyConstraintName: 'FK_allocation_gift' })
  gift?: Gift;

  @Field(() => Int, { description: 'How many items were issued' })
  @Column({ type: 'integer' })
  quantity: number;

  @Field(() => RecipientKind, { description: 'Who received the items' })
  @Column({ type: 'varchar', length: 10 })
  recipientKind: RecipientKind;

  @Field(() => ID, { nullable: true, description: 'TEAM: the team’s id; EVENT: the event’s id' })
  @Column({ type: 'varchar', length: 36, nullable: true })
  recipientId: string | null;

  /** The contest prize (events subgraph) this hands over: a prize is handed over once (unique). */
  @Index('UQ_allocation_prize', { unique: true })
  @Column({ type: 'varchar', length: 36, nullable: true })
  prizeId: string | null;

  /** HOUSEHOLD: who received it (personal data). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  household: string | null;

  @Field(() => LocalDateResolver, { description: 'When the items were issued' })
  @Column({ type: 'date' })
  issuedOn: string;

  @Field({ description: 'When the allocation was recorded' })
  @CreateDateColumn()
  createdAt: Date;
}

/**
 * A code (serial, licence key, discount code) of a lot issued in an allocation: unique within the
 * lot, so the database refuses a code issued twice, even by two allocations at once. Never public.
 */
@Entity('allocation_code')
@Index('UQ_allocation_code_gift_code', ['giftId', 'code'], { unique: true })
export class AllocationCode extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  giftId: string;

  @ManyToOne(() => Gift, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'giftId', foreignKeyConstraintName: 'FK_allocation_code_gift' })
  gift?: Gift;

  @Index('IDX_allocation_code_allocation')
  @Column({ type: 'varchar', length: 36 })
  allocationId: string;

  @ManyToOne(() => Allocation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'allocationId', foreignKeyConstraintName: 'FK_allocation_code_allocation' })
  allocation?: Allocation;

  @Column({ type: 'varchar', length: 200 })
  code: string;
}

/** Cash spent against a budget line, with evidence; counts once an officer approves it. */
@ObjectType({ description: 'Cash spent against a budget line, with evidence; counts once an officer approves it' })
@Entity('expense')
export class Expense extends IdentifiedEntity {
  @Index('IDX_expense_programme')
  @Column({ type: 'varchar', length: 36 })
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programmeId', foreignKeyConstraintName: 'FK_expense_programme' })
  programme?: Programme;

  @Column({ type: 'varchar', length: 36, nullable: true })
  budgetLineId: string | null;

  @ManyToOne(() => BudgetLine, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'budgetLineId', foreignKeyConstraintName: 'FK_expense_budget_line' })
  budgetLine?: BudgetLine;

  @Field(() => Money, { description: 'The amount spent, in đồng' })
  @MoneyColumn()
  amount: number;

  @Field(() => LocalDateResolver, { description: 'When the money was spent' })
  @Column({ type: 'date' })
  spentOn: string;

  @Field({ description: 'What was bought or paid for' })
  @Column({ type: 'varchar', length: 500 })
  description: string;

  @Field({ description: 'Invoice or receipt reference, or a link to a scan' })
  @Column({ type: 'varchar', length: 500 })
  evidence: string;

  @Field(() => ExpenseStatus, { description: 'Whether an officer approved the expense' })
  @Column({ type: 'varchar', length: 10 })
  status: ExpenseStatus;

  /** Token subject of who recorded it: they may not approve it themselves. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  recordedBy: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  decidedBy: string | null;

  @Field({ description: 'When the expense was recorded' })
  @CreateDateColumn()
  createdAt: Date;
}

