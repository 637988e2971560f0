import { IsEmail, IsOptional, Length } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { Column } from 'typeorm';
import { IdentifiedEntity } from './entity';
import { SealedColumn } from './personal-data';
import { IsVietnamesePhone } from './validation';

/** Someone to call at an organisation (a sponsor, a partner's branch): personal data, guarded by who may see it. */
@ObjectType()
export abstract class ContactPerson extends IdentifiedEntity {
  @Field()
  @Column({ type: 'varchar', length: 120 })
  fullName: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 120, nullable: true })
  position: string | null;

  /** Sealed at rest (personal-data.ts). */
  @Field(() => String, { nullable: true })
  @SealedColumn(15, { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  email: string | null;
}

@InputType()
export abstract class ContactPersonInput {
  @Field()
  @Length(2, 120)
  fullName: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 120)
  position?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsVietnamesePhone()
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail()
  email?: string | null;
}
