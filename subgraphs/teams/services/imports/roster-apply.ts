import { GraphQLError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { In, IsNull, type EntityManager } from 'typeorm';
import { auditAll, type AuditRecord } from '../../../common/audit';
import type { Viewer } from '../../../common/auth';
import { insertMany, type Database } from '../../../common/database';
import { todayInVietnam } from '../../../common/dates';
import { phoneHash } from '../../../common/personal-data';
import { AdministrativeUnit, Member, MemberRole, Person, PersonConsent, provinceOf, Team, TeamStatus, UnitLevel, type ImportJob } from '../../entities';
import { activeMembers, admit, changeRole, nearestMemberLimit, replaceLeader, type Candidate, type RosterRules } from '../roster';
import { countNewTeams, recountTeam } from '../team-counts';
import { foldVietnamese } from './names';
import type { CommunePlan, TeamPlan } from './roster-plan';
import { ROLE_LABELS, roleLabel, rowIssue, type IssueParams, type IssueText, type RosterRow, type RowIssue } from './roster-sheet';
import { restrictedAmong } from '../../../common/restriction';
import { announceRestrictedMemberships } from '../../domain-events';

/**
 * Writes one commune of a checked roster plan in the caller's transaction, through the same
 * roster rules the API uses (admit, as enrol does; replaceLeader, changeRole), so the member limit, the
 * one leader and the one standing deputy hold exactly as they do for createTeam and friends;
 * wherever they decide otherwise than the file wishes, a warning names the row.
 *
 * A team in the file is its whole current roster: those not in it leave (their history is
 * kept), and someone listed in a village (or commune) team leaves the other village (or
 * commune) team they were in: a second file moves people and changes leaders.
 */

export interface CommuneOutcome {
  teamsCreated: number;
  membersJoined: number;
  membersChanged: number;
  membersLeft: number;
  warnings: RowIssue[];
}

export interface ApplyOptions {
  db: Database;
  viewer: Viewer;
  job: Pick<ImportJob, 'id' | 'lawfulBasis' | 'noticeVersion' | 'consentChannel'>;
}

const isVillageLevel = (level: UnitLevel) => level === UnitLevel.VILLAGE;

/**
 * What the commune's teams and people are now, in a handful of queries whatever the number of
 * rows: the teams at the file's units (locked, so their rosters read after are current), their
 * active rosters and those people, the people of the file known by phone and where else they
 * are members, and the units whose member limits apply.
 */
async function loadCommune(db: Database, manager: EntityManager, plan: CommunePlan) {
  const unitCodes = [...new Set(plan.teams.map((team) => team.unit.code))];
  const teams = await db.lockAllForUpdate(manager, Team, { unitCode: In(unitCodes), status: TeamStatus.ACTIVE });
  const phones = [...new Set(plan.teams.flatMap((team) => team.rows.flatMap((row) => (row.phone ? [row.phone] : []))))];
  // Found by their phones' keyed hashes (personal-data.ts), never by the phones themselves.
  const phoneByHash = new Map(phones.map((phone) => [phoneHash(phone)!, phone]));
  const people = phones.length ? await manager.findBy(Person, { phoneHash: In([...phoneByHash.keys()]) }) : [];
  const byPhone = new Map(people.map((person) => [phoneByHash.get(person.phoneHash!)!, person]));
  const members = teams.length ? await manager.findBy(Member, { teamId: In(teams.map((team) => team.id)), leftOn: IsNull() }) : [];
  const rosters = new Map<string, Member[]>(teams.map((team) => [team.id, members.filter((member) => member.teamId === team.id)]));
  // The people of those rosters the phones did not find (the unphoned, those the file no longer lists).
  const peopleById = new Map(people.map((person) => [person.id, person]));
  const others = [...new Set(members.map((member) => member.personId))].filter((id) => !peopleById.has(id));
  if (others.length) (await manager.findBy(Person, { id: In(others) })).forEach((person) => peopleById.set(person.id, person));
  // Where the people of the file are members now, anywhere (to move them), with those teams' levels.
  const memberships = people.length
    ? await manager
        .createQueryBuilder(Member, 'member')
        .innerJoin(Team, 'team', 'team.id = member.teamId')
        .innerJoin(AdministrativeUnit, 'unit', 'unit.code = team.unitCode')
        .select(['member.id AS id', 'member.personId AS personId', 'member.teamId AS teamId', 'unit.level AS level', 'unit.path AS path'])
        .where({ personId: In(people.map((person) => person.id)), leftOn: IsNull() })
        .getRawMany<{ id: string; personId: string; teamId: string; level: UnitLevel; path: string }>()
    : [];
  const limitUnits = await manager.findBy(AdministrativeUnit, { code: In([...new Set(plan.teams.flatMap((team) => [...team.unit.ancestorCodes, team.unit.code]))]) });
  // Members whose processing is restricted (restriction.ts): left out of exported rosters, so a file's silence says nothing about them.
  const restricted = await restrictedAmong(manager, [...peopleById.values()].map((person) => person.phoneHash));
  return { teams, rosters, byPhone, peopleById, memberships, limitUnits, restricted };
}

/** The team of the file at its unit: the one of that name, else (unnamed in the file) the unit's only active team. */
function existingTeam(plan: TeamPlan, teams: Team[]): Team | undefined {
  const here = teams.filter((team) => team.unitCode === plan.unit.code);
  const named = here.find((team) => foldVietnamese(team.name) === foldVietnamese(plan.name));
  return named ?? (!plan.named && here.length === 1 ? here[0] : undefined);
}

/**
 * Writes one commune in a handful of statements plus one per change to someone already in the
 * hub (a role, a move, a name): the commune is loaded at once (loadCommune), newcomers are
 * decided in memory by the roster services' own rules (admit) and written with the new teams,
 * consent records and audit entries in multi-row inserts.
 */
export async function applyCommune(manager: EntityManager, plan: CommunePlan, { db, viewer, job }: ApplyOptions): Promise<CommuneOutcome> {
  const outcome: CommuneOutcome = { teamsCreated: 0, membersJoined: 0, membersChanged: 0, membersLeft: 0, warnings: [] };
  const warn = (row: number, column: RowIssue['column'], code: string, text: IssueText, params?: IssueParams) => outcome.warnings.push(rowIssue(row, column, code, text, params));
  const today = todayInVietnam();
  const { teams, rosters, byPhone, peopleById, memberships, limitUnits, restricted } = await loadCommune(db, manager, plan);
  // Where each phone of the file is listed, by level (village or not): a member missing from one team may be moving to another.
  const listed = new Map<string, RosterRow>();
  for (const teamPlan of plan.teams) {
    for (const row of teamPlan.rows) if (row.phone) listed.set(`${row.phone}|${isVillageLevel(teamPlan.unit.level)}`, row);
  }
  const audits: AuditRecord[] = [];
  // New people and memberships, written together (writePending) before anything reads them back.
  const pending = { people: [] as Person[], members: [] as Member[] };
  const writePending = async () => {
    await insertMany(manager, Person, pending.people.splice(0));
    await insertMany(manager, Member, pending.members.splice(0));
  };
  const newPeople = new Set<string>();
  const inTeams = new Set<string>();
  // Every membership the file creates, with its person's phone hash: a restricted person's are announced (as enrol does).
  const joined: { memberId: string; phoneHash: string | null }[] = [];

  // The teams the file sets up, in one insert (their counts and audit entries with them).
  const teamOf = new Map<TeamPlan, Team>();
  const created: { team: Team; unit: AdministrativeUnit }[] = [];
  for (const teamPlan of plan.teams) {
    let team = existingTeam(teamPlan, teams);
    if (!team) {
      const fields = { id: randomUUID(), unitCode: teamPlan.unit.code, provinceCode: provinceOf(teamPlan.unit.path), name: teamPlan.name, decisionNumber: teamPlan.decisionNumber, decisionDate: teamPlan.decisionDate };
      team = manager.create(Team, { ...fields, status: TeamStatus.ACTIVE });
      created.push({ team, unit: teamPlan.unit });
      audits.push({ action: 'confirmRosterImport', entity: team, unitPath: teamPlan.unit.path, after: { ...team, importJobId: job.id } });
      rosters.set(team.id, []);
    }
    teamOf.set(teamPlan, team);
  }
  await insertMany(manager, Team, created.map(({ team }) => team));
  await countNewTeams(db, manager, created);
  outcome.teamsCreated = created.length;

  for (const teamPlan of plan.teams) {
    let team = teamOf.get(teamPlan)!;
    const firstRow = teamPlan.rows[0].row;
    const changes = { joined: 0, changed: new Set<string>(), left: 0 };
    const decision = { decisionNumber: teamPlan.decisionNumber ?? team.decisionNumber, decisionDate: teamPlan.decisionDate ?? team.decisionDate };
    if (decision.decisionNumber !== team.decisionNumber || decision.decisionDate !== team.decisionDate) {
      const before = { ...team };
      team = await manager.save(Object.assign(team, decision));
      await recountTeam(db, manager, before, team);
      audits.push({ action: 'confirmRosterImport', entity: team, unitPath: teamPlan.unit.path, before, after: { ...team, importJobId: job.id } });
    }

    let roster = rosters.get(team.id)!;
    const unphoned = new Map(roster.map((member) => peopleById.get(member.personId)!).filter((person) => !person.phone).map((person) => [foldVietnamese(person.fullName), person]));
    const level = teamPlan.unit.level;

    // Who each row is: the person with that phone, the unphoned member of that name, or someone new.
    const wanted = teamPlan.rows.map((row) => {
      const person = row.phone ? byPhone.get(row.phone) : unphoned.get(foldVietnamese(row.fullName));
      return { row, person, member: person && roster.find((member) => member.personId === person.id) };
    });
    const wantedPeople = new Set(wanted.flatMap(({ person }) => (person ? [person.id] : [])));

    // Those no longer listed leave (in one update), but for the restricted, whom no export lists; people listed here leave their other team at this level.
    const leaving = roster.filter((candidate) => !wantedPeople.has(candidate.personId) && !restricted.has(peopleById.get(candidate.personId)?.phoneHash ?? ''));
    if (leaving.length) {
      await manager.update(Member, { id: In(leaving.map((member) => member.id)) }, { leftOn: today, standingDeputy: false });
      roster = roster.filter((member) => !leaving.includes(member));
    }
    for (const member of leaving) {
      const phone = peopleById.get(member.personId)?.phone;
      const movedTo = phone ? listed.get(`${phone}|${isVillageLevel(level)}`) : undefined;
      if (movedTo) warn(movedTo.row, 'village', 'MOVED', 'movedOut', { teamName: team.name });
      else warn(firstRow, 'fullName', 'MEMBER_LEFT', 'leftTeam', { role: ROLE_LABELS[member.role], teamName: team.name, date: today });
      changes.left += 1;
    }
    for (const { row, person } of wanted) {
      if (!person) continue;
      const elsewhere = memberships.filter(
        (membership) => membership.personId === person.id && membership.teamId !== team.id && isVillageLevel(membership.level) === isVillageLevel(level),
      );
      for (const membership of elsewhere) {
        const left = await manager.update(Member, { id: membership.id, leftOn: IsNull() }, { leftOn: today, standingDeputy: false });
        // A team of this commune still to come no longer counts them.
        const other = rosters.get(membership.teamId);
        if (other) rosters.set(membership.teamId, other.filter((member) => member.id !== membership.id));
        if (left.affected) {
          warn(row.row, 'village', 'MOVED', isVillageLevel(level) ? 'movedFromVillageTeam' : 'movedFromCommuneTeam', { teamName: team.name });
          changes.left += 1;
        }
      }
      // Names and years of birth follow the latest file; the person stays the same (known by phone).
      const name = row.fullName;
      if (person.fullName !== name || (row.birthYear && person.birthYear !== row.birthYear)) {
        if (foldVietnamese(person.fullName) !== foldVietnamese(name)) warn(row.row, 'fullName', 'NAME_CHANGED', 'nameChanged');
        await manager.update(Person, { id: person.id }, { fullName: name, birthYear: row.birthYear ?? person.birthYear });
        Object.assign(person, { fullName: name, birthYear: row.birthYear ?? person.birthYear });
      }
    }

    // The leader first: someone already in the team is appointed; someone new is enrolled as leader below.
    let rolesChanged = false;
    const leaderRow = wanted.find(({ row }) => row.role === MemberRole.LEADER)!;
    if (leaderRow.member && leaderRow.member.role !== MemberRole.LEADER) {
      const previous = await replaceLeader(manager, team.id, leaderRow.member.id);
      if (previous) Object.assign(roster.find((member) => member.id === previous.id)!, { role: MemberRole.MEMBER });
      [leaderRow.member.id, previous?.id].forEach((id) => id && changes.changed.add(id));
      rolesChanged = true;
    }

    // Role changes of those already in: those stepping down first, so limits and the standing deputy free up.
    const changing = wanted
      .filter(({ row, member }) => member && row.role !== MemberRole.LEADER && (member.role !== row.role || member.standingDeputy !== row.standingDeputy))
      .sort((a, b) => Number(a.row.role !== MemberRole.COLLABORATOR && !a.row.standingDeputy) - Number(b.row.role !== MemberRole.COLLABORATOR && !b.row.standingDeputy));
    for (const { row, member } of changing) {
      const current = (await manager.findOneByOrFail(Member, { id: member!.id }))!;
      if (current.role === row.role && current.standingDeputy === row.standingDeputy) continue;
      if (current.role === MemberRole.LEADER) {
        // Still the leader: the file's leader is someone new, appointed below; then this role applies.
        continue;
      }
      try {
        await changeRole(manager, team, current, row.role, row.standingDeputy);
        changes.changed.add(current.id);
        rolesChanged = true;
      } catch (error) {
        if (!(error instanceof GraphQLError) || error.extensions.code !== 'CONFLICT') throw error;
        warn(row.row, 'role', 'ROLE_KEPT', 'roleKept', { role: roleLabel(current.role, current.standingDeputy), reason: error.message });
      }
    }
    // The roster services wrote those changes: the roster is read again (only then).
    if (rolesChanged) roster = await activeMembers(manager, team.id);

    // Newcomers, in file order, grouped by the day they joined, under the rules enrol applies (admit):
    // the member limit makes the rest collaborators.
    const rules: RosterRules = {
      limit: nearestMemberLimit(limitUnits, teamPlan.unit),
      phones: new Set(roster.flatMap((member) => peopleById.get(member.personId)?.phoneHash ?? [])),
    };
    const newcomers = wanted.filter(({ member }) => !member);
    const groups = new Map<string, typeof newcomers>();
    for (const entry of newcomers) {
      const joinedOn = entry.row.joinedOn ?? teamPlan.decisionDate ?? today;
      groups.set(joinedOn, [...(groups.get(joinedOn) ?? []), entry]);
    }
    for (const [joinedOn, entries] of groups) {
      const currentLeader = roster.find((member) => member.role === MemberRole.LEADER);
      let newLeader: { row: RosterRow; member: Member } | undefined;
      for (const { row, person: known } of entries) {
        const person = known ?? newPerson(row);
        if (!known) {
          pending.people.push(person);
          newPeople.add(person.id);
          peopleById.set(person.id, person);
          // Known by phone from now on, for the other team of this commune they may be listed in.
          if (row.phone) byPhone.set(row.phone, person);
        }
        const candidate: Candidate = {
          memberId: randomUUID(),
          personId: person.id,
          // A new leader joins as a collaborator (never over the limit) and is appointed at once, as appointLeader does.
          role: row.role === MemberRole.LEADER && currentLeader ? MemberRole.COLLABORATOR : row.role,
          affiliation: row.affiliation,
          standingDeputy: row.standingDeputy,
        };
        const member = admit(team, roster, rules, candidate, { personId: person.id, phoneHash: person.phoneHash, joinedOn });
        pending.members.push(member);
        joined.push({ memberId: member.id, phoneHash: person.phoneHash });
        if (row.role === MemberRole.LEADER && currentLeader) newLeader = { row, member };
        else if (member.role !== row.role) warn(row.row, 'role', 'MEMBER_LIMIT', 'memberLimit', { teamName: team.name });
        changes.joined += 1;
      }
      if (newLeader && currentLeader) {
        // The roster services appoint them: what is pending is written first, and the roster read again after.
        await writePending();
        await replaceLeader(manager, team.id, newLeader.member.id);
        const kept = await changeRoleOfFormerLeader(manager, team, currentLeader, wanted);
        if (kept) warn(kept.row.row, 'role', 'ROLE_KEPT', 'formerLeaderStays', { reason: kept.reason });
        changes.changed.add(currentLeader.id);
        roster = await activeMembers(manager, team.id);
      }
    }
    rosters.set(team.id, roster);
    roster.forEach((member) => inTeams.add(member.personId));

    if (changes.joined || changes.changed.size || changes.left) {
      // Counts only: who joined or left is personal data and stays out of the trail.
      audits.push({ action: 'confirmRosterImport', entity: team, unitPath: teamPlan.unit.path, after: { importJobId: job.id, joined: changes.joined, changed: changes.changed.size, left: changes.left } });
    }
    outcome.membersJoined += changes.joined;
    outcome.membersChanged += changes.changed.size;
    outcome.membersLeft += changes.left;
  }

  await writePending();
  await announceRestrictedMemberships(manager, joined);
  await recordConsent(manager, viewer, job, [...inTeams], newPeople);
  await auditAll(manager, viewer, audits);
  return outcome;
}

/** Someone the hub does not know yet, as the row gives them (written with the commune's other newcomers). */
function newPerson(row: RosterRow): Person {
  return Object.assign(new Person(), { id: randomUUID(), fullName: row.fullName, phone: row.phone, phoneHash: phoneHash(row.phone), address: null, birthYear: row.birthYear });
}

/**
 * The lawful basis of every person in the commune's teams, once per person and notice version:
 * one query for the records the people already known have, one insert for the missing ones.
 */
async function recordConsent(manager: EntityManager, viewer: Viewer, job: ApplyOptions['job'], personIds: string[], newPeople: Set<string>): Promise<void> {
  const known = personIds.filter((id) => !newPeople.has(id));
  const recorded = known.length
    ? new Set((await manager.findBy(PersonConsent, { personId: In(known), basis: job.lawfulBasis, noticeVersion: job.noticeVersion })).map((row) => row.personId))
    : new Set<string>();
  const records = personIds
    .filter((id) => !recorded.has(id))
    .map((personId) => manager.create(PersonConsent, { personId, basis: job.lawfulBasis, noticeVersion: job.noticeVersion, channel: job.consentChannel, importJobId: job.id, recordedBy: viewer.subject }));
  await insertMany(manager, PersonConsent, records);
}

/**
 * A leader replaced by someone new takes the role the file gives them (replaceLeader made them a
 * member); when a rule refuses it, the row and the reason, for a warning.
 */
async function changeRoleOfFormerLeader(manager: EntityManager, team: Team, former: Member, wanted: { row: RosterRow; member?: Member }[]) {
  const entry = wanted.find(({ member }) => member?.id === former.id);
  if (!entry || entry.row.role === MemberRole.MEMBER) return undefined;
  const current = await manager.findOneByOrFail(Member, { id: former.id });
  try {
    await changeRole(manager, team, current, entry.row.role, entry.row.standingDeputy);
    return undefined;
  } catch (error) {
    if (!(error instanceof GraphQLError) || error.extensions.code !== 'CONFLICT') throw error;
    return { row: entry.row, reason: error.message };
  }
}
