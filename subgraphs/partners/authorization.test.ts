import { callersOver, testAuthorizationMatrix } from '../common/testing/authorization';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../common/testing/subgraph';
import { partners } from '.';
import { partnersAuthorization } from './authorization';
import {
  TrainingInvitation,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpointStatus,
  type Onboarding,
  type Partner,
  type Platform,
  type Training,
  type WebhookEndpoint,
} from './entities';
import { fakeBranch, fakeOffer, fakeOnboarding, fakePartner, fakeTraining, fakeTree, fakeWebhookEndpoint, trainingInput } from './testing/factories';
import { queueTestWebhook } from './services/webhooks';
import { fakeConsent, GIVEN_CONSENT } from '../common/testing/consent';
import { ConsentPurpose } from '../common/consent';
import { dataSubjectField } from '../common/testing/data-subject';

const tree = fakeTree();
let subgraph: TestSubgraph;
let partner: Partner;
let marketplace: Platform;
let training: Training;
let onboarding: Onboarding;
let callers: ReturnType<typeof callersOver>;
let serial = 0;
const unique = () => `${Date.now()}-${(serial += 1)}`;

beforeAll(async () => {
  subgraph = await createTestSubgraph(partners, tree.units);
  ({ partner, marketplace } = await fakePartner(subgraph.db));
  const { partner: otherPartner } = await fakePartner(subgraph.db);
  await fakeBranch(subgraph.db, partner, tree.commune);
  training = await fakeTraining(subgraph.db, partner, tree.commune);
  await subgraph.db.manager.save(subgraph.db.manager.create(TrainingInvitation, { trainingId: training.id, teamId: tree.villageTeam.id }));
  onboarding = await fakeOnboarding(subgraph.db, marketplace, tree.villageTeam);
  callers = callersOver({
    unitCode: tree.commune.unitCode,
    otherUnitCode: tree.otherCommune.unitCode,
    teamId: tree.villageTeam.id,
    otherTeamId: tree.otherCommuneTeam.id,
    partnerId: partner.id,
    otherPartnerId: otherPartner.id,
  });
});
afterAll(() => subgraph.close());

/** A key issued by an admin through the API, as a partner's system would hold it. */
async function issuedKey(): Promise<{ id: string; apiKey: string }> {
  const result = await subgraph.execute<{ issuePartnerCredential: { apiKey: string; credential: { id: string } } }>(
    'mutation ($id: ID!) { issuePartnerCredential(partnerId: $id, label: "Hệ thống CRM") { apiKey credential { id } } }',
    { as: callers.admin, variables: { id: partner.id } },
  );
  const issued = result.data!.issuePartnerCredential;
  return { id: issued.credential.id, apiKey: issued.apiKey };
}

/** A webhook endpoint of the partner, for a probe to act on. */
const endpointId = async (overrides: Partial<WebhookEndpoint> = {}) =>
  (await fakeWebhookEndpoint(subgraph.db, partner, 'https://crm.example.vn/hook', ['training.logged'], overrides)).id;

/** Partner work on a team or member, as the gateway asks for it. */
const workOf = (typename: string, id: () => string, field: string) => ({
  operation: () => ({
    query: `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on ${typename} { ${field} { id } } } }`,
    variables: { reps: [{ __typename: typename, id: id() }] },
  }),
  value: (data: any) => data._entities?.[0]?.[field],
});
const workList = (field: string) => ({
  operation: () => ({
    query: `query ($partnerId: ID, $code: String) { ${field}(partnerId: $partnerId, unitCode: $code) { totalCount } }`,
    variables: { partnerId: partner.id, code: tree.commune.unitCode },
  }),
  value: (data: any) => data[field],
});

const onboardingField = (field: string) => ({
  operation: () => ({ query: `query ($id: ID!) { onboarding(id: $id) { ${field} } }`, variables: { id: onboarding.id } }),
  value: (data: any) => data.onboarding?.[field],
});

/** A count on the commune's roll-up, as the gateway asks for it. */
const rollUpCount = (field: string) => ({
  operation: () => ({
    query: `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on UnitRollUp { ${field} } } }`,
    variables: { reps: [{ __typename: 'UnitRollUp', unitCode: tree.commune.unitCode, period: '2025' }] },
  }),
  value: (data: any) => data._entities?.[0]?.[field],
});

testAuthorizationMatrix(partnersAuthorization, {
  subgraph: () => subgraph,
  callers: () => callers,
  probes: {
    mutations: {
      issuePartnerCredential: () => ({
        query: 'mutation ($id: ID!) { issuePartnerCredential(partnerId: $id, label: "Hệ thống ERP") { apiKey } }',
        variables: { id: partner.id },
      }),
      revokePartnerCredential: async () => ({
        query: 'mutation ($id: ID!) { revokePartnerCredential(id: $id) { id } }',
        variables: { id: (await issuedKey()).id },
      }),
      partnerAccessToken: async () => ({
        query: 'mutation ($key: String!) { partnerAccessToken(apiKey: $key) { expiresInSeconds } }',
        variables: { key: (await issuedKey()).apiKey },
      }),
      createOffer: () => ({
        query: 'mutation ($input: OfferInput!) { createOffer(input: $input) { id } }',
        variables: {
          input: { partnerId: partner.id, service: 'Gói data', discount: 'Giảm 30%', validFrom: '2026-01-01', validUntil: '2026-03-31', unitCodes: [tree.commune.unitCode] },
        },
      }),
      withdrawOffer: async () => ({
        query: 'mutation ($id: ID!) { withdrawOffer(id: $id) { id } }',
        variables: { id: (await fakeOffer(subgraph.db, partner, [tree.commune])).id },
      }),
      logOnboardings: () => ({
        query: 'mutation ($input: LogOnboardingsInput!) { logOnboardings(input: $input) { created } }',
        variables: {
          input: {
            partnerId: partner.id,
            onboardings: [
              { idempotencyKey: `onb-${unique()}`, platformId: marketplace.id, onboardeeKind: 'HOUSEHOLD', name: 'Hộ bà Tư', teamId: tree.villageTeam.id, onboardedOn: '2025-10-06', consent: GIVEN_CONSENT },
            ],
          },
        },
      }),
      updateOnboarding: async () => ({
        query: 'mutation ($id: ID!) { updateOnboarding(id: $id, input: { status: ACTIVE }) { id } }',
        variables: { id: (await fakeOnboarding(subgraph.db, marketplace, tree.villageTeam)).id },
      }),
      withdrawOnboardingConsent: async () => {
        const onboarding = await fakeOnboarding(subgraph.db, marketplace, tree.villageTeam);
        await fakeConsent(subgraph.db, onboarding, ConsentPurpose.PLATFORM_ONBOARDING, onboarding.phone!);
        return { query: 'mutation ($id: ID!) { withdrawOnboardingConsent(id: $id) { withdrawnAt } }', variables: { id: onboarding.id } };
      },
      createPartner: () => ({
        query: 'mutation ($input: CreatePartnerInput!) { createPartner(input: $input) { id } }',
        variables: { input: { name: `Doanh nghiệp ${unique()}`, shortName: 'DN', sector: 'POST' } },
      }),
      updatePartner: () => ({
        query: 'mutation ($id: ID!) { updatePartner(id: $id, input: { sector: TELECOM }) { id } }',
        variables: { id: partner.id },
      }),
      addPlatform: () => ({
        query: 'mutation ($id: ID!, $name: String!) { addPlatform(partnerId: $id, input: { name: $name, kind: E_WALLET }) { id } }',
        variables: { id: partner.id, name: `Ví ${unique()}` },
      }),
      addPartnerBranch: () => ({
        query: 'mutation ($id: ID!, $name: String!, $code: String!) { addPartnerBranch(partnerId: $id, input: { name: $name, unitCode: $code }) { id } }',
        variables: { id: partner.id, name: `Chi nhánh ${unique()}`, code: tree.commune.unitCode },
      }),
      logTrainings: () => ({
        query: 'mutation ($input: LogTrainingsInput!) { logTrainings(input: $input) { created } }',
        variables: {
          input: {
            partnerId: partner.id,
            trainings: [trainingInput(tree.commune.unitCode)],
          },
        },
      }),
      registerWebhookEndpoint: () => ({
        query: 'mutation ($input: RegisterWebhookEndpointInput!) { registerWebhookEndpoint(input: $input) { signingSecret } }',
        variables: { input: { partnerId: partner.id, url: 'https://crm.example.vn/hook', description: 'CRM', eventTypes: ['training.logged'] } },
      }),
      updateWebhookEndpoint: async () => ({
        query: 'mutation ($id: ID!) { updateWebhookEndpoint(id: $id, input: { description: "CRM mới" }) { id } }',
        variables: { id: await endpointId() },
      }),
      disableWebhookEndpoint: async () => ({ query: 'mutation ($id: ID!) { disableWebhookEndpoint(id: $id) { id } }', variables: { id: await endpointId() } }),
      enableWebhookEndpoint: async () => ({
        query: 'mutation ($id: ID!) { enableWebhookEndpoint(id: $id) { id } }',
        variables: { id: await endpointId({ status: WebhookEndpointStatus.DISABLED }) },
      }),
      rotateWebhookSigningSecret: async () => ({ query: 'mutation ($id: ID!) { rotateWebhookSigningSecret(id: $id) { signingSecret } }', variables: { id: await endpointId() } }),
      deleteWebhookEndpoint: async () => ({ query: 'mutation ($id: ID!) { deleteWebhookEndpoint(id: $id) { id } }', variables: { id: await endpointId() } }),
      sendTestWebhook: async () => ({ query: 'mutation ($id: ID!) { sendTestWebhook(endpointId: $id) { id } }', variables: { id: await endpointId() } }),
      redeliverWebhook: async () => {
        const endpoint = await fakeWebhookEndpoint(subgraph.db, partner, 'https://crm.example.vn/hook', ['training.logged']);
        const delivery = await subgraph.db.transaction((manager) => queueTestWebhook(manager, endpoint));
        await subgraph.db.manager.update(WebhookDelivery, { id: delivery.id }, { status: WebhookDeliveryStatus.FAILED });
        return { query: 'mutation ($id: ID!) { redeliverWebhook(id: $id) { id } }', variables: { id: delivery.id } };
      },
      recordAttendance: async () => ({
        query: 'mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { created } }',
        variables: {
          input: {
            partnerId: partner.id,
            attendances: [{ idempotencyKey: `att-${unique()}`, trainingId: (await fakeTraining(subgraph.db, partner, tree.commune)).id, memberId: tree.communeTeam.memberIds[0] }],
          },
        },
      }),
    },
    fields: {
      'DataSubject.platformOnboardings': dataSubjectField('platformOnboardings', 'id'),
      'UnitRollUp.trainingsHeld': rollUpCount('trainingsHeld'),
      'UnitRollUp.membersTrained': rollUpCount('membersTrained'),
      'UnitRollUp.onboardings': rollUpCount('onboardings'),
      'Query.partnerCredentials': {
        operation: () => ({ query: 'query ($id: ID!) { partnerCredentials(partnerId: $id) { id } }', variables: { id: partner.id } }),
        value: (data) => data.partnerCredentials,
      },
      'Query.webhookEndpoints': {
        operation: () => ({ query: 'query ($id: ID!) { webhookEndpoints(partnerId: $id) { id } }', variables: { id: partner.id } }),
        value: (data) => data.webhookEndpoints,
      },
      'Query.webhookDeliveries': {
        operation: async () => ({ query: 'query ($id: ID!) { webhookDeliveries(endpointId: $id) { totalCount } }', variables: { id: await endpointId() } }),
        value: (data) => data.webhookDeliveries,
      },
      'Query.partnerNotices': {
        operation: () => ({ query: 'query ($id: ID!) { partnerNotices(partnerId: $id) { id } }', variables: { id: partner.id } }),
        value: (data) => data.partnerNotices,
      },
      'PartnerBranch.contacts': {
        operation: () => ({ query: 'query ($id: ID!) { partner(id: $id) { branches { contacts { phone } } } }', variables: { id: partner.id } }),
        value: (data) => data.partner?.branches?.[0]?.contacts,
      },
      'Query.training': {
        operation: () => ({ query: 'query ($id: ID!) { training(id: $id) { title } }', variables: { id: training.id } }),
        value: (data) => data.training,
      },
      'Query.trainings': workList('trainings'),
      'Query.onboardings': workList('onboardings'),
      'Team.trainingsAttended': workOf('Team', () => tree.villageTeam.id, 'trainingsAttended'),
      'Team.onboardingsHelped': workOf('Team', () => tree.villageTeam.id, 'onboardingsHelped'),
      'Member.trainingsAttended': workOf('Member', () => tree.communeTeam.memberIds[0], 'trainingsAttended'),
      'Query.onboarding': onboardingField('status'),
      'Onboarding.name': onboardingField('name'),
      'Onboarding.phone': onboardingField('phone'),
      'Onboarding.address': onboardingField('address'),
      'Query.partnersPersonalDataReads': {
        operation: () => ({ query: 'query { partnersPersonalDataReads { reader personId field } }' }),
        value: (data) => data.partnersPersonalDataReads,
      },
      'Query.partnersAuditTrail': {
        operation: () => ({ query: 'query ($code: String) { partnersAuditTrail(unitCode: $code) { action } }', variables: { code: tree.commune.unitCode } }),
        value: (data) => data.partnersAuditTrail,
      },
    },
  },
});

describe('the partners audit trail', () => {
  const TRAIL = 'query ($code: String) { partnersAuditTrail(unitCode: $code, first: 100) { at actor action entityType entityId before after } }';
  type Trail = { partnersAuditTrail: { actor: string | null; action: string; entityType: string; after: string | null }[] };

  it('shows admins the whole trail, partner-level changes that belong to no unit included', async () => {
    const { data, errors } = await subgraph.execute<Trail>(TRAIL, { as: callers.admin });
    expect(errors).toBeUndefined();
    const created = data!.partnersAuditTrail.find((entry) => entry.action === 'createPartner');
    expect(created).toMatchObject({ actor: 'admin', entityType: 'Partner' });
    expect(JSON.parse(created!.after!)).toMatchObject({ sector: 'POST' });
  });

  it('shows officers only the changes under their unit, and not the whole trail', async () => {
    const under = await subgraph.execute<Trail>(TRAIL, { as: callers.officer, variables: { code: tree.commune.unitCode } });
    const actions = new Set(under.data!.partnersAuditTrail.map((entry) => entry.action));
    expect(actions).toContain('logTrainings');
    expect(actions).not.toContain('createPartner');
    expect(errorCodes(await subgraph.execute(TRAIL, { as: callers.officer }))).toEqual(['FORBIDDEN']);
  });
});
