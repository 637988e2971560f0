import { LocalDateResolver } from 'graphql-scalars';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { Money, MoneyColumn } from '../../common/money';
import { FundingSource, ItemKind, PaymentMethod, ResourceKind } from './enums';
import { Pledge } from './pledge.entity';
import { Programme } from './programme.entity';
import { Sponsor } from './sponsor.entity';

/** The last receipt number given per unit and year: numbers run on and are never reused. */
@Entity('receipt_counter')
export class ReceiptCounter {
  @PrimaryColumn({ type: 'varchar', length: 20 })
  unitCode: string;

  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  lastNumber: number;
}

/** A donation received: cash, or in-kind gifts (its lines). It may fulfil all or part of a pledge. */
@ObjectType({ description: 'A donation received: cash, or in-kind gifts (its lines); it may fulfil all or part of a pledge' })
@Entity('receipt')
@Index('UQ_receipt_number', ['unitCode', 'year', 'number'], { unique: true })
@Index('IDX_receipt_unit_path', ['unitPath'])
export class Receipt extends IdentifiedEntity {
  /** The unit that issues the receipt (its commune supervises the money). */
  @Column({ type: 'varchar', length: 20 })
  unitCode: string;

  @Column({ type: 'varchar', length: 255 })
  unitPath: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'integer' })
  number: number;

  @Index('IDX_receipt_programme')
  @Column({ type: 'varchar', length: 36 })
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programmeId', foreignKeyConstraintName: 'FK_receipt_programme' })
  programme?: Programme;

  @Column({ type: 'varchar', length: 36, nullable: true })
  sponsorId: string | null;

  @ManyToOne(() => Sponsor, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sponsorId', foreignKeyConstraintName: 'FK_receipt_sponsor' })
  sponsor?: Sponsor;

  @Index('IDX_receipt_pledge')
  @Column({ type: 'varchar', length: 36, nullable: true })
  pledgeId: string | null;

  @ManyToOne(() => Pledge, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pledgeId', foreignKeyConstraintName: 'FK_receipt_pledge' })
  pledge?: Pledge;

  @Field(() => ResourceKind, { description: 'Whether cash or in-kind items were received' })
  @Column({ type: 'varchar', length: 8 })
  kind: ResourceKind;

  @Field(() => FundingSource, { description: 'Mobilised (sponsors, benefactors), a state budget allocation or the team fund' })
  @Column({ type: 'varchar', length: 16, default: FundingSource.MOBILISED })
  source: FundingSource;

  @Field(() => LocalDateResolver, { description: 'When the donation was received' })
  @Column({ type: 'date' })
  receivedOn: string;

  @Field(() => PaymentMethod, { nullable: true, description: 'Cash only' })
  @Column({ type: 'varchar', length: 16, nullable: true })
  method: PaymentMethod | null;

  @Field(() => Money, { description: 'Cash received, or the estimated value of the gifts' })
  @MoneyColumn()
  amount: number;

  @Field(() => String, { nullable: true, description: 'Remarks' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  recordedBy: string | null;

  @Field({ description: 'When the donation was recorded' })
  @CreateDateColumn()
  createdAt: Date;

  @Field({ description: 'Receipt number: unit code / year / sequence, e.g. 17227/2025/0007' })
  get receiptNumber(): string {
    return `${this.unitCode}/${this.year}/${String(this.number).padStart(4, '0')}`;
  }
}

/** One line of an in-kind donation: a lot of items that can then be issued (allocated); contest prizes (events subgraph) name it. */
@ObjectType({ description: 'One line of an in-kind donation: a lot of items that can then be issued (allocated); contest prizes (events subgraph) name it' })
@Directive('@key(fields: "id")')
@Entity('gift')
export class Gift extends IdentifiedEntity {
  @Index('IDX_gift_receipt')
  @Column({ type: 'varchar', length: 36 })
  receiptId: string;

  @ManyToOne(() => Receipt, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'receiptId', foreignKeyConstraintName: 'FK_gift_receipt' })
  receipt?: Receipt;

  @Field(() => ItemKind, { description: 'What kind of item it is' })
  @Column({ type: 'varchar', length: 16 })
  itemKind: ItemKind;

  @Field({ description: 'What the items are, e.g. Mũ bảo hiểm' })
  @Column({ type: 'varchar', length: 200 })
  description: string;

  @Field(() => Int, { description: 'How many items were received' })
  @Column({ type: 'integer' })
  quantity: number;

  @Field(() => Money, { description: 'The estimated value of one item, in đồng' })
  @MoneyColumn()
  unitValue: number;

  /** Serial numbers, licence keys or discount codes, one per line: never public. */
  @Column({ type: 'text', nullable: true })
  codes: string | null;
}
