import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { AuditEntry, AuditTrailArgs, auditTrailUnder } from '../../common/audit';
import { Role } from '../../common/auth';
import type { Context } from '../../common/context';
import { seesEvent } from '../access';
import { ApplicationStatus, Event, EventOrganiser, StallApplication } from '../entities';
import { applicationsOfPartner, eventById, eventsOfTeam, organisersOfEvent, upcomingEventsUnder } from '../loaders';
import { AdministrativeUnit, Partner, Team } from './references';

/** Keeps the events the caller may see (drafts only for their organisers), soonest first. */
async function visible(ctx: Context, events: Event[]): Promise<Event[]> {
  const seen = await Promise.all(events.map((event) => seesEvent(ctx, event)));
  return events.filter((_, index) => seen[index]).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
}

@Resolver(() => Team)
export class TeamEventsResolver {
  @FieldResolver(() => [Event], { description: 'Events the team takes part in' })
  async events(@Root() team: Team, @Ctx() ctx: Context): Promise<Event[]> {
    const links = await ctx.loaders.get(eventsOfTeam).load(team.id);
    const events = (await ctx.loaders.get(eventById).loadMany(links.map((link) => link.eventId))) as Event[];
    return visible(ctx, events);
  }

  /**
   * The working relation the teams subgraph asks about (with the caller's token) before it shows
   * an organiser the names of the team's members: see common/working-relations.ts.
   */
  @FieldResolver(() => Boolean, { description: 'Whether the calling organiser organises an event the team takes part in' })
  async worksWithCallingOrganiser(@Root() team: Team, @Ctx() ctx: Context): Promise<boolean> {
    if (!ctx.viewer.has(Role.ORGANISER)) return false;
    const links = await ctx.loaders.get(eventsOfTeam).load(team.id);
    const organisers = (await ctx.loaders.get(organisersOfEvent).loadMany(links.map((link) => link.eventId))) as EventOrganiser[][];
    return organisers.flat().some((organiser) => organiser.subject === ctx.viewer.subject);
  }
}

@Resolver(() => AdministrativeUnit)
export class UnitEventsResolver {
  @FieldResolver(() => [Event], { description: 'Published events organised anywhere under the unit that have not ended (at most 100)' })
  async upcomingEvents(@Root() unit: AdministrativeUnit, @Ctx() ctx: Context): Promise<Event[]> {
    const { unitPath } = await ctx.units.unit(unit.code);
    return ctx.loaders.get(upcomingEventsUnder).load(unitPath);
  }

  @Query(() => [AuditEntry], { description: 'Changes to events under a unit, newest first (officers over it; without a unit, admins: the whole trail)' })
  eventsAuditTrail(
    @Args() args: AuditTrailArgs,
    @Ctx() ctx: Context,
  ): Promise<AuditEntry[]> {
    return auditTrailUnder(ctx, args);
  }
}

@Resolver(() => Partner)
export class PartnerStallsResolver {
  @FieldResolver(() => [StallApplication], { description: 'Its approved stalls at fairs (public); the partner sees all its applications' })
  async stalls(@Root() partner: Partner, @Ctx() ctx: Context): Promise<StallApplication[]> {
    const applications = await ctx.loaders.get(applicationsOfPartner).load(partner.id);
    if (ctx.viewer.actsFor(partner.id)) return applications;
    return applications.filter((application) => application.status === ApplicationStatus.APPROVED);
  }
}
