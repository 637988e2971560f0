import type { Context } from '../common/context';
import type { SubgraphDefinition } from '../common/server';
import { teamsAuthorization } from './authorization';
import { entities } from './entities';
import { memberById, teamById, unitByAnyCode } from './loaders';
import { CreateTeams1763900000000 } from './migrations/1763900000000-CreateTeams';
import { AuditTrail1796160957526 } from './migrations/1796160957526-AuditTrail';
import { ActivityReports1796161282177 } from './migrations/1796161282177-ActivityReports';
import { UnitTeamCounts1796164586381 } from './migrations/1796164586381-UnitTeamCounts';
import { ImportRosters1796179134852 } from './migrations/1796179134852-ImportRosters';
import { SealPersonalData1796189326439 } from './migrations/1796189326439-SealPersonalData';
import { MembershipRequestReferences1796189421852 } from './migrations/1796189421852-MembershipRequestReferences';
import { PersonalDataReads1796189433960 } from './migrations/1796189433960-PersonalDataReads';
import { Consents1796190924827 } from './migrations/1796190924827-Consents';
import { AccessCodes1796191086089 } from './migrations/1796191086089-AccessCodes';
import { UnitAliases1796200704779 } from './migrations/1796200704779-UnitAliases';
import { ImportUploads1796200782023 } from './migrations/1796200782023-ImportUploads';
import { Outbox1796200883858 } from './migrations/1796200883858-Outbox';
import { Reminders1796201231759 } from './migrations/1796201231759-Reminders';
import { AnnouncedReminders1796214137487 } from './migrations/1796214137487-AnnouncedReminders';
import { RetentionLeases1796203000000 } from './migrations/1796203000000-RetentionLeases';
import { PersonalDataRequests1796214029479 } from './migrations/1796214029479-PersonalDataRequests';
import { Recognition1796214024716 } from './migrations/1796214024716-Recognition';
import { Leases1796217220568 } from './migrations/1796217220568-Leases';
import { UnitRevisions1796225000000 } from './migrations/1796225000000-UnitRevisions';
import { ProposalLevels1796226826072 } from './migrations/1796226826072-ProposalLevels';
import { ProcessingRestrictions1796227160320 } from './migrations/1796227160320-ProcessingRestrictions';
import { TeamProvince1796243782147 } from './migrations/1796243782147-TeamProvince';
import { TeamMonthLocks1796246155418 } from './migrations/1796246155418-TeamMonthLocks';
import { PlanSections1796272856013 } from './migrations/1796272856013-PlanSections';
import { AccessLogAge1796273552562 } from './migrations/1796273552562-AccessLogAge';
import { CorrectionValues1796274228209 } from './migrations/1796274228209-CorrectionValues';
import { UnlinkedRequests1796280000000 } from './migrations/1796280000000-UnlinkedRequests';
import { NationalLevel1796284033475 } from './migrations/1796284033475-NationalLevel';
import { OutboxFeedIndex1796300000000 } from './migrations/1796300000000-OutboxFeedIndex';
import { accessLogRetention, personalDataReadsResolver } from '../common/personal-data-reads';
import { DataSubjectResolver, dataSubjectReferences } from './resolvers/data-subject.resolver';
import { DataSubjectRequestsResolver, PersonalDataRequestResolver } from './resolvers/personal-data-request.resolver';
import { ReportExchangeResolver } from './resolvers/exchange.resolver';
import { ImportResolver } from './resolvers/import.resolver';
import { MemberResolver } from './resolvers/member.resolver';
import { PlanPaperResolver } from './resolvers/plan-papers.resolver';
import { ActivityPlanResolver, PlanThemeResolver, TeamPlanResolver, WorkAssignmentResolver } from './resolvers/plan.resolver';
import { ActivityReportResolver, ActivityReportRevisionResolver, TeamReportsResolver } from './resolvers/report.resolver';
import { UnitRollUpResolver } from './resolvers/roll-up.resolver';
import { rollUpOf } from './services/roll-ups';
import { MembershipRequestResolver } from './resolvers/membership-request.resolver';
import { TeamResolver } from './resolvers/team.resolver';
import { AdministrativeUnitResolver } from './resolvers/unit.resolver';
import { ReorganisationResolver } from './resolvers/reorganisation.resolver';
import { currentCodesOf } from './services/unit-succession';
import { sweepImports } from './services/imports/import-jobs';
import { seedDemoData } from './seed';
import { seedActivityDemo } from './seed-reports';
import { seedRecognitionDemo } from './seed-recognition';
import { ReminderPreferenceResolver } from './resolvers/reminder-preference.resolver';
import { DataSubjectRewardsResolver, EmulationCampaignResolver, HonourRollResolver, MemberRewardsResolver, NominationResolver, RewardProposalResolver } from './resolvers/recognition.resolver';
import { announcedReminders, teamReminderJobs } from './services/reminders';
import { teamsRetention } from './retention';

/** Administrative units, teams, members and membership requests. */
export const teams: SubgraphDefinition = {
  retention: (env) => [...teamsRetention(env), accessLogRetention(env)],
  name: 'teams',
  port: 4001,
  entities,
  authorization: teamsAuthorization,
  // Reminders the other subgraphs find due for officers: officers' preferences are kept here.
  consumers: [announcedReminders],
  migrations: [
    CreateTeams1763900000000,
    AuditTrail1796160957526,
    ActivityReports1796161282177,
    UnitTeamCounts1796164586381,
    ImportRosters1796179134852,
    SealPersonalData1796189326439,
    MembershipRequestReferences1796189421852,
    PersonalDataReads1796189433960,
    Consents1796190924827,
    AccessCodes1796191086089,
    UnitAliases1796200704779,
    ImportUploads1796200782023,
    Outbox1796200883858,
    Reminders1796201231759,
    RetentionLeases1796203000000,
    Recognition1796214024716,
    PersonalDataRequests1796214029479,
    AnnouncedReminders1796214137487,
    Leases1796217220568,
    UnitRevisions1796225000000,
    ProposalLevels1796226826072,
    ProcessingRestrictions1796227160320,
    TeamProvince1796243782147,
    TeamMonthLocks1796246155418,
    PlanSections1796272856013,
    AccessLogAge1796273552562,
    CorrectionValues1796274228209,
    UnlinkedRequests1796280000000,
    NationalLevel1796284033475,
    OutboxFeedIndex1796300000000,
  ],
  resolvers: [
    AdministrativeUnitResolver,
    ReorganisationResolver,
    TeamResolver,
    MemberResolver,
    MembershipRequestResolver,
    ActivityPlanResolver,
    PlanPaperResolver,
    PlanThemeResolver,
    WorkAssignmentResolver,
    TeamPlanResolver,
    ActivityReportResolver,
    ActivityReportRevisionResolver,
    TeamReportsResolver,
    UnitRollUpResolver,
    ReportExchangeResolver,
    ImportResolver,
    personalDataReadsResolver('teams'),
    DataSubjectResolver,
    DataSubjectRequestsResolver,
    PersonalDataRequestResolver,
    ReminderPreferenceResolver,
    EmulationCampaignResolver,
    NominationResolver,
    RewardProposalResolver,
    HonourRollResolver,
    DataSubjectRewardsResolver,
    MemberRewardsResolver,
  ],
  referenceResolvers: {
    ...dataSubjectReferences,
    AdministrativeUnit: {
      __resolveReference: ({ code }: { code: string }, ctx: Context) => ctx.loaders.get(unitByAnyCode).load(code),
    },
    Team: {
      __resolveReference: ({ id }: { id: string }, ctx: Context) => ctx.loaders.get(teamById).load(id),
    },
    Member: {
      __resolveReference: ({ id }: { id: string }, ctx: Context) => ctx.loaders.get(memberById).load(id),
    },
    UnitRollUp: {
      __resolveReference: ({ unitCode, period }: { unitCode: string; period: string }, ctx: Context) => rollUpOf(ctx, unitCode, period),
    },
  },
  reminders: teamReminderJobs,
  // The tree is here: what tokens' unit codes stand for now is a local query.
  currentUnitCodes: (db) => ({
    currentCodes: async (codes) => [...(await currentCodesOf(db.manager, codes))].flatMap(([code, current]) => [code, ...current]),
  }),
  seed: async (db) => {
    await seedDemoData(db);
    await seedActivityDemo(db);
    await seedRecognitionDemo(db);
  },
  // Import jobs outlive their process: each process takes up those whose run stopped.
  background: sweepImports,
};
