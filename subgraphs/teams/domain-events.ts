import { In, IsNull, type EntityManager } from 'typeorm';
import { inSlices } from '../common/database';
import { recordEvent } from '../common/outbox';
import { MEMBER_PROCESSING_RESTRICTED, MEMBER_PROCESSING_RESTRICTION_LIFTED, ProcessingRestriction, type MemberProcessingRestrictionV1 } from '../common/restriction';
import { Member, MembershipRequestStatus, PersonalDataRequest, type ActivityReport, type AdministrativeUnit, type MembershipRequest, type PeriodLock } from './entities';

/** The teams subgraph's domain events (catalogue: docs/events.md): ids and codes only, scoped to the unit. */

export interface MembershipRequestEventV1 {
  requestId: string;
  /** JOIN or LEAVE. */
  kind: string;
  teamId: string;
  /** PENDING, RECOMMENDED, APPROVED or REJECTED. */
  status: string;
  /** The membership made or ended (decided, approved); else null. */
  memberId: string | null;
}

const MEMBERSHIP_EVENT_TYPES: Partial<Record<MembershipRequestStatus, string>> = {
  [MembershipRequestStatus.PENDING]: 'membership-request.awaiting-recommendation',
  [MembershipRequestStatus.RECOMMENDED]: 'membership-request.awaiting-decision',
  [MembershipRequestStatus.APPROVED]: 'membership-request.decided',
  [MembershipRequestStatus.REJECTED]: 'membership-request.decided',
};

/** A request now waiting for the team leader's recommendation, for the chairman's decision, or decided. */
export async function recordMembershipRequestEvent(manager: EntityManager, request: MembershipRequest, unitPath: string): Promise<void> {
  const type = MEMBERSHIP_EVENT_TYPES[request.status];
  if (!type) return;
  const payload: MembershipRequestEventV1 = {
    requestId: request.id,
    kind: request.kind,
    teamId: request.teamId,
    status: request.status,
    memberId: request.memberId ?? null,
  };
  await recordEvent(manager, { type, version: 1, subject: request.id, payload, scope: { unitPath } });
}

export interface ActivityReportEventV1 {
  reportId: string;
  teamId: string;
  unitCode: string;
  /** YYYY-MM. */
  month: string;
  /** 1 when first submitted, then one more per correction. */
  revision: number;
}

/** A team's monthly report submitted (revision 1) or corrected. */
export async function recordReportEvent(manager: EntityManager, report: ActivityReport, unit: AdministrativeUnit): Promise<void> {
  const payload: ActivityReportEventV1 = { reportId: report.id, teamId: report.teamId, unitCode: unit.code, month: report.month, revision: report.revision };
  const type = report.revision === 1 ? 'activity-report.submitted' : 'activity-report.corrected';
  await recordEvent(manager, { type, version: 1, subject: report.id, payload, scope: { unitPath: unit.path } });
}

export interface PeriodLockedV1 {
  lockId: string;
  unitCode: string;
  month: string;
}

/** A month locked for a unit's subtree: its reports can no longer change. */
export async function recordPeriodLocked(manager: EntityManager, lock: PeriodLock, unit: AdministrativeUnit): Promise<void> {
  const payload: PeriodLockedV1 = { lockId: lock.id, unitCode: lock.unitCode, month: lock.month };
  await recordEvent(manager, { type: 'period.locked', version: 1, subject: lock.id, payload, scope: { unitPath: unit.path } });
}

/**
 * A person's processing restricted, or no longer (lifted, or their data erased), announced per
 * membership for the subgraphs whose records name members but hold no phone hash (partners' attendance).
 */
export async function recordMemberRestriction(manager: EntityManager, request: PersonalDataRequest, restricted: boolean, memberIds: string[]): Promise<void> {
  if (memberIds.length === 0) return;
  const payload: MemberProcessingRestrictionV1 = { requestId: request.id, memberIds };
  const type = restricted ? MEMBER_PROCESSING_RESTRICTED : MEMBER_PROCESSING_RESTRICTION_LIFTED;
  await recordEvent(manager, { type, version: 1, subject: request.id, payload, scope: { unitPath: request.unitPath } });
}

/**
 * A membership a restricted person gains later (a request to join approved, a team set up with
 * them, a roster import) is announced as the restriction was, under the request that restricted
 * them, in the transaction that creates it, so partners keep it out of trainings too. Two queries
 * whatever the number of memberships (an import's commune at once), none when nobody is restricted.
 */
export async function announceRestrictedMemberships(manager: EntityManager, memberships: { memberId: string; phoneHash: string | null }[]): Promise<void> {
  const keys = [...new Set(memberships.flatMap(({ phoneHash }) => (phoneHash ? [phoneHash] : [])))];
  if (keys.length === 0) return;
  const restrictions = await inSlices(keys, (slice) => manager.findBy(ProcessingRestriction, { subjectKey: In(slice) }));
  if (restrictions.length === 0) return;
  const requestIds = [...new Set(restrictions.map(({ requestId }) => requestId))];
  const requests = new Map((await inSlices(requestIds, (slice) => manager.findBy(PersonalDataRequest, { id: In(slice) }))).map((request) => [request.id, request]));
  for (const { subjectKey, requestId } of restrictions) {
    const request = requests.get(requestId);
    if (!request) continue;
    const memberIds = memberships.filter(({ phoneHash }) => phoneHash === subjectKey).map(({ memberId }) => memberId);
    await recordMemberRestriction(manager, request, true, memberIds);
  }
}

/**
 * A member's contact changed to a restricted person's phone (`updateMemberContact`): their
 * memberships are now that person's, so they are announced as enrol would have, in the same
 * transaction. Nothing is read when the phone did not change.
 */
export async function announceNewPhoneOf(manager: EntityManager, personId: string, before: string | null, after: string | null): Promise<void> {
  if (!after || after === before) return;
  const memberships = await manager.findBy(Member, { personId, leftOn: IsNull() });
  await announceRestrictedMemberships(manager, memberships.map((member) => ({ memberId: member.id, phoneHash: after })));
}
