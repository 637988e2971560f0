import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { audit } from '../../common/audit';
import type { Context } from '../../common/context';
import { todayInVietnam } from '../../common/dates';
import { once } from '../../common/idempotency';
import { writesTeamFundRules } from '../access';
import { Receipt, TeamFundRules } from '../entities';
import { fundRulesOfTeam } from '../loaders';
import { adoptRules, rulesInForce, rulesOfReceipt } from '../services/team-fund';
import { TeamFundRulesInput } from './inputs';
import { Team } from './references';

/**
 * The rules a team agreed for its fund of members' contributions (handbook II §5.2): public like the
 * team's funds; written, as new versions, by the team's leaders and the officers over its unit.
 */
@Resolver(() => Team)
export class TeamFundRulesResolver {
  @FieldResolver(() => TeamFundRules, { nullable: true, description: 'The rules of the team fund in force today (null until the team records some)' })
  async fundRules(@Root() team: Team, @Ctx() ctx: Context): Promise<TeamFundRules | null> {
    return rulesInForce(await ctx.loaders.get(fundRulesOfTeam).load(team.id), todayInVietnam());
  }

  @FieldResolver(() => [TeamFundRules], { description: 'Every version of the team fund’s rules, newest first' })
  fundRulesVersions(@Root() team: Team, @Ctx() ctx: Context): Promise<TeamFundRules[]> {
    return ctx.loaders.get(fundRulesOfTeam).load(team.id);
  }

  @Mutation(() => TeamFundRules, { description: 'Records the rules a team agreed for its fund of members’ contributions as a new version (its leaders, officers over its unit); earlier versions are kept' })
  async adoptTeamFundRules(@Arg('input', { description: 'The rules as agreed and when' }) input: TeamFundRulesInput, @Ctx() ctx: Context): Promise<TeamFundRules> {
    const { unitPath } = await ctx.units.team(input.teamId);
    const team = { teamId: input.teamId, unitPath };
    ctx.viewer.insist(writesTeamFundRules(ctx, team), 'actions.writeTeamFundRules');
    const { idempotencyKey, ...request } = input;
    return once(
      ctx.db,
      { scope: `adoptTeamFundRules:${ctx.viewer.subject}`, key: idempotencyKey, input: request },
      async (manager) => {
        const { previous, adopted } = await adoptRules(manager, team, input.rules, input.adoptedOn, ctx.viewer.subject);
        await audit(manager, ctx.viewer, {
          action: 'adoptTeamFundRules',
          entity: adopted,
          unitPath,
          before: previous && { version: previous.version, adoptedOn: previous.adoptedOn, rules: previous.rules },
          after: { teamId: adopted.teamId, version: adopted.version, adoptedOn: adopted.adoptedOn, rules: adopted.rules },
        });
        return adopted;
      },
      (manager, id) => manager.findOneByOrFail(TeamFundRules, { id }),
    );
  }
}

/** A team-fund receipt names the rules it was collected under. */
@Resolver(() => Receipt)
export class ReceiptFundRulesResolver {
  @FieldResolver(() => TeamFundRules, { nullable: true, description: 'A team-fund receipt of a team’s programme: the team fund’s rules in force the day it was received' })
  teamFundRules(@Root() receipt: Receipt, @Ctx() ctx: Context): Promise<TeamFundRules | null> {
    return rulesOfReceipt(ctx, receipt);
  }
}
