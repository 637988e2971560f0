import {
  AdministrativeUnit,
  Affiliation,
  Member,
  MemberRole,
  MembershipRequest,
  MembershipRequestKind,
  MembershipRequestStatus,
  Person,
  provinceOf,
  SubGroup,
  SubGroupKind,
  Team,
  TeamStatus,
  UnitLevel,
} from '../../subgraphs/teams/entities';
import { NATION_CODE } from '../../subgraphs/common/auth';
import { addDays } from '../../subgraphs/common/dates';
import type { Random } from '../random';
import { COMMUNE_KINDS, personName, placeName, VILLAGE_KINDS } from './names';
import type { CommunePlan, GenerationContext, PlacedMember, PlacedTeam, PlacedUnit, ProvincePlan, TableRows } from './rows';

const AFFILIATIONS: Affiliation[] = [
  Affiliation.YOUTH_UNION, Affiliation.YOUTH_UNION, Affiliation.YOUTH_UNION, Affiliation.POLICE, Affiliation.MILITIA,
  Affiliation.TEACHER, Affiliation.HEALTH_WORKER, Affiliation.CIVIL_SERVANT, Affiliation.VILLAGE_HEAD, Affiliation.VILLAGE_HEAD,
  Affiliation.STUDENT, Affiliation.RESIDENT, Affiliation.RESIDENT, Affiliation.ENTERPRISE_STAFF,
];

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

interface PersonPlace {
  personId: string;
  address: string;
}

/** One team's roster: a leader, a standing deputy, members and a few collaborators; some have left. */
function addTeam(
  context: GenerationContext,
  unit: PlacedUnit,
  size: number,
  /** People already in another team (village leaders sitting in the commune team). */
  shared: PersonPlace[],
  address: string,
): PlacedTeam & { leader: PersonPlace } {
  const { random, today, rows } = context;
  const teams = rows.teams;
  const decisionDate = addDays(today, -random.int(1100, 1460));
  const team = {
    id: random.uuid(),
    unitCode: unit.code,
    provinceCode: provinceOf(unit.path),
    name: `Tổ công nghệ số cộng đồng ${unit.name}`,
    decisionNumber: `${random.int(1, 999)}/QĐ-UBND`,
    decisionDate,
    status: random.chance(0.02) ? TeamStatus.SUSPENDED : TeamStatus.ACTIVE,
    createdAt: new Date(`${decisionDate}T08:00:00Z`),
  };
  teams.add(Team, team);
  const members: PlacedMember[] = [];
  let leader: PersonPlace | undefined;
  for (let index = 0; index < size; index += 1) {
    const person = index >= 3 && shared.length > 0 ? shared.pop()! : addPerson(random, teams, address, decisionDate);
    const role =
      index === 0 ? MemberRole.LEADER
      : index === 1 ? MemberRole.DEPUTY
      : index === 2 && random.chance(0.3) ? MemberRole.DEPUTY
      : random.chance(0.12) ? MemberRole.COLLABORATOR
      : random.chance(0.2) ? MemberRole.STANDING_MEMBER
      : MemberRole.MEMBER;
    const joinedOn = minDate(addDays(decisionDate, index < 2 ? 0 : random.int(0, 600)), today);
    // Leaders never leave (the rule); a few others have, and their rows stay as history.
    const leftOn = index > 1 && random.chance(0.06) ? minDate(addDays(joinedOn, random.int(30, 500)), today) : null;
    const member = {
      id: random.uuid(),
      teamId: team.id,
      personId: person.personId,
      role,
      standingDeputy: index === 1,
      affiliation: random.pick(AFFILIATIONS),
      joinedOn,
      leftOn,
      createdAt: new Date(`${joinedOn}T08:00:00Z`),
    };
    teams.add(Member, member);
    members.push({ id: member.id, active: leftOn === null });
    if (index === 0) leader = person;
  }
  return { id: team.id, unit, members, decisionDate, active: team.status === TeamStatus.ACTIVE, leader: leader! };
}

function addPerson(random: Random, teams: TableRows, address: string, since: string): PersonPlace {
  const person = {
    id: random.uuid(),
    fullName: personName(random),
    phone: random.chance(0.95) ? random.phone() : null,
    address: `Số ${random.int(1, 200)}, ${address}`,
    createdAt: new Date(`${since}T08:00:00Z`),
  };
  teams.add(Person, person);
  return { personId: person.id, address };
}

/**
 * The teams subgraph's rows of one province: the two-tier tree (province → communes → villages),
 * a team at each commune and at most villages, their members (people in a village team and
 * the commune team are one person), sub-groups and open join requests.
 * Their activity reports, targets and derived totals: `generateReports` (reports.ts).
 */
export function generateTeams(context: GenerationContext): ProvincePlan {
  const { random, province, communeCount, rows, today } = context;
  const provinceUnit: PlacedUnit = { code: province.code, name: province.name, path: `/${province.code}/` };
  rows.teams.add(AdministrativeUnit, { ...provinceUnit, level: UnitLevel.PROVINCE, parentCode: NATION_CODE, memberLimit: null });

  const communeNames = new Set<string>();
  const communes: CommunePlan[] = [];
  for (let number = 1; number <= communeCount; number += 1) {
    const code = `${province.code}${String(number).padStart(3, '0')}`;
    const commune: PlacedUnit = { code, name: `${random.pick(COMMUNE_KINDS)} ${placeName(random, communeNames)}`, path: `${provinceUnit.path}${code}/` };
    rows.teams.add(AdministrativeUnit, { ...commune, level: UnitLevel.COMMUNE, parentCode: province.code, memberLimit: null });

    const villageNames = new Set<string>();
    const villages: PlacedUnit[] = [];
    const teams: PlacedTeam[] = [];
    const villageLeaders: PersonPlace[] = [];
    const villageCount = random.int(15, 29);
    for (let index = 1; index <= villageCount; index += 1) {
      const villageCode = `${code}.${String(index).padStart(2, '0')}`;
      const kind = random.pick(VILLAGE_KINDS);
      const name = kind === 'Tổ dân phố' || kind === 'Xóm' ? `${kind} ${index}` : `${kind} ${placeName(random, villageNames)}`;
      const village: PlacedUnit = { code: villageCode, name, path: `${commune.path}${villageCode}/` };
      rows.teams.add(AdministrativeUnit, { ...village, level: UnitLevel.VILLAGE, parentCode: code, memberLimit: null });
      villages.push(village);
      if (random.chance(0.97)) {
        const team = addTeam(context, village, random.int(3, 6), [], `${name}, ${commune.name}, ${province.name}`);
        teams.push(team);
        villageLeaders.push(team.leader);
      }
    }
    const communeTeam = addTeam(context, commune, random.int(7, 10), random.sample(villageLeaders, 3), `${commune.name}, ${province.name}`);
    teams.unshift(communeTeam);
    rows.teams.add(SubGroup, { id: random.uuid(), teamId: communeTeam.id, name: 'Nhóm tập huấn kỹ năng số', kind: SubGroupKind.TRAINING });
    rows.teams.add(SubGroup, { id: random.uuid(), teamId: communeTeam.id, name: 'Câu lạc bộ livestream bán hàng', kind: SubGroupKind.CLUB });
    if (random.chance(0.5)) {
      const filedOn = addDays(today, -random.int(1, 30));
      rows.teams.add(MembershipRequest, {
        id: random.uuid(),
        kind: MembershipRequestKind.JOIN,
        status: MembershipRequestStatus.PENDING,
        teamId: communeTeam.id,
        memberId: null,
        personId: null,
        applicantName: personName(random),
        applicantPhone: random.phone(),
        applicantAddress: `${random.pick(villages).name}, ${commune.name}, ${province.name}`,
        affiliation: random.pick(AFFILIATIONS),
        requestedRole: MemberRole.MEMBER,
        reason: 'Muốn hỗ trợ bà con sử dụng dịch vụ công trực tuyến',
        requestedBy: null,
        recommendedBy: null,
        recommendedAt: null,
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
        createdAt: new Date(`${filedOn}T09:00:00Z`),
      });
    }
    communes.push({ unit: commune, villages, teams });
  }
  return { unit: provinceUnit, communes };
}
