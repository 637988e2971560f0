import { LocalDateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { Money, MoneyColumn } from '../../common/money';
import { ResourceKind } from './enums';
import { Programme, SponsorshipPackage } from './programme.entity';
import { Sponsor } from './sponsor.entity';

/**
 * A sponsor's promise: cash, or in-kind items valued in đồng, paid in one or more instalments
 * (`PledgeInstalment`). Its status follows from its instalments (see `pledgeStatus`), except
 * cancellation.
 */
@ObjectType({ description: 'A sponsor’s promise: cash, or in-kind items valued in đồng, paid in one or more instalments' })
@Entity('pledge')
export class Pledge extends IdentifiedEntity {
  @Index('IDX_pledge_programme')
  @Column({ type: 'varchar', length: 36 })
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programmeId', foreignKeyConstraintName: 'FK_pledge_programme' })
  programme?: Programme;

  @Index('IDX_pledge_sponsor')
  @Column({ type: 'varchar', length: 36 })
  sponsorId: string;

  @ManyToOne(() => Sponsor, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sponsorId', foreignKeyConstraintName: 'FK_pledge_sponsor' })
  sponsor?: Sponsor;

  @Column({ type: 'varchar', length: 36, nullable: true })
  packageId: string | null;

  @ManyToOne(() => SponsorshipPackage, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'packageId', foreignKeyConstraintName: 'FK_pledge_package' })
  package?: SponsorshipPackage;

  @Field(() => ResourceKind, { description: 'Whether cash or in-kind items are promised' })
  @Column({ type: 'varchar', length: 8 })
  kind: ResourceKind;

  @Field(() => Money, { description: 'Cash amount, or the estimated value of the items' })
  @MoneyColumn()
  amount: number;

  @Field(() => String, { nullable: true, description: 'In kind: what is promised, e.g. 200 SIM cards' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @Field(() => Date, { nullable: true, description: 'When the pledge was cancelled' })
  @Column({ type: 'datetime', nullable: true })
  cancelledAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the pledge was cancelled, as the officer gave it' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  cancellationReason: string | null;

  @Field({ description: 'When the pledge was recorded' })
  @CreateDateColumn()
  createdAt: Date;
}

/**
 * One payment of a pledge. Receipts against the pledge fill its instalments in order of
 * position (`received`); one written off is owed no more (what it had received stays).
 */
@ObjectType({ description: 'One payment of a pledge: an amount due on a date' })
@Entity('pledge_instalment')
@Index('UQ_pledge_instalment_position', ['pledgeId', 'position'], { unique: true })
export class PledgeInstalment extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  pledgeId: string;

  @ManyToOne(() => Pledge, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pledgeId', foreignKeyConstraintName: 'FK_pledge_instalment_pledge' })
  pledge?: Pledge;

  @Field(() => Int, { description: '1, 2, 3…: receipts fill the instalments in this order' })
  @Column({ type: 'integer' })
  position: number;

  @Field(() => LocalDateResolver, { nullable: true, description: 'When it is due' })
  @Index('IDX_pledge_instalment_due')
  @Column({ type: 'date', nullable: true })
  dueOn: string | null;

  @Field(() => Money, { description: 'Pledged in this instalment' })
  @MoneyColumn()
  amount: number;

  @Field(() => Money, { description: 'Received against it so far' })
  @MoneyColumn()
  received: number;

  @Field(() => Date, { nullable: true, description: 'When an officer stopped expecting the rest of it' })
  @Column({ type: 'datetime', nullable: true })
  writtenOffAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the rest of it is expected no more, as the officer gave it' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  writeOffReason: string | null;

  @Field(() => Money, { description: 'Still expected: nothing once paid or written off' })
  get outstanding(): number {
    return this.writtenOffAt ? 0 : this.amount - this.received;
  }
}
