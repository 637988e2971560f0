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

describe('the lots of a unit’s subtree', () => {
  const LOTS = `query ($code: String!, $first: Int) {
    giftLots(unitCode: $code, first: $first) {
      nodes { description onHand heldBy { code } allocations { quantity recipientKind team { id } event { id } household codes } }
      pageInfo { hasNextPage }
    }
  }`;

  it('lists each lot of the subtree, by description, with what it issued to which team, event or household (no more queries with more lots)', async () => {
    // A tree of its own: the commune's lots are only this test's.
    const own = fakeTree();
    const unit = own.commune;
    const local = await createTestSubgraph(resources, own.units);
    try {
      const atCommune = await fakeProgramme(local.db, unit);
      const modems = await fakeGiftLot(local.db, atCommune, 5, { itemKind: ItemKind.MODEM, description: 'Bộ phát wifi', codes: null });
      const phones = await fakeGiftLot(local.db, atCommune, 4, { itemKind: ItemKind.PHONE, description: 'Điện thoại thông minh', codes: null });
      const { manager } = local.db;
      const allocate = (gift: Gift, fields: Partial<Allocation>) => manager.save(manager.create(Allocation, { giftId: gift.id, quantity: 1, household: null, recipientId: null, issuedOn: '2025-10-05', issuedBy: 'test', ...fields }));
      await allocate(modems, { recipientKind: RecipientKind.TEAM, recipientId: 'team-1', quantity: 2 });
      await allocate(phones, { recipientKind: RecipientKind.EVENT, recipientId: 'event-1' });
      await allocate(phones, { recipientKind: RecipientKind.HOUSEHOLD, household: 'Hộ bà Lò Thị Xuân' });
      const asOfficer = { as: own.callers.officer };

      const listed = ok(await local.execute(LOTS, { ...asOfficer, variables: { code: unit.unitCode } })).giftLots;
      expect(listed).toEqual({
        nodes: [
          { description: 'Bộ phát wifi', onHand: 3, heldBy: { code: unit.unitCode }, allocations: [{ quantity: 2, recipientKind: 'TEAM', team: { id: 'team-1' }, event: null, household: null, codes: [] }] },
          {
            description: 'Điện thoại thông minh',
            onHand: 2,
            heldBy: { code: unit.unitCode },
            allocations: expect.arrayContaining([
              { quantity: 1, recipientKind: 'EVENT', team: null, event: { id: 'event-1' }, household: null, codes: [] },
              { quantity: 1, recipientKind: 'HOUSEHOLD', team: null, event: null, household: 'Hộ bà Lò Thị Xuân', codes: [] },
            ]),
          },
        ],
        pageInfo: { hasNextPage: false },
      });
      expect(ok(await local.execute(LOTS, { ...asOfficer, variables: { code: unit.unitCode, first: 1 } })).giftLots.pageInfo.hasNextPage).toBe(true);

      const twoLots = await local.countQueries(() => local.execute(LOTS, { ...asOfficer, variables: { code: unit.unitCode } }));
      for (let more = 0; more < 3; more += 1) await allocate(await fakeGiftLot(local.db, atCommune, 2, { itemKind: ItemKind.MODEM, description: `Bộ phát wifi ${more}`, codes: null }), { recipientKind: RecipientKind.TEAM, recipientId: 'team-2' });
      expect(await local.countQueries(() => local.execute(LOTS, { ...asOfficer, variables: { code: unit.unitCode } }))).toBe(twoLots);

      expect(errorCodes(await local.execute(LOTS, { as: own.callers.officerElsewhere, variables: { code: unit.unitCode } }))).toEqual(['FORBIDDEN']);
    } finally {
      await local.close();
    }
  });
});
