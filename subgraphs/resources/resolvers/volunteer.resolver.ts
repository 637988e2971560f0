import type { GraphQLResolveInfo } from 'graphql';
import { checkedKey, once, RETRY_KEY } from '../../common/idempotency';
import { Arg, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { audit } from '../../common/audit';
import { ConsentPurpose, recordConsent, requireConsent } from '../../common/consent';
import type { Context } from '../../common/context';
import { recordRead } from '../../common/personal-data-reads';
import { invalidInput, notFound } from '../../common/errors';
import { loadProgramme, managesProgramme } from '../access';
import { HoursStatus, Volunteer, VolunteerShift } from '../entities';
import { shiftsOfVolunteer, volunteerById } from '../loaders';
import { VolunteerInput, VolunteerShiftInput } from './inputs';
import { Member } from './references';
import { t } from '../../common/messages';

/** Volunteers' names and phones are personal data: officers over their unit, and its team leaders who registered them. */
export async function managesVolunteersAt(ctx: Context, unitPath: string): Promise<boolean> {
  if (ctx.viewer.oversees(unitPath)) return true;
  if (!ctx.viewer.teamId) return false;
  return (await ctx.units.team(ctx.viewer.teamId)).unitPath === unitPath && ctx.viewer.leads(ctx.viewer.teamId);
}

/** A volunteer's own record is also theirs to see. */
export async function seesVolunteer(ctx: Context, volunteer: Volunteer): Promise<boolean> {
  return ctx.viewer.isVolunteer(volunteer.id) || managesVolunteersAt(ctx, volunteer.unitPath);
}

@Resolver(() => Volunteer)
export class VolunteerResolver {
  @Query(() => [Volunteer], { description: 'Volunteers registered anywhere under a unit' })
  async volunteers(@Arg('unitCode', { description: 'The unit whose volunteers to list' }) unitCode: string, @Ctx() ctx: Context): Promise<Volunteer[]> {
    const { unitPath } = await ctx.units.unit(unitCode);
    ctx.viewer.insist(await managesVolunteersAt(ctx, unitPath), 'actions.seeUnitVolunteers');
    return ctx.db.manager
      .createQueryBuilder(Volunteer, 'volunteer')
      .where('volunteer.unitPath LIKE :prefix', { prefix: `${unitPath}%` })
      .orderBy('volunteer.fullName')
      .limit(500)
      .getMany();
  }

  @Query(() => Volunteer, { description: 'One volunteer: for the managers of their unit, and for the volunteer themselves' })
  async volunteer(@Arg('id', () => ID, { description: 'The volunteer’s identifier' }) id: string, @Ctx() ctx: Context): Promise<Volunteer> {
    const volunteer = await ctx.loaders.get(volunteerById).load(id);
    if (!volunteer) throw notFound('Volunteer', id);
    ctx.viewer.insist(await seesVolunteer(ctx, volunteer), 'actions.seeVolunteer');
    return volunteer;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Personal data' })
  async fullName(@Root() volunteer: Volunteer, @Ctx() ctx: Context): Promise<string> {
    ctx.viewer.insist(await seesVolunteer(ctx, volunteer), 'actions.seeVolunteerNames');
    return volunteer.fullName;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Personal data' })
  async phone(@Root() volunteer: Volunteer, @Ctx() ctx: Context, @Info() info: GraphQLResolveInfo): Promise<string | null> {
    ctx.viewer.insist(await seesVolunteer(ctx, volunteer), 'actions.seeVolunteerPhones');
    return recordRead(ctx, info, volunteer.id, volunteer.phone);
  }

  @FieldResolver(() => Member, { nullable: true, description: 'Their membership in a team, if they are a member' })
  member(@Root() volunteer: Volunteer): Member | null {
    return volunteer.memberId ? { id: volunteer.memberId } : null;
  }

  @Mutation(() => Volunteer, { description: 'Registers someone who gives time to a unit’s programmes' })
  async registerVolunteer(@Arg('input', { description: 'The volunteer’s name, contact and skills' }) input: VolunteerInput, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<Volunteer> {
    const { unitCode, unitPath } = await ctx.units.unit(input.unitCode);
    ctx.viewer.insist(await managesVolunteersAt(ctx, unitPath), 'actions.registerVolunteers');
    const { consent: given, ...fields } = input;
    const consent = requireConsent(given);
    return once(
      ctx.db,
      { scope: `registerVolunteer:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input },
      async (manager) => {
        const volunteer = await manager.save(
          manager.create(Volunteer, { ...fields, unitCode, unitPath, phone: input.phone ?? null, memberId: input.memberId ?? null }),
        );
        await audit(manager, ctx.viewer, { action: 'registerVolunteer', entity: volunteer, unitPath, after: volunteer });
        await recordConsent(manager, ctx.viewer, volunteer, ConsentPurpose.VOLUNTEERING, consent, volunteer.phone);
        return volunteer;
      },
      (manager, id) => manager.findOneByOrFail(Volunteer, { id }),
    );
  }

  @Mutation(() => VolunteerShift, { description: 'Logs the hours a volunteer gave to a programme' })
  async logVolunteerShift(@Arg('input', { description: 'The hours given' }) input: VolunteerShiftInput, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<VolunteerShift> {
    const programme = await loadProgramme(ctx, input.programmeId);
    ctx.viewer.insist(managesProgramme(ctx, programme), 'actions.logHours');
    const volunteer = await ctx.db.manager.findOneBy(Volunteer, { id: input.volunteerId });
    if (!volunteer) throw notFound('Volunteer', input.volunteerId);
    if (!programme.unitPath.startsWith(volunteer.unitPath) && !volunteer.unitPath.startsWith(programme.unitPath)) {
      throw invalidInput('volunteerId', t('problems.volunteerUnrelatedUnit'));
    }
    if (!Number.isInteger(input.hours * 4)) throw invalidInput('hours', t('problems.quarterHours'));
    const { hours, ...fields } = input;
    return once(
      ctx.db,
      { scope: `logVolunteerShift:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input },
      async (manager) => {
        const shift = await manager.save(
          // Logged by the programme's managers themselves: approved as they log it.
          manager.create(VolunteerShift, { ...fields, minutes: Math.round(hours * 60), activity: input.activity ?? null, status: HoursStatus.APPROVED, loggedBy: ctx.viewer.subject }),
        );
        await audit(manager, ctx.viewer, { action: 'logVolunteerShift', entity: shift, unitPath: programme.unitPath, after: shift });
        return shift;
      },
      (manager, id) => manager.findOneByOrFail(VolunteerShift, { id }),
    );
  }

  @FieldResolver(() => [VolunteerShift], { description: 'The hours the volunteer gave' })
  async shifts(@Root() volunteer: Volunteer, @Ctx() ctx: Context): Promise<VolunteerShift[]> {
    ctx.viewer.insist(await seesVolunteer(ctx, volunteer), 'actions.seeVolunteerShifts');
    return ctx.loaders.get(shiftsOfVolunteer).load(volunteer.id);
  }
}

