import { createTestSubgraph, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import { resources } from '..';
import { Allocation, AllocationCode, type Gift } from '../entities';
import { fakeGiftLot, fakeProgramme, fakeTree } from '../testing/factories';
import { GIVEN_CONSENT } from '../../common/testing/consent';

/** Which codes (serials, keys) of a lot went to whom: one per item, each once, never public. */
let subgraph: TestSubgraph;
const tree = fakeTree();
const { officer } = tree.callers;

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
});
afterAll(() => subgraph.close());

const ALLOCATE = `mutation ($input: AllocationInput!) { allocateGift(input: $input) { id quantity codes } }`;
const SERIALS = ['8984 0400 0000 0001', '8984 0400 0000 0002', '8984 0400 0000 0003', '8984 0400 0000 0004'];

function allocate(gift: Gift, input: Record<string, unknown>) {
  return subgraph.execute(ALLOCATE, {
    as: officer,
    variables: { input: { giftId: gift.id, quantity: 1, recipientKind: 'HOUSEHOLD', household: 'Hộ bà Lò Thị Xuân', issuedOn: '2025-10-05', consent: GIVEN_CONSENT, ...input } },
  });
}

const fieldOf = (result: OperationResult<unknown>) => result.errors?.[0]?.extensions;

async function simLot(): Promise<Gift> {
  const programme = await fakeProgramme(subgraph.db, tree.commune);
  return fakeGiftLot(subgraph.db, programme, SERIALS.length, { codes: SERIALS.join('\n') });
}

it('says which codes went to a household, each once within the lot', async () => {
  const gift = await simLot();
  const first = await allocate(gift, { quantity: 2, codes: [SERIALS[2], SERIALS[0]] });
  expect(first.errors).toBeUndefined();
  expect(first.data!.allocateGift).toMatchObject({ quantity: 2, codes: [SERIALS[0], SERIALS[2]] });

  const again = await allocate(gift, { quantity: 2, codes: [SERIALS[1], SERIALS[2]] });
  expect(fieldOf(again)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'codes.1' });
  expect(again.errors![0].message).toContain('đã được cấp');
  expect(await subgraph.db.manager.countBy(Allocation, { giftId: gift.id })).toBe(1);
  expect(await subgraph.db.manager.countBy(AllocationCode, { giftId: gift.id })).toBe(2);
});

it.each([
  ['fewer codes than items', { quantity: 2, codes: [SERIALS[0]] }, 'codes'],
  ['no codes from a lot that has them', { quantity: 1 }, 'codes'],
  ['a code the lot does not hold', { quantity: 1, codes: ['8984 9999'] }, 'codes.0'],
  ['a code twice', { quantity: 2, codes: [SERIALS[1], SERIALS[1]] }, 'codes.1'],
])('refuses %s, naming the field, and writes nothing', async (_what, input, field) => {
  const gift = await simLot();
  expect(fieldOf(await allocate(gift, input))).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(await subgraph.db.manager.countBy(Allocation, { giftId: gift.id })).toBe(0);
  expect(await subgraph.db.manager.countBy(AllocationCode, { giftId: gift.id })).toBe(0);
});

it('refuses codes for a lot that has none', async () => {
  const programme = await fakeProgramme(subgraph.db, tree.commune);
  const gift = await fakeGiftLot(subgraph.db, programme, 5);
  expect(fieldOf(await allocate(gift, { codes: ['X-1'] }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'codes' });
});

it('never issues one code twice, even when two allocations race for it', async () => {
  const gift = await simLot();
  const results = await Promise.all([allocate(gift, { codes: [SERIALS[3]], idempotencyKey: 'race-for-a-code-a' }), allocate(gift, { codes: [SERIALS[3]], idempotencyKey: 'race-for-a-code-b' })]);
  expect(results.map((result) => result.errors?.[0]?.message ?? 'ok')).toContain('ok');
  expect(results.filter((result) => !result.errors)).toHaveLength(1);
  expect(await subgraph.db.manager.countBy(AllocationCode, { giftId: gift.id, code: SERIALS[3] })).toBe(1);
  expect(await subgraph.db.manager.countBy(Allocation, { giftId: gift.id })).toBe(1);
});

it('reads the codes of a lot’s allocations in the same number of queries however many there are', async () => {
  const programme = await fakeProgramme(subgraph.db, tree.commune);
  const gift = await fakeGiftLot(subgraph.db, programme, SERIALS.length, { codes: SERIALS.join('\n') });
  const STOCK = `query ($id: ID!) { programme(id: $id) { receipts { gifts { allocations { codes } } } } }`;
  const read = () => subgraph.execute(STOCK, { as: officer, variables: { id: programme.id } });
  expect((await allocate(gift, { codes: [SERIALS[0]] })).errors).toBeUndefined();
  const one = await subgraph.countQueries(read);
  for (const code of SERIALS.slice(1)) expect((await allocate(gift, { codes: [code] })).errors).toBeUndefined();
  expect(await subgraph.countQueries(read)).toBe(one);
  const { data } = await read();
  expect(data!.programme.receipts[0].gifts[0].allocations.map((allocation: { codes: string[] }) => allocation.codes[0]).sort()).toEqual(SERIALS);
});
