import { LocalDateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { Partner } from './partner.entity';

/** A preferential price a partner gives team members of some units, for a while. */
@ObjectType({ description: 'A preferential price a partner gives team members of some units, for a while' })
@Entity('offer')
export class Offer extends IdentifiedEntity {
  @Index('IDX_offer_partner')
  @Column({ type: 'varchar', length: 36 })
  partnerId: string;

  @ManyToOne(() => Partner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnerId', foreignKeyConstraintName: 'FK_offer_partner' })
  partner?: Partner;

  @Field({ description: 'e.g. "Gói cước data 4G cho tổ viên"' })
  @Column({ type: 'varchar', length: 200 })
  service: string;

  @Field({ description: 'The preferential terms, e.g. "Giảm 50% cước 6 tháng đầu"' })
  @Column({ type: 'varchar', length: 300 })
  discount: string;

  @Field(() => Int, { nullable: true, description: 'The discount in per cent, when it is one' })
  @Column({ type: 'int', nullable: true })
  discountPercent: number | null;

  @Field(() => LocalDateResolver, { description: 'The first day the offer holds' })
  @Column({ type: 'date' })
  validFrom: string;

  @Field(() => LocalDateResolver, { description: 'The last day the offer holds' })
  @Column({ type: 'date' })
  validUntil: string;
}

/** A unit whose teams' members may take an offer (with its whole subtree). */
@Entity('offer_unit')
@Index('UQ_offer_unit', ['offerId', 'unitCode'], { unique: true })
export class OfferUnit extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  offerId: string;

  @ManyToOne(() => Offer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'offerId', foreignKeyConstraintName: 'FK_offer_unit_offer' })
  offer?: Offer;

  @Column({ type: 'varchar', length: 20 })
  unitCode: string;

  @Index('IDX_offer_unit_unit_path')
  @Column({ type: 'varchar', length: 255 })
  unitPath: string;
}
