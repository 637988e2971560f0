import type { Database } from '../../common/database';
import { paginate, type Page, type PageArgs } from '../../common/pagination';
import { Team, type AdministrativeUnit, type TeamStatus, type UnitLevel } from '../entities';

export interface TeamFilter {
  level?: UnitLevel | null;
  status?: TeamStatus | null;
}

/** Teams anywhere in a unit's subtree, by name: one prefix scan on the units' materialised path. */
export function teamsUnder(db: Database, unit: AdministrativeUnit, filter: TeamFilter, page: PageArgs): Promise<Page<Team>> {
  const query = db.manager
    .createQueryBuilder(Team, 'team')
    .innerJoin('team.unit', 'unit')
    .where('unit.path LIKE :prefix', { prefix: `${unit.path}%` });
  if (filter.level) query.andWhere('unit.level = :level', { level: filter.level });
  if (filter.status) query.andWhere('team.status = :status', { status: filter.status });
  return paginate(query, { column: 'team.name', valueOf: (team) => team.name }, page);
}
