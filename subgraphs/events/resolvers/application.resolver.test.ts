import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../../common/audit';
import { Role, type HubClaims } from '../../common/auth';
import { addDays, todayInVietnam } from '../../common/dates';
import { IdempotencyKey } from '../../common/idempotency';
import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import { events } from '..';
import { Admission, ApplicationStatus, type Event, EventStatus, ExhibitorKind, StallApplication, type StallCategory } from '../entities';
import { fakeApplication, fakeCategory, fakeEvent, fakeTree } from '../testing/factories';
import { GIVEN_CONSENT } from '../../common/testing/consent';

const tree = fakeTree();
const { admin, officer, officerElsewhere, organiser, otherOrganiser, partner, otherPartner, leader } = tree.callers;
let subgraph: TestSubgraph;

beforeAll(async () => {
  subgraph = await createTestSubgraph(events, tree.units);
});
afterAll(() => subgraph.close());

const APPLY = `mutation ($input: StallApplicationInput!) {
  applyForStall(input: $input) { id status stallCode exhibitorKind exhibitorName partner { id } category { id freeStalls } }
}`;
const APPROVE = `mutation ($id: ID!) { approveStallApplication(id: $id) { id status stallCode decidedAt } }`;
const REJECT = `mutation ($id: ID!) { rejectStallApplication(id: $id) { id status stallCode decidedAt } }`;
const WAITLIST = `mutation ($id: ID!) { waitlistStallApplication(id: $id) { id status stallCode decidedAt } }`;
const CANCEL = `mutation ($id: ID!) { cancelStallApplication(id: $id) { id status stallCode } }`;
const APPLICATIONS = `query ($id: ID!) { event(id: $id) { applications { id status stallCode exhibitorName contactName contactPhone } } }`;
const FREE = `query ($id: ID!) { event(id: $id) { categories { id freeStalls } } }`;
const EXHIBITORS = `query ($id: ID!) { event(id: $id) { exhibitors { name stallCode category { name } partner { id } } } }`;
const PARTNER_STALLS = `query ($r: [_Any!]!) {
  _entities(representations: $r) { ... on Partner { stalls { id exhibitorName stallCode contactName contactPhone } } }
}`;

function ok<T>(result: OperationResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const extensionsOf = (result: OperationResult<unknown>) => result.errors?.[0]?.extensions;

let phones = 0;
/** A fresh, valid mobile number: every applicant is someone else unless a test says otherwise. */
const phone = () => `09${String(20_000_000 + (phones += 1))}`;

function householdInput(category: StallCategory, input: Record<string, unknown> = {}) {
  return {
    categoryId: category.id,
    exhibitorKind: 'HOUSEHOLD',
    exhibitorName: `Hộ bà Lan ${phones + 1}`,
    contactName: 'Nguyễn Thị Lan',
    contactPhone: phone(),
    offering: 'Chè Thái Nguyên, mật ong',
    consent: GIVEN_CONSENT,
    ...input,
  };
}

/** Applies as a household (anonymous unless `as` is given). */
function apply(category: StallCategory, input: Record<string, unknown> = {}, as?: HubClaims) {
  return subgraph.execute(APPLY, { as, variables: { input: householdInput(category, input) } });
}

/** Applies as the fake tree's partner, with its own token. */
function applyAsPartner(category: StallCategory, input: Record<string, unknown> = {}, as: HubClaims = partner) {
  return apply(category, { exhibitorKind: 'PARTNER', partnerId: tree.partnerId, exhibitorName: 'Viettel Nghệ An', ...input }, as);
}

/** A decision on an application; `as` undefined is an anonymous caller. */
function decide(mutation: string, id: string, as: HubClaims | undefined) {
  return subgraph.execute(mutation, { as, variables: { id } });
}

const approve = async (id: string, as: HubClaims = organiser) => ok(await decide(APPROVE, id, as)).approveStallApplication;
const cancel = async (id: string, as: HubClaims = organiser) => ok(await decide(CANCEL, id, as)).cancelStallApplication;

/** An open fair of the commune with a category of `capacity` stalls coded K01, K02… */
async function openFair(
  { capacity = 3, admission = Admission.FIRST_COME, event: overrides = {} }: { capacity?: number; admission?: Admission; event?: Partial<Event> } = {},
) {
  const event = await fakeEvent(subgraph.db, tree.commune, overrides);
  const { category, stalls } = await fakeCategory(subgraph.db, event, { capacity, admission }, 'K');
  return { event, category, stalls };
}

async function freeStalls(event: Event, category: StallCategory): Promise<number> {
  const found = ok(await subgraph.execute(FREE, { variables: { id: event.id } })).event;
  return found.categories.find((candidate: { id: string }) => candidate.id === category.id).freeStalls;
}

/** The category's applications in the database: how many of each status, and the stalls held. */
async function inDatabase(category: StallCategory) {
  const rows = await subgraph.db.manager.findBy(StallApplication, { categoryId: category.id });
  const count = (status: ApplicationStatus) => rows.filter((row) => row.status === status).length;
  const stallIds = rows.flatMap((row) => (row.stallId ? [row.stallId] : []));
  return {
    rows: rows.length,
    approved: count(ApplicationStatus.APPROVED),
    waitlisted: count(ApplicationStatus.WAITLISTED),
    pending: count(ApplicationStatus.PENDING),
    stallIds,
  };
}

/** `count` pending applications to `category`, written one after another. */
async function pendingIn(category: StallCategory, count: number): Promise<StallApplication[]> {
  const made: StallApplication[] = [];
  for (let n = 0; n < count; n += 1) made.push(await fakeApplication(subgraph.db, category));
  return made;
}

async function statusOf(id: string): Promise<{ status: ApplicationStatus; stallId: string | null }> {
  const { status, stallId } = await subgraph.db.manager.findOneByOrFail(StallApplication, { id });
  return { status, stallId };
}

/** Everything an application writes: applications, audit entries, idempotency keys. */
async function written(): Promise<number[]> {
  const { manager } = subgraph.db;
  return [await manager.count(StallApplication), await manager.count(AuditEntry), await manager.count(IdempotencyKey)];
}

describe('first-come categories', () => {
  it('approve with stalls K01, K02, K03 in order while stalls remain, then waitlist; freeStalls counts down', async () => {
    const { event, category } = await openFair({ capacity: 3 });
    expect(await freeStalls(event, category)).toBe(3);

    const outcomes = [];
    for (let n = 0; n < 5; n += 1) {
      const applied = ok(await apply(category)).applyForStall;
      outcomes.push([applied.status, applied.stallCode, applied.category.freeStalls]);
    }
    expect(outcomes).toEqual([
      ['APPROVED', 'K01', 2],
      ['APPROVED', 'K02', 1],
      ['APPROVED', 'K03', 0],
      ['WAITLISTED', null, 0],
      ['WAITLISTED', null, 0],
    ]);
    expect(await freeStalls(event, category)).toBe(0);
    expect(await inDatabase(category)).toMatchObject({ rows: 5, approved: 3, waitlisted: 2, pending: 0 });
  });

  it('give out exactly as many stalls as there are to 20 concurrent applicants, never one stall twice', async () => {
    const { event, category, stalls } = await openFair({ capacity: 3 });
    const results = await Promise.all(Array.from({ length: 20 }, () => apply(category)));
    const applied = results.map((result) => ok(result).applyForStall);

    const approved = applied.filter((application) => application.status === 'APPROVED');
    expect(approved).toHaveLength(3);
    expect(applied.filter((application) => application.status === 'WAITLISTED')).toHaveLength(17);
    expect(approved.map((application) => application.stallCode).sort()).toEqual(['K01', 'K02', 'K03']);
    expect(applied.filter((application) => application.status === 'WAITLISTED').every((application) => application.stallCode === null)).toBe(true);
    expect(new Set(applied.map((application) => application.id)).size).toBe(20);

    const rows = await inDatabase(category);
    expect(rows).toMatchObject({ rows: 20, approved: 3, waitlisted: 17, pending: 0 });
    expect(new Set(rows.stallIds).size).toBe(3);
    expect(rows.stallIds.sort()).toEqual(stalls.map((stall) => stall.id).sort());
    expect(await freeStalls(event, category)).toBe(0);

    // First come, first served: in order of application the three served come first, the waitlist after,
    // and a stall given back goes to the head of the waitlist.
    const list = ok(await subgraph.execute(APPLICATIONS, { as: organiser, variables: { id: event.id } })).event.applications;
    expect(list.map((application: { stallCode: string | null }) => application.stallCode)).toEqual(['K01', 'K02', 'K03', ...Array(17).fill(null)]);
    await cancel(list[1].id);
    expect(await statusOf(list[3].id)).toEqual({ status: 'APPROVED', stallId: stalls[1].id });
    expect(await inDatabase(category)).toMatchObject({ approved: 3, waitlisted: 16 });
  });
});

describe('reviewed categories', () => {
  it('leave applications PENDING without a stall until the organisers decide', async () => {
    const { event, category } = await openFair({ capacity: 2, admission: Admission.REVIEWED });
    const applied = ok(await apply(category)).applyForStall;
    expect(applied).toMatchObject({ status: 'PENDING', stallCode: null, category: { freeStalls: 2 } });
    expect(await statusOf(applied.id)).toEqual({ status: 'PENDING', stallId: null });
    expect(await freeStalls(event, category)).toBe(2);
  });

  it('let the organiser approve (with a stall), reject and waitlist, and approve from the waitlist', async () => {
    const { event, category, stalls } = await openFair({ capacity: 2, admission: Admission.REVIEWED });
    const [a, b, c] = await pendingIn(category, 3);

    expect(await approve(a.id)).toMatchObject({ id: a.id, status: 'APPROVED', stallCode: 'K01', decidedAt: expect.any(String) });
    expect(ok(await decide(REJECT, b.id, organiser)).rejectStallApplication).toMatchObject({ status: 'REJECTED', stallCode: null, decidedAt: expect.any(String) });
    expect(ok(await decide(WAITLIST, c.id, organiser)).waitlistStallApplication).toMatchObject({ status: 'WAITLISTED', stallCode: null });
    expect(await freeStalls(event, category)).toBe(1);

    expect(await approve(c.id)).toMatchObject({ status: 'APPROVED', stallCode: 'K02' });
    expect(await statusOf(a.id)).toEqual({ status: 'APPROVED', stallId: stalls[0].id });
    expect(await statusOf(b.id)).toEqual({ status: 'REJECTED', stallId: null });
    expect(await statusOf(c.id)).toEqual({ status: 'APPROVED', stallId: stalls[1].id });
    expect(await freeStalls(event, category)).toBe(0);

    const trail = await subgraph.db.manager.findBy(AuditEntry, { entityId: a.id });
    expect(trail).toEqual([expect.objectContaining({ actor: 'organiser', action: 'approveStallApplication', entityType: 'StallApplication' })]);
  });

  it('waitlist an approval when every stall is taken', async () => {
    const { category } = await openFair({ capacity: 1, admission: Admission.REVIEWED });
    const [a, b] = await pendingIn(category, 2);
    expect(await approve(a.id)).toMatchObject({ status: 'APPROVED', stallCode: 'K01' });
    expect(await approve(b.id)).toMatchObject({ status: 'WAITLISTED', stallCode: null });
    expect(await inDatabase(category)).toMatchObject({ approved: 1, waitlisted: 1 });
  });

  it('refuse to reject, waitlist or re-approve an APPROVED application as a CONFLICT, changing nothing', async () => {
    const { category, stalls } = await openFair({ capacity: 1, admission: Admission.REVIEWED });
    const application = await fakeApplication(subgraph.db, category);
    await approve(application.id);
    const before = await written();
    expect(errorCodes(await decide(REJECT, application.id, organiser))).toEqual(['CONFLICT']);
    expect(errorCodes(await decide(WAITLIST, application.id, organiser))).toEqual(['CONFLICT']);
    expect(errorCodes(await decide(APPROVE, application.id, organiser))).toEqual(['CONFLICT']);
    expect(await statusOf(application.id)).toEqual({ status: 'APPROVED', stallId: stalls[0].id });
    expect(await written()).toEqual(before);
  });

  it('refuse to approve or waitlist a REJECTED or CANCELLED application', async () => {
    const { category } = await openFair({ capacity: 2, admission: Admission.REVIEWED });
    const rejected = await fakeApplication(subgraph.db, category, { status: ApplicationStatus.REJECTED });
    const cancelled = await fakeApplication(subgraph.db, category, { status: ApplicationStatus.CANCELLED });
    for (const id of [rejected.id, cancelled.id]) {
      expect(errorCodes(await decide(APPROVE, id, organiser))).toEqual(['CONFLICT']);
      expect(errorCodes(await decide(WAITLIST, id, organiser))).toEqual(['CONFLICT']);
    }
    expect(await inDatabase(category)).toMatchObject({ approved: 0, stallIds: [] });
  });

  it('give 3 stalls to 3 of 12 concurrent approvals and waitlist the other 9', async () => {
    const { event, category, stalls } = await openFair({ capacity: 3, admission: Admission.REVIEWED });
    const pending = await pendingIn(category, 12);

    const results = await Promise.all(pending.map((application) => decide(APPROVE, application.id, organiser)));
    const decided = results.map((result) => ok(result).approveStallApplication);
    const approved = decided.filter((application) => application.status === 'APPROVED');
    expect(approved.map((application) => application.stallCode).sort()).toEqual(['K01', 'K02', 'K03']);
    expect(decided.filter((application) => application.status === 'WAITLISTED')).toHaveLength(9);

    const rows = await inDatabase(category);
    expect(rows).toMatchObject({ rows: 12, approved: 3, waitlisted: 9, pending: 0 });
    expect(rows.stallIds.sort()).toEqual(stalls.map((stall) => stall.id).sort());
    expect(await freeStalls(event, category)).toBe(0);
  });

  it('answers NOT_FOUND for an unknown application', async () => {
    expect(extensionsOf(await decide(APPROVE, randomUUID(), organiser))).toMatchObject({ code: 'NOT_FOUND', type: 'StallApplication' });
  });
});

describe('concurrent traffic across one event', () => {
  it('keeps every category within its stalls under concurrent approvals, cancellations and applications', async () => {
    const event = await fakeEvent(subgraph.db, tree.commune);
    const reviewed = [
      await fakeCategory(subgraph.db, event, { capacity: 3, admission: Admission.REVIEWED }, 'A'),
      await fakeCategory(subgraph.db, event, { capacity: 3, admission: Admission.REVIEWED }, 'B'),
    ];
    const firstCome = await fakeCategory(subgraph.db, event, { capacity: 2 }, 'C');
    const holders: StallApplication[] = [];
    const pending: StallApplication[][] = [];
    for (const { category, stalls } of reviewed) {
      holders.push(await fakeApplication(subgraph.db, category, { status: ApplicationStatus.APPROVED, stallId: stalls[0].id }));
      pending.push(await pendingIn(category, 8));
    }

    const results = await Promise.all([
      ...pending.flat().map((application) => decide(APPROVE, application.id, organiser)),
      ...holders.map((holder) => decide(CANCEL, holder.id, organiser)),
      ...Array.from({ length: 6 }, () => apply(firstCome.category)),
    ]);
    results.forEach((result) => ok(result));

    for (const { category, stalls } of reviewed) {
      const rows = await inDatabase(category);
      // Whatever the order, the holder's stall goes back out: 3 of the 8 approved, 5 waitlisted, the holder cancelled.
      expect(rows).toMatchObject({ rows: 9, approved: 3, waitlisted: 5, pending: 0 });
      expect(rows.stallIds.sort()).toEqual(stalls.map((stall) => stall.id).sort());
    }
    const rows = await inDatabase(firstCome.category);
    expect(rows).toMatchObject({ rows: 6, approved: 2, waitlisted: 4 });
    expect(new Set(rows.stallIds).size).toBe(2);
  });
});

describe('cancelling and the waitlist', () => {
  it('gives a cancelled stall to the first waitlisted applicant, in order of application, skipping cancelled ones', async () => {
    const { event, category, stalls } = await openFair({ capacity: 2 });
    const ids: string[] = [];
    for (let n = 0; n < 5; n += 1) ids.push(ok(await apply(category)).applyForStall.id);
    const [first, second, waiting1, waiting2, waiting3] = ids;

    expect(await cancel(first)).toEqual({ id: first, status: 'CANCELLED', stallCode: null });
    expect(await statusOf(first)).toEqual({ status: 'CANCELLED', stallId: null });
    expect(await statusOf(waiting1)).toEqual({ status: 'APPROVED', stallId: stalls[0].id });
    expect(await statusOf(waiting2)).toEqual({ status: 'WAITLISTED', stallId: null });
    expect(await freeStalls(event, category)).toBe(0);
    const promotion = await subgraph.db.manager.findBy(AuditEntry, { entityId: waiting1, action: 'promoteFromWaitlist' });
    expect(promotion).toHaveLength(1);

    // Cancelling a waitlisted application frees nothing and promotes nobody.
    expect(await cancel(waiting2)).toMatchObject({ status: 'CANCELLED', stallCode: null });
    expect(await statusOf(waiting3)).toEqual({ status: 'WAITLISTED', stallId: null });

    expect(await cancel(second)).toMatchObject({ status: 'CANCELLED' });
    expect(await statusOf(waiting3)).toEqual({ status: 'APPROVED', stallId: stalls[1].id });

    const list = ok(await subgraph.execute(APPLICATIONS, { as: organiser, variables: { id: event.id } })).event.applications;
    expect(list.map((application: { id: string; status: string; stallCode: string | null }) => [application.id, application.status, application.stallCode])).toEqual([
      [first, 'CANCELLED', null],
      [second, 'CANCELLED', null],
      [waiting1, 'APPROVED', 'K01'],
      [waiting2, 'CANCELLED', null],
      [waiting3, 'APPROVED', 'K02'],
    ]);
  });

  it('promotes by time of application, not by the order rows were written', async () => {
    const { category, stalls } = await openFair({ capacity: 1, admission: Admission.REVIEWED });
    const holder = await fakeApplication(subgraph.db, category, { status: ApplicationStatus.APPROVED, stallId: stalls[0].id });
    const later = await fakeApplication(subgraph.db, category, { status: ApplicationStatus.WAITLISTED, appliedAt: new Date('2099-01-01T08:00:02Z') });
    const earlier = await fakeApplication(subgraph.db, category, { status: ApplicationStatus.WAITLISTED, appliedAt: new Date('2099-01-01T08:00:01Z') });
    await cancel(holder.id);
    expect(await statusOf(earlier.id)).toEqual({ status: 'APPROVED', stallId: stalls[0].id });
    expect(await statusOf(later.id)).toEqual({ status: 'WAITLISTED', stallId: null });
  });

  it('promotes nobody when a pending application is cancelled', async () => {
    const { category, stalls } = await openFair({ capacity: 1, admission: Admission.REVIEWED });
    await fakeApplication(subgraph.db, category, { status: ApplicationStatus.APPROVED, stallId: stalls[0].id });
    const pending = await fakeApplication(subgraph.db, category);
    const waiting = await fakeApplication(subgraph.db, category, { status: ApplicationStatus.WAITLISTED });
    expect(await cancel(pending.id)).toMatchObject({ status: 'CANCELLED', stallCode: null });
    expect(await statusOf(waiting.id)).toEqual({ status: 'WAITLISTED', stallId: null });
    expect(await subgraph.db.manager.countBy(AuditEntry, { action: 'promoteFromWaitlist', entityId: waiting.id })).toBe(0);
  });

  it('frees the stall when nobody is waiting', async () => {
    const { event, category } = await openFair({ capacity: 2 });
    const { id } = ok(await apply(category)).applyForStall;
    expect(await freeStalls(event, category)).toBe(1);
    await cancel(id);
    expect(await freeStalls(event, category)).toBe(2);
    expect(ok(await apply(category)).applyForStall).toMatchObject({ status: 'APPROVED', stallCode: 'K01' });
  });

  it('refuses to cancel twice, or a rejected application, as a CONFLICT writing nothing', async () => {
    const { category } = await openFair({ capacity: 1 });
    const { id } = ok(await apply(category)).applyForStall;
    const waiting = ok(await apply(category)).applyForStall;
    await cancel(id);
    expect(await statusOf(waiting.id)).toMatchObject({ status: 'APPROVED' });
    const rejected = await fakeApplication(subgraph.db, category, { status: ApplicationStatus.REJECTED });
    const before = await written();
    expect(errorCodes(await decide(CANCEL, id, organiser))).toEqual(['CONFLICT']);
    expect(errorCodes(await decide(CANCEL, rejected.id, organiser))).toEqual(['CONFLICT']);
    expect(await written()).toEqual(before);
    expect(await statusOf(waiting.id)).toMatchObject({ status: 'APPROVED' });
  });
});

describe('refusals, each writing nothing', () => {
  it.each([
    [EventStatus.PUBLISHED, 'CONFLICT'],
    [EventStatus.CLOSED, 'CONFLICT'],
    [EventStatus.HELD, 'CONFLICT'],
    [EventStatus.CANCELLED, 'CONFLICT'],
    [EventStatus.DRAFT, 'NOT_FOUND'],
  ])('refuses applications to a %s event from the public with %s', async (status, code) => {
    const { category } = await openFair({ event: { status } });
    const before = await written();
    expect(errorCodes(await apply(category, { idempotencyKey: `status-${status}` }))).toEqual([code]);
    expect(errorCodes(await applyAsPartner(category))).toEqual([code]);
    expect(await written()).toEqual(before);
  });

  it('refuses an application to a draft as a CONFLICT even from its organiser', async () => {
    const { category } = await openFair({ event: { status: EventStatus.DRAFT } });
    const before = await written();
    expect(errorCodes(await apply(category, {}, organiser))).toEqual(['CONFLICT']);
    expect(await written()).toEqual(before);
  });

  it('refuses applications after the deadline, and takes them on the deadline itself', async () => {
    const today = todayInVietnam();
    const { category: past } = await openFair({ event: { applicationDeadline: addDays(today, -1) } });
    const before = await written();
    expect(errorCodes(await apply(past))).toEqual(['CONFLICT']);
    expect(await written()).toEqual(before);

    const { category: lastDay } = await openFair({ event: { applicationDeadline: today } });
    expect(ok(await apply(lastDay)).applyForStall.status).toBe('APPROVED');
  });

  it('refuses the same phone twice in one category (also written +84…), but takes it in another category', async () => {
    const { event, category } = await openFair({ capacity: 5 });
    const contactPhone = phone();
    ok(await apply(category, { contactPhone }));
    const before = await written();
    expect(errorCodes(await apply(category, { contactPhone, exhibitorName: 'Hộ khác' }))).toEqual(['CONFLICT']);
    expect(errorCodes(await apply(category, { contactPhone: `+84${contactPhone.slice(1)}` }))).toEqual(['CONFLICT']);
    expect(errorCodes(await apply(category, { contactPhone, exhibitorKind: 'COOPERATIVE', idempotencyKey: 'same-phone-1' }))).toEqual(['CONFLICT']);
    expect(await written()).toEqual(before);

    const { category: other } = await fakeCategory(subgraph.db, event, { capacity: 1 }, 'L');
    expect(ok(await apply(other, { contactPhone })).applyForStall).toMatchObject({ status: 'APPROVED', stallCode: 'L01' });
  });

  it('refuses the same partner twice in one category, whatever phone it gives', async () => {
    const { category } = await openFair({ capacity: 5 });
    ok(await applyAsPartner(category));
    const before = await written();
    expect(errorCodes(await applyAsPartner(category))).toEqual(['CONFLICT']);
    expect(errorCodes(await applyAsPartner(category, { exhibitorName: 'Viettel chi nhánh 2' }, admin))).toEqual(['CONFLICT']);
    expect(await written()).toEqual(before);
  });

  it('takes only one of two concurrent applications by the same exhibitor', async () => {
    const { category } = await openFair({ capacity: 5 });
    const contactPhone = phone();
    const byPhone = await Promise.all([apply(category, { contactPhone }), apply(category, { contactPhone, exhibitorName: 'Hộ khác' })]);
    expect(byPhone.map(errorCodes).sort()).toEqual([[], ['CONFLICT']]);
    const byPartner = await Promise.all([applyAsPartner(category), applyAsPartner(category, { contactPhone: phone() })]);
    expect(byPartner.map(errorCodes).sort()).toEqual([[], ['CONFLICT']]);
    expect(await inDatabase(category)).toMatchObject({ rows: 2, approved: 2 });
  });

  it.each([
    ['a bad phone', { contactPhone: '12345' }, 'contactPhone'],
    ['a phone with letters', { contactPhone: '09123abc78' }, 'contactPhone'],
    ['a PARTNER exhibitor without partnerId', { exhibitorKind: 'PARTNER' }, 'partnerId'],
    ['a partnerId for a HOUSEHOLD', { exhibitorKind: 'HOUSEHOLD', partnerId: tree.partnerId }, 'partnerId'],
    ['a partnerId for a BUSINESS', { exhibitorKind: 'BUSINESS', partnerId: tree.partnerId }, 'partnerId'],
  ])('refuses %s, naming the field', async (_why, input, field) => {
    const { category } = await openFair();
    const before = await written();
    expect(extensionsOf(await apply(category, input, partner))).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await written()).toEqual(before);
  });

  it('refuses a partner applying for another partner (FORBIDDEN), and anyone unsigned applying as a partner', async () => {
    const { category } = await openFair();
    const before = await written();
    expect(errorCodes(await applyAsPartner(category, {}, otherPartner))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await applyAsPartner(category, {}, organiser))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await applyAsPartner(category, { partnerId: randomUUID() }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.execute(APPLY, { variables: { input: householdInput(category, { exhibitorKind: 'PARTNER', partnerId: tree.partnerId }) } }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(await written()).toEqual(before);
  });

  it('answers NOT_FOUND for an unknown category', async () => {
    const before = await written();
    const result = await subgraph.execute(APPLY, { variables: { input: { ...householdInput({ id: randomUUID() } as StallCategory) } } });
    expect(extensionsOf(result)).toMatchObject({ code: 'NOT_FOUND', type: 'StallCategory' });
    expect(await written()).toEqual(before);
  });
});

describe('idempotency', () => {
  it('gives the same application back for a retry with the same key, writing one row', async () => {
    const { category } = await openFair({ capacity: 1 });
    const input = householdInput(category, { idempotencyKey: 'apply-retry-1' });
    const first = ok(await subgraph.execute(APPLY, { variables: { input } })).applyForStall;
    const retry = ok(await subgraph.execute(APPLY, { variables: { input } })).applyForStall;
    expect(retry.id).toBe(first.id);
    expect(retry).toMatchObject({ status: 'APPROVED', stallCode: 'K01' });
    expect(await inDatabase(category)).toMatchObject({ rows: 1, approved: 1 });
  });

  it('refuses the same key with other input as a CONFLICT', async () => {
    const { category } = await openFair();
    const input = householdInput(category, { idempotencyKey: 'apply-conflict-1' });
    ok(await subgraph.execute(APPLY, { variables: { input } }));
    const before = await written();
    const result = await subgraph.execute(APPLY, { variables: { input: { ...input, offering: 'Bánh chưng' } } });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(await written()).toEqual(before);
  });

  it('keeps anonymous keys apart per applicant: two households may happen to use the same key', async () => {
    const { category } = await openFair();
    const first = ok(await apply(category, { idempotencyKey: 'shared-key-1' })).applyForStall;
    const second = ok(await apply(category, { idempotencyKey: 'shared-key-1' })).applyForStall;
    expect(second.id).not.toBe(first.id);
    expect(await inDatabase(category)).toMatchObject({ rows: 2, approved: 2 });
  });

  it('makes one application of 5 concurrent calls with one key', async () => {
    const { category } = await openFair({ capacity: 3 });
    const input = householdInput(category, { idempotencyKey: 'apply-together-1' });
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => subgraph.execute(APPLY, { variables: { input } })));
    const applied = results.map((result) => ok(result).applyForStall);
    expect(new Set(applied.map((application) => application.id)).size).toBe(1);
    expect(applied.every((application) => application.status === 'APPROVED' && application.stallCode === 'K01')).toBe(true);
    expect(await inDatabase(category)).toMatchObject({ rows: 1, approved: 1 });
    expect(await subgraph.db.manager.countBy(IdempotencyKey, { key: 'apply-together-1' })).toBe(1);
  });

  it('leaves the key free after a refused attempt', async () => {
    const { category } = await openFair();
    const input = householdInput(category, { idempotencyKey: 'apply-refused-1', partnerId: tree.partnerId });
    expect(extensionsOf(await subgraph.execute(APPLY, { variables: { input } }))).toMatchObject({ field: 'partnerId' });
    const fixed: Record<string, unknown> = { ...input };
    delete fixed.partnerId;
    expect(ok(await subgraph.execute(APPLY, { variables: { input: fixed } })).applyForStall.status).toBe('APPROVED');
  });
});

describe('who may do what', () => {
  it('lets anyone apply as a household, signed in or not', async () => {
    const { category } = await openFair({ capacity: 5 });
    for (const as of [undefined, leader, otherPartner, officerElsewhere]) {
      expect(ok(await apply(category, {}, as)).applyForStall).toMatchObject({ status: 'APPROVED', exhibitorKind: 'HOUSEHOLD', partner: null });
    }
  });

  it('lets a partner apply for itself, and an admin for any partner', async () => {
    const { category } = await openFair({ capacity: 5 });
    expect(ok(await applyAsPartner(category)).applyForStall).toMatchObject({ status: 'APPROVED', exhibitorKind: 'PARTNER', partner: { id: tree.partnerId } });
    const elsewhere = randomUUID();
    expect(ok(await applyAsPartner(category, { partnerId: elsewhere }, admin)).applyForStall.partner).toEqual({ id: elsewhere });
  });

  it.each([
    ['the event’s organiser', organiser],
    ['an officer over the event’s unit', officer],
    ['an admin', admin],
  ])('lets %s approve, reject and waitlist', async (_who, as) => {
    const { category } = await openFair({ capacity: 3, admission: Admission.REVIEWED });
    const [a, b, c] = await pendingIn(category, 3);
    expect(ok(await decide(APPROVE, a.id, as)).approveStallApplication.status).toBe('APPROVED');
    expect(ok(await decide(REJECT, b.id, as)).rejectStallApplication.status).toBe('REJECTED');
    expect(ok(await decide(WAITLIST, c.id, as)).waitlistStallApplication.status).toBe('WAITLISTED');
    expect(ok(await decide(CANCEL, a.id, as)).cancelStallApplication.status).toBe('CANCELLED');
  });

  it.each([
    ['an organiser of another event', otherOrganiser, 'FORBIDDEN'],
    ['an officer elsewhere', officerElsewhere, 'FORBIDDEN'],
    ['a team leader', leader, 'FORBIDDEN'],
    ['a partner', partner, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s any decision, writing nothing', async (_who, as, code) => {
    const { category } = await openFair({ capacity: 3, admission: Admission.REVIEWED });
    await fakeEvent(subgraph.db, tree.commune, {}, { organiser: 'other-organiser' });
    const application = await fakeApplication(subgraph.db, category);
    const approved = await fakeApplication(subgraph.db, category);
    await approve(approved.id);
    const before = await written();
    for (const mutation of [APPROVE, REJECT, WAITLIST, CANCEL]) {
      expect(errorCodes(await decide(mutation, application.id, as))).toEqual([code]);
    }
    expect(errorCodes(await decide(CANCEL, approved.id, as))).toEqual([code]);
    expect(await statusOf(application.id)).toEqual({ status: 'PENDING', stallId: null });
    expect((await statusOf(approved.id)).status).toBe('APPROVED');
    expect(await written()).toEqual(before);
  });

  it('lets a partner cancel its own application but not another’s, nor decide on its own', async () => {
    const { category } = await openFair({ capacity: 1 });
    const own = ok(await applyAsPartner(category)).applyForStall;
    const someoneElses = ok(await apply(category)).applyForStall;
    expect(someoneElses.status).toBe('WAITLISTED');
    expect(errorCodes(await decide(CANCEL, someoneElses.id, partner))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await decide(CANCEL, own.id, otherPartner))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await decide(REJECT, own.id, partner))).toEqual(['FORBIDDEN']);

    expect(ok(await decide(CANCEL, own.id, partner)).cancelStallApplication.status).toBe('CANCELLED');
    expect(await statusOf(someoneElses.id)).toMatchObject({ status: 'APPROVED' });
  });
});

describe('personal data', () => {
  it('shows contact details to the organisers, officers over the unit and admins', async () => {
    const { event, category } = await openFair();
    const { id } = ok(await apply(category, { contactName: 'Trần Văn Bình', contactPhone: '0987654321' })).applyForStall;
    for (const as of [organiser, officer, admin]) {
      const list = ok(await subgraph.execute(APPLICATIONS, { as, variables: { id: event.id } })).event.applications;
      expect(list).toEqual([expect.objectContaining({ id, contactName: 'Trần Văn Bình', contactPhone: '0987654321' })]);
    }
  });

  it('shows a partner its own contact details, and hides them from others with FORBIDDEN or UNAUTHENTICATED', async () => {
    const { category } = await openFair();
    const CONTACT = `mutation ($input: StallApplicationInput!) { applyForStall(input: $input) { id contactName contactPhone } }`;
    // A partner of its own, so its stalls are only this test's.
    const partnerId = randomUUID();
    const staff: HubClaims = { sub: 'hoa-staff', roles: [Role.PARTNER], partner: partnerId };
    const input = householdInput(category, { exhibitorKind: 'PARTNER', partnerId, exhibitorName: 'VNPT Nghệ An', contactName: 'Lê Thị Hoa', contactPhone: '0911222333' });
    const own = await subgraph.execute(CONTACT, { as: staff, variables: { input } });
    expect(ok(own).applyForStall).toMatchObject({ contactName: 'Lê Thị Hoa', contactPhone: '0911222333' });

    const representations = [{ __typename: 'Partner', id: partnerId }];
    const mine = await subgraph.execute(PARTNER_STALLS, { as: staff, variables: { r: representations } });
    expect(ok(mine)._entities[0].stalls).toEqual([expect.objectContaining({ contactName: 'Lê Thị Hoa', contactPhone: '0911222333' })]);

    for (const [as, code] of [
      [otherPartner, 'FORBIDDEN'],
      [leader, 'FORBIDDEN'],
      [officerElsewhere, 'FORBIDDEN'],
      [otherOrganiser, 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const) {
      const result = await subgraph.execute(PARTNER_STALLS, { as, variables: { r: representations } });
      expect(result.data?._entities[0].stalls).toEqual([
        { id: own.data!.applyForStall.id, exhibitorName: 'VNPT Nghệ An', stallCode: 'K01', contactName: null, contactPhone: null },
      ]);
      expect(errorCodes(result)).toEqual([code, code]);
    }
  });

  it('hides a household’s contact details even from the anonymous caller who just applied', async () => {
    const { category } = await openFair();
    const result = await subgraph.execute(`mutation ($input: StallApplicationInput!) { applyForStall(input: $input) { status contactPhone } }`, {
      variables: { input: householdInput(category) },
    });
    expect(result.data?.applyForStall).toEqual({ status: 'APPROVED', contactPhone: null });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });

  it('lists an event’s applications for its organisers only', async () => {
    const { event, category } = await openFair();
    ok(await apply(category));
    for (const [as, code] of [
      [otherOrganiser, 'FORBIDDEN'],
      [officerElsewhere, 'FORBIDDEN'],
      [leader, 'FORBIDDEN'],
      [partner, 'FORBIDDEN'],
      [undefined, 'UNAUTHENTICATED'],
    ] as const) {
      const result = await subgraph.execute(APPLICATIONS, { as, variables: { id: event.id } });
      expect(result.data?.event).toEqual({ applications: null });
      expect(errorCodes(result)).toEqual([code]);
    }
  });

  it('shows the public the approved exhibitors’ names and stall codes only', async () => {
    const { event, category } = await openFair({ capacity: 2 });
    ok(await apply(category, { exhibitorKind: 'COOPERATIVE', exhibitorName: 'HTX Chè Tân Cương' }));
    ok(await applyAsPartner(category, { exhibitorName: 'Viettel Nghệ An' }));
    ok(await apply(category, { exhibitorName: 'Hộ chờ' }));
    const { category: reviewed } = await fakeCategory(subgraph.db, event, { capacity: 2, admission: Admission.REVIEWED }, 'R');
    ok(await apply(reviewed, { exhibitorName: 'Hộ đang xét' }));

    const result = await subgraph.execute(EXHIBITORS, { variables: { id: event.id } });
    expect(ok(result).event.exhibitors).toEqual([
      { name: 'HTX Chè Tân Cương', stallCode: 'K01', category: { name: category.name }, partner: null },
      { name: 'Viettel Nghệ An', stallCode: 'K02', category: { name: category.name }, partner: { id: tree.partnerId } },
    ]);
    const type = ok(await subgraph.execute(`{ __type(name: "Exhibitor") { fields { name } } }`)).__type;
    expect(type.fields.map((field: { name: string }) => field.name).sort()).toEqual(['category', 'name', 'partner', 'stallCode']);
  });
});

describe('query cost', () => {
  const EVENT = `query ($id: ID!) {
    event(id: $id) {
      applications { stallCode category { name } partner { id } contactName }
      categories { freeStalls }
      exhibitors { name stallCode }
    }
  }`;

  /** A fair with two categories and `count` applications, half approved, every third from a partner. */
  async function fairWith(count: number): Promise<Event> {
    const event = await fakeEvent(subgraph.db, tree.commune);
    const categories = [await fakeCategory(subgraph.db, event, { capacity: 10 }, 'A'), await fakeCategory(subgraph.db, event, { capacity: 10 }, 'B')];
    for (let n = 0; n < count; n += 1) {
      const { category, stalls } = categories[n % 2];
      const approved = n % 4 < 2;
      await fakeApplication(subgraph.db, category, {
        status: approved ? ApplicationStatus.APPROVED : ApplicationStatus.PENDING,
        stallId: approved ? stalls[Math.floor(n / 2)].id : null,
        ...(n % 3 === 0 ? { exhibitorKind: ExhibitorKind.PARTNER, partnerId: randomUUID() } : {}),
      });
    }
    return event;
  }

  async function cost(event: Event, expected: number): Promise<number> {
    return subgraph.countQueries(async () => {
      const found = ok(await subgraph.execute(EVENT, { as: organiser, variables: { id: event.id } })).event;
      expect(found.applications).toHaveLength(expected);
      expect(found.applications.every((application: { contactName: string }) => application.contactName === 'Người liên hệ')).toBe(true);
      expect(found.exhibitors.length).toBeGreaterThan(0);
    });
  }

  it('costs the same number of SQL queries for 2 applications as for 10', async () => {
    const small = await cost(await fairWith(2), 2);
    const large = await cost(await fairWith(10), 10);
    expect(large).toBe(small);
  });

  /** A first-come category whose 2 stalls are taken, with `waiting` applications on its waitlist. */
  async function fullCategoryWith(waiting: number): Promise<StallCategory> {
    const { category, stalls } = await openFair({ capacity: 2 });
    for (const stall of stalls) await fakeApplication(subgraph.db, category, { status: ApplicationStatus.APPROVED, stallId: stall.id });
    for (let n = 0; n < waiting; n += 1) await fakeApplication(subgraph.db, category, { status: ApplicationStatus.WAITLISTED });
    return category;
  }

  async function applyToWaitlist(category: StallCategory): Promise<void> {
    expect(ok(await apply(category, { idempotencyKey: randomUUID() })).applyForStall.status).toBe('WAITLISTED');
  }

  it('applies with as many SQL statements behind a waitlist of 30 as behind one of 3', async () => {
    const short = await fullCategoryWith(3);
    const long = await fullCategoryWith(30);
    const behindLong = await subgraph.countQueries(() => applyToWaitlist(long));
    expect(behindLong).toBe(await subgraph.countQueries(() => applyToWaitlist(short)));
    // On MariaDB: START (the connection is at READ COMMITTED already), the key claimed (inserted,
    // not read first), the consent, the category and its event in one locking read, the first free
    // stall, the application (a second one of the exhibitor refused by its unique index, not read
    // first), the audit entry, the outbox event, COMMIT; then the answer's freeStalls.
    if (subgraph.db.isMysql) expect(behindLong).toBe(10);
  });

  it('writes the consent before taking the category’s lock, which every application to the category waits for', async () => {
    const category = await fullCategoryWith(3);
    const statements = await subgraph.statementsOf(() => applyToWaitlist(category));
    const consent = statements.findIndex((sql) => /^INSERT INTO [`"]consent[`"]/.test(sql));
    const categoryRead = statements.findIndex((sql) => /FROM [`"]stall_category[`"]/.test(sql));
    expect(consent).toBeGreaterThanOrEqual(0);
    expect(categoryRead).toBeGreaterThan(consent);
  });

  it('reads the category’s applications only through unique indexes while applying, never its waitlist (MariaDB)', async () => {
    if (!subgraph.db.isMysql) return; // the plan is MariaDB's: SQLite runs one write at a time and locks nothing
    const category = await fullCategoryWith(30);
    await subgraph.db.manager.query('ANALYZE TABLE stall_application, stall');
    const plans = await subgraph.explainQueries(() => subgraph.execute(APPLY.replace('category { id freeStalls }', ''), {
      variables: { input: householdInput(category, { idempotencyKey: randomUUID() }) },
    }), /FROM `stall_application`|`stall_application` `held`/);
    const applicationReads = plans.flat().filter((step) => step.key?.includes('stall_application') || step.table === 'held');
    expect(applicationReads.length).toBeGreaterThan(0);
    expect(applicationReads.map((step) => step.key)).toEqual(applicationReads.map(() => expect.stringMatching(/^UQ_stall_application_(stall|exhibitor)$/)));
  });
});
