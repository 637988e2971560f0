import type { Context } from '../common/context';
import { notFound } from '../common/errors';
import type { Programme, Sponsor } from './entities';
import { giftById, programmeById, receiptById, sponsorById } from './loaders';

/**
 * Who may do what with resources. Officers over a programme's unit manage it (and approve
 * spending); a team's leaders manage their team's programmes; sponsor relationships and
 * contacts are officers' business.
 */

export function managesProgramme(ctx: Context, programme: Programme): boolean {
  return ctx.viewer.oversees(programme.unitPath) || (programme.teamId !== null && ctx.viewer.leads(programme.teamId));
}

export function managesSponsor(ctx: Context, sponsor: Sponsor): boolean {
  return ctx.viewer.oversees(sponsor.unitPath);
}

/** A team's fund rules are written by its leaders and the officers over its unit (`unitPath`, asked of the teams subgraph). */
export function writesTeamFundRules(ctx: Context, team: { teamId: string; unitPath: string }): boolean {
  return ctx.viewer.leads(team.teamId) || ctx.viewer.oversees(team.unitPath);
}

export async function loadProgramme(ctx: Context, id: string): Promise<Programme> {
  const programme = await ctx.loaders.get(programmeById).load(id);
  if (!programme) throw notFound('Programme', id);
  return programme;
}

/** The programme a gift lot was received for, through the per-request loaders. */
export async function programmeOfGift(ctx: Context, giftId: string): Promise<Programme> {
  const gift = await ctx.loaders.get(giftById).load(giftId);
  const receipt = gift && (await ctx.loaders.get(receiptById).load(gift.receiptId));
  if (!receipt) throw notFound('Gift', giftId);
  return loadProgramme(ctx, receipt.programmeId);
}

export async function loadSponsor(ctx: Context, id: string): Promise<Sponsor> {
  const sponsor = await ctx.loaders.get(sponsorById).load(id);
  if (!sponsor) throw notFound('Sponsor', id);
  return sponsor;
}
