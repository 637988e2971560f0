import { LocalDateResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { Money, MoneyColumn } from '../../common/money';
import { ResourceKind } from './enums';
import { Programme, SponsorshipPackage } from './programme.entity';
import { Sponsor } from './sponsor.entity';

/**
 * A sponsor's promise: cash, or in-kind items valued in đồng. Its status follows from the
 * receipts against it and its due date (see `pledgeStatus`), except cancellation.
 */
@ObjectType()
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

  @Field(() => ResourceKind)
  @Column({ type: 'varchar', length: 8 })
  kind: ResourceKind;

  @Field(() => Money, { description: 'Cash amount, or the estimated value of the items' })
  @MoneyColumn()
  amount: number;

  @Field(() => String, { nullable: true, description: 'In kind: what is promised, e.g. 200 SIM cards' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  description: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  @Column({ type: 'date', nullable: true })
  dueOn: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'datetime', nullable: true })
  cancelledAt: Date | null;

  @Field()
  @CreateDateColumn()
  createdAt: Date;
}
