import { todayInVietnam } from '../common/dates';
import { randomUUID } from 'node:crypto';
import { newReferenceCode } from '../common/reference-codes';
import { callersOver, testAuthorizationMatrix } from '../common/testing/authorization';
import { createTestSubgraph, type TestSubgraph } from '../common/testing/subgraph';
import { events } from '.';
import { eventsAuthorization } from './authorization';
import { Admission, ApplicationStatus, ExhibitorKind, type Contest, type Event, type StallCategory } from './entities';
import { fakeApplication, fakeCategory, fakeContest, fakeEntry, fakeEvent, fakeTree } from './testing/factories';
import { fakeConsent, GIVEN_CONSENT } from '../common/testing/consent';
import { ConsentPurpose } from '../common/consent';
import { dataSubjectField } from '../common/testing/data-subject';

/** Events are planned within a few years of today (DATE_RANGES.planned). */
const NEXT_YEAR = Number(todayInVietnam().slice(0, 4)) + 1;

const tree = fakeTree();
const callers = callersOver({
  unitCode: tree.commune.unitCode,
  otherUnitCode: tree.otherCommune.unitCode,
  teamId: tree.teams.village,
  otherTeamId: tree.teams.otherCommune,
  partnerId: tree.partnerId,
  otherPartnerId: randomUUID(),
});
let subgraph: TestSubgraph;
let event: Event;
let reviewed: StallCategory;
let contest: Contest;
let serial = 0;
const phone = () => `0977${String((serial += 1)).padStart(6, '0')}`;

beforeAll(async () => {
  subgraph = await createTestSubgraph(events, tree.units);
  event = await fakeEvent(subgraph.db, tree.commune);
  ({ category: reviewed } = await fakeCategory(subgraph.db, event, { admission: Admission.REVIEWED, capacity: 200 }));
  ({ contest } = await fakeContest(subgraph.db, event));
  const { category, stalls } = await fakeCategory(subgraph.db, event, { capacity: 1 });
  await fakeApplication(subgraph.db, category, {
    exhibitorKind: ExhibitorKind.PARTNER,
    partnerId: tree.partnerId,
    exhibitorKey: `partner:${tree.partnerId}`,
    status: ApplicationStatus.APPROVED,
    stallId: stalls[0].id,
  });
});
afterAll(() => subgraph.close());

const pending = () => fakeApplication(subgraph.db, reviewed);
const decision = (mutation: string) => async () => ({
  query: `mutation ($id: ID!) { ${mutation}(id: $id) { id } }`,
  variables: { id: (await pending()).id },
});
const eventField = (field: string) => ({
  operation: () => ({ query: `query ($id: ID!) { event(id: $id) { ${field} { id } } }`, variables: { id: event.id } }),
  value: (data: any) => data.event?.[field],
});
/** A partner's applications as anyone sees them (Partner.stalls), with the contact details guarded field by field. */
const contactField = (field: string) => ({
  operation: () => ({
    query: `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Partner { stalls { ${field} } } } }`,
    variables: { reps: [{ __typename: 'Partner', id: tree.partnerId }] },
  }),
  value: (data: any) => data._entities?.[0]?.stalls?.[0]?.[field],
});
const freshEvent = () => fakeEvent(subgraph.db, tree.commune);

/** A count on the commune's roll-up, as the gateway asks for it. */
const rollUpCount = (field: string) => ({
  operation: () => ({
    query: `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on UnitRollUp { ${field} } } }`,
    variables: { reps: [{ __typename: 'UnitRollUp', unitCode: tree.commune.unitCode, period: '2025' }] },
  }),
  value: (data: any) => data._entities?.[0]?.[field],
});

testAuthorizationMatrix(eventsAuthorization, {
  subgraph: () => subgraph,
  retries: { unkeyed: [] },
  callers: () => callers,
  probes: {
    mutations: {
      applyForStall: () => ({
        query: 'mutation ($input: StallApplicationInput!) { applyForStall(input: $input) { id } }',
        variables: {
          input: { categoryId: reviewed.id, exhibitorKind: 'HOUSEHOLD', exhibitorName: 'Hộ bà Năm', contactName: 'Bà Năm', contactPhone: phone(), offering: 'Mật ong rừng', consent: GIVEN_CONSENT },
        },
      }),
      withdrawStallApplication: async () => {
        const referenceCode = newReferenceCode();
        const { contactPhone } = await fakeApplication(subgraph.db, reviewed, { referenceCode });
        return {
          query: 'mutation ($input: ApplicationReferenceInput!) { withdrawStallApplication(input: $input) { id } }',
          variables: { input: { phone: contactPhone, referenceCode } },
        };
      },
      approveStallApplication: decision('approveStallApplication'),
      rejectStallApplication: decision('rejectStallApplication'),
      waitlistStallApplication: decision('waitlistStallApplication'),
      cancelStallApplication: async () => ({
        query: 'mutation ($id: ID!) { cancelStallApplication(id: $id) { id } }',
        variables: {
          id: (await fakeApplication(subgraph.db, reviewed, { exhibitorKind: ExhibitorKind.PARTNER, partnerId: tree.partnerId, exhibitorKey: `partner:${phone()}` })).id,
        },
      }),
      withdrawStallApplicationConsent: async () => {
        const application = await pending();
        await fakeConsent(subgraph.db, application, ConsentPurpose.STALL_APPLICATION, application.contactPhone!);
        return { query: 'mutation ($id: ID!) { withdrawStallApplicationConsent(id: $id) { withdrawnAt } }', variables: { id: application.id } };
      },
      withdrawContestEntryConsent: async () => {
        const entry = await fakeEntry(subgraph.db, contest, { entrant: 'Chị Lò Thị Sen' });
        await fakeConsent(subgraph.db, entry, ConsentPurpose.CONTEST_ENTRY, phone());
        return { query: 'mutation ($id: ID!) { withdrawContestEntryConsent(entryId: $id) { withdrawnAt } }', variables: { id: entry.id } };
      },
      addContest: () => ({
        query: 'mutation ($id: ID!) { addContest(eventId: $id, input: { kind: DIGITAL_QUIZ, title: "Rung chuông vàng số" }) { id } }',
        variables: { id: event.id },
      }),
      addContestEntry: () => ({
        query: 'mutation ($id: ID!) { addContestEntry(contestId: $id, input: { entrant: "HTX Bưởi", title: "Bưởi Phúc Trạch", consent: { noticeVersion: "2026-01", channel: PAPER_FORM } }) { id } }',
        variables: { id: contest.id },
      }),
      breakContestTie: async () => {
        const { contest: tied } = await fakeContest(subgraph.db, await freshEvent());
        const entries = [await fakeEntry(subgraph.db, tied, { score: 90 }), await fakeEntry(subgraph.db, tied, { score: 90 })];
        return {
          query: 'mutation ($input: BreakContestTieInput!) { breakContestTie(input: $input) { id } }',
          variables: { input: { contestId: tied.id, entryIds: [entries[1].id, entries[0].id] } },
        };
      },
      scoreContestEntry: async () => ({
        query: 'mutation ($id: ID!) { scoreContestEntry(entryId: $id, score: 80) { id } }',
        variables: { id: (await fakeEntry(subgraph.db, contest)).id },
      }),
      createEvent: () => ({
        query: 'mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }',
        variables: {
          input: { unitCode: tree.commune.unitCode, kind: 'FAIR', title: 'Phiên chợ số', venue: 'Chợ xã', venueKind: 'MARKET', startsOn: `${NEXT_YEAR}-11-01`, endsOn: `${NEXT_YEAR}-11-01` },
        },
      }),
      setEventStatus: async () => ({
        query: 'mutation ($id: ID!) { setEventStatus(id: $id, status: CLOSED) { id } }',
        variables: { id: (await freshEvent()).id },
      }),
      addStallCategory: async () => ({
        query: 'mutation ($id: ID!) { addStallCategory(eventId: $id, input: { name: "Khu nông sản", kind: LOCAL_PRODUCTS, admission: REVIEWED, capacity: 2, codePrefix: "N" }) { id } }',
        variables: { id: (await freshEvent()).id },
      }),
      recordEventTallies: () => ({
        query: 'mutation ($id: ID!) { recordEventTallies(eventId: $id, input: { residentsHelped: [], accountsOpened: 12, shopsOnboarded: 3 }) { id } }',
        variables: { id: event.id },
      }),
    },
    fields: {
      'DataSubject.stallApplications': dataSubjectField('stallApplications', 'id'),
      'DataSubject.contestEntries': dataSubjectField('contestEntries', 'id'),
      'UnitRollUp.residentsHelpedAtEvents': rollUpCount('residentsHelpedAtEvents'),
      // An entrant in her own name who never consented to be shown: the only entry of its contest.
      'ContestPrize.awardedTo': {
        operation: async () => {
          const fair = await freshEvent();
          const { contest: judged } = await fakeContest(subgraph.db, fair, {}, 1);
          await fakeEntry(subgraph.db, judged, { score: 70 });
          return { query: 'query ($id: ID!) { event(id: $id) { contests { prizes { awardedTo { id } } } } }', variables: { id: fair.id } };
        },
        value: (data: any) => data.event?.contests?.[0]?.prizes?.[0]?.awardedTo?.id,
      },
      'ContestEntry.entrant': {
        operation: async () => {
          const fair = await freshEvent();
          const { contest: alone } = await fakeContest(subgraph.db, fair);
          await fakeEntry(subgraph.db, alone, { entrant: 'Chị Lò Thị Sen' });
          return { query: 'query ($id: ID!) { event(id: $id) { contests { entries { entrant } } } }', variables: { id: fair.id } };
        },
        value: (data: any) => data.event?.contests?.[0]?.entries?.[0]?.entrant,
      },
      'Event.applications': eventField('applications'),
      'Event.organisers': eventField('organisers'),
      'StallApplication.contactName': contactField('contactName'),
      'StallApplication.contactPhone': contactField('contactPhone'),
      'Query.eventsPersonalDataReads': {
        operation: () => ({ query: 'query { eventsPersonalDataReads { reader personId field } }' }),
        value: (data) => data.eventsPersonalDataReads,
      },
      'Query.eventsAuditTrail': {
        operation: () => ({ query: 'query ($code: String) { eventsAuditTrail(unitCode: $code) { action } }', variables: { code: tree.commune.unitCode } }),
        value: (data) => data.eventsAuditTrail,
      },
    },
  },
});
