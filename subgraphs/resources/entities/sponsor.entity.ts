import { Field, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ContactPerson } from '../../common/contact';
import { IdentifiedEntity } from '../../common/entity';
import { InteractionKind, SponsorKind, SponsorStatus } from './enums';
import { LocalDateResolver } from 'graphql-scalars';

/** An organisation or person who gives to the teams of a unit; officers of that unit manage the relationship. */
@ObjectType({ description: 'An organisation or person who gives to the teams of a unit; officers of that unit manage the relationship' })
@Entity('sponsor')
@Index('IDX_sponsor_unit_path', ['unitPath'])
export class Sponsor extends IdentifiedEntity {
  @Field({ description: 'The unit whose officers look after this sponsor' })
  @Column({ type: 'varchar', length: 20 })
  unitCode: string;

  @Column({ type: 'varchar', length: 255 })
  unitPath: string;

  @Field(() => SponsorKind, { description: 'Whether the sponsor is an organisation or a person' })
  @Column({ type: 'varchar', length: 16 })
  kind: SponsorKind;

  @Field({ description: 'The sponsor’s name' })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => String, { nullable: true, description: 'Tax code (mã số thuế) of the organisation or person' })
  @Column({ type: 'varchar', length: 14, nullable: true })
  taxCode: string | null;

  /** The partner enterprise this sponsor is, when it is one (owned by the partners subgraph). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  partnerId: string | null;

  @Field(() => SponsorStatus, { description: 'Where the relationship stands' })
  @Column({ type: 'varchar', length: 16 })
  status: SponsorStatus;

  @Field({ description: 'Agreed to be named in public disclosure; otherwise shown as "Nhà hảo tâm" (a benefactor)' })
  @Column({ type: 'boolean', width: 1, default: false })
  publiclyNamed: boolean;

  @Field({ description: 'When the sponsor was recorded' })
  @CreateDateColumn()
  createdAt: Date;
}

/** A contact person at a sponsor: personal data, officers only. */
@ObjectType({ description: 'A contact person at a sponsor: personal data, officers only' })
@Entity('sponsor_contact')
export class SponsorContact extends ContactPerson {
  @Index('IDX_sponsor_contact_sponsor')
  @Column({ type: 'varchar', length: 36 })
  sponsorId: string;

  @ManyToOne(() => Sponsor, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sponsorId', foreignKeyConstraintName: 'FK_sponsor_contact_sponsor' })
  sponsor?: Sponsor;
}

/** The relationship's history: notes, thank-you letters, memoranda (with their validity), greetings. */
@ObjectType({ description: 'The relationship’s history: notes, thank-you letters, memoranda (with their validity), greetings' })
@Entity('sponsor_interaction')
export class SponsorInteraction extends IdentifiedEntity {
  @Index('IDX_sponsor_interaction_sponsor')
  @Column({ type: 'varchar', length: 36 })
  sponsorId: string;

  @ManyToOne(() => Sponsor, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sponsorId', foreignKeyConstraintName: 'FK_sponsor_interaction_sponsor' })
  sponsor?: Sponsor;

  @Field(() => InteractionKind, { description: 'What kind of contact it was' })
  @Column({ type: 'varchar', length: 20 })
  kind: InteractionKind;

  @Field(() => LocalDateResolver, { description: 'When it happened' })
  @Column({ type: 'date' })
  occurredOn: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'A memorandum’s end date' })
  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  @Field({ description: 'What was said or agreed' })
  @Column({ type: 'varchar', length: 1000 })
  summary: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  recordedBy: string | null;
}
