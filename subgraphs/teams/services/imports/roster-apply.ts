import { GraphQLError } from 'graphql';
import { In, IsNull, type EntityManager } from 'typeorm';
import { audit } from '../../../common/audit';
import type { Viewer } from '../../../common/auth';
import type { Database } from '../../../common/database';
import { todayInVietnam } from '../../../common/dates';
import { phoneHash } from '../../../common/personal-data';
import { AdministrativeUnit, Member, MemberRole, Person, PersonConsent, Team, TeamStatus, UnitLevel, type ImportJob } from '../../entities';
import { activeMembers, changeRole, enrol, lockTeam, replaceLeader, type Candidate } from '../roster';
import { recountTeam } from '../team-counts';
import { foldVietnamese } from './names';
import type { CommunePlan, TeamPlan } from './roster-plan';
import { ROLE_LABELS, roleLabel, type RosterRow, type RowIssue } from './roster-sheet';

/**
 * Writes one commune of a checked roster plan in the caller's transaction, through the same
 * roster services the API uses (enrol, replaceLeader, changeRole), so the member limit, the
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

/** What the commune's teams and people are now: a handful of queries per commune, none per row. */
async function loadCommune(manager: EntityManager, plan: CommunePlan) {
  const unitCodes = [...new Set(plan.teams.map((team) => team.unit.code))];
  const teams = await manager.findBy(Team, { unitCode: In(unitCodes), status: TeamStatus.ACTIVE });
  const phones = [...new Set(plan.teams.flatMap((team) => team.rows.flatMap((row) => (row.phone ? [row.phone] : []))))];
  // Found by their phones' keyed hashes (personal-data.ts), never by the phones themselves.
  const phoneByHash = new Map(phones.map((phone) => [phoneHash(phone)!, phone]));
  const people = phones.length ? await manager.findBy(Person, { phoneHash: In([...phoneByHash.keys()]) }) : [];
  const byPhone = new Map(people.map((person) => [phoneByHash.get(person.phoneHash!)!, person]));
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
  return { teams, byPhone, memberships };
}

/** The team of the file at its unit: the one of that name, else (unnamed in the file) the unit's only active team. */
function existingTeam(plan: TeamPlan, teams: Team[]): Team | undefined {
  const here = teams.filter((team) => team.unitCode === plan.unit.code);
  const named = here.find((team) => foldVietnamese(team.name) === foldVietnamese(plan.name));
  return named ?? (!plan.named && here.length === 1 ? here[0] : undefined);
}

export async function applyCommune(manager: EntityManager, plan: CommunePlan, { db, viewer, job }: ApplyOptions): Promise<CommuneOutcome> {
  const outcome: CommuneOutcome = { teamsCreated: 0, membersJoined: 0, membersChanged: 0, membersLeft: 0, warnings: [] };
  const warn = (row: number, column: RowIssue['column'], code: string, message: string) => outcome.warnings.push({ row, column, code, message });
  const today = todayInVietnam();
  const { teams, byPhone, memberships } = await loadCommune(manager, plan);
  // Where each phone of the file is listed, by level (village or not): a member missing from one team may be moving to another.
  const listed = new Map<string, RosterRow>();
  for (const teamPlan of plan.teams) {
    for (const row of teamPlan.rows) if (row.phone) listed.set(`${row.phone}|${isVillageLevel(teamPlan.unit.level)}`, row);
  }
  const consented = new Set<string>();

  for (const teamPlan of plan.teams) {
    let team = existingTeam(teamPlan, teams);
    const firstRow = teamPlan.rows[0].row;
    const changes = { joined: 0, changed: new Set<string>(), left: 0 };
    if (!team) {
      team = await manager.save(
        manager.create(Team, {
          unitCode: teamPlan.unit.code,
          name: teamPlan.name,
          decisionNumber: teamPlan.decisionNumber,
          decisionDate: teamPlan.decisionDate,
          status: TeamStatus.ACTIVE,
        }),
      );
      await recountTeam(db, manager, null, team);
      await audit(manager, viewer, { action: 'confirmRosterImport', entity: team, unitPath: teamPlan.unit.path, after: { ...team, importJobId: job.id } });
      outcome.teamsCreated += 1;
    }
    team = await lockTeam(db, manager, team.id);
    const decision = { decisionNumber: teamPlan.decisionNumber ?? team.decisionNumber, decisionDate: teamPlan.decisionDate ?? team.decisionDate };
    if (decision.decisionNumber !== team.decisionNumber || decision.decisionDate !== team.decisionDate) {
      const before = { ...team };
      team = await manager.save(Object.assign(team, decision));
      await recountTeam(db, manager, before, team);
      await audit(manager, viewer, { action: 'confirmRosterImport', entity: team, unitPath: teamPlan.unit.path, before, after: { ...team, importJobId: job.id } });
    }

    const roster = await activeMembers(manager, team.id);
    const rosterPeople = roster.length ? await manager.findBy(Person, { id: In(roster.map((member) => member.personId)) }) : [];
    const unphoned = new Map(rosterPeople.filter((person) => !person.phone).map((person) => [foldVietnamese(person.fullName), person]));
    const level = teamPlan.unit.level;

    // Who each row is: the person with that phone, the unphoned member of that name, or someone new.
    const wanted = teamPlan.rows.map((row) => {
      const person = row.phone ? byPhone.get(row.phone) : unphoned.get(foldVietnamese(row.fullName));
      return { row, person, member: person && roster.find((member) => member.personId === person.id) };
    });
    const wantedPeople = new Set(wanted.flatMap(({ person }) => (person ? [person.id] : [])));

    // Those no longer listed leave; people listed here leave their other team at this level.
    for (const member of roster.filter((candidate) => !wantedPeople.has(candidate.personId))) {
      await manager.update(Member, { id: member.id }, { leftOn: today, standingDeputy: false });
      const phone = rosterPeople.find((person) => person.id === member.personId)?.phone;
      const movedTo = phone ? listed.get(`${phone}|${isVillageLevel(level)}`) : undefined;
      if (movedTo) warn(movedTo.row, 'village', 'MOVED', `người này rời ${team.name} để vào tổ ghi trong tệp`);
      else warn(firstRow, 'fullName', 'MEMBER_LEFT', `một ${ROLE_LABELS[member.role].toLowerCase()} của ${team.name} không có trong tệp: rời tổ từ ${today}`);
      changes.left += 1;
    }
    for (const { row, person } of wanted) {
      if (!person) continue;
      const elsewhere = memberships.filter(
        (membership) => membership.personId === person.id && membership.teamId !== team.id && isVillageLevel(membership.level) === isVillageLevel(level),
      );
      for (const membership of elsewhere) {
        const left = await manager.update(Member, { id: membership.id, leftOn: IsNull() }, { leftOn: today, standingDeputy: false });
        if (left.affected) {
          warn(row.row, 'village', 'MOVED', `người này rời tổ ${isVillageLevel(level) ? 'thôn/bản' : 'cấp xã'} cũ để vào ${team.name}`);
          changes.left += 1;
        }
      }
      // Names and years of birth follow the latest file; the person stays the same (known by phone).
      const name = row.fullName;
      if (person.fullName !== name || (row.birthYear && person.birthYear !== row.birthYear)) {
        if (foldVietnamese(person.fullName) !== foldVietnamese(name)) warn(row.row, 'fullName', 'NAME_CHANGED', `số điện thoại này đã lưu với tên khác: cập nhật tên theo tệp`);
        await manager.update(Person, { id: person.id }, { fullName: name, birthYear: row.birthYear ?? person.birthYear });
        Object.assign(person, { fullName: name, birthYear: row.birthYear ?? person.birthYear });
      }
    }

    // The leader first: someone already in the team is appointed; someone new is enrolled as leader below.
    const leaderRow = wanted.find(({ row }) => row.role === MemberRole.LEADER)!;
    if (leaderRow.member && leaderRow.member.role !== MemberRole.LEADER) {
      const previous = await replaceLeader(manager, team.id, leaderRow.member.id);
      if (previous) Object.assign(roster.find((member) => member.id === previous.id)!, { role: MemberRole.MEMBER });
      [leaderRow.member.id, previous?.id].forEach((id) => id && changes.changed.add(id));
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
      } catch (error) {
        if (!(error instanceof GraphQLError) || error.extensions.code !== 'CONFLICT') throw error;
        warn(row.row, 'role', 'ROLE_KEPT', `vẫn là ${roleLabel(current.role, current.standingDeputy).toLowerCase()}: ${error.message}`);
      }
    }

    // Newcomers, in file order, grouped by the day they joined (enrol's rules: the member limit makes the rest collaborators).
    const newcomers = wanted.filter(({ member }) => !member);
    const currentLeader = await manager.findOneBy(Member, { teamId: team.id, role: MemberRole.LEADER, leftOn: IsNull() });
    const groups = new Map<string, typeof newcomers>();
    for (const entry of newcomers) {
      const joinedOn = entry.row.joinedOn ?? teamPlan.decisionDate ?? today;
      groups.set(joinedOn, [...(groups.get(joinedOn) ?? []), entry]);
    }
    for (const [joinedOn, entries] of groups) {
      const candidates: Candidate[] = entries.map(({ row, person }) => ({
        personId: person?.id,
        person: person ? undefined : { fullName: row.fullName, phone: row.phone, address: null, birthYear: row.birthYear },
        // A new leader joins as a collaborator (never over the limit) and is appointed at once, as appointLeader does.
        role: row.role === MemberRole.LEADER && currentLeader ? MemberRole.COLLABORATOR : row.role,
        affiliation: row.affiliation,
        standingDeputy: row.standingDeputy,
      }));
      const enrolled = await enrol(manager, team, candidates, joinedOn);
      for (const [index, member] of enrolled.entries()) {
        const { row } = entries[index];
        // Known by phone from now on, for the other team of this commune they may be listed in.
        if (row.phone && !byPhone.has(row.phone)) {
          byPhone.set(row.phone, Object.assign(new Person(), { id: member.personId, fullName: row.fullName, phone: row.phone, birthYear: row.birthYear }));
        }
        if (row.role === MemberRole.LEADER && currentLeader) {
          await replaceLeader(manager, team.id, member.id);
          const kept = await changeRoleOfFormerLeader(manager, team, currentLeader, wanted);
          if (kept) warn(kept.row.row, 'role', 'ROLE_KEPT', `tổ trưởng cũ ở lại tổ với tư cách thành viên: ${kept.reason}`);
          changes.changed.add(currentLeader.id);
        } else if (member.role !== row.role) {
          warn(row.row, 'role', 'MEMBER_LIMIT', `${team.name} đã đủ số thành viên tối đa: người này vào tổ với tư cách cộng tác viên`);
        }
        changes.joined += 1;
      }
    }

    // The lawful basis of every person of the team, once per person and notice version.
    const personIds = [...new Set((await activeMembers(manager, team.id)).map((member) => member.personId))].filter((id) => !consented.has(id));
    const recorded = personIds.length
      ? new Set((await manager.findBy(PersonConsent, { personId: In(personIds), basis: job.lawfulBasis, noticeVersion: job.noticeVersion })).map((row) => row.personId))
      : new Set<string>();
    const missing = personIds.filter((id) => !recorded.has(id));
    if (missing.length) {
      await manager.insert(
        PersonConsent,
        missing.map((personId) =>
          manager.create(PersonConsent, { personId, basis: job.lawfulBasis, noticeVersion: job.noticeVersion, channel: job.consentChannel, importJobId: job.id, recordedBy: viewer.subject }),
        ),
      );
    }
    personIds.forEach((id) => consented.add(id));

    if (changes.joined || changes.changed.size || changes.left) {
      // Counts only: who joined or left is personal data and stays out of the trail.
      const after = { importJobId: job.id, joined: changes.joined, changed: changes.changed.size, left: changes.left };
      await audit(manager, viewer, { action: 'confirmRosterImport', entity: team, unitPath: teamPlan.unit.path, after });
    }
    outcome.membersJoined += changes.joined;
    outcome.membersChanged += changes.changed.size;
    outcome.membersLeft += changes.left;
  }
  return outcome;
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
