import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import { resources } from '..';
import { Allocation, ItemKind, RecipientKind, type Gift } from '../entities';
import { fakeGiftLot, fakeProgramme, fakeTree } from '../testing/factories';

/** Stock counts per kind of item across a unit's lots: received, issued by recipient kind, on hand. */
let subgraph: TestSubgraph;
const tree = fakeTree();
const { officer, officerElsewhere, leader } = tree.callers;
const STOCK = `query ($code: String!) { stockCounts(unitCode: $code) { itemKind received issued issuedToTeams issuedToEvents issuedToHouseholds onHand } }`;

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
});
afterAll(() => subgraph.close());

function ok<T>(result: OperationResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

async function issue(gift: Gift, quantity: number, recipientKind: RecipientKind): Promise<void> {
  const { manager } = subgraph.db;
  const household = recipientKind === RecipientKind.HOUSEHOLD ? 'Hộ bà Lò Thị Xuân' : null;
  await manager.save(manager.create(Allocation, { giftId: gift.id, quantity, recipientKind, recipientId: household ? null : 'recipient', household, issuedOn: '2025-10-05', issuedBy: 'test' }));
}

it('adds up the lots of the whole subtree per kind of item, issued by recipient kind and on hand', async () => {
  const atCommune = await fakeProgramme(subgraph.db, tree.commune);
  const atVillage = await fakeProgramme(subgraph.db, tree.village);
  const elsewhere = await fakeProgramme(subgraph.db, tree.otherCommune);
  const sims = await fakeGiftLot(subgraph.db, atCommune, 200);
  const moreSims = await fakeGiftLot(subgraph.db, atVillage, 50);
  const tablets = await fakeGiftLot(subgraph.db, atVillage, 3, { itemKind: ItemKind.DEVICE, description: 'Máy tính bảng', codes: null });
  const notOurs = await fakeGiftLot(subgraph.db, elsewhere, 40);
  await issue(sims, 50, RecipientKind.TEAM);
  await issue(sims, 2, RecipientKind.HOUSEHOLD);
  await issue(moreSims, 3, RecipientKind.HOUSEHOLD);
  await issue(tablets, 1, RecipientKind.EVENT);
  await issue(notOurs, 40, RecipientKind.TEAM);

  expect(ok(await subgraph.execute(STOCK, { as: officer, variables: { code: tree.commune.unitCode } })).stockCounts).toEqual([
    { itemKind: 'DEVICE', received: 3, issued: 1, issuedToTeams: 0, issuedToEvents: 1, issuedToHouseholds: 0, onHand: 2 },
    { itemKind: 'SIM_CARD', received: 250, issued: 55, issuedToTeams: 50, issuedToEvents: 0, issuedToHouseholds: 5, onHand: 195 },
  ]);
  expect(ok(await subgraph.execute(STOCK, { as: officer, variables: { code: tree.village.unitCode } })).stockCounts.map((count: any) => [count.itemKind, count.onHand])).toEqual([
    ['DEVICE', 2],
    ['SIM_CARD', 47],
  ]);
});

it('is for officers over the unit only', async () => {
  expect(errorCodes(await subgraph.execute(STOCK, { as: officerElsewhere, variables: { code: tree.commune.unitCode } }))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await subgraph.execute(STOCK, { as: leader, variables: { code: tree.commune.unitCode } }))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await subgraph.execute(STOCK, { variables: { code: tree.commune.unitCode } }))).toEqual(['UNAUTHENTICATED']);
});
