import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { AuditEntry, AuditTrailArgs, auditTrailUnder } from '../../common/audit';
import type { Context } from '../../common/context';
import { Programme } from '../entities';
import { fundsOfTeam, fundsUnderUnitPath, namedSponsorsOfEvent, programmesOfEvent, programmesOfTeam } from '../loaders';
import { FundsSummary } from '../services/funds';
import { AdministrativeUnit, Event, Team } from './references';

/** The resources subgraph's fields on teams: one gateway query shows a team with its money. */
@Resolver(() => Team)
export class TeamFundsResolver {
  @FieldResolver(() => [Programme], { description: 'Programmes the team runs, newest first' })
  programmes(@Root() team: Team, @Ctx() ctx: Context): Promise<Programme[]> {
    return ctx.loaders.get(programmesOfTeam).load(team.id);
  }

  @FieldResolver(() => FundsSummary, { description: 'Pledged, received and spent across the team’s programmes' })
  funds(@Root() team: Team, @Ctx() ctx: Context): Promise<FundsSummary> {
    return ctx.loaders.get(fundsOfTeam).load(team.id);
  }
}

@Resolver(() => AdministrativeUnit)
export class UnitFundsResolver {
  @FieldResolver(() => FundsSummary, { description: 'Pledged, received and spent across every programme in the unit’s subtree' })
  async funds(@Root() unit: AdministrativeUnit, @Ctx() ctx: Context): Promise<FundsSummary> {
    const { unitPath } = await ctx.units.unit(unit.code);
    return ctx.loaders.get(fundsUnderUnitPath).load(unitPath);
  }

  @Query(() => [AuditEntry], { description: 'Changes to resources under a unit, newest first (officers over it; without a unit, admins: the whole trail)' })
  async resourcesAuditTrail(
    @Args() args: AuditTrailArgs,
    @Ctx() ctx: Context,
  ): Promise<AuditEntry[]> {
    return auditTrailUnder(ctx, args);
  }
}


/** The resources subgraph's fields on events: a fair's page shows who pays for it. */
@Resolver(() => Event)
export class EventFundingResolver {
  @FieldResolver(() => [Programme], { description: 'Programmes paying for the event' })
  programmes(@Root() event: Event, @Ctx() ctx: Context): Promise<Programme[]> {
    return ctx.loaders.get(programmesOfEvent).load(event.id);
  }

  @FieldResolver(() => [String], { description: 'Sponsors who pledged or gave for it and agreed to be named publicly' })
  sponsors(@Root() event: Event, @Ctx() ctx: Context): Promise<string[]> {
    return ctx.loaders.get(namedSponsorsOfEvent).load(event.id);
  }
}
