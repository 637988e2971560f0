import type { Context } from '../../common/context';
import { invalidInput } from '../../common/errors';
import { managesTeam } from '../access';
import { memberById, teamById } from '../loaders';
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
    ctx.viewer.insist(await managesTeam(ctx, team), t('actions.enrolMembersElsewhere', { teamName: team.name }));
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
