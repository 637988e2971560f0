import { AuditEntry } from '../../common/audit';
import { MAX_FAILED_LOOKUPS } from '../../common/reference-codes';
import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import { events } from '..';
import { StallApplication, type StallCategory } from '../entities';
import { fakeCategory, fakeEvent, fakeTree } from '../testing/factories';
import { GIVEN_CONSENT } from '../../common/testing/consent';

/** Households without an account find and withdraw their stall application by phone and reference code. */
const tree = fakeTree();
const { organiser } = tree.callers;
let subgraph: TestSubgraph;

beforeAll(async () => {
  subgraph = await createTestSubgraph(events, tree.units);
});
afterAll(() => subgraph.close());

const APPLY = `mutation ($input: StallApplicationInput!) { applyForStall(input: $input) { id status stallCode referenceCode } }`;
const LOOK_UP = `query ($input: ApplicationReferenceInput!) {
  stallApplicationByReference(input: $input) { id status stallCode exhibitorName referenceCode category { name } event { title } }
}`;
const WITHDRAW = `mutation ($input: ApplicationReferenceInput!) { withdrawStallApplication(input: $input) { id status stallCode } }`;

function ok<T>(result: OperationResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

let phones = 0;
const phone = () => `09${String(30_000_000 + (phones += 1))}`;

async function openCategory(capacity = 1): Promise<StallCategory> {
  const event = await fakeEvent(subgraph.db, tree.commune);
  return (await fakeCategory(subgraph.db, event, { capacity })).category;
}

async function apply(category: StallCategory, contactPhone = phone(), idempotencyKey?: string) {
  const input = { categoryId: category.id, exhibitorKind: 'HOUSEHOLD', exhibitorName: `Hộ ông Sầm ${phones}`, contactName: 'Sầm Văn Bảy', contactPhone, offering: 'Măng rừng', idempotencyKey, consent: GIVEN_CONSENT };
  return { ...ok(await subgraph.execute(APPLY, { variables: { input } })).applyForStall, contactPhone };
}

const lookUp = (phoneNumber: string, referenceCode: string) => subgraph.execute(LOOK_UP, { variables: { input: { phone: phoneNumber, referenceCode } } });

it('gives the applicant a reference code in the answer to applyForStall only, the same on a retry', async () => {
  const category = await openCategory();
  const first = await apply(category, phone(), 'reference-retry');
  expect(first.referenceCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
  const retry = await apply(category, first.contactPhone, 'reference-retry');
  expect(retry).toMatchObject({ id: first.id, referenceCode: first.referenceCode });
  // Nobody reads it back: not the applicant's look-up, not the organisers.
  expect(ok(await lookUp(first.contactPhone, first.referenceCode!)).stallApplicationByReference.referenceCode).toBeNull();
  const listed = ok(await subgraph.execute(`query ($id: ID!) { event(id: $id) { applications { referenceCode } } }`, { as: organiser, variables: { id: category.eventId } }));
  expect(listed.event.applications).toEqual([{ referenceCode: null }]);
});

it('finds the application by phone and code as people type them back (+84, spaces, lower case, dashes)', async () => {
  const category = await openCategory();
  const applied = await apply(category, '0912 000 111'.replace(/ /g, ''));
  const typed = `${applied.referenceCode!.slice(0, 4).toLowerCase()}-${applied.referenceCode!.slice(4)}`;
  const found = ok(await lookUp('+84912000111', typed)).stallApplicationByReference;
  expect(found).toMatchObject({ id: applied.id, status: 'APPROVED', stallCode: applied.stallCode, category: { name: category.name } });
});

it('answers a wrong phone and a wrong code alike, and locks the code after a few wrong phones', async () => {
  const category = await openCategory();
  const applied = await apply(category);
  const wrongCode = await lookUp(applied.contactPhone, 'ZZZZZZZZ');
  expect(errorCodes(wrongCode)).toEqual(['NOT_FOUND']);
  expect(wrongCode.errors?.[0].extensions?.field).toBe('referenceCode');
  for (let attempt = 0; attempt < MAX_FAILED_LOOKUPS; attempt += 1) {
    const wrongPhone = await lookUp('0999999999', applied.referenceCode!);
    expect(errorCodes(wrongPhone)).toEqual(['NOT_FOUND']);
    expect(wrongPhone.errors?.[0].message).toBe(wrongCode.errors?.[0].message);
  }
  expect(errorCodes(await lookUp(applied.contactPhone, applied.referenceCode!))).toEqual(['TOO_MANY_ATTEMPTS']);
  expect(errorCodes(await subgraph.execute(WITHDRAW, { variables: { input: { phone: applied.contactPhone, referenceCode: applied.referenceCode } } }))).toEqual([
    'TOO_MANY_ATTEMPTS',
  ]);
  expect((await subgraph.db.manager.findOneByOrFail(StallApplication, { id: applied.id })).status).toBe('APPROVED');
});

it('refuses a phone that is not a phone number as BAD_USER_INPUT naming the field', async () => {
  const result = await lookUp('12345', 'ABCDEFGH');
  expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  expect(result.errors?.[0].extensions?.field).toBe('phone');
});

it('lets the applicant withdraw: the stall goes to the first on the waitlist, audited; a second withdrawal is a CONFLICT', async () => {
  const category = await openCategory(1);
  const holder = await apply(category);
  const waiting = await apply(category);
  expect([holder.status, waiting.status]).toEqual(['APPROVED', 'WAITLISTED']);
  const input = { phone: holder.contactPhone, referenceCode: holder.referenceCode };

  const withdrawn = ok(await subgraph.execute(WITHDRAW, { variables: { input } })).withdrawStallApplication;
  expect(withdrawn).toMatchObject({ id: holder.id, status: 'CANCELLED', stallCode: null });
  const promoted = ok(await lookUp(waiting.contactPhone, waiting.referenceCode!)).stallApplicationByReference;
  expect(promoted).toMatchObject({ status: 'APPROVED', stallCode: holder.stallCode });
  const actions = (await subgraph.db.manager.findBy(AuditEntry, {})).filter((entry) => [holder.id, waiting.id].includes(entry.entityId)).map((entry) => entry.action);
  expect(actions).toEqual(expect.arrayContaining(['withdrawStallApplication', 'promoteFromWaitlist']));

  expect(errorCodes(await subgraph.execute(WITHDRAW, { variables: { input } }))).toEqual(['CONFLICT']);
  expect(errorCodes(await subgraph.execute(WITHDRAW, { variables: { input: { ...input, phone: waiting.contactPhone } } }))).toEqual(['NOT_FOUND']);
});

it('keeps the phone sealed and only its keyed hash in the exhibitor key; the other form of the phone is the same exhibitor', async () => {
  const category = await openCategory(2);
  const applied = await apply(category, '+84912000222');
  const [row] = await subgraph.db.manager.query('SELECT contactPhone, contactPhoneHash, exhibitorKey FROM stall_application WHERE id = ?', [applied.id]);
  expect(JSON.stringify(row)).not.toContain('912000222');
  expect(row).toEqual({ contactPhone: expect.stringMatching(/^[a-z0-9-]+:[A-Za-z0-9_-]+$/), contactPhoneHash: expect.stringMatching(/^[0-9a-f]{64}$/), exhibitorKey: `phone:${row.contactPhoneHash}` });

  const again = await subgraph.execute(APPLY, {
    variables: { input: { categoryId: category.id, exhibitorKind: 'HOUSEHOLD', exhibitorName: 'Hộ ông Sầm', contactName: 'Sầm Văn Bảy', contactPhone: '0912000222', offering: 'Măng rừng', consent: GIVEN_CONSENT } },
  });
  expect(errorCodes(again)).toEqual(['CONFLICT']);
  expect(ok(await lookUp('0912000222', applied.referenceCode!)).stallApplicationByReference.id).toBe(applied.id);
});
