import DataLoader from 'dataloader';
import type { Database } from '../../common/database';
import { byKey, groupedByKey, rowsById, rowsOf, rowsWhereIn } from '../../common/loaders';
import { successorsOf } from '../services/unit-succession';
import { AdministrativeUnit, EmulationCampaign, Member, MemberRole, Person, SubGroup, Team } from '../entities';

/** Per-request loaders of the teams subgraph; resolvers get them through `ctx.loaders.get(...)`. */

export const unitByCode = (db: Database) =>
  new DataLoader<string, AdministrativeUnit | undefined>(async (codes) =>
    byKey(codes, await rowsWhereIn(db, AdministrativeUnit, 'code', codes), (unit) => unit.code),
  );

/**
 * Units by code, also by a code no longer in use (a merged or dissolved unit's, see UnitAlias):
 * lookups, roll-ups and references under old codes find the unit that covers the area now.
 */
export const unitByAnyCode = (db: Database) =>
  new DataLoader<string, AdministrativeUnit | undefined>(async (codes) => {
    const units = byKey(codes, await rowsWhereIn(db, AdministrativeUnit, 'code', codes), (unit) => unit.code);
    const formerCodes = codes.filter((_, index) => !units[index]);
    if (formerCodes.length === 0) return units;
    const successors = await successorsOf(db.manager, formerCodes);
    return codes.map((code, index) => units[index] ?? successors.get(code));
  });

export const unitChildren = rowsOf(AdministrativeUnit, 'parentCode', { name: 'ASC' });

export const teamById = rowsById(Team);
export const subGroupsOfTeam = rowsOf(SubGroup, 'teamId', { name: 'ASC' });

const ROLE_ORDER = Object.values(MemberRole);

/** Members in the order of a team's roster: leader, deputies, standing members, members, collaborators. */
function rosterOrder(a: Member, b: Member): number {
  return ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.joinedOn.localeCompare(b.joinedOn);
}

export const activeMembersOfTeam = (db: Database) =>
  new DataLoader<string, Member[]>(async (teamIds) => {
    const members = await rowsWhereIn(db, Member, 'teamId', teamIds, { unset: ['leftOn'] });
    return groupedByKey(teamIds, members.sort(rosterOrder), (member) => member.teamId);
  });

export const allMembersOfTeam = (db: Database) =>
  new DataLoader<string, Member[]>(async (teamIds) => {
    const members = await rowsWhereIn(db, Member, 'teamId', teamIds);
    return groupedByKey(teamIds, members.sort(rosterOrder), (member) => member.teamId);
  });

export const memberById = rowsById(Member);

export const activeMembershipsOfPerson = (db: Database) =>
  new DataLoader<string, Member[]>(async (personIds) =>
    groupedByKey(
      personIds,
      await rowsWhereIn(db, Member, 'personId', personIds, { unset: ['leftOn'] }),
      (member) => member.personId,
    ),
  );

export const personById = rowsById(Person);

/** A person's name and phone hash (whether their processing is restricted): what a roster shows, the sealed phone and address left unopened. */
export const personNameById = rowsById(Person, ['fullName', 'phoneHash']);

export const campaignById = rowsById(EmulationCampaign);
