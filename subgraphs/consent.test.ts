import { getNamedType, isInputObjectType, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { subgraphs } from '.';
import { Role } from './common/auth';
import { Consent, ConsentPurpose } from './common/consent';
import { createTestSubgraph, errorCodes, type TestSubgraph } from './common/testing/subgraph';
import { buildFederatedSchema } from './common/schema';
import type { SubgraphDefinition } from './common/server';
import { events } from './events';
import { fakeCategory, fakeContest, fakeEvent, fakeTree as eventsTree } from './events/testing/factories';
import { partners } from './partners';
import { fakePartner, fakeTree as partnersTree } from './partners/testing/factories';
import { resources } from './resources';
import { fakeGiftLot, fakeProgramme, fakeTree as resourcesTree } from './resources/testing/factories';
import { teams } from './teams';
import { fakeTeam, fakeTwoTierTree } from './teams/testing/factories';

/**
 * Every write that takes a resident's data records the consent the person gave (Law 91/2025/QH15):
 * without one it is refused, naming the field, and writes nothing; with one, the consent lands
 * beside the record, for that record's purpose, with the notice version, channel and date sent.
 */

const admin = { sub: 'admin', roles: [Role.ADMIN] };
const consent = { noticeVersion: '2026-01', channel: 'PAPER_FORM', givenOn: '2026-01-15' };

interface ResidentWrite {
  subgraph: SubgraphDefinition;
  /** The mutation that writes it (the completeness check below). */
  mutation: string;
  purpose: ConsentPurpose;
  recordType: string;
  /** The field the refusal names. */
  field: string;
  /** Sets up what the write needs, then gives its operation with or without a consent, and where the new record's id is in the answer. */
  prepare(subgraph: TestSubgraph): Promise<{
    operation(withConsent: typeof consent | undefined, serial: number): { query: string; variables: Record<string, unknown> };
    idOf(data: any): string;
  }>;
  /** The units and teams the subgraph looks up (the teams subgraph owns them itself). */
  directory?: Parameters<typeof createTestSubgraph>[1];
}

const eventsPlaces = eventsTree();
const partnersPlaces = partnersTree();
const resourcesPlaces = resourcesTree();

const WRITES: [string, ResidentWrite][] = [
  [
    'teams: a resident applies to join a team',
    {
      subgraph: teams,
      mutation: 'requestToJoin',
      purpose: ConsentPurpose.TEAM_MEMBERSHIP,
      recordType: 'MembershipRequest',
      field: 'consent',
      async prepare(subgraph) {
        const tree = await fakeTwoTierTree(subgraph.db);
        const { team } = await fakeTeam(subgraph.db, tree.village);
        return {
          operation: (given, serial) => ({
            query: 'mutation ($input: JoinRequestInput!) { requestToJoin(input: $input) { id } }',
            variables: { input: { teamId: team.id, applicant: { fullName: 'Lò Thị Sen', phone: `09770${String(serial).padStart(5, '0')}`, affiliation: 'RESIDENT' }, consent: given } },
          }),
          idOf: (data) => data.requestToJoin.id,
        };
      },
    },
  ],
  [
    'partners: a household onboarded onto a platform',
    {
      subgraph: partners,
      mutation: 'logOnboardings',
      directory: partnersPlaces.units,
      purpose: ConsentPurpose.PLATFORM_ONBOARDING,
      recordType: 'Onboarding',
      field: 'onboardings.0.consent',
      async prepare(subgraph) {
        const { partner, wallet } = await fakePartner(subgraph.db);
        return {
          operation: (given, serial) => ({
            query: 'mutation ($input: LogOnboardingsInput!) { logOnboardings(input: $input) { rows { id } } }',
            variables: {
              input: {
                partnerId: partner.id,
                onboardings: [
                  { idempotencyKey: `consent-${serial}`, platformId: wallet.id, onboardeeKind: 'HOUSEHOLD', name: 'Hộ bà Lò Thị Sen', teamId: partnersPlaces.villageTeam.id, onboardedOn: '2025-10-05', consent: given },
                ],
              },
            },
          }),
          idOf: (data) => data.logOnboardings.rows[0].id,
        };
      },
    },
  ],
  [
    'events: a household applies for a stall',
    {
      subgraph: events,
      mutation: 'applyForStall',
      directory: eventsPlaces.units,
      purpose: ConsentPurpose.STALL_APPLICATION,
      recordType: 'StallApplication',
      field: 'consent',
      async prepare(subgraph) {
        const event = await fakeEvent(subgraph.db, eventsPlaces.commune);
        const { category } = await fakeCategory(subgraph.db, event, { capacity: 5 });
        return {
          operation: (given, serial) => ({
            query: 'mutation ($input: StallApplicationInput!) { applyForStall(input: $input) { id } }',
            variables: {
              input: { categoryId: category.id, exhibitorKind: 'HOUSEHOLD', exhibitorName: 'Hộ bà Sen', contactName: 'Lò Thị Sen', contactPhone: `09780${String(serial).padStart(5, '0')}`, offering: 'Mật ong', consent: given },
            },
          }),
          idOf: (data) => data.applyForStall.id,
        };
      },
    },
  ],
  [
    'events: a resident enters a contest in their own name',
    {
      subgraph: events,
      mutation: 'addContestEntry',
      directory: eventsPlaces.units,
      purpose: ConsentPurpose.CONTEST_ENTRY,
      recordType: 'ContestEntry',
      field: 'consent',
      async prepare(subgraph) {
        const event = await fakeEvent(subgraph.db, eventsPlaces.commune);
        const { contest } = await fakeContest(subgraph.db, event);
        return {
          operation: (given) => ({
            query: 'mutation ($id: ID!, $input: ContestEntryInput!) { addContestEntry(contestId: $id, input: $input) { id } }',
            variables: { id: contest.id, input: { entrant: 'Chị Lò Thị Sen', title: 'Bán mật ong qua livestream', consent: given } },
          }),
          idOf: (data) => data.addContestEntry.id,
        };
      },
    },
  ],
  [
    'resources: a household receives a gift',
    {
      subgraph: resources,
      mutation: 'allocateGift',
      directory: resourcesPlaces.units,
      purpose: ConsentPurpose.GIFT_DELIVERY,
      recordType: 'Allocation',
      field: 'consent',
      async prepare(subgraph) {
        const programme = await fakeProgramme(subgraph.db, resourcesPlaces.commune);
        const gift = await fakeGiftLot(subgraph.db, programme, 10);
        return {
          operation: (given, serial) => ({
            query: 'mutation ($input: AllocationInput!) { allocateGift(input: $input) { id } }',
            variables: { input: { giftId: gift.id, quantity: 1, recipientKind: 'HOUSEHOLD', household: 'Hộ bà Lò Thị Sen, bản Một', issuedOn: '2025-10-05', idempotencyKey: `gift-consent-${serial}`, consent: given } },
          }),
          idOf: (data) => data.allocateGift.id,
        };
      },
    },
  ],
  [
    'resources: a volunteer registers with a unit',
    {
      subgraph: resources,
      mutation: 'registerVolunteer',
      directory: resourcesPlaces.units,
      purpose: ConsentPurpose.VOLUNTEERING,
      recordType: 'Volunteer',
      field: 'consent',
      async prepare() {
        return {
          operation: (given, serial) => ({
            query: 'mutation ($input: VolunteerInput!) { registerVolunteer(input: $input) { id } }',
            variables: { input: { unitCode: resourcesPlaces.commune.unitCode, fullName: 'Lò Thị Sen', phone: `09790${String(serial).padStart(5, '0')}`, skills: 'livestream', consent: given } },
          }),
          idOf: (data) => data.registerVolunteer.id,
        };
      },
    },
  ],
];

describe.each(WRITES)('%s', (_name, write) => {
  let subgraph: TestSubgraph;
  let prepared: Awaited<ReturnType<ResidentWrite['prepare']>>;
  beforeAll(async () => {
    subgraph = await createTestSubgraph(write.subgraph, write.directory);
    prepared = await write.prepare(subgraph);
  });
  afterAll(() => subgraph.close());

  it('is refused without the person’s consent, naming the field, and writes nothing', async () => {
    const counts = () => Promise.all([subgraph.db.manager.count(Consent), subgraph.db.manager.count(write.recordType)]);
    const before = await counts();
    const { query, variables } = prepared.operation(undefined, 1);
    const result = await subgraph.execute(query, { as: admin, variables });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe(write.field);
    expect(result.errors?.[0].message).toContain('đồng ý');
    expect(await counts()).toEqual(before);
  });

  it('records the consent beside the record, for its purpose', async () => {
    const { query, variables } = prepared.operation(consent, 2);
    const result = await subgraph.execute(query, { as: admin, variables });
    expect(result.errors).toBeUndefined();
    const recordId = prepared.idOf(result.data);
    expect(await subgraph.db.manager.findBy(Consent, { recordId })).toEqual([
      expect.objectContaining({
        purpose: write.purpose,
        recordType: write.recordType,
        noticeVersion: '2026-01',
        channel: 'PAPER_FORM',
        givenOn: '2026-01-15',
        recordedBy: 'admin',
        withdrawnAt: null,
      }),
    ]);
  });
});

/**
 * The table above fails for a new write of a resident's data only if it is listed: so every mutation
 * whose input carries a person's name, phone or address (by field name, at any depth) either takes the
 * person's consent (a ResidentConsentInput) and has its row above, or says here why none is asked.
 */
const PERSONAL_INPUT = /phone|address|fullName|applicant|contactName|entrant|^household$/i;
const NO_CONSENT_ASKED: Record<string, string> = {
  'teams.createTeam': 'the leader named is a member: the commune’s decision setting up the team is the basis',
  'teams.updateMemberContact': 'a member’s contact, kept on the basis of their membership',
  'teams.requestAccessCode': 'the person proves their own phone to exercise their rights',
  'teams.verifyAccessCode': 'the person proves their own phone to exercise their rights',
  'teams.requestPersonalDataAction': 'the person’s own request about their data (the right to correct)',
  'teams.handlePersonalDataRequest': 'the officer applies the correction the person asked for',
  'teams.withdrawMembershipRequest': 'the applicant withdraws their own request, found by their phone',
  'teams.setMyReminderPreference': 'an officer’s or leader’s own address for reminders to themselves',
  'events.withdrawStallApplication': 'the applicant withdraws their own application, found by their phone',
  'partners.addPartnerBranch': 'a partner’s staff contact, given by the partner (a business), not a resident',
  'resources.createSponsor': 'a sponsor’s staff contact, given by the sponsor (a business or organisation), not a resident',
  'resources.addSponsorContact': 'a sponsor’s staff contact, given by the sponsor (a business or organisation), not a resident',
};

/** Writes whose consent is for one use of the data only, so the write stands without it. */
const CONSENT_OPTIONAL: Record<string, string> = {
  'teams.proposeReward': 'an officer’s proposal (public task); the person is named on the public honour roll only with the HONOUR_ROLL consent it may carry',
};

/** Writes that are the consent itself, given later than the record it is about (tested where the record is). */
const CONSENT_IS_THE_WRITE: Record<string, string> = {
  'teams.giveHonourRollConsent': 'the HONOUR_ROLL consent given after the proposal (teams/resolvers/recognition.resolver.test.ts)',
};

/** Whether the input type, at any depth, has a field named like personal data, and whether it takes a consent. */
interface Carried {
  personal: boolean;
  consent: boolean;
}

function inputCarries(type: GraphQLInputType, seen = new Set<string>()): Carried {
  const named = getNamedType(type);
  if (named.name === 'ResidentConsentInput') return { personal: false, consent: true };
  if (!isInputObjectType(named) || seen.has(named.name)) return { personal: false, consent: false };
  seen.add(named.name);
  return Object.values(named.getFields()).reduce<Carried>(
    (found, field) => {
      const inner = inputCarries(field.type, seen);
      return { personal: found.personal || inner.personal || PERSONAL_INPUT.test(field.name), consent: found.consent || inner.consent };
    },
    { personal: false, consent: false },
  );
}

it('every mutation taking a person’s details records their consent (a row above) or says why none is asked', async () => {
  const schemas = new Map<string, GraphQLSchema>();
  for (const definition of subgraphs) schemas.set(definition.name, await buildFederatedSchema(definition));
  const taking: string[] = [];
  const without: string[] = [];
  for (const [name, schema] of schemas) {
    for (const mutation of Object.values(schema.getMutationType()?.getFields() ?? {})) {
      const carried = mutation.args.map((arg) => {
        const found = inputCarries(arg.type);
        return { consent: found.consent, personal: found.personal || PERSONAL_INPUT.test(arg.name) };
      });
      if (carried.some((arg) => arg.consent)) taking.push(`${name}.${mutation.name}`);
      else if (carried.some((arg) => arg.personal)) without.push(`${name}.${mutation.name}`);
    }
  }
  expect(taking.sort()).toEqual([...WRITES.map(([, write]) => `${write.subgraph.name}.${write.mutation}`), ...Object.keys(CONSENT_OPTIONAL), ...Object.keys(CONSENT_IS_THE_WRITE)].sort());
  expect(without.sort()).toEqual(Object.keys(NO_CONSENT_ASKED).sort());
});
