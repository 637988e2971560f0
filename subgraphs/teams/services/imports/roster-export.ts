import { In, IsNull } from 'typeorm';
import { inSlices, type Database } from '../../../common/database';
import { invalidInput } from '../../../common/errors';
import { exportSheets, type Cell, type ExportedFile, type SheetFormat } from '../../../common/spreadsheets';
import { AdministrativeUnit, Member, MemberRole, Person, Team, TeamStatus, UnitLevel } from '../../entities';
import { AFFILIATION_LABELS, roleLabel, rosterSheet } from './roster-sheet';
import { unrestricted } from '../../../common/restriction';
import { t } from '../../../common/messages';

/** The most members one exported roster holds: a province of 15,000 fits; beyond, export communes. */
const EXPORT_LIMIT = 30_000;

const ROLE_ORDER = Object.values(MemberRole);
const dmy = (date: string | null) => (date ? `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}` : null);

/**
 * The active teams (commune and village level) under `unit` and their current members but the
 * restricted, as rows of the roster template: importing them back changes nothing. A few queries, none per team.
 */
export async function rosterRows(db: Database, unit: AdministrativeUnit): Promise<Cell[][]> {
  const teams = await db.manager
    .createQueryBuilder(Team, 'team')
    .innerJoinAndMapOne('team.unit', AdministrativeUnit, 'unit', 'unit.code = team.unitCode')
    .where('unit.path LIKE :prefix', { prefix: `${unit.path}%` })
    .andWhere('team.status = :status', { status: TeamStatus.ACTIVE })
    .andWhere('unit.level IN (:...levels)', { levels: [UnitLevel.COMMUNE, UnitLevel.VILLAGE] })
    .orderBy('unit.path')
    .addOrderBy('team.name')
    .getMany();
  const current = await inSlices(teams.map((team) => team.id), (ids) => db.manager.findBy(Member, { teamId: In(ids), leftOn: IsNull() }));
  if (current.length > EXPORT_LIMIT) throw invalidInput('unitCode', t('problems.tooManyMembersToExport', { EXPORT_LIMIT }));
  const people = new Map((await inSlices([...new Set(current.map((member) => member.personId))], (ids) => db.manager.findBy(Person, { id: In(ids) }))).map((person) => [person.id, person]));
  // A member whose processing is restricted is not exported (restriction.ts; an import leaves them be).
  const members = await unrestricted(db.manager, current, (member) => people.get(member.personId)!.phoneHash);
  const byTeam = new Map<string, Member[]>();
  for (const member of members) byTeam.set(member.teamId, [...(byTeam.get(member.teamId) ?? []), member]);

  const rows: Cell[][] = [];
  for (const team of teams) {
    const teamUnit = team.unit!;
    const communeCode = teamUnit.level === UnitLevel.VILLAGE ? teamUnit.parentCode : teamUnit.code;
    const roster = (byTeam.get(team.id) ?? []).sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || Number(b.standingDeputy) - Number(a.standingDeputy));
    for (const member of roster) {
      const person = people.get(member.personId)!;
      rows.push([
        rows.length + 1,
        communeCode,
        teamUnit.level === UnitLevel.VILLAGE ? teamUnit.name : null,
        team.name,
        team.decisionNumber,
        dmy(team.decisionDate),
        person.fullName,
        person.birthYear,
        roleLabel(member.role, member.standingDeputy),
        AFFILIATION_LABELS[member.affiliation],
        person.phone,
        dmy(member.joinedOn),
      ]);
    }
  }
  return rows;
}

/** The roster template of `unit` as a file (rosterTemplate; the national data generator's roster files). */
export async function rosterFile(db: Database, unit: AdministrativeUnit, format: SheetFormat): Promise<ExportedFile> {
  return exportSheets(format, `danh-sach-thanh-vien-${unit.code}`, [rosterSheet(`${unit.name} (mã ${unit.code})`, await rosterRows(db, unit))]);
}
