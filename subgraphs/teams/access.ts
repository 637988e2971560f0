import { Role } from '../common/auth';
import type { Context } from '../common/context';
import { forbidden, notFound } from '../common/errors';
import { AdministrativeUnit, UnitLevel, type Team } from './entities';
import { unitByCode } from './loaders';

/**
 * Who may do what in the teams subgraph. Rights follow the administrative tree:
 * an OFFICER oversees the subtrees of the units in their token, a TEAM_LEADER their team.
 */

export async function loadUnit(ctx: Context, code: string): Promise<AdministrativeUnit> {
  const unit = await ctx.loaders.get(unitByCode).load(code);
  if (!unit) throw notFound('AdministrativeUnit', code);
  return unit;
}

/** ADMIN, or an OFFICER whose scope contains `unit`. */
export async function oversees(ctx: Context, unit: AdministrativeUnit): Promise<boolean> {
  if (ctx.viewer.has(Role.ADMIN)) return true;
  if (!ctx.viewer.has(Role.OFFICER)) return false;
  const scopes = await ctx.loaders.get(unitByCode).loadMany([...ctx.viewer.unitCodes]);
  return scopes.some((scope) => scope instanceof AdministrativeUnit && scope.contains(unit));
}

/** Leaders, deputies (their token says TEAM_LEADER for the team), officers over it, admins. */
export async function managesTeam(ctx: Context, team: Team): Promise<boolean> {
  return ctx.viewer.leads(team.id) || oversees(ctx, await loadUnit(ctx, team.unitCode));
}

/**
 * Whether the caller speaks for the People's Committee chairman who decides on teams at
 * `unit`: its own for a commune or district, the commune above it for a village.
 */
export async function decidesAt(ctx: Context, unit: AdministrativeUnit): Promise<boolean> {
  const deciding = unit.level === UnitLevel.VILLAGE && unit.parentCode ? await loadUnit(ctx, unit.parentCode) : unit;
  return oversees(ctx, deciding);
}

export async function decidesForTeam(ctx: Context, team: Team): Promise<boolean> {
  return decidesAt(ctx, await loadUnit(ctx, team.unitCode));
}

/** Throws FORBIDDEN (or UNAUTHENTICATED for anonymous callers) unless `allowed`. */
export function insist(ctx: Context, allowed: boolean, action: string): void {
  if (allowed) return;
  ctx.viewer.requireSignedIn();
  throw forbidden(`You may not ${action}`);
}
