import { accessLogRetention, personalDataReadsResolver } from '../common/personal-data-reads';
import { eraseApplicationsOnRequest } from './erasure';
import type { SubgraphDefinition } from '../common/server';
import { eventsAuthorization } from './authorization';
import { entities } from './entities';
import { seesEvent } from './access';
import { eventById, prizeById } from './loaders';
import { CreateEvents1795451806076 } from './migrations/1795451806076-CreateEvents';
import { StallApplicationReferences1796179168619 } from './migrations/1796179168619-StallApplicationReferences';
import { SealPersonalData1796189339017 } from './migrations/1796189339017-SealPersonalData';
import { Consents1796190958229 } from './migrations/1796190958229-Consents';
import { PersonalDataReads1796192100462 } from './migrations/1796192100462-PersonalDataReads';
import { HouseholdDisplayAndWithdrawals1796200762480 } from './migrations/1796200762480-HouseholdDisplayAndWithdrawals';
import { Outbox1796200883861 } from './migrations/1796200883861-Outbox';
import { RetentionLeases1796203000000 } from './migrations/1796203000000-RetentionLeases';
import { Reminders1796213849537 } from './migrations/1796213849537-Reminders';
import { Leases1796217220570 } from './migrations/1796217220570-Leases';
import { UnitRevisions1796225000000 } from './migrations/1796225000000-UnitRevisions';
import { ContestTieBreaks1796226000000 } from './migrations/1796226000000-ContestTieBreaks';
import { ProcessingRestrictions1796227160322 } from './migrations/1796227160322-ProcessingRestrictions';
import { AccessLogAge1796273552562 } from './migrations/1796273552562-AccessLogAge';
import { OutboxFeedIndex1796300000000 } from './migrations/1796300000000-OutboxFeedIndex';
import { StallApplicationResolver, EventApplicationsResolver } from './resolvers/application.resolver';
import { ContestEntryResolver, ContestPrizeResolver, ContestResolver, EventContestsResolver } from './resolvers/contest.resolver';
import { EventResolver, StallCategoryResolver } from './resolvers/event.resolver';
import { PartnerStallsResolver, TeamEventsResolver, UnitEventsResolver } from './resolvers/extensions.resolver';
import { DataSubject, DataSubjectResolver, dataSubjectReferences } from './resolvers/data-subject.resolver';
import { referenceResolvers } from './resolvers/references';
import { UnitRollUpEventsResolver, UnitRollUp, rollUpReferenceResolvers } from './resolvers/roll-up.resolver';
import { seedDemoData } from './seed';
import { eventReminderJobs } from './services/reminders';
import type { Context } from '../common/context';
import { followUnits } from '../common/unit-events';
import { eventsRetention } from './retention';

/** Digital-transformation fairs, campaigns and training days: stalls, applications, contests, tallies. */
export const events: SubgraphDefinition = {
  retention: (env) => [...eventsRetention(env), accessLogRetention(env)],
  name: 'events',
  port: 4004,
  entities,
  authorization: eventsAuthorization,
  // Unit paths stored here follow the tree when teams reorganises it.
  consumers: [followUnits('events'), eraseApplicationsOnRequest],
  // Households told on Zalo when their stall is approved (with the consent they gave).
  reminders: eventReminderJobs,
  migrations: [
    CreateEvents1795451806076,
    StallApplicationReferences1796179168619,
    SealPersonalData1796189339017,
    Consents1796190958229,
    PersonalDataReads1796192100462,
    HouseholdDisplayAndWithdrawals1796200762480,
    Outbox1796200883861,
    RetentionLeases1796203000000,
    Reminders1796213849537,
    Leases1796217220570,
    UnitRevisions1796225000000,
    ContestTieBreaks1796226000000,
    ProcessingRestrictions1796227160322,
    AccessLogAge1796273552562,
    OutboxFeedIndex1796300000000,
  ],
  resolvers: [
    personalDataReadsResolver('events'),
    DataSubjectResolver,
    EventResolver,
    StallCategoryResolver,
    StallApplicationResolver,
    EventApplicationsResolver,
    ContestResolver,
    ContestPrizeResolver,
    ContestEntryResolver,
    EventContestsResolver,
    TeamEventsResolver,
    UnitEventsResolver,
    PartnerStallsResolver,
    UnitRollUpEventsResolver,
  ],
  // Only reachable through the gateway, from the teams subgraph's roll-ups.
  orphanedTypes: [UnitRollUp, DataSubject],
  referenceResolvers: {
    ...referenceResolvers,
    ...dataSubjectReferences,
    ...rollUpReferenceResolvers,
    Partner: { __resolveReference: (reference: { id: string }) => reference },
    // The resources subgraph asks for a prize's lot and winner when recording its hand-over.
    ContestPrize: { __resolveReference: ({ id }: { id: string }, ctx: Context) => ctx.loaders.get(prizeById).load(id) },
    Event: {
      // Drafts stay hidden from whoever does not organise them, also through references.
      __resolveReference: async ({ id }: { id: string }, ctx: Context) => {
        const event = await ctx.loaders.get(eventById).load(id);
        return event && (await seesEvent(ctx, event)) ? event : null;
      },
    },
  },
  seed: seedDemoData,
};
