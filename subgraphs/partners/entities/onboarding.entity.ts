import { LocalDateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, UpdateDateColumn } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { SealedColumn } from '../../common/personal-data';
import { OnboardeeKind, OnboardingStatus } from './enums';
import { Partner, Platform } from './partner.entity';

/**
 * A household, business or co-operative a team helped onto a partner's platform (a Postmart
 * shop, an e-wallet account). Residents' details are personal data: the partner and the
 * team's leaders see them, nobody else.
 */
@ObjectType({ description: 'A household, business or co-operative a team helped onto a partner’s platform (a Postmart shop, an e-wallet account)' })
@Entity('onboarding')
@Index('IDX_onboarding_partner_date', ['partnerId', 'onboardedOn'])
// Roll-ups count a period's onboardings under subtrees: the dates first, the paths read from the index.
@Index('IDX_onboarding_date_team_unit_path', ['onboardedOn', 'teamUnitPath'])
export class Onboarding extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  partnerId: string;

  @ManyToOne(() => Partner)
  @JoinColumn({ name: 'partnerId', foreignKeyConstraintName: 'FK_onboarding_partner' })
  partner?: Partner;

  @Column({ type: 'varchar', length: 36 })
  platformId: string;

  @ManyToOne(() => Platform)
  @JoinColumn({ name: 'platformId', foreignKeyConstraintName: 'FK_onboarding_platform' })
  platform?: Platform;

  @Field(() => OnboardeeKind, { description: 'Who was onboarded: a household, a business or a co-operative' })
  @Column({ type: 'varchar', length: 12 })
  onboardeeKind: OnboardeeKind;

  /** The household's or business's name (a household's is personal data). */
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Sealed at rest (personal-data.ts). */
  @SealedColumn(15, { nullable: true })
  phone: string | null;

  @SealedColumn(300, { nullable: true })
  address: string | null;

  /** The team that helped, and where it sits. */
  @Index('IDX_onboarding_team')
  @Column({ type: 'varchar', length: 36 })
  teamId: string;

  @Index('IDX_onboarding_team_unit_path')
  @Column({ type: 'varchar', length: 255 })
  teamUnitPath: string;

  @Field(() => LocalDateResolver, { description: 'When they were onboarded' })
  @Column({ type: 'date' })
  onboardedOn: string;

  @Field(() => OnboardingStatus, { description: 'Whether they use the platform' })
  @Column({ type: 'varchar', length: 12 })
  status: OnboardingStatus;

  @Field(() => Int, { nullable: true, description: 'Products listed, for shops on a marketplace' })
  @Column({ type: 'int', nullable: true })
  productsListed: number | null;

  @Field({ description: 'When the onboarding was logged' })
  @CreateDateColumn()
  loggedAt: Date;

  @Field({ description: 'When the onboarding last changed' })
  @UpdateDateColumn()
  updatedAt: Date;
}
