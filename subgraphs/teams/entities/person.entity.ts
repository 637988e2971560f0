import { Column, CreateDateColumn, Entity } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';

/**
 * A person's identity and contact details: personal data, kept apart from memberships so
 * someone in both a commune team and a village team has one record.
 * Not a GraphQL type of its own: members expose it field by field, behind the access rules.
 */
@Entity('person')
export class Person extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 120 })
  fullName: string;

  @Column({ type: 'varchar', length: 15, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  address: string | null;

  @CreateDateColumn()
  createdAt: Date;
}
