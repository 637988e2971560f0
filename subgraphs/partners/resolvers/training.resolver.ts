import { IsOptional, Length } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { DATE_RANGES } from '../../common/dates';
import { DateWithin } from '../../common/validation';
import { BatchResult } from '../../common/batch';
import type { Context } from '../../common/context';
import { notFound } from '../../common/errors';
import { Connection, PageArgs, paginate } from '../../common/pagination';
import { AdministrativeUnit, Member, Team } from './references';
import { insistActsFor, loadPartner, scopeToPartnerOrUnit, seesTraining } from '../access';
import { Attendance, Partner, Platform, Training } from '../entities';
import { attendanceOfTraining, invitationsOfTraining, platformById, trainingById } from '../loaders';
import { logTrainings, recordAttendance } from '../services/trainings';
import { LogTrainingsInput, RecordAttendanceInput } from './inputs';

@ObjectType({ description: 'A page of trainings' })
class TrainingConnection extends Connection(Training) {}

@ObjectType({ description: 'The trainings of a batch, in the order sent' })
class LogTrainingsResult extends BatchResult(Training) {}

@ObjectType({ description: 'The attendance rows of a batch, in the order sent' })
class RecordAttendanceResult extends BatchResult(Attendance) {}

@ArgsType()
class TrainingsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'A partner’s trainings (the partner and admins)' })
  @IsOptional()
  @Length(1, 36)
  partnerId?: string | null;

  @Field(() => String, { nullable: true, description: 'Trainings for units in this one’s subtree (officers over it)' })
  @IsOptional()
  @Length(1, 20)
  unitCode?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Only trainings held on or after this day' })

  @DateWithin(DATE_RANGES.filter)
  from?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Only trainings held on or before this day' })

  @DateWithin(DATE_RANGES.filter)
  to?: string | null;
}

/**
 * Trainings partners run for team members. A partner logs and reads its own; officers read
 * those for their subtree; leaders of invited teams read theirs.
 */
@Resolver(() => Training)
export class TrainingResolver {
  @Query(() => TrainingConnection, { description: 'By date; give partnerId (its partner, admins) or unitCode (officers over it), or both' })
  async trainings(@Args() { partnerId, unitCode, from, to, ...page }: TrainingsArgs, @Ctx() ctx: Context): Promise<TrainingConnection> {
    const query = ctx.db.manager.createQueryBuilder(Training, 'training');
    await scopeToPartnerOrUnit(ctx, query, { partnerId, unitCode }, 'training.unitPath', 'actions.seeTrainings');
    if (from) query.andWhere('training.heldOn >= :from', { from });
    if (to) query.andWhere('training.heldOn <= :to', { to });
    return new TrainingConnection(await paginate(query, { column: 'training.heldOn', valueOf: (training) => training.heldOn }, page));
  }

  @Query(() => Training, { nullable: true, description: 'A training, by its identifier' })
  async training(@Arg('id', () => ID, { description: 'The training’s identifier' }) id: string, @Ctx() ctx: Context): Promise<Training> {
    const training = await ctx.loaders.get(trainingById).load(id);
    if (!training) throw notFound('Training', id);
    ctx.viewer.insist(await seesTraining(ctx, training), 'actions.seeTraining');
    return training;
  }

  @FieldResolver(() => Partner, { description: 'The partner that ran it' })
  partner(@Root() training: Training, @Ctx() ctx: Context): Promise<Partner> {
    return loadPartner(ctx, training.partnerId);
  }

  @FieldResolver(() => Platform, { nullable: true, description: 'The platform taught (or else `skill`)' })
  async platform(@Root() training: Training, @Ctx() ctx: Context): Promise<Platform | null> {
    return training.platformId ? ((await ctx.loaders.get(platformById).load(training.platformId)) ?? null) : null;
  }

  @FieldResolver(() => AdministrativeUnit, { description: 'The unit it was held for' })
  unit(@Root() training: Training): AdministrativeUnit {
    return { code: training.unitCode };
  }

  @FieldResolver(() => [Team], { description: 'The teams invited' })
  async invitedTeams(@Root() training: Training, @Ctx() ctx: Context): Promise<Team[]> {
    const invitations = await ctx.loaders.get(invitationsOfTraining).load(training.id);
    return invitations.map(({ teamId }) => ({ id: teamId }));
  }

  @FieldResolver(() => [Attendance], { description: 'The team members who attended' })
  attendance(@Root() training: Training, @Ctx() ctx: Context): Promise<Attendance[]> {
    return ctx.loaders.get(attendanceOfTraining).load(training.id);
  }

  @FieldResolver(() => Int, { description: 'How many team members attended' })
  async attendeeCount(@Root() training: Training, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.get(attendanceOfTraining).load(training.id)).length;
  }

  @Mutation(() => LogTrainingsResult, {
    description:
      'Logs up to 200 trainings with their invited teams and attendance, all or none. Each row has its own ' +
      'idempotencyKey: re-sending a batch never duplicates a training. A bad row is named (trainings.3.attendeeIds.1).',
  })
  async logTrainings(@Arg('input', { description: 'The partner and its batch of trainings' }) input: LogTrainingsInput, @Ctx() ctx: Context): Promise<LogTrainingsResult> {
    await loadPartner(ctx, input.partnerId);
    await insistActsFor(ctx, input.partnerId, 'actions.logTrainings');
    return new LogTrainingsResult(await logTrainings(ctx, input));
  }

  @Mutation(() => RecordAttendanceResult, { description: 'Records members at trainings already logged, all rows or none; idempotent per row' })
  async recordAttendance(@Arg('input', { description: 'Who attended which training' }) input: RecordAttendanceInput, @Ctx() ctx: Context): Promise<RecordAttendanceResult> {
    await loadPartner(ctx, input.partnerId);
    await insistActsFor(ctx, input.partnerId, 'actions.recordAttendance');
    return new RecordAttendanceResult(await recordAttendance(ctx, input.partnerId, input.attendances));
  }
}

@Resolver(() => Attendance)
export class AttendanceResolver {
  @FieldResolver(() => Member, { description: 'The team member who attended' })
  member(@Root() attendance: Attendance): Member {
    return { id: attendance.memberId };
  }

  @FieldResolver(() => Team, { description: 'The member’s team' })
  team(@Root() attendance: Attendance): Team {
    return { id: attendance.teamId };
  }

  @FieldResolver(() => Training, { description: 'The training attended' })
  async training(@Root() attendance: Attendance, @Ctx() ctx: Context): Promise<Training> {
    return (await ctx.loaders.get(trainingById).load(attendance.trainingId))!;
  }
}
