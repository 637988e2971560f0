import { Directive, Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ContactPerson } from '../../common/contact';
import { IdentifiedEntity } from '../../common/entity';
import { PartnerSector, PlatformKind } from './enums';

/** A post, telecom, e-commerce, e-wallet or banking enterprise working with the teams. */
@ObjectType({ description: 'A partner enterprise (Viettel, VNPT, Vietnam Post, an e-wallet, a bank)' })
@Directive('@key(fields: "id")')
@Entity('partner')
export class Partner extends IdentifiedEntity {
  @Field({ description: 'The enterprise’s full name' })
  @Index('UQ_partner_name', { unique: true })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field({ description: 'e.g. Viettel, VNPost' })
  @Column({ type: 'varchar', length: 40 })
  shortName: string;

  @Field(() => PartnerSector, { description: 'What the enterprise does' })
  @Column({ type: 'varchar', length: 16 })
  sector: PartnerSector;

  @Field({ description: 'When the partner was recorded' })
  @CreateDateColumn()
  createdAt: Date;
}

/** A platform the partner offers residents (Postmart, Viettel Money, VNPT Money, My Viettel). */
@ObjectType({ description: 'A platform a partner offers residents (Postmart, Viettel Money, VNPT Money, My Viettel)' })
@Entity('platform')
@Index('UQ_platform_partner_name', ['partnerId', 'name'], { unique: true })
export class Platform extends IdentifiedEntity {
  @Index('IDX_platform_partner')
  @Column({ type: 'varchar', length: 36 })
  partnerId: string;

  @ManyToOne(() => Partner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnerId', foreignKeyConstraintName: 'FK_platform_partner' })
  partner?: Partner;

  @Field({ description: 'The platform’s name' })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Field(() => PlatformKind, { description: 'What kind of platform it is' })
  @Column({ type: 'varchar', length: 16 })
  kind: PlatformKind;
}

/** A provincial (or local) branch, e.g. Viettel Nghệ An. */
@ObjectType({ description: 'A provincial (or local) branch of a partner, e.g. Viettel Nghệ An' })
@Entity('partner_branch')
export class PartnerBranch extends IdentifiedEntity {
  @Index('IDX_partner_branch_partner')
  @Column({ type: 'varchar', length: 36 })
  partnerId: string;

  @ManyToOne(() => Partner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnerId', foreignKeyConstraintName: 'FK_partner_branch_partner' })
  partner?: Partner;

  @Field({ description: 'The branch’s name' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field({ description: 'The unit the branch covers' })
  @Column({ type: 'varchar', length: 20 })
  unitCode: string;

  @Index('IDX_partner_branch_unit_path')
  @Column({ type: 'varchar', length: 255 })
  unitPath: string;
}

/** Someone to call at a branch: personal data (the partner, officers over the branch's unit, admins). */
@ObjectType({ description: 'Someone to call at a partner’s branch: personal data (the partner, officers over the branch’s unit, admins)' })
@Entity('branch_contact')
export class BranchContact extends ContactPerson {
  @Index('IDX_branch_contact_branch')
  @Column({ type: 'varchar', length: 36 })
  branchId: string;

  @ManyToOne(() => PartnerBranch, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'branchId', foreignKeyConstraintName: 'FK_branch_contact_branch' })
  branch?: PartnerBranch;
}

/** A unit whose teams the partner serves (with its whole subtree). */
@Entity('partner_unit')
@Index('UQ_partner_unit', ['partnerId', 'unitCode'], { unique: true })
export class PartnerUnit extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  partnerId: string;

  @ManyToOne(() => Partner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnerId', foreignKeyConstraintName: 'FK_partner_unit_partner' })
  partner?: Partner;

  @Column({ type: 'varchar', length: 20 })
  unitCode: string;

  @Index('IDX_partner_unit_unit_path')
  @Column({ type: 'varchar', length: 255 })
  unitPath: string;
}
