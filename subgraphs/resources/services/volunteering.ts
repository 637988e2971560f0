import { Brackets, In, IsNull, type EntityManager } from 'typeorm';
import type { Viewer } from '../../common/auth';
import { audit } from '../../common/audit';
import type { Database } from '../../common/database';
import { todayInVietnam } from '../../common/dates';
import { conflict, forbidden, invalidInput } from '../../common/errors';
import { HoursDecision, HoursStatus, PlannedShift, ShiftSignup, Volunteer, VolunteerShift, type Programme } from '../entities';
import { t } from '../../common/messages';

/**
 * Volunteers acting for themselves: signing up for planned shifts within their capacity,
 * checking in and out, logging their own hours; the programme's managers approve, correct or
 * decline what they log (never deleting it). Only approved hours count.
 */

/** The statuses whose hours count in totals and on certificates. */
export const COUNTED_STATUSES: readonly HoursStatus[] = [HoursStatus.APPROVED, HoursStatus.CORRECTED];

/** Hours in quarter hours as minutes; anything else is refused, naming the field. */
export function quarterHoursToMinutes(hours: number, field: string): number {
  if (!Number.isInteger(hours * 4)) throw invalidInput(field, t('problems.quarterHours'));
  return Math.round(hours * 60);
}

/** A volunteer gives time to programmes of their own unit, of a unit above it, or of one below it. */
export function servesUnit(volunteer: Volunteer, unitPath: string): boolean {
  return unitPath.startsWith(volunteer.unitPath) || volunteer.unitPath.startsWith(unitPath);
}

export function insistServes(volunteer: Volunteer, unitPath: string, field: string): void {
  if (!servesUnit(volunteer, unitPath)) throw invalidInput(field, t('problems.shiftOtherUnit'));
}

/** The paths of a unit's ancestors and itself: `/40/17227/` → `/40/`, `/40/17227/`. */
function pathsAbove(unitPath: string): string[] {
  const codes = unitPath.split('/').filter(Boolean);
  return codes.map((_, index) => `/${codes.slice(0, index + 1).join('/')}/`);
}

/** Shifts starting from `from` planned under a unit's subtree or by the units above it (where its volunteers also serve). */
export function shiftsAround(manager: EntityManager, unitPath: string, from: Date, limit: number): Promise<PlannedShift[]> {
  return manager
    .createQueryBuilder(PlannedShift, 'shift')
    .where('shift.endsAt >= :from', { from })
    .andWhere(
      new Brackets((around) =>
        around.where('shift.unitPath LIKE :prefix', { prefix: `${unitPath}%` }).orWhere('shift.unitPath IN (:...above)', { above: pathsAbove(unitPath) }),
      ),
    )
    .orderBy('shift.startsAt', 'ASC')
    .addOrderBy('shift.id', 'ASC')
    .limit(limit)
    .getMany();
}

/**
 * Takes a place on the shift for the volunteer, or gives back the place they hold (a retry
 * changes nothing). Sign-ups to one shift queue on its row's lock, so the place a retry holds is
 * read after the first attempt committed (at READ COMMITTED), not raced into the unique index on
 * (shift, volunteer), which still keeps one place per volunteer. The seat is taken by a
 * conditional update (`signedUp < capacity`): the last seat goes to one volunteer only.
 */
export async function signUp(db: Database, manager: EntityManager, viewer: Viewer, shift: PlannedShift, volunteer: Volunteer, now = new Date()): Promise<ShiftSignup> {
  viewer.insist(servesUnit(volunteer, shift.unitPath), 'actions.signUpOtherUnit');
  if (shift.endsAt <= now) throw conflict(t('conflicts.shiftEnded'));
  await db.lockForUpdate(manager, PlannedShift, { id: shift.id });
  const held = await manager.findOneBy(ShiftSignup, { shiftId: shift.id, volunteerId: volunteer.id });
  if (held && !held.cancelledAt) return held;
  const seat = await manager
    .createQueryBuilder()
    .update(PlannedShift)
    .set({ signedUp: () => 'signedUp + 1' })
    .where('id = :id AND signedUp < capacity', { id: shift.id })
    .execute();
  if (!seat.affected) throw conflict(t('conflicts.shiftFull', { shiftCapacity: shift.capacity }), { capacity: shift.capacity });
  const signup = held
    ? await manager.save(Object.assign(held, { cancelledAt: null }))
    : await manager.save(manager.create(ShiftSignup, { shiftId: shift.id, volunteerId: volunteer.id, checkedInAt: null, checkedOutAt: null, cancelledAt: null }));
  await audit(manager, viewer, { action: 'signUpForShift', entity: signup, unitPath: shift.unitPath, after: signup });
  return signup;
}

/** Gives the place back before checking in; cancelling twice frees one seat. */
export async function cancelSignup(manager: EntityManager, viewer: Viewer, shift: PlannedShift, signup: ShiftSignup, now = new Date()): Promise<ShiftSignup> {
  const cancelled = await manager.update(ShiftSignup, { id: signup.id, cancelledAt: IsNull(), checkedInAt: IsNull() }, { cancelledAt: now });
  if (!cancelled.affected) {
    if (signup.checkedInAt) throw conflict(t('conflicts.checkedInCannotCancel'));
    return signup;
  }
  await manager.createQueryBuilder().update(PlannedShift).set({ signedUp: () => 'signedUp - 1' }).where('id = :id', { id: shift.id }).execute();
  const after = await manager.findOneByOrFail(ShiftSignup, { id: signup.id });
  await audit(manager, viewer, { action: 'cancelShiftSignup', entity: after, unitPath: shift.unitPath, before: signup, after });
  return after;
}

/** How early before a shift starts a volunteer may check in. */
const CHECK_IN_EARLY_MS = 60 * 60_000;

/** Checks in at the shift (from an hour before it starts until it ends); a second check-in changes nothing. */
export async function checkIn(manager: EntityManager, viewer: Viewer, shift: PlannedShift, signup: ShiftSignup, now = new Date()): Promise<ShiftSignup> {
  if (signup.cancelledAt) throw conflict(t('conflicts.signUpCancelled'));
  if (now.getTime() < shift.startsAt.getTime() - CHECK_IN_EARLY_MS || now > shift.endsAt) {
    throw conflict(t('conflicts.checkInWindow'));
  }
  await manager.update(ShiftSignup, { id: signup.id, checkedInAt: IsNull() }, { checkedInAt: now });
  const after = await manager.findOneByOrFail(ShiftSignup, { id: signup.id });
  if (!signup.checkedInAt) await audit(manager, viewer, { action: 'checkIntoShift', entity: after, unitPath: shift.unitPath, before: signup, after });
  return after;
}

/** Minutes between two instants, to the nearest quarter hour, at least one quarter. */
export function quarterHoursBetween(from: Date, to: Date): number {
  return Math.max(15, Math.round((to.getTime() - from.getTime()) / (15 * 60_000)) * 15);
}

/**
 * Checks out: the time between check-in and check-out becomes hours waiting for approval, once
 * (the conditional update lets one check-out through).
 */
export async function checkOut(manager: EntityManager, viewer: Viewer, shift: PlannedShift, signup: ShiftSignup, now = new Date()): Promise<VolunteerShift> {
  if (!signup.checkedInAt) throw conflict(t('conflicts.notCheckedIn'));
  const out = await manager.update(ShiftSignup, { id: signup.id, checkedOutAt: IsNull() }, { checkedOutAt: now });
  if (!out.affected) return manager.findOneByOrFail(VolunteerShift, { plannedShiftId: shift.id, volunteerId: signup.volunteerId });
  const hours = await manager.save(
    manager.create(VolunteerShift, {
      volunteerId: signup.volunteerId,
      programmeId: shift.programmeId,
      workedOn: todayInVietnam(signup.checkedInAt),
      minutes: quarterHoursBetween(signup.checkedInAt, now),
      activity: shift.title,
      status: HoursStatus.PENDING,
      loggedMinutes: null,
      decisionReason: null,
      loggedBy: viewer.subject,
      decidedBy: null,
      plannedShiftId: shift.id,
    }),
  );
  await audit(manager, viewer, { action: 'checkOutOfShift', entity: hours, unitPath: shift.unitPath, after: hours });
  return hours;
}

export interface OwnHours {
  programme: Programme;
  workedOn: string;
  minutes: number;
  activity: string | null;
}

/** Hours a volunteer logs themselves: waiting for the programme's managers. */
export async function logOwnHours(manager: EntityManager, viewer: Viewer, volunteer: Volunteer, { programme, ...hours }: OwnHours): Promise<VolunteerShift> {
  insistServes(volunteer, programme.unitPath, 'programmeId');
  const logged = await manager.save(
    manager.create(VolunteerShift, {
      ...hours,
      volunteerId: volunteer.id,
      programmeId: programme.id,
      status: HoursStatus.PENDING,
      loggedMinutes: null,
      decisionReason: null,
      loggedBy: viewer.subject,
      decidedBy: null,
      plannedShiftId: null,
    }),
  );
  await audit(manager, viewer, { action: 'logMyVolunteerHours', entity: logged, unitPath: programme.unitPath, after: logged });
  return logged;
}

export interface Decision {
  decision: HoursDecision;
  /** CORRECT: the hours that count instead. */
  minutes?: number;
  reason?: string | null;
}

/** Approves, corrects (with a reason) or declines (with a reason) pending hours, once; whoever logged them may not decide them. */
export async function decideHours(manager: EntityManager, viewer: Viewer, programme: Programme, hours: VolunteerShift, { decision, minutes, reason }: Decision): Promise<VolunteerShift> {
  if (hours.status !== HoursStatus.PENDING) throw conflict(t('conflicts.hoursDecided'), { status: hours.status });
  if (hours.loggedBy && hours.loggedBy === viewer.subject) throw forbidden(t('refusals.selfApproveHours'));
  if (decision !== HoursDecision.APPROVE && !reason?.trim()) throw invalidInput('reason', t('problems.reasonForAdjustOrReject'));
  if (decision === HoursDecision.CORRECT && minutes === undefined) throw invalidInput('hours', t('problems.approvedHoursForAdjust'));
  const before = { ...hours };
  const changes =
    decision === HoursDecision.APPROVE
      ? { status: HoursStatus.APPROVED }
      : decision === HoursDecision.CORRECT
        ? { status: HoursStatus.CORRECTED, loggedMinutes: hours.minutes, minutes: minutes!, decisionReason: reason!.trim() }
        : { status: HoursStatus.DECLINED, decisionReason: reason!.trim() };
  // Decided once: only a row still pending changes, whoever else decides at the same moment.
  const decided = await manager.update(VolunteerShift, { id: hours.id, status: HoursStatus.PENDING }, { ...changes, decidedBy: viewer.subject });
  if (!decided.affected) throw conflict(t('conflicts.hoursDecided'));
  const after = await manager.findOneByOrFail(VolunteerShift, { id: hours.id });
  await audit(manager, viewer, { action: 'decideVolunteerHours', entity: after, unitPath: programme.unitPath, before, after });
  return after;
}

/** Approved minutes per volunteer (for totals and certificates). */
export async function approvedMinutesOf(manager: EntityManager, volunteerIds: readonly string[]): Promise<Map<string, number>> {
  const rows = await manager
    .createQueryBuilder(VolunteerShift, 'hours')
    .select('hours.volunteerId', 'volunteerId')
    .addSelect('SUM(hours.minutes)', 'minutes')
    .where({ volunteerId: In([...volunteerIds]), status: In([...COUNTED_STATUSES]) })
    .groupBy('hours.volunteerId')
    .getRawMany<{ volunteerId: string; minutes: string | number }>();
  return new Map(rows.map((row) => [row.volunteerId, Number(row.minutes)]));
}
