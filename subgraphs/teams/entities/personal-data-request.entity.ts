import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { SealedColumn } from '../../common/personal-data';

/** What a person asks the hub to do with their data (Law 91/2025/QH15: the rights to correct, erase and restrict). */
export enum PersonalDataRequestKind {
  CORRECTION = 'CORRECTION',
  ERASURE = 'ERASURE',
  RESTRICTION = 'RESTRICTION',
  LIFT_RESTRICTION = 'LIFT_RESTRICTION',
}
registerEnumType(PersonalDataRequestKind, {
  name: 'PersonalDataRequestKind',
  description: 'What a person asks the hub to do with the data it holds about them',
  valuesConfig: {
    CORRECTION: { description: 'Correct data that is wrong (the request says what and how)' },
    ERASURE: { description: 'Erase the data; what law or accounts require is kept, anonymised' },
    RESTRICTION: { description: 'Keep the data but stop processing it (reminders, lists for new work, spreadsheets)' },
    LIFT_RESTRICTION: { description: 'Lift a restriction done earlier: processing goes on as before' },
  },
});

/** Where a request stands in the officers' queue. */
export enum PersonalDataRequestStatus {
  RECEIVED = 'RECEIVED',
  DONE = 'DONE',
  REFUSED = 'REFUSED',
}
registerEnumType(PersonalDataRequestStatus, {
  name: 'PersonalDataRequestStatus',
  description: 'Where a request about personal data stands',
  valuesConfig: {
    RECEIVED: { description: 'Received, waiting for an officer over the unit' },
    DONE: { description: 'Done by an officer: each subgraph acts on its own records' },
    REFUSED: { description: 'Refused by an officer, with the reason' },
  },
});

/**
 * A person's request to correct, erase or restrict their data. It lives here, beside the units and
 * their officers, who handle it before its legal deadline; each subgraph then acts on its own
 * records (the `personal-data-request.done` event, docs/events.md).
 */
@ObjectType({ description: 'A person’s request to correct, erase or restrict the data the hub holds about them' })
@Entity('personal_data_request')
@Index('IDX_personal_data_request_subject', ['subjectKey'])
@Index('IDX_personal_data_request_queue', ['status', 'dueAt'])
export class PersonalDataRequest extends IdentifiedEntity {
  @Field(() => PersonalDataRequestKind, { description: 'What is asked' })
  @Column({ type: 'varchar', length: 16 })
  kind: PersonalDataRequestKind;

  @Field(() => PersonalDataRequestStatus, { description: 'Where it stands' })
  @Column({ type: 'varchar', length: 16, default: PersonalDataRequestStatus.RECEIVED })
  status: PersonalDataRequestStatus;

  /**
   * Whose data: subjectKeyOf their phone (never the phone), never shown or audited. Null once the
   * retention job has unlinked a handled request from the person (RETENTION_HANDLED_REQUEST_MONTHS).
   */
  @Column({ type: 'varchar', length: 64, nullable: true })
  subjectKey: string | null;

  /** The unit the person addressed it to: officers over it handle it. */
  @Column({ type: 'varchar', length: 255 })
  unitPath: string;

  @Field({ description: 'Code of the unit the request was addressed to (its officers handle it)' })
  @Column({ type: 'varchar', length: 20 })
  unitCode: string;

  @Field(() => String, { nullable: true, description: 'What the person asks, in their words (a correction: what is wrong and what is right)' })
  @Column({ type: 'varchar', length: 1000, nullable: true })
  details: string | null;

  /**
   * A correction's values as the person gave them (sealed at rest like every address: personal-data.ts),
   * prefilled in the officer's form; shown by the resolver (reads recorded), cleared once the request is handled.
   */
  @SealedColumn(100, { nullable: true })
  correctedFullName: string | null;

  @SealedColumn(255, { nullable: true })
  correctedAddress: string | null;

  @Field({ description: 'When it was received' })
  @CreateDateColumn()
  receivedAt: Date;

  @Field({ description: 'The legal deadline for handling it (PERSONAL_DATA_REQUEST_DEADLINE_HOURS after it was received)' })
  @Column({ type: 'datetime' })
  dueAt: Date;

  /** Token subject of the officer who handled it. */
  @Field(() => String, { nullable: true, description: 'The officer who handled it (their account)' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  handledBy: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was handled' })
  @Column({ type: 'datetime', nullable: true })
  handledAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The officer’s reason for the outcome, in Vietnamese, for the person' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  outcomeReason: string | null;
}
