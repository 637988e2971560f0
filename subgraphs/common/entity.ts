import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { BeforeInsert, PrimaryColumn } from 'typeorm';

/**
 * A row with a UUID primary key made by the application, stored as varchar(36) so it is
 * the same column on SQLite, MySQL and MariaDB (whose native UUID type TypeORM would otherwise pick).
 */
@ObjectType()
export abstract class IdentifiedEntity {
  @Field(() => ID, { description: 'The record’s identifier in the hub (a UUID)' })
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= randomUUID();
  }
}
