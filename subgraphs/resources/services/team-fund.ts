import type { EntityManager } from 'typeorm';
import type { Context } from '../../common/context';
import { dateInWords } from '../../common/dates';
import { invalidInput } from '../../common/errors';
import { t } from '../../common/messages';
import { FundingSource, TeamFundRules, type Receipt } from '../entities';
import { fundRulesOfTeam, programmeById } from '../loaders';

/** The version in force on `date`: the latest adopted on or before it (versions newest first, adoption dates never going back). */
export function rulesInForce(versions: readonly TeamFundRules[], date: string): TeamFundRules | null {
  return versions.find((version) => version.adoptedOn <= date) ?? null;
}

/** A team-fund receipt of a team's programme: the rules it was collected under (in force the day it was received). */
export async function rulesOfReceipt(ctx: Context, receipt: Receipt): Promise<TeamFundRules | null> {
  if (receipt.source !== FundingSource.TEAM_FUND) return null;
  const programme = await ctx.loaders.get(programmeById).load(receipt.programmeId);
  if (!programme?.teamId) return null;
  return rulesInForce(await ctx.loaders.get(fundRulesOfTeam).load(programme.teamId), receipt.receivedOn);
}

/**
 * Keeps `rules` as the team's next version. Two writes at once pick the same number: the unique
 * index on (team, version) refuses the second, whose transaction `once` runs again, reading the
 * first one's version. A version adopted before the one in force is refused: versions follow the
 * team's decisions in order, so the one in force on a day is the latest adopted by then.
 */
export async function adoptRules(
  manager: EntityManager,
  team: { teamId: string; unitPath: string },
  rules: string,
  adoptedOn: string,
  recordedBy: string | null,
): Promise<{ previous: TeamFundRules | null; adopted: TeamFundRules }> {
  const previous = await manager.findOne(TeamFundRules, { where: { teamId: team.teamId }, order: { version: 'DESC' } });
  if (previous && adoptedOn < previous.adoptedOn) {
    throw invalidInput('adoptedOn', t('problems.rulesAdoptedBefore', { value: dateInWords(previous.adoptedOn), version: previous.version }));
  }
  const adopted = await manager.save(
    manager.create(TeamFundRules, { ...team, version: (previous?.version ?? 0) + 1, rules: rules.trim(), adoptedOn, recordedBy }),
  );
  return { previous, adopted };
}
