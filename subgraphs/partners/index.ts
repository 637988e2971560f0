import { accessLogRetention, personalDataReadsResolver } from '../common/personal-data-reads';
import { eraseOnboardingsOnRequest } from './erasure';
import { followMemberRestrictions } from './member-restrictions';
import type { Context } from '../common/context';
import type { SubgraphDefinition } from '../common/server';
import { partnersAuthorization } from './authorization';
import { entities } from './entities';
import { partnerById } from './loaders';
import { CreatePartners1795451110889 } from './migrations/1795451110889-CreatePartners';
import { RollUpIndexes1796167383306 } from './migrations/1796167383306-RollUpIndexes';
import { SealPersonalData1796189358561 } from './migrations/1796189358561-SealPersonalData';
import { Consents1796190941798 } from './migrations/1796190941798-Consents';
import { PersonalDataReads1796192100463 } from './migrations/1796192100463-PersonalDataReads';
import { Webhooks1796200882267 } from './migrations/1796200882267-Webhooks';
import { Outbox1796200883860 } from './migrations/1796200883860-Outbox';
import { RetentionLeases1796203000000 } from './migrations/1796203000000-RetentionLeases';
import { AttendanceRollUpIndex1796214065518 } from './migrations/1796214065518-AttendanceRollUpIndex';
import { Leases1796217220571 } from './migrations/1796217220571-Leases';
import { UnitRevisions1796225000000 } from './migrations/1796225000000-UnitRevisions';
import { ProcessingRestrictions1796227160321 } from './migrations/1796227160321-ProcessingRestrictions';
import { RestrictedMembers1796272966998 } from './migrations/1796272966998-RestrictedMembers';
import { WebhookSecretRotation1796273492703 } from './migrations/1796273492703-WebhookSecretRotation';
import { AccessLogAge1796273552562 } from './migrations/1796273552562-AccessLogAge';
import { OutboxFeedIndex1796300000000 } from './migrations/1796300000000-OutboxFeedIndex';
import { CredentialResolver } from './resolvers/credential.resolver';
import { MemberTrainingResolver, TeamPartnerWorkResolver } from './resolvers/extensions.resolver';
import { OfferResolver } from './resolvers/offer.resolver';
import { OnboardingResolver } from './resolvers/onboarding.resolver';
import { PartnerBranchResolver, PartnerResolver } from './resolvers/partner.resolver';
import { DataSubject, DataSubjectResolver, dataSubjectReferences } from './resolvers/data-subject.resolver';
import { referenceResolvers } from './resolvers/references';
import { UnitRollUpPartnerWorkResolver, UnitRollUp, rollUpReferenceResolvers } from './resolvers/roll-up.resolver';
import { AttendanceResolver, TrainingResolver } from './resolvers/training.resolver';
import { WebhookDeliveryResolver, WebhookEndpointResolver } from './resolvers/webhook.resolver';
import { seedDemoData } from './seed';
import { followUnits } from '../common/unit-events';
import { partnerWebhooks } from './webhooks/consumer';
import { startWebhookDeliveries } from './webhooks/dispatcher';
import { partnersRetention } from './retention';

/** Partner enterprises, their API keys, the trainings they run, platform onboardings and offers. */
export const partners: SubgraphDefinition = {
  retention: (env) => [...partnersRetention(env), accessLogRetention(env)],
  name: 'partners',
  port: 4003,
  entities,
  authorization: partnersAuthorization,
  migrations: [
    CreatePartners1795451110889,
    RollUpIndexes1796167383306,
    SealPersonalData1796189358561,
    Consents1796190941798,
    PersonalDataReads1796192100463,
    Webhooks1796200882267,
    Outbox1796200883860,
    RetentionLeases1796203000000,
    AttendanceRollUpIndex1796214065518,
    Leases1796217220571,
    UnitRevisions1796225000000,
    ProcessingRestrictions1796227160321,
    RestrictedMembers1796272966998,
    WebhookSecretRotation1796273492703,
    AccessLogAge1796273552562,
    OutboxFeedIndex1796300000000,
  ],
  resolvers: [
    personalDataReadsResolver('partners'),
    DataSubjectResolver,
    PartnerResolver,
    PartnerBranchResolver,
    CredentialResolver,
    TrainingResolver,
    AttendanceResolver,
    OnboardingResolver,
    OfferResolver,
    WebhookEndpointResolver,
    WebhookDeliveryResolver,
    TeamPartnerWorkResolver,
    MemberTrainingResolver,
    UnitRollUpPartnerWorkResolver,
  ],
  // Only reachable through the gateway, from the teams subgraph's roll-ups.
  orphanedTypes: [UnitRollUp, DataSubject],
  referenceResolvers: {
    ...referenceResolvers,
    ...dataSubjectReferences,
    ...rollUpReferenceResolvers,
    Partner: {
      __resolveReference: ({ id }: { id: string }, ctx: Context) => ctx.loaders.get(partnerById).load(id),
    },
  },
  // Partners' webhooks; the unit paths stored here follow the tree when teams reorganises it; members' restrictions stop attendance.
  consumers: [partnerWebhooks, followUnits('partners'), eraseOnboardingsOnRequest, followMemberRestrictions],
  seed: seedDemoData,
  background: startWebhookDeliveries,
};
