import { Role } from '../common/auth';
import type { Context } from '../common/context';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { invalidInput, notFound } from '../common/errors';
import type { Onboarding, Partner, Training } from './entities';
import { credentialById, invitationsOfTraining, partnerById } from './loaders';
import { t, type ActionKey } from '../common/messages';

/**
 * Who may do what with partners' records. A partner (its staff, or its systems through an
 * API key) reads and writes only its own records; admins everything. Officers follow the
 * work done in their subtree; team leaders the work done with their team. Residents'
 * details from onboardings stay with the partner and the team's leaders (data protection).
 */

/** Tokens exchanged for an API key carry this subject, so a revoked key stops working here at once. */
export const CREDENTIAL_SUBJECT = 'partner-credential:';

/** ADMIN, or acting for the partner (through a key that is still valid). */
export async function actsFor(ctx: Context, partnerId: string): Promise<boolean> {
  if (ctx.viewer.has(Role.ADMIN)) return true;
  if (!ctx.viewer.actsFor(partnerId)) return false;
  const subject = ctx.viewer.subject ?? '';
  if (!subject.startsWith(CREDENTIAL_SUBJECT)) return true;
  const credential = await ctx.loaders.get(credentialById).load(subject.slice(CREDENTIAL_SUBJECT.length));
  return credential !== undefined && credential.partnerId === partnerId && credential.revokedAt === null;
}

/** ADMIN or the partner itself, else FORBIDDEN (UNAUTHENTICATED when anonymous). */
export async function insistActsFor(ctx: Context, partnerId: string, action: ActionKey): Promise<void> {
  ctx.viewer.insist(await actsFor(ctx, partnerId), action);
}

/** Work with a team (attendance, onboardings): its leaders and officers over it follow it. */
export function followsTeam(ctx: Context, teamId: string, teamUnitPath: string): boolean {
  return ctx.viewer.leads(teamId) || ctx.viewer.oversees(teamUnitPath);
}

export async function seesTraining(ctx: Context, training: Training): Promise<boolean> {
  if (ctx.viewer.oversees(training.unitPath) || (await actsFor(ctx, training.partnerId))) return true;
  const invitations = await ctx.loaders.get(invitationsOfTraining).load(training.id);
  return invitations.some((invitation) => ctx.viewer.leads(invitation.teamId));
}

export async function seesOnboarding(ctx: Context, onboarding: Onboarding): Promise<boolean> {
  return followsTeam(ctx, onboarding.teamId, onboarding.teamUnitPath) || (await actsFor(ctx, onboarding.partnerId));
}

/** Residents' name, phone and address: the partner and the helping team's leaders only. */
export async function seesResidentDetails(ctx: Context, onboarding: Onboarding): Promise<boolean> {
  return ctx.viewer.leads(onboarding.teamId) || (ctx.viewer.actsFor(onboarding.partnerId) && (await actsFor(ctx, onboarding.partnerId)));
}

/**
 * Narrows a list of partners' work to one partner's records (for the partner and admins), to a
 * unit's subtree (for officers over it, on `unitPathColumn`), or both; the caller must be
 * allowed one of the two.
 */
export async function scopeToPartnerOrUnit<T extends ObjectLiteral>(
  ctx: Context,
  query: SelectQueryBuilder<T>,
  { partnerId, unitCode }: { partnerId?: string | null; unitCode?: string | null },
  unitPathColumn: string,
  action: ActionKey,
): Promise<void> {
  if (!partnerId && !unitCode) throw invalidInput('partnerId', t('problems.partnerOrUnit'));
  const allowed: boolean[] = [];
  if (partnerId) {
    allowed.push(await actsFor(ctx, partnerId));
    query.andWhere(`${query.alias}.partnerId = :partnerId`, { partnerId });
  }
  if (unitCode) {
    const { unitPath } = await ctx.units.unit(unitCode);
    allowed.push(ctx.viewer.oversees(unitPath));
    query.andWhere(`${unitPathColumn} LIKE :prefix`, { prefix: `${unitPath}%` });
  }
  ctx.viewer.insist(allowed.some(Boolean), action);
}

export async function loadPartner(ctx: Context, id: string): Promise<Partner> {
  const partner = await ctx.loaders.get(partnerById).load(id);
  if (!partner) throw notFound('Partner', id);
  return partner;
}
