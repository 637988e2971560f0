import { IsEmail, IsOptional, Length } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { Column } from 'typeorm';
import { IdentifiedEntity } from './entity';
import { SealedColumn } from './personal-data';
import { IsVietnamesePhone } from './validation';

/** Someone to call at an organisation (a sponsor, a partner's branch): personal data, guarded by who may see it. */
@ObjectType()
export abstract class ContactPerson extends IdentifiedEntity {
  @Field({ description: 'The contact person’s full name' })
  @Column({ type: 'varchar', length: 120 })
  fullName: string;

  @Field(() => String, { nullable: true, description: 'The contact person’s job title' })
  @Column({ type: 'varchar', length: 120, nullable: true })
  position: string | null;

  /** Sealed at rest (personal-data.ts). */
  @Field(() => String, { nullable: true, description: 'The contact person’s phone number (stored encrypted)' })
  @SealedColumn(15, { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true, description: 'The contact person’s email address' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  email: string | null;
}

@InputType()
export abstract class ContactPersonInput {
  @Field({ description: 'The contact person’s full name' })
  @Length(2, 120)
  fullName: string;

  @Field(() => String, { nullable: true, description: 'The contact person’s job title' })
  @IsOptional()
  @Length(1, 120)
  position?: string | null;

  @Field(() => String, { nullable: true, description: 'The contact person’s phone number' })
  @IsOptional()
  @IsVietnamesePhone()
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'The contact person’s email address' })
  @IsOptional()
  @IsEmail()
  email?: string | null;
}
