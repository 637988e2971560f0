import { accessLogRetention, personalDataReadsResolver } from '../common/personal-data-reads';
import { eraseGiftsOnRequest } from './erasure';
import type { SubgraphDefinition } from '../common/server';
import { resourcesAuthorization } from './authorization';
import { entities } from './entities';
import { CreateResources1795448831038 } from './migrations/1795448831038-CreateResources';
import { LinkProgrammesToEvents1795452128236 } from './migrations/1795452128236-LinkProgrammesToEvents';
import { ExpenseRecorder1796178614055 } from './migrations/1796178614055-ExpenseRecorder';
import { PledgeInstalments1796178772392 } from './migrations/1796178772392-PledgeInstalments';
import { FundingSources1796180606770 } from './migrations/1796180606770-FundingSources';
import { SealPersonalData1796189350178 } from './migrations/1796189350178-SealPersonalData';
import { Consents1796190981070 } from './migrations/1796190981070-Consents';
import { AllocationCodes1796191241859 } from './migrations/1796191241859-AllocationCodes';
import { PersonalDataReads1796192100464 } from './migrations/1796192100464-PersonalDataReads';
import { Outbox1796200883859 } from './migrations/1796200883859-Outbox';
import { VolunteerSelfService1796201142086 } from './migrations/1796201142086-VolunteerSelfService';
import { RetentionLeases1796203000000 } from './migrations/1796203000000-RetentionLeases';
import { BudgetRevisions1796213599120 } from './migrations/1796213599120-BudgetRevisions';
import { Reminders1796213849536 } from './migrations/1796213849536-Reminders';
import { Leases1796217220569 } from './migrations/1796217220569-Leases';
import { UnitRevisions1796225000000 } from './migrations/1796225000000-UnitRevisions';
import { PrizeHandovers1796226000001 } from './migrations/1796226000001-PrizeHandovers';
import { ProcessingRestrictions1796227160323 } from './migrations/1796227160323-ProcessingRestrictions';
import { CancellationReasons1796243468652 } from './migrations/1796243468652-CancellationReasons';
import { AccessLogAge1796273552562 } from './migrations/1796273552562-AccessLogAge';
import { TeamFundRules1796290000000 } from './migrations/1796290000000-TeamFundRules';
import { OutboxFeedIndex1796300000000 } from './migrations/1796300000000-OutboxFeedIndex';
import { BudgetLineResolver } from './resolvers/budget.resolver';
import { BudgetRevisionResolver } from './resolvers/budget-revision.resolver';
import { DisclosureResolver } from './resolvers/disclosure.resolver';
import { AllocationResolver, GiftResolver, PledgeInstalmentResolver, PledgeResolver, ReceiptResolver } from './resolvers/donation.resolver';
import { ExpenseResolver } from './resolvers/expense.resolver';
import { InstalmentToFollowUpResolver, MemorandumEndingResolver, PledgeFollowUpResolver } from './resolvers/follow-up.resolver';
import { EventFundingResolver, TeamFundsResolver, UnitFundsResolver } from './resolvers/extensions.resolver';
import { DataSubject, DataSubjectResolver, dataSubjectReferences } from './resolvers/data-subject.resolver';
import { ContestPrize, referenceResolvers } from './resolvers/references';
import { PrizeHandoverResolver } from './resolvers/prize.resolver';
import { giftById } from './loaders';
import type { Context } from '../common/context';
import { PaperResolver } from './resolvers/paper.resolver';
import { ProgrammeResolver } from './resolvers/programme.resolver';
import { StockResolver } from './resolvers/stock.resolver';
import { ReceiptFundRulesResolver, TeamFundRulesResolver } from './resolvers/team-fund.resolver';
import { SponsorResolver } from './resolvers/sponsor.resolver';
import { VolunteerResolver } from './resolvers/volunteer.resolver';
import { OwnVolunteeringResolver, PlannedShiftResolver, ShiftSignupResolver, VolunteerHoursResolver } from './resolvers/volunteering.resolver';
import { seedDemoData } from './seed';
import { resourceReminderJobs } from './services/reminders';
import { followUnits } from '../common/unit-events';
import { resourcesRetention } from './retention';

/** Sponsors, programmes and budgets, pledges, donations, stock, spending, volunteers, public disclosure. */
export const resources: SubgraphDefinition = {
  retention: (env) => [...resourcesRetention(env), accessLogRetention(env)],
  name: 'resources',
  port: 4002,
  entities,
  authorization: resourcesAuthorization,
  // Unit paths stored here follow the tree when teams reorganises it.
  consumers: [followUnits('resources'), eraseGiftsOnRequest],
  // To the officers over a unit: announced as `reminder.due`, which the teams subgraph sends on.
  reminders: resourceReminderJobs,
  migrations: [
    CreateResources1795448831038,
    LinkProgrammesToEvents1795452128236,
    ExpenseRecorder1796178614055,
    PledgeInstalments1796178772392,
    FundingSources1796180606770,
    SealPersonalData1796189350178,
    Consents1796190981070,
    AllocationCodes1796191241859,
    PersonalDataReads1796192100464,
    Outbox1796200883859,
    VolunteerSelfService1796201142086,
    RetentionLeases1796203000000,
    BudgetRevisions1796213599120,
    Reminders1796213849536,
    Leases1796217220569,
    UnitRevisions1796225000000,
    PrizeHandovers1796226000001,
    ProcessingRestrictions1796227160323,
    CancellationReasons1796243468652,
    AccessLogAge1796273552562,
    TeamFundRules1796290000000,
    OutboxFeedIndex1796300000000,
  ],
  resolvers: [
    personalDataReadsResolver('resources'),
    DataSubjectResolver,
    SponsorResolver,
    ProgrammeResolver,
    BudgetLineResolver,
    BudgetRevisionResolver,
    PledgeResolver,
    PledgeInstalmentResolver,
    PledgeFollowUpResolver,
    InstalmentToFollowUpResolver,
    MemorandumEndingResolver,
    ReceiptResolver,
    GiftResolver,
    AllocationResolver,
    StockResolver,
    ExpenseResolver,
    VolunteerResolver,
    OwnVolunteeringResolver,
    PlannedShiftResolver,
    ShiftSignupResolver,
    VolunteerHoursResolver,
    DisclosureResolver,
    PaperResolver,
    TeamFundsResolver,
    TeamFundRulesResolver,
    ReceiptFundRulesResolver,
    UnitFundsResolver,
    EventFundingResolver,
    PrizeHandoverResolver,
  ],
  // ContestPrize: only reachable through the gateway, from the events subgraph's contests.
  orphanedTypes: [DataSubject, ContestPrize],
  referenceResolvers: {
    ...referenceResolvers,
    ...dataSubjectReferences,
    ContestPrize: { __resolveReference: (reference: { id: string }) => reference },
    // The events subgraph asks where a prize's lot is held; the gateway, what it is.
    Gift: { __resolveReference: ({ id }: { id: string }, ctx: Context) => ctx.loaders.get(giftById).load(id) },
  },
  seed: seedDemoData,
};
