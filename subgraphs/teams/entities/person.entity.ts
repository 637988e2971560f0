import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { PhoneHashOf, SealedColumn } from '../../common/personal-data';

/**
 * A person's identity and contact details: personal data, kept apart from memberships so
 * someone in both a commune team and a village team has one record.
 * Not a GraphQL type of its own: members expose it field by field, behind the access rules.
 * The phone and address are sealed at rest; the person is found by the phone's keyed hash.
 */
@Entity('person')
@Index('IDX_person_phone_hash', ['phoneHash'])
export class Person extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 120 })
  fullName: string;

  @SealedColumn(15, { nullable: true })
  phone: string | null;

  @PhoneHashOf('phone')
  phoneHash: string | null;

  @SealedColumn(255, { nullable: true })
  address: string | null;

  /** As rosters give it (Năm sinh). */
  @Column({ type: 'integer', nullable: true })
  birthYear: number | null;

  @CreateDateColumn()
  createdAt: Date;
}
