import { Length } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { DATE_RANGES } from '../../common/dates';
import { In } from 'typeorm';
import { audit } from '../../common/audit';
import type { Context } from '../../common/context';
import { conflict, invalidInput } from '../../common/errors';
import { checkedKey, once, RETRY_KEY } from '../../common/idempotency';
import { Connection, PageArgs, paginate } from '../../common/pagination';
import { DateWithin, insistDistinct } from '../../common/validation';
import { insistOrganises, loadEvent } from '../access';
import {
  ApplicationStatus,
  Event,
  EventKind,
  EventOrganiser,
  EventStatus,
  EventTally,
  EventTeam,
  ExhibitorKind,
  HouseholdShownAs,
  Stall,
  StallApplication,
  StallCategory,
} from '../entities';
import { applicationsOfEvent, categoriesOfEvent, freeStallsOfCategory, organisersOfEvent, stallById, talliesOfEvent, teamsOfEvent } from '../loaders';
import { CreateEventInput, EventTalliesInput, StallCategoryInput } from './inputs';
import { AdministrativeUnit, Partner, Team } from './references';
import { t } from '../../common/messages';

@ObjectType({ description: 'A page of events' })
class EventConnection extends Connection(Event) {}

@ObjectType({ description: 'An approved exhibitor as the public sees it on the fair’s map' })
class Exhibitor {
  @Field({ description: 'The exhibitor’s name, or how a household chose to be shown' })
  name: string;

  @Field({ description: 'The stall’s code on the map' })
  stallCode: string;

  @Field(() => StallCategory, { description: 'The stall category' })
  category: StallCategory;

  @Field(() => Partner, { nullable: true, description: 'The partner enterprise exhibiting, if it is one' })
  partner: Partner | null;
}

/**
 * An exhibitor as the public sees it: organisations by name, a household only as it chose to be
 * shown (its alias or its village), never by the name of the people in it (handbook, seed 000, III §3.1).
 */
export function publicExhibitorName(application: StallApplication): string {
  if (application.exhibitorKind !== ExhibitorKind.HOUSEHOLD) return application.exhibitorName;
  if (application.shownAs === HouseholdShownAs.ALIAS && application.shownLabel) return application.shownLabel;
  if (application.shownAs === HouseholdShownAs.VILLAGE && application.shownLabel) return `Một hộ gia đình ở ${application.shownLabel}`;
  return 'Một hộ gia đình địa phương';
}

@ArgsType()
class EventsArgs extends PageArgs {
  @Field({ description: 'Events organised anywhere under this unit' })
  @Length(1, 20)
  unitCode: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Only events ending on or after this day' })

  @DateWithin(DATE_RANGES.filter)
  from?: string | null;

  @Field(() => EventKind, { nullable: true, description: 'Only events of this kind; all when left out' })
  kind?: EventKind | null;

  @Field(() => EventStatus, { nullable: true, description: 'Only events in this status; all when left out' })
  status?: EventStatus | null;
}

/** Where an event may go from each status. */
const NEXT_STATUSES: Record<EventStatus, EventStatus[]> = {
  [EventStatus.DRAFT]: [EventStatus.PUBLISHED, EventStatus.CANCELLED],
  [EventStatus.PUBLISHED]: [EventStatus.OPEN_FOR_APPLICATIONS, EventStatus.CLOSED, EventStatus.CANCELLED],
  [EventStatus.OPEN_FOR_APPLICATIONS]: [EventStatus.CLOSED, EventStatus.CANCELLED],
  [EventStatus.CLOSED]: [EventStatus.OPEN_FOR_APPLICATIONS, EventStatus.HELD, EventStatus.CANCELLED],
  [EventStatus.HELD]: [],
  [EventStatus.CANCELLED]: [],
};

/** Fairs, campaigns and training days: officers over a unit create them, their organisers run them. */
@Resolver(() => Event)
export class EventResolver {
  @Query(() => EventConnection, { description: 'Events under a unit by start date; drafts only for officers over the unit' })
  async events(@Args() { unitCode, from, kind, status, ...page }: EventsArgs, @Ctx() ctx: Context): Promise<EventConnection> {
    const { unitPath } = await ctx.units.unit(unitCode);
    const query = ctx.db.manager.createQueryBuilder(Event, 'event').where('event.unitPath LIKE :prefix', { prefix: `${unitPath}%` });
    // Officers over the unit see its drafts; everyone else the events made public.
    if (!ctx.viewer.oversees(unitPath)) query.andWhere('event.status <> :draft', { draft: EventStatus.DRAFT });
    if (from) query.andWhere('event.endsOn >= :from', { from });
    if (kind) query.andWhere('event.kind = :kind', { kind });
    if (status) query.andWhere('event.status = :status', { status });
    return new EventConnection(await paginate(query, { column: 'event.startsOn', valueOf: (event) => event.startsOn }, page));
  }

  @Query(() => Event, { nullable: true, description: 'An event, by its identifier' })
  event(@Arg('id', () => ID, { description: 'The event’s identifier' }) id: string, @Ctx() ctx: Context): Promise<Event> {
    return loadEvent(ctx, id);
  }

  @FieldResolver(() => AdministrativeUnit, { description: 'The organising unit' })
  unit(@Root() event: Event): AdministrativeUnit {
    return { code: event.unitCode };
  }

  @FieldResolver(() => [Team], { description: 'Teams taking part' })
  async teams(@Root() event: Event, @Ctx() ctx: Context): Promise<Team[]> {
    return (await ctx.loaders.get(teamsOfEvent).load(event.id)).map(({ teamId }) => ({ id: teamId }));
  }

  @FieldResolver(() => [EventOrganiser], { nullable: true, description: 'Its organisers and officers over its unit' })
  async organisers(@Root() event: Event, @Ctx() ctx: Context): Promise<EventOrganiser[]> {
    await insistOrganises(ctx, event, 'actions.seeEventOrganisers');
    return ctx.loaders.get(organisersOfEvent).load(event.id);
  }

  @FieldResolver(() => [StallCategory], { description: 'The event’s stall categories' })
  categories(@Root() event: Event, @Ctx() ctx: Context): Promise<StallCategory[]> {
    return ctx.loaders.get(categoriesOfEvent).load(event.id);
  }

  @FieldResolver(() => [Exhibitor], { description: 'Approved exhibitors and their stalls (public)' })
  async exhibitors(@Root() event: Event, @Ctx() ctx: Context): Promise<Exhibitor[]> {
    const [applications, categories] = await Promise.all([
      ctx.loaders.get(applicationsOfEvent).load(event.id),
      ctx.loaders.get(categoriesOfEvent).load(event.id),
    ]);
    const approved = applications.filter((application) => application.status === ApplicationStatus.APPROVED && application.stallId);
    const stalls = (await ctx.loaders.get(stallById).loadMany(approved.map((application) => application.stallId!))) as Stall[];
    return approved
      .map((application, index) => ({
        name: publicExhibitorName(application),
        stallCode: stalls[index].code,
        category: categories.find((category) => category.id === application.categoryId)!,
        partner: application.partnerId ? { id: application.partnerId } : null,
      }))
      .sort((a, b) => a.stallCode.localeCompare(b.stallCode));
  }

  @FieldResolver(() => [EventTally], { description: 'Residents helped per basic skill (counts only)' })
  tallies(@Root() event: Event, @Ctx() ctx: Context): Promise<EventTally[]> {
    return ctx.loaders.get(talliesOfEvent).load(event.id);
  }

  @FieldResolver(() => Int, { description: 'Residents helped, all skills together' })
  async residentsHelped(@Root() event: Event, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.loaders.get(talliesOfEvent).load(event.id)).reduce((sum, tally) => sum + tally.residentsHelped, 0);
  }

  @Mutation(() => Event, { description: 'Officers over the unit; the event starts as a draft' })
  async createEvent(@Arg('input', { description: 'The event to set up (as a draft)' }) input: CreateEventInput, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<Event> {
    const unit = await ctx.units.unit(input.unitCode);
    ctx.viewer.insist(ctx.viewer.oversees(unit.unitPath), 'actions.organiseEvents');
    if (input.endsOn < input.startsOn) throw invalidInput('endsOn', t('problems.notBeforeStartsOn'));
    if (input.applicationDeadline && input.applicationDeadline > input.startsOn) {
      throw invalidInput('applicationDeadline', t('problems.notAfterStartsOn'));
    }
    insistDistinct(
      input.organisers.map((organiser) => organiser.subject),
      (index) => `organisers.${index}.subject`,
      (subject) => t('problems.valueTwice', { value: subject }),
    );
    const teams = await Promise.all(input.teamIds.map((teamId) => ctx.units.team(teamId)));
    teams.forEach((team, index) => {
      if (!team.unitPath.startsWith(unit.unitPath)) throw invalidInput(`teamIds.${index}`, t('problems.teamNotUnderUnit', { unitUnitCode: unit.unitCode }));
    });
    const { teamIds, organisers, unitCode, ...fields } = input;
    return once(
      ctx.db,
      { scope: `createEvent:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input },
      async (manager) => {
        const event = await manager.save(
          manager.create(Event, {
            ...fields,
            ...unit,
            description: fields.description ?? null,
            applicationDeadline: fields.applicationDeadline ?? null,
            status: EventStatus.DRAFT,
          }),
        );
        await manager.save([...new Set(teamIds)].map((teamId) => manager.create(EventTeam, { eventId: event.id, teamId })));
        await manager.save(organisers.map((organiser) => manager.create(EventOrganiser, { ...organiser, eventId: event.id })));
        await audit(manager, ctx.viewer, { action: 'createEvent', entity: event, unitPath: unit.unitPath, after: input });
        return event;
      },
      (manager, id) => manager.findOneByOrFail(Event, { id }),
    );
  }

  @Mutation(() => Event, { description: 'Publishes, opens or closes applications, marks held or cancels (its organisers)' })
  async setEventStatus(@Arg('id', () => ID, { description: 'The event whose status changes' }) id: string, @Arg('status', () => EventStatus, { description: 'The event’s new status' }) status: EventStatus, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<Event> {
    const event = await loadEvent(ctx, id);
    await insistOrganises(ctx, event, 'actions.runEvent');
    return once(
      ctx.db,
      { scope: `setEventStatus:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { id, status } },
      async (manager) => {
        // Checked on the row read under its lock: two changes of status must not both pass from the same one.
        const current = (await ctx.db.lockForUpdate(manager, Event, { id }))!;
        if (!NEXT_STATUSES[current.status].includes(status)) throw conflict(t('conflicts.eventStatusChange', { currentStatus: t(`enums.EventStatus.${current.status}`), status: t(`enums.EventStatus.${status}`) }));
        const before = { status: current.status };
        const after = await manager.save(Object.assign(current, { status }));
        await audit(manager, ctx.viewer, { action: 'setEventStatus', entity: event, unitPath: event.unitPath, before, after: { status } });
        return after;
      },
      (manager, id) => manager.findOneByOrFail(Event, { id }),
    );
  }

  @Mutation(() => StallCategory, { description: 'Adds a stall category and its stalls (its organisers, before the event is held)' })
  async addStallCategory(
    @Arg('eventId', () => ID, { description: 'The event the stalls are at' }) eventId: string,
    @Arg('input', { description: 'The stall category' }) input: StallCategoryInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<StallCategory> {
    const event = await loadEvent(ctx, eventId);
    await insistOrganises(ctx, event, 'actions.setUpStalls');
    if ([EventStatus.HELD, EventStatus.CANCELLED].includes(event.status)) throw conflict(t('conflicts.eventStatus', { eventStatus: t(`enums.EventStatus.${event.status}`) }));
    const { codePrefix, ...fields } = input;
    // Two adding one prefix at once meet at the unique index of stall codes; run again, the loser is told why.
    return once(
      ctx.db,
      { scope: `addStallCategory:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { eventId, ...input } },
      async (manager) => {
        // The first stall is <prefix>01, or <prefix>001 in a category of 100 stalls or more.
        if (await manager.existsBy(Stall, { eventId, code: In([`${codePrefix}01`, `${codePrefix}001`]) })) {
          throw invalidInput('codePrefix', t('problems.stallCodesTaken', { codePrefix }));
        }
        const category = await manager.save(manager.create(StallCategory, { ...fields, eventId }));
        const digits = Math.max(2, String(input.capacity).length);
        await manager.save(
          Array.from({ length: input.capacity }, (_, index) =>
            manager.create(Stall, { eventId, categoryId: category.id, code: `${codePrefix}${String(index + 1).padStart(digits, '0')}` }),
          ),
        );
        await audit(manager, ctx.viewer, { action: 'addStallCategory', entity: category, unitPath: event.unitPath, after: input });
        return category;
      },
      (manager, id) => manager.findOneByOrFail(StallCategory, { id }),
    );
  }

  @Mutation(() => Event, { description: 'Sets the counts of residents helped per skill, accounts opened and shops onboarded (its organisers)' })
  async recordEventTallies(
    @Arg('eventId', () => ID, { description: 'The event the counts are for' }) eventId: string,
    @Arg('input', { description: 'The counts of residents helped, accounts opened and shops onboarded' }) input: EventTalliesInput,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<Event> {
    const event = await loadEvent(ctx, eventId);
    await insistOrganises(ctx, event, 'actions.recordEventResults');
    insistDistinct(
      input.residentsHelped.map((tally) => tally.skill),
      (index) => `residentsHelped.${index}.skill`,
      () => t('problems.givenTwice'),
    );
    const before = { tallies: await ctx.loaders.get(talliesOfEvent).load(eventId), accountsOpened: event.accountsOpened, shopsOnboarded: event.shopsOnboarded };
    return once(
      ctx.db,
      { scope: `recordEventTallies:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { eventId, ...input } },
      async (manager) => {
        await manager.delete(EventTally, { eventId });
        await manager.save(input.residentsHelped.map((tally) => manager.create(EventTally, { ...tally, eventId })));
        const after = await manager.save(Object.assign(event, { accountsOpened: input.accountsOpened, shopsOnboarded: input.shopsOnboarded }));
        await audit(manager, ctx.viewer, { action: 'recordEventTallies', entity: event, unitPath: event.unitPath, before, after: input });
        // `before` came through the loader: forget it, so the result shows the new tallies.
        ctx.loaders.get(talliesOfEvent).clear(eventId);
        return after;
      },
      (manager, id) => manager.findOneByOrFail(Event, { id }),
    );
  }
}

@Resolver(() => StallCategory)
export class StallCategoryResolver {
  @FieldResolver(() => Int, { description: 'Stalls not yet given to an approved exhibitor' })
  freeStalls(@Root() category: StallCategory, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.get(freeStallsOfCategory).load(category.id);
  }
}

