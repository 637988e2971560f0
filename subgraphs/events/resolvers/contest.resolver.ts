import { Arg, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { audit } from '../../common/audit';
import { Consent, ConsentPurpose, consentHolds, consentsOfRecord, recordConsent, requireConsent, withdrawConsentOf } from '../../common/consent';
import type { Context } from '../../common/context';
import { invalidInput, notFound } from '../../common/errors';
import { checkedKey, once, RETRY_KEY } from '../../common/idempotency';
import { isRestricted } from '../../common/restriction';
import { insistDistinct } from '../../common/validation';
import { insistOrganises, loadEvent, organises } from '../access';
import { Contest, ContestEntry, ContestPrize, Event } from '../entities';
import { contestById, contestsOfEvent, entriesOfContest, eventById, prizesOfContest } from '../loaders';
import { entryTakingPrize, insistLotsOfEventUnit, rankEntries, tieBreaksOf } from '../services/contests';
import { BreakContestTieInput, ContestEntryInput, ContestInput } from './inputs';
import { Gift, Team } from './references';
import { t } from '../../common/messages';

@ObjectType({ description: 'An entry that won a prize' })
class Winner {
  @Field(() => Int, { description: 'The rank won: 1 for first' })
  rank: number;

  @Field(() => ContestEntry, { description: 'The winning entry' })
  entry: ContestEntry;

  @Field(() => ContestPrize, { description: 'The prize won' })
  prize: ContestPrize;

  @Field({ description: 'Other entries share this rank (a tie on the score): the organisers break it before the prize is handed over' })
  tied: boolean;
}

async function loadContest(ctx: Context, id: string): Promise<{ contest: Contest; event: Event }> {
  const contest = await ctx.loaders.get(contestById).load(id);
  if (!contest) throw notFound('Contest', id);
  return { contest, event: await loadEvent(ctx, contest.eventId) };
}

/** The entry among its contest's, ranked (through the per-request loader: one query for every entry of the contest). */
async function rankedEntry(ctx: Context, entry: ContestEntry) {
  return rankEntries(await ctx.loaders.get(entriesOfContest).load(entry.contestId)).find((ranked) => ranked.entry.id === entry.id)!;
}

/** Contests at events: entries and scores by the organisers; winners are public. */
@Resolver(() => Contest)
export class ContestResolver {
  @FieldResolver(() => [ContestPrize], { description: 'The prizes, by rank' })
  prizes(@Root() contest: Contest, @Ctx() ctx: Context): Promise<ContestPrize[]> {
    return ctx.loaders.get(prizesOfContest).load(contest.id);
  }

  @FieldResolver(() => [ContestEntry], { description: 'Best score first (among tied entries, the organisers’ order once they break the tie), then in order of entry' })
  async entries(@Root() contest: Contest, @Ctx() ctx: Context): Promise<ContestEntry[]> {
    return rankEntries(await ctx.loaders.get(entriesOfContest).load(contest.id)).map(({ entry }) => entry);
  }

  @FieldResolver(() => [Winner], { description: 'The entries at each prize’s rank: several while they tie on the score' })
  async winners(@Root() contest: Contest, @Ctx() ctx: Context): Promise<Winner[]> {
    const [prizes, entries] = await Promise.all([ctx.loaders.get(prizesOfContest).load(contest.id), ctx.loaders.get(entriesOfContest).load(contest.id)]);
    const ranked = rankEntries(entries);
    return prizes.flatMap((prize) => ranked.filter(({ rank }) => rank === prize.rank).map(({ entry, tied }) => ({ rank: prize.rank, entry, prize, tied })));
  }

  @Mutation(() => Contest, { description: 'Organisers' })
  async addContest(@Arg('eventId', () => ID, { description: 'The event the contest is held at' }) eventId: string, @Arg('input', { description: 'The contest' }) input: ContestInput, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<Contest> {
    const event = await loadEvent(ctx, eventId);
    await insistOrganises(ctx, event, 'actions.addContests');
    insistDistinct(
      input.prizes.map((prize) => prize.rank),
      (index) => `prizes.${index}.rank`,
      (rank) => t('problems.rankHasPrize', { rank }),
    );
    await insistLotsOfEventUnit(ctx, event, input.prizes);
    return once(
      ctx.db,
      { scope: `addContest:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { eventId, ...input } },
      async (manager) => {
        const contest = await manager.save(manager.create(Contest, { eventId, kind: input.kind, title: input.title }));
        await manager.save(input.prizes.map((prize) => manager.create(ContestPrize, { ...prize, giftId: prize.giftId ?? null, contestId: contest.id })));
        await audit(manager, ctx.viewer, { action: 'addContest', entity: contest, unitPath: event.unitPath, after: input });
        return contest;
      },
      (manager, id) => manager.findOneByOrFail(Contest, { id }),
    );
  }

  @Mutation(() => ContestEntry, { description: 'Organisers' })
  async addContestEntry(
    @Arg('contestId', () => ID, { description: 'The contest entered' }) contestId: string,
    @Arg('input', { description: 'The entrant and what they enter' }) input: ContestEntryInput,
    @Ctx() ctx: Context,
  ): Promise<ContestEntry> {
    const { event } = await loadContest(ctx, contestId);
    await insistOrganises(ctx, event, 'actions.addContestEntries');
    const { consent, idempotencyKey, ...fields } = input;
    // A person entering in their own name is shown with the results: only with their consent (a team needs none).
    const given = input.teamId ? consent : requireConsent(consent);
    if (input.teamId) await ctx.units.team(input.teamId);
    return once(
      ctx.db,
      { scope: `addContestEntry:${ctx.viewer.subject}`, key: idempotencyKey, input: { contestId, ...fields } },
      async (manager) => {
        const entry = await manager.save(manager.create(ContestEntry, { ...fields, teamId: input.teamId ?? null, contestId, score: null }));
        await audit(manager, ctx.viewer, { action: 'addContestEntry', entity: entry, unitPath: event.unitPath, after: entry });
        if (given) await recordConsent(manager, ctx.viewer, entry, ConsentPurpose.CONTEST_ENTRY, given);
        return entry;
      },
      (manager, id) => manager.findOneByOrFail(ContestEntry, { id }),
    );
  }

  @Mutation(() => ContestEntry, { description: 'Organisers; 0 to 100' })
  async scoreContestEntry(
    @Arg('entryId', () => ID, { description: 'The entry scored' }) entryId: string,
    @Arg('score', () => Int, { description: 'The entry’s score' }) score: number,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<ContestEntry> {
    if (!Number.isInteger(score) || score < 0 || score > 100) throw invalidInput('score', t('problems.score'));
    const entry = await ctx.db.manager.findOneBy(ContestEntry, { id: entryId });
    if (!entry) throw notFound('ContestEntry', entryId);
    const { event } = await loadContest(ctx, entry.contestId);
    await insistOrganises(ctx, event, 'actions.scoreContest');
    const before = { score: entry.score };
    return once(
      ctx.db,
      { scope: `scoreContestEntry:${ctx.viewer.subject}`, key: checkedKey(idempotencyKey), input: { entryId, score } },
      async (manager) => {
        // Entries already on this score and ordered among themselves now tie with this one: the order is to be given again.
        await manager.update(ContestEntry, { contestId: entry.contestId, score }, { tieBreak: null });
        const after = await manager.save(Object.assign(entry, { score, tieBreak: null }));
        await audit(manager, ctx.viewer, { action: 'scoreContestEntry', entity: entry, unitPath: event.unitPath, before, after: { score } });
        return after;
      },
      (manager, id) => manager.findOneByOrFail(ContestEntry, { id }),
    );
  }

  @Mutation(() => Contest, {
    description:
      'Organisers break a tie: the entries scored the same, best first, take ranks in that order (scoring one of them again, or another onto that score, makes them tie again); giving the same order again changes nothing',
  })
  async breakContestTie(@Arg('input', { description: 'The contest and its tied entries, best first' }) input: BreakContestTieInput, @Ctx() ctx: Context): Promise<Contest> {
    const { contest, event } = await loadContest(ctx, input.contestId);
    await insistOrganises(ctx, event, 'actions.breakContestTies');
    const { idempotencyKey, ...request } = input;
    // A retry replays: re-applied after a new score tied the entries again, the old order would silently break the new tie.
    return once(
      ctx.db,
      { scope: `breakContestTie:${ctx.viewer.subject}`, key: idempotencyKey, input: request },
      async (manager) => {
        const entries = await ctx.db.lockAllForUpdate(manager, ContestEntry, { contestId: contest.id });
        const tieBreaks = tieBreaksOf(entries, request.entryIds);
        for (const [id, tieBreak] of tieBreaks) await manager.update(ContestEntry, { id, contestId: contest.id }, { tieBreak });
        await audit(manager, ctx.viewer, { action: 'breakContestTie', entity: contest, unitPath: event.unitPath, after: { entryIds: request.entryIds } });
        return contest;
      },
      (manager, id) => manager.findOneByOrFail(Contest, { id }),
    );
  }
}

@Resolver(() => ContestPrize)
export class ContestPrizeResolver {
  @FieldResolver(() => Gift, { nullable: true, description: 'The lot of in-kind gifts the prize is handed over from' })
  gift(@Root() prize: ContestPrize): Gift | null {
    return prize.giftId ? { id: prize.giftId } : null;
  }

  @FieldResolver(() => ContestEntry, {
    description:
      'The entry the prize is handed over to (the event’s organisers; the resources subgraph asks when recording the hand-over): refused while entries tie at its rank or none has reached it',
  })
  async awardedTo(@Root() prize: ContestPrize, @Ctx() ctx: Context): Promise<ContestEntry> {
    const { contest, event } = await loadContest(ctx, prize.contestId);
    await insistOrganises(ctx, event, 'actions.handOverPrizes');
    return entryTakingPrize(prize, await ctx.loaders.get(entriesOfContest).load(contest.id));
  }
}

@Resolver(() => ContestEntry)
export class ContestEntryResolver {
  @FieldResolver(() => Int, { nullable: true, description: 'Its place, 1 first; entries tied on their score share one (1, 1, 3) until the organisers break the tie; none before it is scored' })
  async rank(@Root() entry: ContestEntry, @Ctx() ctx: Context): Promise<number | null> {
    return (await rankedEntry(ctx, entry)).rank;
  }

  @FieldResolver(() => Boolean, { description: 'Another entry shares its rank (the same score, the tie not broken yet)' })
  async tied(@Root() entry: ContestEntry, @Ctx() ctx: Context): Promise<boolean> {
    return (await rankedEntry(ctx, entry)).tied;
  }

  @FieldResolver(() => Team, { nullable: true, description: 'The team the entrant represents, if any' })
  team(@Root() entry: ContestEntry): Team | null {
    return entry.teamId ? { id: entry.teamId } : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Who entered: a team, or a person who consented to be shown with the results (public); a person who did not, withdrew, or restricted the processing of their data: the event’s organisers only',
  })
  async entrant(@Root() entry: ContestEntry, @Ctx() ctx: Context): Promise<string> {
    if (entry.teamId || (await shownWithResults(ctx, entry))) return entry.entrant;
    const contest = (await ctx.loaders.get(contestById).load(entry.contestId))!;
    const event = (await ctx.loaders.get(eventById).load(contest.eventId))!;
    ctx.viewer.insist(await organises(ctx, event), 'actions.seeHiddenEntrantName');
    return entry.entrant;
  }

  @Mutation(() => Consent, {
    description:
      'The entrant withdraws their consent to be shown (themselves, with a one-time code to their phone, or an officer over the event’s unit for them): their name leaves the public results; the entry and its score stay',
  })
  async withdrawContestEntryConsent(@Arg('entryId', () => ID, { description: 'The entry whose consent is withdrawn' }) entryId: string, @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined, @Ctx() ctx: Context): Promise<Consent> {
    const entry = await ctx.db.manager.findOneBy(ContestEntry, { id: entryId });
    if (!entry) throw notFound('ContestEntry', entryId);
    const contest = (await ctx.loaders.get(contestById).load(entry.contestId))!;
    const event = (await ctx.loaders.get(eventById).load(contest.eventId))!;
    // Nothing else to stop: the name is shown only while the consent holds (entrant above).
    return withdrawConsentOf(ctx, { idempotencyKey, record: entry, unitPath: event.unitPath, action: 'withdrawContestEntryConsent', stop: async () => {} });
  }
}

@Resolver(() => Event)
export class EventContestsResolver {
  @FieldResolver(() => [Contest], { description: 'The event’s contests' })
  contests(@Root() event: Event, @Ctx() ctx: Context): Promise<Contest[]> {
    return ctx.loaders.get(contestsOfEvent).load(event.id);
  }
}

/** A person's name is published with the results while their consent holds and their processing is not restricted (restriction.ts). */
async function shownWithResults(ctx: Context, entry: ContestEntry): Promise<boolean> {
  const consents = await ctx.loaders.get(consentsOfRecord).load(entry.id);
  if (!consentHolds(consents, ConsentPurpose.CONTEST_ENTRY)) return false;
  const restricted = await Promise.all(consents.map((consent) => isRestricted(ctx, consent.subjectKey)));
  return !restricted.some(Boolean);
}
