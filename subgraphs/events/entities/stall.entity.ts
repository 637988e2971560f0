import { Field, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { Money, MoneyColumn } from '../../common/money';
import { PHONE_HASH_LENGTH, PhoneHashOf, SealedColumn } from '../../common/personal-data';
import { Admission, ApplicationStatus, ExhibitorKind, HouseholdShownAs, StallKind } from './enums';
import { Event } from './event.entity';

/** A kind of stall at an event (partner booths, local products…), with as many stalls as its capacity. */
@ObjectType({ description: 'A kind of stall at an event (partner booths, local products…), with as many stalls as its capacity' })
@Entity('stall_category')
export class StallCategory extends IdentifiedEntity {
  @Index('IDX_stall_category_event')
  @Column({ type: 'varchar', length: 36 })
  eventId: string;

  @ManyToOne(() => Event, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'eventId', foreignKeyConstraintName: 'FK_stall_category_event' })
  event?: Event;

  @Field({ description: 'The category’s name' })
  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Field(() => StallKind, { description: 'What the stalls are for' })
  @Column({ type: 'varchar', length: 24 })
  kind: StallKind;

  @Field(() => Admission, { description: 'How applications are admitted' })
  @Column({ type: 'varchar', length: 12 })
  admission: Admission;

  @Field(() => Int, { description: 'How many stalls: approved applications never exceed it' })
  @Column({ type: 'int' })
  capacity: number;

  @Field(() => Money, { description: 'Fee per stall in đồng (may be 0)' })
  @MoneyColumn()
  fee: number;

  @Field({ description: 'e.g. "3 m × 3 m"' })
  @Column({ type: 'varchar', length: 40 })
  size: string;
}

/** A place on the fair's map (`A01`); an approved application holds exactly one, and a stall is held by one at most. */
@ObjectType()
@Entity('stall')
@Index('UQ_stall_event_code', ['eventId', 'code'], { unique: true })
export class Stall extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  eventId: string;

  @Index('IDX_stall_category')
  @Column({ type: 'varchar', length: 36 })
  categoryId: string;

  @ManyToOne(() => StallCategory, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'categoryId', foreignKeyConstraintName: 'FK_stall_category' })
  category?: StallCategory;

  @Field({ description: 'The stall code on the fair’s map' })
  @Column({ type: 'varchar', length: 12 })
  code: string;
}

/**
 * An exhibitor's application for a stall category. The database itself guarantees that a stall
 * is held once (unique stallId) and that an exhibitor applies once per category (unique key).
 */
@ObjectType({ description: 'An exhibitor’s application for a stall of a category' })
@Entity('stall_application')
@Index('UQ_stall_application_exhibitor', ['categoryId', 'exhibitorKey'], { unique: true })
@Index('UQ_stall_application_stall', ['stallId'], { unique: true })
@Index('IDX_stall_application_queue', ['categoryId', 'status', 'appliedAt'])
export class StallApplication extends IdentifiedEntity {
  @Index('IDX_stall_application_event')
  @Column({ type: 'varchar', length: 36 })
  eventId: string;

  @Column({ type: 'varchar', length: 36 })
  categoryId: string;

  @ManyToOne(() => StallCategory, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'categoryId', foreignKeyConstraintName: 'FK_stall_application_category' })
  category?: StallCategory;

  @Field(() => ExhibitorKind, { description: 'Who exhibits' })
  @Column({ type: 'varchar', length: 12 })
  exhibitorKind: ExhibitorKind;

  /** The partner enterprise exhibiting (owned by the partners subgraph). */
  @Index('IDX_stall_application_partner')
  @Column({ type: 'varchar', length: 36, nullable: true })
  partnerId: string | null;

  @Field({ description: 'The business, co-operative, household or partner, as the application names it (a household is shown publicly only as it chose: `shownAs`)' })
  @Column({ type: 'varchar', length: 200 })
  exhibitorName: string;

  /** A household: how the fair's public pages show it (its alias, or its village); null shows neither. */
  @Field(() => HouseholdShownAs, { nullable: true, description: 'A household: shown on public pages by its alias or its village, never by its name' })
  @Column({ type: 'varchar', length: 8, nullable: true })
  shownAs: HouseholdShownAs | null;

  /** The alias or the village the household chose to be shown by. */
  @Field(() => String, { nullable: true, description: 'The alias or the village the household chose to be shown by' })
  @Column({ type: 'varchar', length: 120, nullable: true })
  shownLabel: string | null;

  /**
   * Who the exhibitor is, for "once per category": `partner:<id>`, or `phone:<the contact phone's keyed hash>`;
   * `withdrawn:<id>` once the applicant withdrew their consent (the hash goes with the phone).
   */
  @Column({ type: 'varchar', length: 6 + PHONE_HASH_LENGTH })
  exhibitorKey: string;

  /** Personal data: the organisers, officers over the unit, and the partner for its own. */
  @Column({ type: 'varchar', length: 120 })
  contactName: string;

  /** Null once the applicant withdrew their consent: nobody calls them about it again. */
  @SealedColumn(15, { nullable: true })
  contactPhone: string | null;

  /** What a look-up by phone and reference code compares (personal-data.ts). */
  @PhoneHashOf('contactPhone')
  contactPhoneHash: string | null;

  /**
   * A random code given to the applicant with the phone number: both together find the application
   * and withdraw it without signing in (households and businesses have no account). Null for
   * applications made before codes existed.
   */
  @Index('UQ_stall_application_reference', { unique: true })
  @Column({ type: 'varchar', length: 12, nullable: true })
  referenceCode: string | null;

  /** Look-ups with this code and a wrong phone: after a few the code finds nothing (against guessing). */
  @Column({ type: 'int', default: 0 })
  failedLookups: number;

  @Field({ description: 'What it will show or sell' })
  @Column({ type: 'varchar', length: 500 })
  offering: string;

  @Field(() => ApplicationStatus, { description: 'Where the application stands' })
  @Column({ type: 'varchar', length: 12 })
  status: ApplicationStatus;

  @Column({ type: 'varchar', length: 36, nullable: true })
  stallId: string | null;

  @ManyToOne(() => Stall)
  @JoinColumn({ name: 'stallId', foreignKeyConstraintName: 'FK_stall_application_stall' })
  stall?: Stall;

  @Field({ description: 'When the exhibitor applied' })
  @CreateDateColumn()
  appliedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the organisers decided' })
  @Column({ type: 'datetime', nullable: true })
  decidedAt: Date | null;
}
