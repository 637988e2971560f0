import { In, type EntityManager } from 'typeorm';
import { todayInVietnam } from '../../../common/dates';
import { readSheetRows, type SheetFormat } from '../../../common/spreadsheets';
import { AdministrativeUnit, MemberRole, UnitLevel } from '../../entities';
import { foldVietnamese, unitNameKey } from './names';
import { ROSTER_COLUMNS, readRosterRow, rosterHeader, rowIssue, type IssueParams, type IssueText, type RosterColumn, type RosterRow, type RowIssue } from './roster-sheet';

/**
 * A roster file read as a stream and checked against itself and the unit tree: which team each
 * row belongs to, and every rule between rows that the file alone can break. What the database
 * decides (the member limit, people already in other teams) is left to applying it.
 */

export interface TeamPlan {
  unit: AdministrativeUnit;
  /** The name the file gives, or the usual one for its unit. */
  name: string;
  /** Whether the file named the team (else it is the unit's only active team, or a new one). */
  named: boolean;
  decisionNumber: string | null;
  decisionDate: string | null;
  /** In file order; rules between rows already applied (one leader, one standing deputy). */
  rows: RosterRow[];
}

export interface CommunePlan {
  commune: AdministrativeUnit;
  teams: TeamPlan[];
  rows: number;
}

export interface RosterPlan {
  communes: CommunePlan[];
  rows: number;
  problems: RowIssue[];
  warnings: RowIssue[];
  conversions: RowIssue[];
}

/** Where the file is imported: a commune (its code column may be left out) or a unit above communes. */
export interface ImportTarget {
  unit: AdministrativeUnit;
}

const isVillage = (unit: AdministrativeUnit) => unit.level === UnitLevel.VILLAGE;

/** Reads and checks a roster file for `target` (see above). */
export async function planRoster(format: SheetFormat, content: Buffer, target: ImportTarget, manager: EntityManager): Promise<RosterPlan> {
  const plan: RosterPlan = { communes: [], rows: 0, problems: [], warnings: [], conversions: [] };
  const problem: Report = (row, column, code, text, params) => plan.problems.push(rowIssue(row, column, code, text, params));
  const warning: Report = (row, column, code, text, params) => plan.warnings.push(rowIssue(row, column, code, text, params));

  let columns: Map<RosterColumn, number> | undefined;
  const rows: RosterRow[] = [];
  for await (const sheetRow of readSheetRows(format, content)) {
    if (!columns) {
      columns = rosterHeader(sheetRow.cells);
      continue;
    }
    const read = readRosterRow(sheetRow, columns);
    plan.problems.push(...read.problems);
    plan.conversions.push(...read.conversions);
    if (read.row) rows.push(read.row);
    if (read.row || read.problems.length > 0) plan.rows += 1;
  }
  if (!columns) {
    problem(1, 'fullName', 'HEADER_MISSING', 'headerMissing', { columns: Object.values(ROSTER_COLUMNS).join(', ') });
    return plan;
  }

  // The communes and their villages, in two queries whatever the file's length.
  const atCommune = target.unit.level === UnitLevel.COMMUNE;
  if (!atCommune && !columns.has('communeCode')) {
    problem(1, 'communeCode', 'COMMUNE_CODE_MISSING', 'communeCodeMissing', { unitName: target.unit.name, column: ROSTER_COLUMNS.communeCode });
    return plan;
  }
  const codes = [...new Set(rows.map((row) => row.communeCode || target.unit.code))];
  const communes = new Map((await manager.findBy(AdministrativeUnit, { code: In(codes) })).map((unit) => [unit.code, unit]));
  const villages = codes.length ? await manager.findBy(AdministrativeUnit, { parentCode: In(codes) }) : [];
  const villageOf = new Map<string, AdministrativeUnit>();
  for (const village of villages) {
    villageOf.set(`${village.parentCode}|${village.code.toLowerCase()}`, village);
    villageOf.set(`${village.parentCode}|${unitNameKey(village.name)}`, village);
  }

  const teams = new Map<string, TeamPlan & { commune: AdministrativeUnit }>();
  const today = todayInVietnam();
  for (const row of rows) {
    const commune = communes.get(row.communeCode || target.unit.code);
    if (!commune || commune.level !== UnitLevel.COMMUNE || !commune.path.startsWith(target.unit.path)) {
      problem(row.row, 'communeCode', 'COMMUNE_UNKNOWN', 'communeUnknown', { value: row.communeCode, unitName: target.unit.name });
      continue;
    }
    let unit = commune;
    if (row.village) {
      const village = villageOf.get(`${commune.code}|${row.village.toLowerCase()}`) ?? villageOf.get(`${commune.code}|${unitNameKey(row.village)}`);
      if (!village) {
        problem(row.row, 'village', 'VILLAGE_UNKNOWN', 'villageUnknown', { communeName: commune.name, value: row.village });
        continue;
      }
      unit = village;
    }
    if (row.decisionDate && row.decisionDate > today) problem(row.row, 'decisionDate', 'DECISION_DATE_FUTURE', 'decisionDateFuture');
    if (row.joinedOn && row.joinedOn > today) problem(row.row, 'joinedOn', 'JOINED_ON_FUTURE', 'joinedOnFuture');
    const key = `${unit.code}|${foldVietnamese(row.teamName)}`;
    let team = teams.get(key);
    if (!team) {
      team = {
        commune,
        unit,
        name: row.teamName || `Tổ công nghệ số cộng đồng ${unit.name}`,
        named: Boolean(row.teamName),
        decisionNumber: null,
        decisionDate: null,
        rows: [],
      };
      teams.set(key, team);
    }
    // A team's decision is written once, on any of its rows; two different ones are a mistake.
    for (const column of ['decisionNumber', 'decisionDate'] as const) {
      const value = row[column] || null;
      if (value && team[column] && team[column] !== value) {
        problem(row.row, column, 'DECISION_DIFFERS', 'decisionDiffers', { column: ROSTER_COLUMNS[column].toLowerCase(), value: team[column] });
      }
      team[column] ??= value;
    }
    team.rows.push(row);
  }

  checkBetweenRows([...teams.values()], problem, warning);

  const byCommune = new Map<string, CommunePlan>();
  for (const team of teams.values()) {
    const entry = byCommune.get(team.commune.code) ?? { commune: team.commune, teams: [], rows: 0 };
    entry.teams.push(team);
    entry.rows += team.rows.length;
    byCommune.set(team.commune.code, entry);
  }
  plan.communes = [...byCommune.values()];
  return plan;
}

type Report = (row: number, column: RosterColumn, code: string, text: IssueText, params?: IssueParams) => void;

/**
 * The roster rules the file alone can break. A person (known by phone) is once in a team, in
 * at most one village team and one commune team; one phone is one person's name. A team has a
 * leader; a second leader or standing deputy in the file is imported as a plain member or
 * deputy, with a warning.
 */
function checkBetweenRows(teams: TeamPlan[], problem: Report, warning: Report): void {
  const byPhone = new Map<string, { row: RosterRow; team: TeamPlan }[]>();
  for (const team of teams) {
    const names = new Map<string, number>();
    let leader: RosterRow | undefined;
    let standingDeputy: RosterRow | undefined;
    for (const row of team.rows) {
      if (!row.phone) {
        const name = foldVietnamese(row.fullName);
        const earlier = names.get(name);
        if (earlier !== undefined) problem(row.row, 'fullName', 'PERSON_TWICE', 'sameNameNoPhone', { row: earlier });
        names.set(name, row.row);
      } else byPhone.set(row.phone, [...(byPhone.get(row.phone) ?? []), { row, team }]);

      if (row.role === MemberRole.LEADER) {
        if (leader) {
          warning(row.row, 'role', 'SECOND_LEADER', 'secondLeader', { row: leader.row });
          row.role = MemberRole.MEMBER;
        } else leader = row;
      }
      if (row.standingDeputy) {
        if (standingDeputy) {
          warning(row.row, 'role', 'SECOND_STANDING_DEPUTY', 'secondStandingDeputy', { row: standingDeputy.row });
          row.standingDeputy = false;
        } else standingDeputy = row;
      }
    }
    if (!leader) problem(team.rows[0].row, 'role', 'LEADER_MISSING', 'leaderMissing', { teamName: team.name });
  }

  for (const rows of byPhone.values()) {
    const [first, ...others] = rows;
    for (const { row, team } of others) {
      if (foldVietnamese(row.fullName) !== foldVietnamese(first.row.fullName)) {
        problem(row.row, 'phone', 'PHONE_OF_ANOTHER', 'phoneOfAnother', { value: first.row.fullName, row: first.row.row });
      } else if (team === first.team) {
        problem(row.row, 'phone', 'PERSON_TWICE', 'alreadyInTeam', { row: first.row.row });
      } else {
        const sameLevel = rows.find((other) => other.row.row < row.row && other.team !== team && isVillage(other.team.unit) === isVillage(team.unit));
        if (sameLevel) {
          problem(row.row, 'village', 'TWO_TEAMS_AT_LEVEL', isVillage(team.unit) ? 'villageTeamTwice' : 'communeTeamTwice', { row: sameLevel.row.row });
        }
      }
    }
  }
}
