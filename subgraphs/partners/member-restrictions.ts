import { In, LessThan, type EntityManager } from 'typeorm';
import { inSlices } from '../common/database';
import { onEvent } from '../common/outbox';
import { MEMBER_PROCESSING_RESTRICTED, MEMBER_PROCESSING_RESTRICTION_LIFTED, type MemberProcessingRestrictionV1 } from '../common/restriction';
import { RestrictedMember } from './entities';

/**
 * Partners learn from teams' announcements which members' processing is restricted (they may not
 * read teams' tables), once per event, into their own `restricted_member`: a redelivery finds its
 * consumed_event row; an announcement older than the row's (delivered late) changes nothing.
 */
export const followMemberRestrictions = onEvent(
  'partners-member-restrictions',
  [MEMBER_PROCESSING_RESTRICTED, MEMBER_PROCESSING_RESTRICTION_LIFTED],
  async (event, manager) => {
    const { requestId, memberIds } = event.payload as MemberProcessingRestrictionV1;
    if (memberIds.length === 0) return;
    const state = { restricted: event.type === MEMBER_PROCESSING_RESTRICTED, requestId, decidedAt: new Date(event.occurredAt) };
    await manager.createQueryBuilder().insert().into(RestrictedMember).values(memberIds.map((memberId) => ({ memberId, ...state }))).orIgnore().execute();
    await manager.update(RestrictedMember, { memberId: In(memberIds), decidedAt: LessThan(state.decidedAt) }, state);
  },
);

/** Which of these members' processing is restricted: one query for a whole batch. */
export async function restrictedMembersAmong(manager: EntityManager, memberIds: readonly string[]): Promise<Set<string>> {
  const wanted = [...new Set(memberIds)];
  if (wanted.length === 0) return new Set();
  const rows = await inSlices(wanted, (slice) => manager.findBy(RestrictedMember, { memberId: In(slice), restricted: true }));
  return new Set(rows.map((row) => row.memberId));
}
