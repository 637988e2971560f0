import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { AuditEntry, AuditTrailArgs, auditTrailUnder } from '../../common/audit';
import type { Context } from '../../common/context';
import { Member, Team } from './references';
import { actsFor, followsTeam } from '../access';
import { Attendance, Onboarding, Training } from '../entities';
import { Role } from '../../common/auth';
import { attendanceOfMember, attendanceOfTeam, invitationsOfTeam, onboardingsOfTeam, trainingById } from '../loaders';

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

  /**
   * The working relation the teams subgraph asks about (with the caller's token) before it shows
   * a partner the names of the team's members: see common/working-relations.ts.
   */
  @FieldResolver(() => Boolean, { description: 'Whether the calling partner invited the team to a training or recorded its members at one' })
  async worksWithCallingPartner(@Root() team: Team, @Ctx() ctx: Context): Promise<boolean> {
    if (!ctx.viewer.has(Role.PARTNER)) return false;
    const [invitations, attendance] = await Promise.all([
      ctx.loaders.get(invitationsOfTeam).load(team.id),
      ctx.loaders.get(attendanceOfTeam).load(team.id),
    ]);
    const trainingIds = [...new Set([...invitations, ...attendance].map((row) => row.trainingId))];
    const trainings = (await ctx.loaders.get(trainingById).loadMany(trainingIds)) as Training[];
    const partnerIds = [...new Set(trainings.map((training) => training.partnerId))];
    return (await Promise.all(partnerIds.map((partnerId) => actsFor(ctx, partnerId)))).some(Boolean);
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
    @Args() args: AuditTrailArgs,
    @Ctx() ctx: Context,
  ): Promise<AuditEntry[]> {
    return auditTrailUnder(ctx, args);
  }
}

@Resolver(() => Member)
export class MemberTrainingResolver {
  @FieldResolver(() => [Training], { nullable: true, description: 'Trainings the member attended, newest first (as far as you may see them)' })
  async trainingsAttended(@Root() member: Member, @Ctx() ctx: Context): Promise<Training[]> {
    return attendedTrainings(ctx, await ctx.loaders.get(attendanceOfMember).load(member.id));
  }
}
