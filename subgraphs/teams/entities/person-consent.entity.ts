import { registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { ConsentChannel } from '../../common/consent';
import { IdentifiedEntity } from '../../common/entity';

export { ConsentChannel };

/** Why a person's data may be processed (Decree 13/2023/NĐ-CP on personal data protection). */
export enum LawfulBasis {
  /** The person agreed, having read the notice (signed the team's registration form, said yes on Zalo…). */
  CONSENT = 'CONSENT',
  /** A task the law gives the commune: the chairman's decision setting up the team names its members. */
  PUBLIC_TASK = 'PUBLIC_TASK',
}

registerEnumType(LawfulBasis, {
  name: 'LawfulBasis',
  description: 'Why a person’s data may be processed (Decree 13/2023)',
  valuesConfig: {
    CONSENT: { description: 'The person agreed, having read the notice (signed the team’s registration form, said yes on Zalo…)' },
    PUBLIC_TASK: { description: 'A task the law gives the commune: the chairman’s decision setting up the team names its members' },
  },
});

/**
 * The lawful basis on which a person's data was brought in: a minimal, append-only record the
 * personal-data work builds on. One per person, basis and notice version: importing the same
 * person again under the same notice records nothing new.
 */
@Entity('person_consent')
@Index('UQ_person_consent', ['personId', 'basis', 'noticeVersion'], { unique: true })
export class PersonConsent extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  personId: string;

  @Column({ type: 'varchar', length: 20 })
  basis: LawfulBasis;

  /** The version of the privacy notice the person was shown, e.g. `2025-07`. */
  @Column({ type: 'varchar', length: 40 })
  noticeVersion: string;

  @Column({ type: 'varchar', length: 20 })
  channel: ConsentChannel;

  /** Where the record came from: the roster import job that brought the person in. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  importJobId: string | null;

  /** Token subject of the officer who recorded it. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  recordedBy: string | null;

  @CreateDateColumn()
  recordedAt: Date;
}
