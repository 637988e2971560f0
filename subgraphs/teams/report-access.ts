import type { Viewer } from '../common/auth';
import type { Context } from '../common/context';
import { loadUnit } from './access';
import type { Team } from './entities';
import { teamById } from './loaders';

/**
 * Who sees and writes activity reports. Reports go up the tree: a team's own leaders, the
 * leaders of teams at units above it (a commune team's leaders see its village teams'), and
 * officers over it. A village leader sees only their own team.
 */

/** The unit path of the team the caller leads, if they lead one. */
async function ledTeamPath(ctx: Context): Promise<string | null> {
  const teamId = ctx.viewer.teamId;
  if (!teamId || !ctx.viewer.leads(teamId)) return null;
  const team = await ctx.loaders.get(teamById).load(teamId);
  return team ? (await loadUnit(ctx, team.unitCode)).path : null;
}

/** Whether the caller may read a team's reports (`unitPath`: the team's unit). */
export async function readsReportsOf(ctx: Context, team: Team, unitPath: string): Promise<boolean> {
  if (ctx.viewer.leads(team.id) || ctx.viewer.oversees(unitPath)) return true;
  const led = await ledTeamPath(ctx);
  return led !== null && unitPath.startsWith(led) && unitPath !== led;
}

/** Whether the caller may read the roll-up of the subtree at `unitPath` (`/` for the nation: admins). */
export async function readsRollUpAt(ctx: Context, unitPath: string): Promise<boolean> {
  if (ctx.viewer.oversees(unitPath)) return true;
  const led = await ledTeamPath(ctx);
  return led !== null && unitPath !== '/' && unitPath.startsWith(led);
}

/** Whether the caller may submit and correct the reports of a team at `unitPath`: its leaders, officers over it. */
export function writesReportsAt(viewer: Viewer, teamId: string, unitPath: string): boolean {
  return viewer.leads(teamId) || viewer.oversees(unitPath);
}
