import type { Database } from '../../common/database';
import { paginate, type Page, type PageArgs } from '../../common/pagination';
import { provinceOf, Team, UnitLevel, type AdministrativeUnit, type TeamStatus } from '../entities';

export interface TeamFilter {
  level?: UnitLevel | null;
  status?: TeamStatus | null;
}

/**
 * Teams anywhere in a unit's subtree, by name. A province's are read from IDX_team_province_name
 * in the page's order (no sort of the province's teams, no join); a smaller unit's are its
 * province's teams whose unit is in the subtree (one prefix scan on the units' materialised path).
 */
export function teamsUnder(db: Database, unit: AdministrativeUnit, filter: TeamFilter, page: PageArgs): Promise<Page<Team>> {
  const query = db.manager.createQueryBuilder(Team, 'team');
  // The nation's are every province's; a province's its own, by index; a smaller unit's by its path.
  if (unit.level !== UnitLevel.NATION) query.where('team.provinceCode = :province', { province: provinceOf(unit.path) });
  const wholeProvinces = unit.level === UnitLevel.NATION || unit.level === UnitLevel.PROVINCE;
  if (!wholeProvinces || filter.level) query.innerJoin('team.unit', 'unit');
  if (!wholeProvinces) query.andWhere('unit.path LIKE :prefix', { prefix: `${unit.path}%` });
  if (filter.level) query.andWhere('unit.level = :level', { level: filter.level });
  if (filter.status) query.andWhere('team.status = :status', { status: filter.status });
  return paginate(query, { column: 'team.name', valueOf: (team) => team.name }, page);
}
