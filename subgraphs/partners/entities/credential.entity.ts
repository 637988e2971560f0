import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { Partner } from './partner.entity';

/**
 * An API key for one partner's systems, issued and revoked by an admin. Only a hash of the
 * secret is kept; the key is shown once, when issued, and exchanged for short-lived tokens.
 */
@ObjectType({ description: 'A partner system’s API key (the secret itself is shown only when issued)' })
@Entity('partner_credential')
export class PartnerCredential extends IdentifiedEntity {
  @Index('IDX_partner_credential_partner')
  @Column({ type: 'varchar', length: 36 })
  partnerId: string;

  @ManyToOne(() => Partner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnerId', foreignKeyConstraintName: 'FK_partner_credential_partner' })
  partner?: Partner;

  @Field({ description: 'What it is for, e.g. "Hệ thống đào tạo Viettel Nghệ An"' })
  @Column({ type: 'varchar', length: 120 })
  label: string;

  /** SHA-256 of the secret part of the key (keys are long random strings, so no slow hash is needed). */
  @Column({ type: 'varchar', length: 64 })
  secretHash: string;

  @Field({ description: 'When the key was issued' })
  @CreateDateColumn()
  issuedAt: Date;

  @Field(() => String, { nullable: true, description: 'Token subject of the admin who issued it' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  issuedBy: string | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked; null while it works' })
  @Column({ type: 'datetime', nullable: true })
  revokedAt: Date | null;
}
