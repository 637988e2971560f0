import { Arg, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { audit } from '../../common/audit';
import type { Context } from '../../common/context';
import { conflict, forbidden, invalidInput, notFound } from '../../common/errors';
import { checkedKey, once, RETRY_KEY } from '../../common/idempotency';
import { exportPaper } from '../../common/papers';
import { phoneHash } from '../../common/personal-data';
import { isRestricted } from '../../common/restriction';
import { ExportedFile } from '../../common/spreadsheets';
import { loadProgramme, managesProgramme } from '../access';
import { HoursDecision, HoursStatus, PlannedShift, Programme, ShiftSignup, Volunteer, VolunteerShift } from '../entities';
import { approvedMinutesOfVolunteer, plannedShiftById, programmeById, shiftsOfVolunteer, signupsOfShift, signupsOfVolunteer, volunteerById } from '../loaders';
import { headingOf, volunteerCertificate } from '../services/papers';
import { cancelSignup, checkIn, checkOut, COUNTED_STATUSES, decideHours, logOwnHours, quarterHoursToMinutes, shiftsAround, signUp } from '../services/volunteering';
import { OwnHoursInput, PlannedShiftInput } from './inputs';
import { seesVolunteer } from './volunteer.resolver';
import { t } from '../../common/messages';

/** The most shifts or pending hours one list holds. */
const MAX_LIST = 200;

async function loadShift(ctx: Context, id: string): Promise<PlannedShift> {
  const shift = await ctx.loaders.get(plannedShiftById).load(id);
  if (!shift) throw notFound('PlannedShift', id);
  return shift;
}

/** The caller's own volunteer record (VOLUNTEER tokens carry it); a token naming none here is refused. */
async function ownVolunteer(ctx: Context): Promise<Volunteer> {
  const id = ctx.viewer.requireSignedIn().volunteerId;
  const volunteer = id ? await ctx.loaders.get(volunteerById).load(id) : undefined;
  if (!volunteer) throw forbidden(t('refusals.notAVolunteerHere'));
  return volunteer;
}

/** The caller's place on a shift. */
async function ownSignup(ctx: Context, shift: PlannedShift): Promise<ShiftSignup> {
  const volunteer = await ownVolunteer(ctx);
  const signup = await ctx.db.manager.findOneBy(ShiftSignup, { shiftId: shift.id, volunteerId: volunteer.id });
  if (!signup) throw invalidInput('shiftId', t('problems.notSignedUp'));
  return signup;
}

@Resolver(() => PlannedShift)
export class PlannedShiftResolver {
  @Query(() => [PlannedShift], { description: 'Shifts not yet over, planned under a unit or by the units above it (where its volunteers serve)' })
  async plannedShifts(@Arg('unitCode', { description: 'The unit whose planned shifts to list' }) unitCode: string, @Ctx() ctx: Context): Promise<PlannedShift[]> {
    const { unitPath } = await ctx.units.unit(unitCode);
    return shiftsAround(ctx.db.manager, unitPath, new Date(), MAX_LIST);
  }

  @FieldResolver(() => Programme, { description: 'The programme the shift belongs to' })
  async programme(@Root() shift: PlannedShift, @Ctx() ctx: Context): Promise<Programme> {
    return loadProgramme(ctx, shift.programmeId);
  }

  @FieldResolver(() => [ShiftSignup], { description: 'Who signed up (their names are the managers’ to see)' })
  async signups(@Root() shift: PlannedShift, @Ctx() ctx: Context): Promise<ShiftSignup[]> {
    ctx.viewer.insist(managesProgramme(ctx, await loadProgramme(ctx, shift.programmeId)), 'actions.seeShiftSignUps');
    return ctx.loaders.get(signupsOfShift).load(shift.id);
  }

  @FieldResolver(() => Boolean, { description: 'The calling volunteer holds a place on it' })
  async signedUpByMe(@Root() shift: PlannedShift, @Ctx() ctx: Context): Promise<boolean> {
    if (!ctx.viewer.volunteerId) return false;
    const places = await ctx.loaders.get(signupsOfVolunteer).load(ctx.viewer.volunteerId);
    return places.some((place) => place.shiftId === shift.id && !place.cancelledAt);
  }

  @Mutation(() => PlannedShift, { description: 'Plans a shift of a programme for volunteers to sign up within its capacity' })
  async planShift(@Arg('input', { description: 'The shift: when, where and how many volunteers it takes' }) input: PlannedShiftInput, @Ctx() ctx: Context): Promise<PlannedShift> {
    const programme = await loadProgramme(ctx, input.programmeId);
    ctx.viewer.insist(managesProgramme(ctx, programme), 'actions.planShifts');
    if (input.endsAt <= input.startsAt) throw invalidInput('endsAt', t('problems.afterStart'));
    const { idempotencyKey, ...request } = input;
    return once(
      ctx.db,
      { scope: `planShift:${ctx.viewer.subject}`, key: idempotencyKey, input: request },
      async (manager) => {
        const shift = await manager.save(
          manager.create(PlannedShift, { ...request, place: request.place ?? null, eventId: request.eventId ?? null, unitPath: programme.unitPath, signedUp: 0 }),
        );
        await audit(manager, ctx.viewer, { action: 'planShift', entity: shift, unitPath: programme.unitPath, after: shift });
        return shift;
      },
      (manager, id) => manager.findOneByOrFail(PlannedShift, { id }),
    );
  }

  @Mutation(() => ShiftSignup, { description: 'The calling volunteer takes a place on a shift (a retry keeps the same place); refused when the shift is full, or while the volunteer’s processing is restricted' })
  async signUpForShift(@Arg('shiftId', () => ID, { description: 'The shift to sign up for' }) shiftId: string, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<ShiftSignup> {
    const [shift, volunteer] = await Promise.all([loadShift(ctx, shiftId), ownVolunteer(ctx)]);
    // A restricted volunteer takes no new shift (their hours and places already held stay) until they ask to lift it.
    if (await isRestricted(ctx, phoneHash(volunteer.phone))) throw conflict(t('conflicts.ownProcessingRestricted'));
    return once(
      ctx.db,
      { scope: `signUpForShift:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { shiftId } },
      (manager) => signUp(ctx.db, manager, ctx.viewer, shift, volunteer),
      (manager, id) => manager.findOneByOrFail(ShiftSignup, { id }),
    );
  }

  @Mutation(() => ShiftSignup, { description: 'The calling volunteer gives their place back (before checking in)' })
  async cancelShiftSignup(@Arg('shiftId', () => ID, { description: 'The shift to give up the place on' }) shiftId: string, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<ShiftSignup> {
    const shift = await loadShift(ctx, shiftId);
    const signup = await ownSignup(ctx, shift);
    return once(
      ctx.db,
      { scope: `cancelShiftSignup:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { shiftId } },
      (manager) => cancelSignup(manager, ctx.viewer, shift, signup),
      (manager, id) => manager.findOneByOrFail(ShiftSignup, { id }),
    );
  }

  @Mutation(() => ShiftSignup, { description: 'The calling volunteer checks in at the shift' })
  async checkIntoShift(@Arg('shiftId', () => ID, { description: 'The shift arrived at' }) shiftId: string, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<ShiftSignup> {
    const shift = await loadShift(ctx, shiftId);
    const signup = await ownSignup(ctx, shift);
    return once(
      ctx.db,
      { scope: `checkIntoShift:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { shiftId } },
      (manager) => checkIn(manager, ctx.viewer, shift, signup),
      (manager, id) => manager.findOneByOrFail(ShiftSignup, { id }),
    );
  }

  @Mutation(() => VolunteerShift, { description: 'The calling volunteer checks out: the time since check-in becomes hours waiting for approval' })
  async checkOutOfShift(@Arg('shiftId', () => ID, { description: 'The shift left' }) shiftId: string, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<VolunteerShift> {
    const shift = await loadShift(ctx, shiftId);
    const signup = await ownSignup(ctx, shift);
    return once(
      ctx.db,
      { scope: `checkOutOfShift:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { shiftId } },
      (manager) => checkOut(manager, ctx.viewer, shift, signup),
      (manager, id) => manager.findOneByOrFail(VolunteerShift, { id }),
    );
  }
}

@Resolver(() => ShiftSignup)
export class ShiftSignupResolver {
  @FieldResolver(() => PlannedShift, { description: 'The planned shift the place is on' })
  shift(@Root() signup: ShiftSignup, @Ctx() ctx: Context): Promise<PlannedShift> {
    return loadShift(ctx, signup.shiftId);
  }

  @FieldResolver(() => Volunteer, { description: 'The volunteer who holds the place' })
  async volunteer(@Root() signup: ShiftSignup, @Ctx() ctx: Context): Promise<Volunteer> {
    const volunteer = await ctx.loaders.get(volunteerById).load(signup.volunteerId);
    if (!volunteer) throw notFound('Volunteer', signup.volunteerId);
    return volunteer;
  }
}

@Resolver(() => Volunteer)
export class OwnVolunteeringResolver {
  @Query(() => Volunteer, { description: 'The calling volunteer’s own record: places on shifts, hours and their total' })
  myVolunteerRecord(@Ctx() ctx: Context): Promise<Volunteer> {
    return ownVolunteer(ctx);
  }

  @FieldResolver(() => [ShiftSignup], { description: 'Places on shifts, cancelled ones included' })
  async signups(@Root() volunteer: Volunteer, @Ctx() ctx: Context): Promise<ShiftSignup[]> {
    ctx.viewer.insist(await seesVolunteer(ctx, volunteer), 'actions.seeVolunteerShiftsOfOne');
    return ctx.loaders.get(signupsOfVolunteer).load(volunteer.id);
  }

  @FieldResolver(() => Float, { description: 'Approved (and corrected) hours: only these count' })
  async approvedHours(@Root() volunteer: Volunteer, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.get(approvedMinutesOfVolunteer).load(volunteer.id)) / 60;
  }

  @Query(() => ExportedFile, { description: 'A certificate of a volunteer’s approved hours (giấy chứng nhận), PDF' })
  async volunteerCertificate(@Arg('volunteerId', () => ID, { description: 'The volunteer the certificate is for' }) volunteerId: string, @Ctx() ctx: Context): Promise<ExportedFile> {
    const volunteer = await ctx.loaders.get(volunteerById).load(volunteerId);
    if (!volunteer) throw notFound('Volunteer', volunteerId);
    ctx.viewer.insist(await seesVolunteer(ctx, volunteer), 'actions.printVolunteerCertificate');
    const counted = (await ctx.loaders.get(shiftsOfVolunteer).load(volunteer.id)).filter((hours) => COUNTED_STATUSES.includes(hours.status));
    const programmes = await ctx.loaders.get(programmeById).loadMany(counted.map((hours) => hours.programmeId));
    const heading = await headingOf(ctx, volunteer);
    return exportPaper(`chung-nhan-tinh-nguyen-${volunteer.id.slice(0, 8)}`, volunteerCertificate(heading, volunteer, counted, programmes as Programme[]));
  }

  @Mutation(() => VolunteerShift, { description: 'The calling volunteer logs hours they gave; they wait for the programme’s officer or team leader' })
  async logMyVolunteerHours(@Arg('input', { description: 'The hours given' }) input: OwnHoursInput, @Ctx() ctx: Context): Promise<VolunteerShift> {
    const [volunteer, programme] = await Promise.all([ownVolunteer(ctx), loadProgramme(ctx, input.programmeId)]);
    const minutes = quarterHoursToMinutes(input.hours, 'hours');
    const { idempotencyKey, ...request } = input;
    return once(
      ctx.db,
      { scope: `logMyVolunteerHours:${ctx.viewer.subject}`, key: idempotencyKey, input: request },
      (manager) => logOwnHours(manager, ctx.viewer, volunteer, { programme, workedOn: input.workedOn, minutes, activity: input.activity ?? null }),
      (manager, id) => manager.findOneByOrFail(VolunteerShift, { id }),
    );
  }
}

@Resolver(() => VolunteerShift)
export class VolunteerHoursResolver {
  @Query(() => [VolunteerShift], { description: 'Hours volunteers logged that wait for approval, of the programmes the caller manages under a unit' })
  async volunteerHoursToApprove(@Arg('unitCode', { description: 'The unit whose volunteers’ hours to list' }) unitCode: string, @Ctx() ctx: Context): Promise<VolunteerShift[]> {
    const { unitPath } = await ctx.units.unit(unitCode);
    // Officers over the unit see all of it; leaders of a team in it, their own team's programmes.
    const leadsTeamUnder = ctx.viewer.teamId !== undefined && ctx.viewer.leads(ctx.viewer.teamId) && (await ctx.units.team(ctx.viewer.teamId)).unitPath.startsWith(unitPath);
    ctx.viewer.insist(ctx.viewer.oversees(unitPath) || leadsTeamUnder, 'actions.approveHoursHere');
    const pending = await ctx.db.manager
      .createQueryBuilder(VolunteerShift, 'hours')
      .innerJoinAndSelect('hours.programme', 'programme')
      .where('hours.status = :pending', { pending: HoursStatus.PENDING })
      .andWhere('programme.unitPath LIKE :prefix', { prefix: `${unitPath}%` })
      .orderBy('hours.workedOn', 'ASC')
      .addOrderBy('hours.id', 'ASC')
      .limit(MAX_LIST)
      .getMany();
    return pending.filter((hours) => managesProgramme(ctx, hours.programme!));
  }

  @FieldResolver(() => Programme, { description: 'The programme the hours were given to' })
  programme(@Root() hours: VolunteerShift, @Ctx() ctx: Context): Promise<Programme> {
    return hours.programme ? Promise.resolve(hours.programme) : loadProgramme(ctx, hours.programmeId);
  }

  @FieldResolver(() => Volunteer, { description: 'The volunteer who gave the hours' })
  async volunteer(@Root() hours: VolunteerShift, @Ctx() ctx: Context): Promise<Volunteer> {
    const volunteer = await ctx.loaders.get(volunteerById).load(hours.volunteerId);
    if (!volunteer) throw notFound('Volunteer', hours.volunteerId);
    return volunteer;
  }

  @FieldResolver(() => Boolean, { description: 'The caller logged these hours (and so may not decide them)' })
  loggedByMe(@Root() hours: VolunteerShift, @Ctx() ctx: Context): boolean {
    return hours.loggedBy !== null && hours.loggedBy === ctx.viewer.subject;
  }

  @Mutation(() => VolunteerShift, { description: 'The programme’s officer or team leader approves, corrects (with a reason) or declines (with a reason) hours a volunteer logged; nothing is deleted' })
  async decideVolunteerHours(
    @Arg('id', () => ID, { description: 'The logged hours decided' }) id: string,
    @Arg('decision', () => HoursDecision, { description: 'What to do with the hours' }) decision: HoursDecision,
    @Arg('hours', () => Float, { nullable: true, description: 'CORRECT: the hours that count instead' }) hours: number | null | undefined,
    @Arg('reason', () => String, { nullable: true, description: 'Required to correct or decline' }) reason: string | null | undefined,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<VolunteerShift> {
    const logged = await ctx.db.manager.findOneBy(VolunteerShift, { id });
    if (!logged) throw notFound('VolunteerShift', id);
    const programme = await loadProgramme(ctx, logged.programmeId);
    ctx.viewer.insist(managesProgramme(ctx, programme), 'actions.decideProgrammeHours');
    if (reason && reason.length > 300) throw invalidInput('reason', t('problems.over300Characters'));
    if (hours != null && (hours <= 0 || hours > 24)) throw invalidInput('hours', t('problems.hoursRange'));
    const minutes = hours == null ? undefined : quarterHoursToMinutes(hours, 'hours');
    return once(
      ctx.db,
      { scope: `decideVolunteerHours:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { id, decision, hours, reason } },
      (manager) => decideHours(manager, ctx.viewer, programme, logged, { decision, minutes, reason }),
      (manager, id) => manager.findOneByOrFail(VolunteerShift, { id }),
    );
  }
}
