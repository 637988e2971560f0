import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { AuditEntry, AuditTrailArgs, auditTrailUnder } from '../../common/audit';
import type { Context } from '../../common/context';
import { Member, Team } from './references';
import { actsFor, followsTeam } from '../access';
import { Attendance, Onboarding, Training } from '../entities';
import { attendanceOfMember, attendanceOfTeam, onboardingsOfTeam, trainingById } from '../loaders';

/**
 * The trainings behind some attendance rows, as far as the caller may see them: all of them
 * for the team's leaders and officers over it, a partner's own for that partner.
 */
async function attendedTrainings(ctx: Context, attendance: Attendance[]): Promise<Training[]> {
  ctx.viewer.requireSignedIn();
  const trainingIds = [...new Set(attendance.map((row) => row.trainingId))];
  const trainings = (await ctx.loaders.get(trainingById).loadMany(trainingIds)) as Training[];
  const visible = await Promise.all(
    trainings.map(async (training, index) => {
      const row = attendance.find((candidate) => candidate.trainingId === trainingIds[index])!;
      return followsTeam(ctx, row.teamId, row.teamUnitPath) || (await actsFor(ctx, training.partnerId));
    }),
  );
  return trainings.filter((_, index) => visible[index]).sort((a, b) => b.heldOn.localeCompare(a.heldOn));
}

/** The partners subgraph's fields on teams: a team's dashboard shows partner work next to its members. */
@Resolver(() => Team)
export class TeamPartnerWorkResolver {
  @FieldResolver(() => [Training], { nullable: true, description: 'Trainings its members attended, newest first (as far as you may see them)' })
  async trainingsAttended(@Root() team: Team, @Ctx() ctx: Context): Promise<Training[]> {
    return attendedTrainings(ctx, await ctx.loaders.get(attendanceOfTeam).load(team.id));
  }

  @FieldResolver(() => [Onboarding], { nullable: true, description: 'Households and businesses it helped onto partners’ platforms, newest first' })
  async onboardingsHelped(@Root() team: Team, @Ctx() ctx: Context): Promise<Onboarding[]> {
    ctx.viewer.requireSignedIn();
    const onboardings = await ctx.loaders.get(onboardingsOfTeam).load(team.id);
    const visible = await Promise.all(
      onboardings.map(
        async (onboarding) => followsTeam(ctx, onboarding.teamId, onboarding.teamUnitPath) || (await actsFor(ctx, onboarding.partnerId)),
      ),
    );
    return onboardings.filter((_, index) => visible[index]);
  }

  @Query(() => [AuditEntry], { description: 'Changes to partners’ work under a unit, newest first (officers over it; without a unit, admins: the whole trail)' })
  partnersAuditTrail(
    @Args() { unitCode, first }: AuditTrailArgs,
    @Ctx() ctx: Context,
  ): Promise<AuditEntry[]> {
    return auditTrailUnder(ctx, unitCode, first);
  }
}

@Resolver(() => Member)
export class MemberTrainingResolver {
  @FieldResolver(() => [Training], { nullable: true, description: 'Trainings the member attended, newest first (as far as you may see them)' })
  async trainingsAttended(@Root() member: Member, @Ctx() ctx: Context): Promise<Training[]> {
    return attendedTrainings(ctx, await ctx.loaders.get(attendanceOfMember).load(member.id));
  }
}
