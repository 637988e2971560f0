import { In, IsNull, type EntityManager } from 'typeorm';
import type { Database } from '../../common/database';
import { conflict, notFound } from '../../common/errors';
import { phoneHash } from '../../common/personal-data';
import {
  AdministrativeUnit,
  Member,
  MemberRole,
  MembershipRequest,
  MembershipRequestKind,
  MembershipRequestStatus,
  Person,
  Team,
  type Affiliation,
} from '../entities';
import { t } from '../../common/messages';
import { announceRestrictedMemberships } from '../domain-events';

/** Used when neither a unit nor any unit above it sets a member limit (seed 004: at most 10). */
export const DEFAULT_MEMBER_LIMIT = 10;

export interface Candidate {
  /** The new member's id; made up when absent (the demo seed derives it, see demoId). */
  memberId?: string;
  /** An existing person (already in another team), or the details of a new one. */
  personId?: string;
  person?: Pick<Person, 'fullName' | 'phone' | 'address'> & Partial<Pick<Person, 'birthYear'>>;
  role: MemberRole;
  affiliation: Affiliation;
  standingDeputy?: boolean;
}

const countsTowardLimit = (member: Member) => member.role !== MemberRole.COLLABORATOR;

/** The nearest member limit set on the unit or above it. */
export async function memberLimitAt(manager: EntityManager, unit: AdministrativeUnit): Promise<number> {
  return nearestMemberLimit(await manager.findBy(AdministrativeUnit, { code: In([...unit.ancestorCodes, unit.code]) }), unit);
}

/** memberLimitAt with the units already loaded (`units` holds at least the unit and those above it). */
export function nearestMemberLimit(units: AdministrativeUnit[], unit: AdministrativeUnit): number {
  const nearest = units
    .filter((candidate) => unit.path.startsWith(candidate.path) && candidate.memberLimit !== null)
    .sort((a, b) => b.path.length - a.path.length)[0];
  return nearest?.memberLimit ?? DEFAULT_MEMBER_LIMIT;
}

/** Whether a newcomer asking for `role` counts toward the member limit (leaders are appointed, collaborators never count). */
export const countsAsRegular = (role: MemberRole) => role !== MemberRole.LEADER && role !== MemberRole.COLLABORATOR;

/** The team's member limit when its active roster (or `roster`) has reached it, else null. */
export async function limitReached(manager: EntityManager, team: Team, roster?: Member[]): Promise<number | null> {
  const members = roster ?? (await activeMembers(manager, team.id));
  const limit = await memberLimitAt(manager, await manager.findOneByOrFail(AdministrativeUnit, { code: team.unitCode }));
  return members.filter(countsTowardLimit).length >= limit ? limit : null;
}

/** Locks the team for the rest of the transaction, so concurrent enrolments count the same roster. */
export async function lockTeam(db: Database, manager: EntityManager, teamId: string): Promise<Team> {
  const team = await db.lockForUpdate(manager, Team, { id: teamId });
  if (!team) throw notFound('Team', teamId);
  return team;
}

export function activeMembers(manager: EntityManager, teamId: string): Promise<Member[]> {
  return manager.findBy(Member, { teamId, leftOn: IsNull() });
}

/**
 * The keyed hashes of these people's phones (see personal-data.ts): phones are compared by them,
 * so 0912… and +84912… are one phone, and no phone is decrypted to compare.
 */
async function phoneHashesOf(manager: EntityManager, personIds: string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const people = await manager.find(Person, { select: { id: true, phoneHash: true }, where: { id: In([...new Set(personIds)]) } });
  return new Set(people.flatMap((person) => (person.phoneHash ? [person.phoneHash] : [])));
}

async function candidatePhoneHash(manager: EntityManager, candidate: Candidate): Promise<string | null> {
  if (candidate.person) return phoneHash(candidate.person.phone);
  const person = await manager.findOne(Person, { select: { id: true, phoneHash: true }, where: { id: candidate.personId! } });
  return person?.phoneHash ?? null;
}

/**
 * One person, one active membership and one open request to join per team: a person is known
 * by their record or, for someone new, by their phone. Call it on a locked team (see lockTeam),
 * so two requests for the same person cannot both pass.
 */
export async function refuseSecondJoin(manager: EntityManager, team: Team, candidate: Candidate): Promise<void> {
  const roster = await activeMembers(manager, team.id);
  const phone = await candidatePhoneHash(manager, candidate);
  if (roster.some((member) => member.personId === candidate.personId) || (phone && (await phoneHashesOf(manager, roster.map((member) => member.personId))).has(phone))) {
    throw conflict(t('conflicts.alreadyMember', { teamName: team.name }));
  }
  const open = await manager.findBy(MembershipRequest, {
    teamId: team.id,
    kind: MembershipRequestKind.JOIN,
    status: In([MembershipRequestStatus.PENDING, MembershipRequestStatus.RECOMMENDED]),
  });
  const openPhones = await phoneHashesOf(manager, open.flatMap((request) => (request.personId ? [request.personId] : [])));
  open.forEach((request) => request.applicantPhoneHash && openPhones.add(request.applicantPhoneHash));
  if (open.some((request) => request.personId && request.personId === candidate.personId) || (phone && openPhones.has(phone))) {
    throw conflict(t('conflicts.requestPending', { teamName: team.name }));
  }
}

/**
 * Adds people to a locked team, enforcing the roster rules (see admit).
 */
export async function enrol(
  manager: EntityManager,
  team: Team,
  candidates: Candidate[],
  joinedOn: string,
): Promise<Member[]> {
  const roster = await activeMembers(manager, team.id);
  const unit = await manager.findOneByOrFail(AdministrativeUnit, { code: team.unitCode });
  const rules = { limit: await memberLimitAt(manager, unit), phones: await phoneHashesOf(manager, roster.map((member) => member.personId)) };
  const enrolled: Member[] = [];
  const phones = new Map<string, string | null>();
  for (const candidate of candidates) {
    const phone = await candidatePhoneHash(manager, candidate);
    const member = admit(team, roster, rules, candidate, { personId: candidate.personId, phoneHash: phone, joinedOn });
    // Someone new gets their record once admitted.
    member.personId ??= (await manager.save(manager.create(Person, { ...candidate.person }))).id;
    enrolled.push(await manager.save(member));
    phones.set(member.id, phone);
  }
  await announceRestrictedMemberships(manager, enrolled.map((member) => ({ memberId: member.id, phoneHash: phones.get(member.id) ?? null })));
  return enrolled;
}

/** What admit needs of a team besides its roster: its member limit and its members' phone hashes. */
export interface RosterRules {
  limit: number;
  phones: Set<string>;
}

/**
 * The roster rules for a newcomer, decided in memory on the team's active `roster` (which the
 * new membership joins, as its phone joins `rules.phones`): one person (or phone) once per team,
 * one active leader, one standing deputy, and beyond the unit's member limit newcomers join as
 * collaborators. Returns the membership to write (`personId` unset for someone new, who has no
 * record yet), or throws a CONFLICT.
 * enrol writes it at once; a bulk writer (the roster import) may gather many and write them together.
 */
export function admit(team: Team, roster: Member[], rules: RosterRules, candidate: Candidate, { personId, phoneHash, joinedOn }: { personId: string | undefined; phoneHash: string | null; joinedOn: string }): Member {
  // Someone new is known by their phone: two requests with one phone make one membership.
  if (phoneHash && rules.phones.has(phoneHash)) {
    throw conflict(t('conflicts.samePhoneMember', { value: candidate.person?.fullName ?? t('words.thisPerson'), teamName: team.name }));
  }
  if (personId && roster.some((member) => member.personId === personId)) {
    throw conflict(t('conflicts.alreadyMemberNamed', { value: candidate.person?.fullName ?? t('words.thisPerson'), teamName: team.name }));
  }
  let role = candidate.role;
  if (role === MemberRole.LEADER && roster.some((member) => member.role === MemberRole.LEADER)) {
    throw conflict(t('conflicts.hasLeader', { teamName: team.name }));
  }
  if (countsAsRegular(role) && roster.filter(countsTowardLimit).length >= rules.limit) {
    role = MemberRole.COLLABORATOR;
  }
  const standingDeputy = role === MemberRole.DEPUTY && Boolean(candidate.standingDeputy);
  if (standingDeputy && roster.some((member) => member.standingDeputy)) {
    throw conflict(t('conflicts.hasStandingDeputy', { teamName: team.name }));
  }
  const member = Object.assign(new Member(), {
    id: candidate.memberId,
    teamId: team.id,
    personId,
    role,
    affiliation: candidate.affiliation,
    standingDeputy,
    joinedOn,
    leftOn: null,
  });
  roster.push(member);
  if (phoneHash) rules.phones.add(phoneHash);
  return member;
}

/** Makes an active member of a locked team its leader; the previous leader stays on as a member. Returns the previous leader. */
export async function replaceLeader(manager: EntityManager, teamId: string, memberId: string): Promise<Member | null> {
  const previous = await manager.findOneBy(Member, { teamId, role: MemberRole.LEADER, leftOn: IsNull() });
  await manager.update(Member, { teamId, role: MemberRole.LEADER, leftOn: IsNull() }, { role: MemberRole.MEMBER });
  await manager.update(Member, { id: memberId }, { role: MemberRole.LEADER, standingDeputy: false });
  return previous;
}

/**
 * Changes the role of an active member of a locked team (not to or from LEADER: see
 * replaceLeader), keeping one standing deputy and the member limit: a collaborator becomes a
 * member only while the team is under its limit.
 */
export async function changeRole(manager: EntityManager, team: Team, current: Member, role: MemberRole, standingDeputy: boolean): Promise<Member> {
  if (current.role === MemberRole.LEADER) throw conflict(t('conflicts.appointLeaderFirst'));
  const roster = (await activeMembers(manager, team.id)).filter((other) => other.id !== current.id);
  if (standingDeputy && roster.some((other) => other.standingDeputy)) {
    throw conflict(t('conflicts.hasStandingDeputy', { teamName: team.name }));
  }
  if (current.role === MemberRole.COLLABORATOR && role !== MemberRole.COLLABORATOR) {
    const limit = await limitReached(manager, team, roster);
    if (limit !== null) throw conflict(t('conflicts.memberLimit', { teamName: team.name, limit }));
  }
  return manager.save(Object.assign(current, { role, standingDeputy }));
}
