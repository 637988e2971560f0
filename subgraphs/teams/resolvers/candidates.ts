import type { Context } from '../../common/context';
import { invalidInput } from '../../common/errors';
import { managesTeam } from '../access';
import { isRestricted } from '../../common/restriction';
import { memberById, personById, teamById } from '../loaders';
import type { Candidate } from '../services/roster';
import type { NewMemberInput } from './inputs';
import { t } from '../../common/messages';

/**
 * Turns a NewMemberInput into a roster candidate: someone new, or the person behind an
 * existing membership, which only those who manage that membership's team may reuse.
 */
export async function candidateFrom(ctx: Context, input: NewMemberInput, field: string): Promise<Candidate> {
  const { role, affiliation, standingDeputy } = input;
  if (input.existingMemberId) {
    const existing = await ctx.loaders.get(memberById).load(input.existingMemberId);
    const team = existing && (await ctx.loaders.get(teamById).load(existing.teamId));
    if (!existing || !team) throw invalidInput(`${field}.existingMemberId`, t('problems.notAMembership'));
    ctx.viewer.insist(await managesTeam(ctx, team), 'actions.enrolMembersElsewhere', { teamName: team.name });
    await insistNotRestricted(ctx, existing.personId, `${field}.existingMemberId`);
    return { personId: existing.personId, role, affiliation, standingDeputy };
  }
  if (!input.fullName) throw invalidInput(`${field}.fullName`, t('problems.requiredForNewPerson'));
  return {
    person: { fullName: input.fullName.trim(), phone: input.phone ?? null, address: input.address ?? null },
    role,
    affiliation,
    standingDeputy,
  };
}

/**
 * Refuses, naming the field, to offer something new (another team, a work assignment) to a person
 * whose processing is restricted: their data stays, and what they already do, but nothing new uses it.
 */
export async function insistNotRestricted(ctx: Context, personId: string, field: string): Promise<void> {
  const person = await ctx.loaders.get(personById).load(personId);
  if (await isRestricted(ctx, person?.phoneHash ?? null)) throw invalidInput(field, t('problems.processingRestricted'));
}
