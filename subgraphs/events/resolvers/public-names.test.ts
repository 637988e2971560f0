import { AuditEntry, personalDataIn } from '../../common/audit';
import { Consent, ConsentPurpose } from '../../common/consent';
import { PersonalDataRead } from '../../common/personal-data-reads';
import { subjectKeyOf } from '../../common/data-subject';
import { liftRestriction, restrictProcessing } from '../../common/restriction';
import { fakeConsent, GIVEN_CONSENT } from '../../common/testing/consent';
import { dataSubjectClaims } from '../../common/testing/data-subject';
import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import { events } from '..';
import { Admission, ApplicationStatus, ExhibitorKind, StallApplication, type Event } from '../entities';
import { fakeApplication, fakeCategory, fakeContest, fakeEntry, fakeEvent, fakeTree } from '../testing/factories';

const tree = fakeTree();
const { officer, officerElsewhere, organiser } = tree.callers;
let subgraph: TestSubgraph;
let event: Event;

beforeAll(async () => {
  subgraph = await createTestSubgraph(events, tree.units);
  event = await fakeEvent(subgraph.db, tree.commune);
});
afterAll(() => subgraph.close());

function ok<T>(result: OperationResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

let phones = 0;
const phone = () => `09${String(31_000_000 + (phones += 1))}`;

const APPLY = 'mutation ($input: StallApplicationInput!) { applyForStall(input: $input) { id status shownAs shownLabel } }';
const EXHIBITORS = 'query ($id: ID!) { event(id: $id) { exhibitors { name stallCode } } }';
const WITHDRAW_APPLICATION = 'mutation ($id: ID!) { withdrawStallApplicationConsent(id: $id) { purpose withdrawnAt } }';
const WITHDRAW_ENTRY = 'mutation ($id: ID!) { withdrawContestEntryConsent(entryId: $id) { purpose withdrawnAt } }';
const ENTRANTS = 'query ($id: ID!) { event(id: $id) { contests { entries { entrant } winners { entry { entrant } } } } }';
const REPORT = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on DataSubject {
  stallApplications { id status contactPhone consent { withdrawnAt } } } } }`;

const household = (categoryId: string, input: Record<string, unknown> = {}) => ({
  categoryId,
  exhibitorKind: 'HOUSEHOLD',
  exhibitorName: 'Hộ chị Lò Thị Sen',
  contactName: 'Lò Thị Sen',
  contactPhone: phone(),
  offering: 'Mật ong rừng',
  consent: GIVEN_CONSENT,
  ...input,
});

describe('the fair’s public page', () => {
  it('shows a household only as it chose (its alias or its village), never its name; organisations by name', async () => {
    const fair = await fakeEvent(subgraph.db, tree.commune);
    const { category } = await fakeCategory(subgraph.db, fair, { capacity: 4 });
    for (const input of [
      household(category.id, { shownAs: 'ALIAS', shownLabel: 'Mật ong rừng Pù Mát' }),
      household(category.id, { shownAs: 'VILLAGE', shownLabel: 'thôn Phú Nhuận' }),
      household(category.id),
      household(category.id, { exhibitorKind: 'COOPERATIVE', exhibitorName: 'HTX Chè Tân Cương' }),
    ]) {
      ok(await subgraph.execute(APPLY, { variables: { input } }));
    }
    const { event: seen } = ok(await subgraph.execute<{ event: { exhibitors: { name: string }[] } }>(EXHIBITORS, { variables: { id: fair.id } }));
    expect(seen.exhibitors.map((exhibitor) => exhibitor.name).sort()).toEqual(
      ['HTX Chè Tân Cương', 'Mật ong rừng Pù Mát', 'Một hộ gia đình địa phương', 'Một hộ gia đình ở thôn Phú Nhuận'].sort(),
    );
    expect(JSON.stringify(seen)).not.toContain('Lò Thị Sen');
  });

  it.each([
    ['shownAs', { exhibitorKind: 'BUSINESS', shownAs: 'ALIAS', shownLabel: 'Quán Sen' }],
    ['shownLabel', { shownAs: 'VILLAGE' }],
    ['shownAs', { shownLabel: 'thôn Phú Nhuận' }],
  ])('refuses a display choice that is not whole or not a household’s (%s), writing nothing', async (field, input) => {
    const { category } = await fakeCategory(subgraph.db, event);
    const result = await subgraph.execute(APPLY, { variables: { input: household(category.id, input) } });
    expect({ codes: errorCodes(result), field: result.errors?.[0]?.extensions?.field }).toEqual({ codes: ['BAD_USER_INPUT'], field });
    expect(await subgraph.db.manager.countBy(StallApplication, { categoryId: category.id })).toBe(0);
  });
});

describe('withdrawing a stall applicant’s consent', () => {
  async function consentedApplication(overrides: Partial<StallApplication> = {}) {
    const { category, stalls } = await fakeCategory(subgraph.db, event, { capacity: 1, admission: Admission.REVIEWED });
    const contactPhone = phone();
    const application = await fakeApplication(subgraph.db, category, { contactPhone, status: ApplicationStatus.APPROVED, stallId: stalls[0].id, ...overrides });
    await fakeConsent(subgraph.db, application, ConsentPurpose.STALL_APPLICATION, contactPhone);
    return { application, category, contactPhone };
  }

  it('by the person: the application is cancelled, its stall goes to the waitlist, the phone and its hash are erased; the person still sees it', async () => {
    const { application, category, contactPhone } = await consentedApplication();
    const waiting = await fakeApplication(subgraph.db, category, { status: ApplicationStatus.WAITLISTED });
    const person = dataSubjectClaims(contactPhone);

    const { withdrawStallApplicationConsent: consent } = ok(await subgraph.execute<any>(WITHDRAW_APPLICATION, { as: person, variables: { id: application.id } }));
    expect(consent).toEqual({ purpose: 'STALL_APPLICATION', withdrawnAt: expect.any(String) });

    const stored = await subgraph.db.manager.findOneByOrFail(StallApplication, { id: application.id });
    expect(stored).toMatchObject({ status: ApplicationStatus.CANCELLED, stallId: null, contactPhone: null, contactPhoneHash: null });
    expect(stored.exhibitorKey).not.toContain(subjectKeyOf(contactPhone));
    expect(await subgraph.db.manager.findOneByOrFail(StallApplication, { id: waiting.id })).toMatchObject({ status: ApplicationStatus.APPROVED });
    // Read straight from the table: nothing of the phone is left in the row.
    const [raw] = await subgraph.db.manager.query(`SELECT * FROM stall_application WHERE id = '${application.id}'`);
    expect(JSON.stringify(raw)).not.toContain(subjectKeyOf(contactPhone));
    expect(raw.contactPhone).toBeNull();

    expect(await subgraph.db.manager.findOneByOrFail(Consent, { recordId: application.id })).toMatchObject({ withdrawnBy: 'data-subject' });
    const entry = await subgraph.db.manager.findOneByOrFail(AuditEntry, { action: 'withdrawStallApplicationConsent', entityId: application.id });
    expect(entry.actor).toBe('data-subject');
    expect(personalDataIn([entry])).toEqual([]);

    // Their report still finds it, by the consent's key: withdrawn, without the phone.
    const report = ok(await subgraph.execute<any>(REPORT, { as: person, variables: { r: [{ __typename: 'DataSubject', key: subjectKeyOf(contactPhone) }] } }));
    expect(report._entities[0].stallApplications).toEqual([
      { id: application.id, status: 'CANCELLED', contactPhone: null, consent: { withdrawnAt: expect.any(String) } },
    ]);
  });

  it('once only: a second withdrawal is a conflict and writes nothing', async () => {
    const { application, contactPhone } = await consentedApplication();
    ok(await subgraph.execute(WITHDRAW_APPLICATION, { as: dataSubjectClaims(contactPhone), variables: { id: application.id } }));
    const entries = await subgraph.db.manager.count(AuditEntry);
    expect(errorCodes(await subgraph.execute(WITHDRAW_APPLICATION, { as: officer, variables: { id: application.id } }))).toEqual(['CONFLICT']);
    expect(await subgraph.db.manager.count(AuditEntry)).toBe(entries);
  });

  it('by an officer over the event’s unit on the person’s behalf; not by another person, nor an officer elsewhere', async () => {
    const { application } = await consentedApplication();
    for (const caller of [dataSubjectClaims(phone()), officerElsewhere, organiser]) {
      expect(errorCodes(await subgraph.execute(WITHDRAW_APPLICATION, { as: caller, variables: { id: application.id } }))).toEqual(['FORBIDDEN']);
    }
    expect(await subgraph.db.manager.findOneByOrFail(StallApplication, { id: application.id })).toMatchObject({ status: ApplicationStatus.APPROVED });
    ok(await subgraph.execute(WITHDRAW_APPLICATION, { as: officer, variables: { id: application.id } }));
    expect(await subgraph.db.manager.findOneByOrFail(Consent, { recordId: application.id })).toMatchObject({ withdrawnBy: 'officer' });
  });

  it('keeps a partner’s application as it is: it has no consent to withdraw', async () => {
    const { category } = await fakeCategory(subgraph.db, event);
    const application = await fakeApplication(subgraph.db, category, { exhibitorKind: ExhibitorKind.PARTNER, partnerId: tree.partnerId, exhibitorKey: `partner:${tree.partnerId}` });
    expect(errorCodes(await subgraph.execute(WITHDRAW_APPLICATION, { as: officer, variables: { id: application.id } }))).toEqual(['CONFLICT']);
  });
});

describe('contest entrants on public pages', () => {
  it('shows a team and an entrant who consented; an entrant who did not, restricted processing, or withdrew, only to the organisers', async () => {
    const fair = await fakeEvent(subgraph.db, tree.commune);
    const { contest } = await fakeContest(subgraph.db, fair, {}, 1);
    const entrantPhone = phone();
    const consented = await fakeEntry(subgraph.db, contest, { entrant: 'Chị Lò Thị Sen', score: 90 });
    await fakeConsent(subgraph.db, consented, ConsentPurpose.CONTEST_ENTRY, entrantPhone);
    await fakeEntry(subgraph.db, contest, { entrant: 'Tổ CNS thôn 3', teamId: tree.teams.village, score: 80 });
    await fakeEntry(subgraph.db, contest, { entrant: 'Anh Vi Văn Tám', score: 70 });

    const publicly = async () => {
      const result = await subgraph.execute<any>(ENTRANTS, { variables: { id: fair.id } });
      const [shown] = result.data!.event.contests;
      return {
        entrants: shown.entries.map((entry: { entrant: string | null }) => entry.entrant),
        winner: shown.winners[0].entry.entrant,
        codes: [...new Set(errorCodes(result))],
      };
    };
    expect(await publicly()).toEqual({ entrants: ['Chị Lò Thị Sen', 'Tổ CNS thôn 3', null], winner: 'Chị Lò Thị Sen', codes: ['UNAUTHENTICATED'] });

    // Her processing restricted (an officer did her request): her name leaves the public results until it is lifted.
    await restrictProcessing(subgraph.db.manager, subjectKeyOf(entrantPhone), 'request-in-test');
    expect(await publicly()).toEqual({ entrants: [null, 'Tổ CNS thôn 3', null], winner: null, codes: ['UNAUTHENTICATED'] });
    await liftRestriction(subgraph.db.manager, subjectKeyOf(entrantPhone));
    expect((await publicly()).winner).toBe('Chị Lò Thị Sen');

    ok(await subgraph.execute(WITHDRAW_ENTRY, { as: dataSubjectClaims(entrantPhone), variables: { id: consented.id } }));
    expect(await publicly()).toEqual({ entrants: [null, 'Tổ CNS thôn 3', null], winner: null, codes: ['UNAUTHENTICATED'] });

    // The organisers still see who entered: the entry and its score stay.
    const asOrganiser = ok(await subgraph.execute<any>(ENTRANTS, { as: organiser, variables: { id: fair.id } }));
    expect(asOrganiser.event.contests[0].entries.map((entry: { entrant: string }) => entry.entrant)).toEqual(['Chị Lò Thị Sen', 'Tổ CNS thôn 3', 'Anh Vi Văn Tám']);
    expect(asOrganiser.event.contests[0].winners).toEqual([{ entry: { entrant: 'Chị Lò Thị Sen' } }]);
  });
});

describe('a stall applicant whose processing is restricted', () => {
  it('keeps the application; the organisers see the contact’s name but not the phone (no read recorded) until it is lifted', async () => {
    const { category } = await fakeCategory(subgraph.db, event, { capacity: 1, admission: Admission.REVIEWED });
    const contactPhone = phone();
    const application = await fakeApplication(subgraph.db, category, { contactPhone, contactName: 'Chị Hoàng Thị Lan' });
    const APPLICATIONS = 'query ($id: ID!) { event(id: $id) { applications { id contactName contactPhone } } }';
    const contactOf = async () => {
      const { event: found } = ok(await subgraph.execute<any>(APPLICATIONS, { as: organiser, variables: { id: event.id } }));
      return found.applications.find((row: { id: string }) => row.id === application.id);
    };
    const reads = () => subgraph.db.manager.countBy(PersonalDataRead, { personId: application.id });

    await restrictProcessing(subgraph.db.manager, subjectKeyOf(contactPhone), 'request-in-test');
    expect(await contactOf()).toEqual({ id: application.id, contactName: 'Chị Hoàng Thị Lan', contactPhone: null });
    expect(await reads()).toBe(0);

    await liftRestriction(subgraph.db.manager, subjectKeyOf(contactPhone));
    expect(await contactOf()).toEqual({ id: application.id, contactName: 'Chị Hoàng Thị Lan', contactPhone });
    expect(await reads()).toBe(1);
  });
});
