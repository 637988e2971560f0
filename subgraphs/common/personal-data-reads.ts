import DataLoader from 'dataloader';
import { randomUUID } from 'node:crypto';
import { IsOptional, Length, Max, Min } from 'class-validator';
import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Ctx, Directive, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Column, CreateDateColumn, Entity, In, Index } from 'typeorm';
import { Role } from './auth';
import type { Context } from './context';
import type { Database } from './database';
import type { EnvReader } from './env';
import { IdentifiedEntity } from './entity';
import { monthsBefore, type RetentionRule } from './retention';

/**
 * One read of a person's phone number or address by someone: who read whose which field, when,
 * and why (the operation's name, as the client calls it). Never the value itself. Append-only:
 * nothing in the hub updates these rows, so a breach can be investigated afterwards; they are
 * deleted only when their retention period is over (accessLogRetention).
 */
@ObjectType({ description: 'A read of a person’s phone number or address (the access log)' })
@Directive('@shareable') // every subgraph keeps its own log of this same shape
@Entity('personal_data_read')
@Index('IDX_personal_data_read_person', ['personId', 'readAt'])
@Index('IDX_personal_data_read_reader', ['reader', 'readAt'])
// Retention deletes the oldest reads first.
@Index('IDX_personal_data_read_read_at', ['readAt'])
export class PersonalDataRead extends IdentifiedEntity {
  @Field({ description: 'When the data was read' })
  @CreateDateColumn()
  readAt: Date;

  @Field({ description: 'Token subject of who read it' })
  @Column({ type: 'varchar', length: 100 })
  reader: string;

  @Field(() => ID, { description: 'Whose data: the person’s (member’s, applicant’s, household’s) id in this subgraph' })
  @Column({ type: 'varchar', length: 36 })
  personId: string;

  @Field({ description: 'Which field, e.g. Member.phone' })
  @Column({ type: 'varchar', length: 80 })
  field: string;

  @Field(() => String, { nullable: true, description: 'Why: the name of the operation that read it (the web app names each one)' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  operation: string | null;
}

type Read = Pick<PersonalDataRead, 'reader' | 'personId' | 'field' | 'operation'>;

/**
 * The reads of one request, written in one INSERT per DataLoader batch: every field resolved in
 * the same tick (a list of 20 members' phones) shares it. A resolver waits for its read to be
 * written before it returns the value, so nothing is shown that the log does not hold.
 */
export const personalDataReads = (db: Database) =>
  new DataLoader<Read, void>(
    async (reads) => {
      const rows = reads.map((read) => ({ id: randomUUID(), ...read }));
      // One statement, and no read-back of the generated columns (the row is never shown here).
      await db.manager.createQueryBuilder().insert().into(PersonalDataRead).values(rows).updateEntity(false).callListeners(false).execute();
      return reads.map(() => undefined);
    },
    { cache: false },
  );

/**
 * Records that the caller read `field` of person `personId` (call it only once the caller was
 * allowed: a masked or refused field leaves no record), then hands back the value.
 */
export async function recordRead<T>(ctx: Context, info: GraphQLResolveInfo, personId: string, value: T): Promise<T> {
  if (value === null || value === undefined) return value;
  await ctx.loaders.get(personalDataReads).load({
    reader: ctx.viewer.subject ?? 'anonymous',
    personId,
    field: `${info.parentType.name}.${info.fieldName}`,
    operation: info.operation.name?.value ?? null,
  });
  return value;
}

/** The arguments of every subgraph's access-log query. */
@ArgsType()
export class PersonalDataReadsArgs {
  @Field(() => ID, { nullable: true, description: 'Only reads of this person’s data' })
  @IsOptional()
  @Length(1, 36)
  personId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only reads by this token subject' })
  @IsOptional()
  @Length(1, 100)
  reader?: string | null;

  @Field(() => Int, { defaultValue: 50, description: '1 to 500, newest first' })
  @Min(1)
  @Max(500)
  first: number;
}

/** The newest reads, for admins (who investigate a breach): by person, by reader, or all. */
export function personalDataReadsFor(ctx: Context, { personId, reader, first }: PersonalDataReadsArgs): Promise<PersonalDataRead[]> {
  ctx.viewer.insist(ctx.viewer.has(Role.ADMIN), 'actions.readPersonalDataReads');
  return ctx.db.manager.find(PersonalDataRead, {
    where: { ...(personId ? { personId } : {}), ...(reader ? { reader } : {}) },
    order: { readAt: 'DESC', id: 'ASC' },
    take: first,
  });
}

/** The access-log query of one subgraph (`teamsPersonalDataReads`…): each subgraph answers for its own reads. */
export function personalDataReadsResolver(subgraph: string): Function {
  @Resolver()
  class PersonalDataReadsResolver {
    @Query(() => [PersonalDataRead], {
      name: `${subgraph}PersonalDataReads`,
      description: 'Who read whose phone number or address in this subgraph, newest first (admins only)',
    })
    personalDataReads(@Args() args: PersonalDataReadsArgs, @Ctx() ctx: Context): Promise<PersonalDataRead[]> {
      return personalDataReadsFor(ctx, args);
    }
  }
  return PersonalDataReadsResolver;
}

/**
 * How long the access log is kept by default: long enough to investigate a breach found late (a year
 * and more after it happened), not for ever. Decree 53/2022/NĐ-CP, as commonly summarised (its text
 * is not in the seeds or DOMAIN.md), asks system logs be kept at least 12 months: the least the
 * setting may say, to be checked by the operator's legal adviser.
 */
export const ACCESS_LOG_MONTHS = 24;
export const ACCESS_LOG_MINIMUM_MONTHS = 12;

/** The access log's retention, in every subgraph: reads older than RETENTION_ACCESS_LOG_MONTHS go, the oldest first. */
export function accessLogRetention(env: EnvReader): RetentionRule {
  const months = env.int('RETENTION_ACCESS_LOG_MONTHS', ACCESS_LOG_MONTHS, {
    min: ACCESS_LOG_MINIMUM_MONTHS,
    max: 120,
    why: 'system logs are kept at least 12 months: Decree 53/2022/NĐ-CP as commonly summarised',
  });
  return {
    name: 'access-log',
    description: `reads of phone numbers and addresses (personal_data_read), ${months} months after the read`,
    async eraseBatch(manager, now, limit) {
      const rows = await manager
        .createQueryBuilder(PersonalDataRead, 'read')
        .select('read.id', 'id')
        .where('read.readAt < :until', { until: monthsBefore(now, months).time })
        .orderBy('read.readAt')
        .limit(limit)
        .getRawMany<{ id: string }>();
      if (rows.length > 0) await manager.delete(PersonalDataRead, { id: In(rows.map((row) => row.id)) });
      return rows.length;
    },
  };
}
