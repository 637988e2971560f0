import { Role } from '../common/auth';
import type { Context } from '../common/context';
import { notFound } from '../common/errors';
import { UnitLevel, type AdministrativeUnit, type Team } from './entities';
import { unitByAnyCode } from './loaders';

/**
 * Who may do what in the teams subgraph. Rights follow the administrative tree:
 * an OFFICER oversees the subtrees of the units in their token, a TEAM_LEADER their team.
 */

/** The unit of a code, or of a code no longer in use the unit that covers its area now (see UnitAlias). */
export async function loadUnit(ctx: Context, code: string): Promise<AdministrativeUnit> {
  const unit = await ctx.loaders.get(unitByAnyCode).load(code);
  if (!unit) throw notFound('AdministrativeUnit', code);
  return unit;
}

/** Leaders, deputies (their token says TEAM_LEADER for the team), officers over it, admins. */
export async function managesTeam(ctx: Context, team: Team): Promise<boolean> {
  if (ctx.viewer.has(Role.ADMIN) || ctx.viewer.leads(team.id)) return true;
  return ctx.viewer.oversees((await loadUnit(ctx, team.unitCode)).path);
}

/**
 * Whether the caller speaks for the People's Committee chairman who decides on teams at
 * `unit`: its own for a commune or district, the commune above it for a village.
 */
export async function decidesAt(ctx: Context, unit: AdministrativeUnit): Promise<boolean> {
  const deciding = unit.level === UnitLevel.VILLAGE && unit.parentCode ? await loadUnit(ctx, unit.parentCode) : unit;
  return ctx.viewer.oversees(deciding.path);
}

export async function decidesForTeam(ctx: Context, team: Team): Promise<boolean> {
  return decidesAt(ctx, await loadUnit(ctx, team.unitCode));
}
