import { Role, type HubClaims } from '../../common/auth';
import { IdempotencyKey } from '../../common/idempotency';
import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import type { UnitPlace } from '../../common/unit-directory';
import { resources } from '..';
import { Allocation, Gift, Pledge, Programme, Receipt, ResourceKind } from '../entities';
import { fakeGiftLot, fakePledge, fakeProgramme, fakeSponsor, fakeTree } from '../testing/factories';
import { GIVEN_CONSENT } from '../../common/testing/consent';

let subgraph: TestSubgraph;
const tree = fakeTree();

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
});
afterAll(() => subgraph.close());

const { officer, officerElsewhere, leader } = tree.callers;
const otherTeamId = 'another-team-at-the-village';
tree.units.addTeam(otherTeamId, tree.village);
const otherLeader: HubClaims = { sub: 'other-leader', roles: [Role.TEAM_LEADER], team: otherTeamId };

let fresh = 0;
/** A unit of its own under the commune, so receipt numbers and the audit trail start empty. */
const freshUnit = (): UnitPlace => tree.units.addUnit(`N${(fresh += 1)}`, tree.commune);

const CASH = `mutation ($input: CashDonationInput!) {
  recordCashDonation(input: $input) { id receiptNumber kind amount method sponsor { name } }
}`;
const IN_KIND = `mutation ($input: InKindDonationInput!) {
  recordInKindDonation(input: $input) { id receiptNumber kind amount gifts { id description quantity unitValue codes onHand } }
}`;
const PLEDGE = `mutation ($input: PledgeInput!) { recordPledge(input: $input) { id status received } }`;
const CANCEL = `mutation ($id: ID!) { cancelPledge(id: $id) { status } }`;
const PLEDGES = `query ($id: ID!) { programme(id: $id) { pledges { id status received } } }`;
const ALLOCATE = `mutation ($input: AllocationInput!) { allocateGift(input: $input) { id quantity recipientKind household } }`;
const STOCK = `query ($id: ID!) { programme(id: $id) { receipts { gifts { id codes onHand allocations { quantity household } } } } }`;
const TRAIL = `query ($unitCode: String!) { resourcesAuditTrail(unitCode: $unitCode) { actor action entityType entityId } }`;

function giveCash(programme: Programme, input: Record<string, unknown> = {}, as: HubClaims = officer) {
  return subgraph.execute(CASH, {
    as,
    variables: { input: { programmeId: programme.id, receivedOn: '2025-10-01', amount: '1500000', method: 'BANK_TRANSFER', ...input } },
  });
}

const simCards = { itemKind: 'SIM_CARD', description: 'SIM 4G', quantity: 3, unitValue: '50000', codes: ['SIM-0001', 'SIM-0002', 'SIM-0003'] };

function giveInKind(programme: Programme, input: Record<string, unknown> = {}, as: HubClaims = officer) {
  return subgraph.execute(IN_KIND, {
    as,
    variables: { input: { programmeId: programme.id, receivedOn: '2025-10-01', gifts: [simCards], ...input } },
  });
}

function allocate(gift: Gift, input: Record<string, unknown> = {}, as: HubClaims = officer) {
  return subgraph.execute(ALLOCATE, {
    as,
    variables: { input: { giftId: gift.id, quantity: 2, recipientKind: 'TEAM', recipientId: tree.teamId, issuedOn: '2025-10-05', ...input } },
  });
}

function ok<T>(result: OperationResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const fieldOf = (result: OperationResult<unknown>) => result.errors?.[0]?.extensions;

async function pledgeStatus(programme: Programme, pledgeId: string): Promise<{ status: string; received: string }> {
  const { programme: found } = ok(await subgraph.execute(PLEDGES, { as: officer, variables: { id: programme.id } }));
  return found.pledges.find((pledge: { id: string }) => pledge.id === pledgeId);
}

/** The programme's stock as `as` sees it (anonymous when undefined). */
function stock(programme: Programme, as: HubClaims | undefined) {
  return subgraph.execute(STOCK, { as, variables: { id: programme.id } });
}

async function onHand(programme: Programme, gift: Gift): Promise<number> {
  const { programme: found } = ok(await stock(programme, officer));
  const gifts = found.receipts.flatMap((receipt: { gifts: { id: string; onHand: number }[] }) => receipt.gifts);
  return gifts.find((candidate: { id: string }) => candidate.id === gift.id).onHand;
}

describe('receipt numbers', () => {
  it('run 1, 2, 3 per unit and year, cash and in kind alike', async () => {
    const programme = await fakeProgramme(subgraph.db, freshUnit());
    const numbers = [
      ok(await giveCash(programme)).recordCashDonation.receiptNumber,
      ok(await giveInKind(programme)).recordInKindDonation.receiptNumber,
      ok(await giveCash(programme)).recordCashDonation.receiptNumber,
    ];
    expect(numbers).toEqual([`${programme.unitCode}/2025/0001`, `${programme.unitCode}/2025/0002`, `${programme.unitCode}/2025/0003`]);
  });

  it('start again at 1 for another unit and for another year', async () => {
    const programme = await fakeProgramme(subgraph.db, freshUnit());
    const elsewhere = await fakeProgramme(subgraph.db, freshUnit());
    await giveCash(programme);
    await giveCash(programme);
    expect(ok(await giveCash(elsewhere)).recordCashDonation.receiptNumber).toBe(`${elsewhere.unitCode}/2025/0001`);
    expect(ok(await giveCash(programme, { receivedOn: '2026-01-02' })).recordCashDonation.receiptNumber).toBe(`${programme.unitCode}/2026/0001`);
    expect(ok(await giveCash(programme)).recordCashDonation.receiptNumber).toBe(`${programme.unitCode}/2025/0003`);
  });

  it('are not reused after a failed attempt, nor skipped', async () => {
    const programme = await fakeProgramme(subgraph.db, freshUnit());
    const cancelled = await fakePledge(subgraph.db, programme, await fakeSponsor(subgraph.db, tree.commune), { cancelledAt: new Date() });
    expect(ok(await giveCash(programme)).recordCashDonation.receiptNumber).toBe(`${programme.unitCode}/2025/0001`);
    expect(errorCodes(await giveCash(programme, { pledgeId: cancelled.id }))).toEqual(['BAD_USER_INPUT']);
    expect(ok(await giveCash(programme)).recordCashDonation.receiptNumber).toBe(`${programme.unitCode}/2025/0002`);
    const rows = await subgraph.db.manager.find(Receipt, { where: { programmeId: programme.id }, order: { number: 'ASC' } });
    expect(rows.map((receipt) => receipt.number)).toEqual([1, 2]);
  });

  it('stay distinct and gapless when receipts arrive together, for a unit’s first receipts and after', async () => {
    const programme = await fakeProgramme(subgraph.db, freshUnit());
    const together = async () => (await Promise.all([1, 2, 3, 4, 5].map(() => giveCash(programme)))).map((result) => ok(result).recordCashDonation.receiptNumber);
    const numbers = [...(await together()), ...(await together())].sort();
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `${programme.unitCode}/2025/${String(n).padStart(4, '0')}`));
  });
});

describe('idempotency', () => {
  it('returns the same receipt for a retry with the same key and writes no second one', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const first = ok(await giveCash(programme, { idempotencyKey: 'cash-retry-1' })).recordCashDonation;
    const retry = ok(await giveCash(programme, { idempotencyKey: 'cash-retry-1' })).recordCashDonation;
    expect(retry).toEqual(first);
    expect(await subgraph.db.manager.countBy(Receipt, { programmeId: programme.id })).toBe(1);

    const gifts = ok(await giveInKind(programme, { idempotencyKey: 'kind-retry-1' })).recordInKindDonation;
    expect(ok(await giveInKind(programme, { idempotencyKey: 'kind-retry-1' })).recordInKindDonation.id).toBe(gifts.id);
    expect(await subgraph.db.manager.countBy(Receipt, { programmeId: programme.id })).toBe(2);
    expect(await subgraph.db.manager.countBy(Gift, { receiptId: gifts.id })).toBe(1);
  });

  it('refuses the same key with different input as a CONFLICT', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    ok(await giveCash(programme, { idempotencyKey: 'cash-conflict-1' }));
    expect(errorCodes(await giveCash(programme, { idempotencyKey: 'cash-conflict-1', amount: '2000000' }))).toEqual(['CONFLICT']);
    expect(await subgraph.db.manager.countBy(Receipt, { programmeId: programme.id })).toBe(1);
  });

  it('makes exactly one receipt of 5 concurrent calls with one key', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => giveCash(programme, { idempotencyKey: 'cash-together-1' })));
    const ids = new Set(results.map((result) => ok(result).recordCashDonation.id));
    expect(ids.size).toBe(1);
    expect(await subgraph.db.manager.countBy(Receipt, { programmeId: programme.id })).toBe(1);
  });

  it('makes two receipts of two calls without a key', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const first = ok(await giveCash(programme)).recordCashDonation;
    const second = ok(await giveCash(programme)).recordCashDonation;
    expect(second.id).not.toBe(first.id);
    expect(await subgraph.db.manager.countBy(Receipt, { programmeId: programme.id })).toBe(2);
  });
});

describe('what a receipt may be recorded against', () => {
  it('refuses a cancelled pledge, naming pledgeId, and writes nothing (the key stays free)', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const sponsor = await fakeSponsor(subgraph.db, tree.commune);
    const cancelled = await fakePledge(subgraph.db, programme, sponsor, { cancelledAt: new Date() });
    const refused = await giveCash(programme, { pledgeId: cancelled.id, idempotencyKey: 'cancelled-pledge-1' });
    expect(fieldOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pledgeId' });
    expect(await subgraph.db.manager.countBy(Receipt, { programmeId: programme.id })).toBe(0);
    expect(await subgraph.db.manager.countBy(IdempotencyKey, { key: 'cancelled-pledge-1' })).toBe(0);
    ok(await giveCash(programme, { sponsorId: sponsor.id, idempotencyKey: 'cancelled-pledge-1' }));
  });

  it('refuses a pledge to another programme or of the other kind, naming pledgeId', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const sponsor = await fakeSponsor(subgraph.db, tree.commune);
    const toAnother = await fakePledge(subgraph.db, await fakeProgramme(subgraph.db, tree.commune), sponsor);
    const inKind = await fakePledge(subgraph.db, programme, sponsor, { kind: ResourceKind.IN_KIND });
    const cash = await fakePledge(subgraph.db, programme, sponsor);
    expect(fieldOf(await giveCash(programme, { pledgeId: toAnother.id }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pledgeId' });
    expect(fieldOf(await giveCash(programme, { pledgeId: inKind.id }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pledgeId' });
    expect(fieldOf(await giveInKind(programme, { pledgeId: cash.id }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'pledgeId' });
    expect(await subgraph.db.manager.countBy(Receipt, { programmeId: programme.id })).toBe(0);
  });

  it('refuses an amount with decimals at variable coercion, and writes nothing', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const refused = await giveCash(programme, { amount: '1500.5' });
    expect(refused.data ?? undefined).toBeUndefined();
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0].extensions?.field).toBe('amount');
    expect(await subgraph.db.manager.countBy(Receipt, { programmeId: programme.id })).toBe(0);
  });

  it('refuses a sponsor of another commune, naming sponsorId, but takes one of the province above', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const foreign = await fakeSponsor(subgraph.db, tree.otherCommune);
    expect(fieldOf(await giveCash(programme, { sponsorId: foreign.id }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sponsorId' });
    expect(await subgraph.db.manager.countBy(Receipt, { programmeId: programme.id })).toBe(0);
    const provincial = await fakeSponsor(subgraph.db, tree.province, { name: 'Viettel Nghệ An' });
    expect(ok(await giveCash(programme, { sponsorId: provincial.id })).recordCashDonation.sponsor).toEqual({ name: 'Viettel Nghệ An' });
  });

  it('lets only the programme’s managers record donations', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.village, { teamId: tree.teamId });
    ok(await giveCash(programme, {}, leader));
    expect(errorCodes(await giveCash(programme, {}, otherLeader))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await giveCash(programme, {}, officerElsewhere))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.execute(CASH, { variables: { input: { programmeId: programme.id, receivedOn: '2025-10-01', amount: '1', method: 'CASH' } } }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(await subgraph.db.manager.countBy(Receipt, { programmeId: programme.id })).toBe(1);
  });
});

describe('pledge status, derived from receipts and the due date', () => {
  it('goes PLEDGED, PARTLY_FULFILLED, FULFILLED as money arrives', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const sponsor = await fakeSponsor(subgraph.db, tree.commune);
    const pledged = ok(await subgraph.execute(PLEDGE, { as: officer, variables: { input: { programmeId: programme.id, sponsorId: sponsor.id, kind: 'CASH', amount: '3000000' } } }));
    const id = pledged.recordPledge.id;
    expect(pledged.recordPledge).toMatchObject({ status: 'PLEDGED', received: '0' });

    ok(await giveCash(programme, { pledgeId: id, amount: '1000000' }));
    expect(await pledgeStatus(programme, id)).toMatchObject({ status: 'PARTLY_FULFILLED', received: '1000000' });
    ok(await giveCash(programme, { pledgeId: id, amount: '2000000' }));
    expect(await pledgeStatus(programme, id)).toMatchObject({ status: 'FULFILLED', received: '3000000' });
  });

  it('is CANCELLED once cancelled', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const pledge = await fakePledge(subgraph.db, programme, await fakeSponsor(subgraph.db, tree.commune));
    expect(ok(await subgraph.execute(CANCEL, { as: officer, variables: { id: pledge.id } })).cancelPledge.status).toBe('CANCELLED');
    expect((await pledgeStatus(programme, pledge.id)).status).toBe('CANCELLED');
    expect(errorCodes(await subgraph.execute(CANCEL, { as: officer, variables: { id: pledge.id } }))).toEqual(['CONFLICT']);
  });

  it('is OVERDUE when due in the past with nothing received', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const sponsor = await fakeSponsor(subgraph.db, tree.commune);
    const input = { programmeId: programme.id, sponsorId: sponsor.id, kind: 'CASH', amount: '500000', dueOn: '2024-01-31' };
    expect(ok(await subgraph.execute(PLEDGE, { as: officer, variables: { input } })).recordPledge.status).toBe('OVERDUE');
  });
});

describe('in-kind donations', () => {
  it('saves the gifts with their codes and values the receipt at quantity × unit value', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const modem = { itemKind: 'MODEM', description: 'Modem wifi', quantity: 2, unitValue: '400000' };
    const receipt = ok(await giveInKind(programme, { gifts: [simCards, modem] })).recordInKindDonation;
    expect(receipt).toMatchObject({ kind: 'IN_KIND', amount: '950000' });
    expect(receipt.gifts).toHaveLength(2);
    expect(receipt.gifts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ description: 'SIM 4G', quantity: 3, unitValue: '50000', codes: ['SIM-0001', 'SIM-0002', 'SIM-0003'], onHand: 3 }),
        expect.objectContaining({ description: 'Modem wifi', quantity: 2, unitValue: '400000', codes: [], onHand: 2 }),
      ]),
    );
    const saved = await subgraph.db.manager.findOneByOrFail(Gift, { receiptId: receipt.id, description: 'SIM 4G' });
    expect(saved.codes).toBe('SIM-0001\nSIM-0002\nSIM-0003');
  });

  it('shows codes to the programme’s managers only', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.village, { teamId: tree.teamId });
    ok(await giveInKind(programme, { gifts: [{ ...simCards, quantity: 1, codes: ['KEY-SECRET-42'] }] }, leader));
    for (const manager of [officer, leader]) {
      expect(ok(await stock(programme, manager)).programme.receipts[0].gifts[0].codes).toEqual(['KEY-SECRET-42']);
    }
    for (const [as, code] of [[officerElsewhere, 'FORBIDDEN'], [otherLeader, 'FORBIDDEN'], [undefined, 'UNAUTHENTICATED']] as const) {
      const result = await stock(programme, as);
      expect(errorCodes(result)).toEqual([code]);
      expect(JSON.stringify(result)).not.toContain('KEY-SECRET-42');
    }
  });

  it.each([
    ['more codes than items', { ...simCards, quantity: 1 }, 'gifts.0.codes'],
    ['fewer codes than items (a lot of 5 with 3 codes)', { ...simCards, quantity: 5 }, 'gifts.0.codes'],
    ['a code twice', { ...simCards, codes: ['SIM-0001', 'SIM-0002', 'SIM-0001'] }, 'gifts.0.codes.2'],
  ])('refuses %s, naming the codes, and writes nothing', async (_what, gift, field) => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const refused = await giveInKind(programme, { gifts: [gift] });
    expect(fieldOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await subgraph.db.manager.countBy(Receipt, { programmeId: programme.id })).toBe(0);
  });
});

describe('allocateGift', () => {
  it('issues from stock: onHand goes down', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const gift = await fakeGiftLot(subgraph.db, programme, 10);
    expect(ok(await allocate(gift, { quantity: 3 })).allocateGift).toMatchObject({ quantity: 3, recipientKind: 'TEAM', household: null });
    expect(await onHand(programme, gift)).toBe(7);
  });

  it('refuses more than on hand, naming quantity, and writes nothing', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const gift = await fakeGiftLot(subgraph.db, programme, 10);
    ok(await allocate(gift, { quantity: 8 }));
    expect(fieldOf(await allocate(gift, { quantity: 3 }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
    expect(await subgraph.db.manager.countBy(Allocation, { giftId: gift.id })).toBe(1);
    expect(await onHand(programme, gift)).toBe(2);
  });

  it('never issues more than on hand when allocations arrive together', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const gift = await fakeGiftLot(subgraph.db, programme, 10);
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map(() => allocate(gift, { quantity: 2 })));
    expect(results.filter((result) => !result.errors).length).toBe(5);
    expect(results.filter((result) => result.errors).map(fieldOf)).toEqual([expect.objectContaining({ field: 'quantity' })]);
    expect(await subgraph.db.manager.sum(Allocation, 'quantity', { giftId: gift.id })).toBe(10);
    expect(await onHand(programme, gift)).toBe(0);
  });

  it('never issues more than on hand when keyed allocations arrive together (issue 14, defect 1)', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const gift = await fakeGiftLot(subgraph.db, programme, 50);
    // Each with its own idempotency key, as the SDK sends: the key's claim must not fix a stale view of the stock.
    const results = await Promise.all(Array.from({ length: 30 }, (_, index) => allocate(gift, { quantity: 5, idempotencyKey: `lot-50-${index}` })));
    expect(results.filter((result) => !result.errors).length).toBe(10);
    for (const refused of results.filter((result) => result.errors)) {
      expect(fieldOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
      expect(refused.errors![0].message).not.toMatch(/-\d/);
    }
    expect(await subgraph.db.manager.sum(Allocation, 'quantity', { giftId: gift.id })).toBe(50);
    expect(await onHand(programme, gift)).toBe(0);
  });

  it('needs the household for a HOUSEHOLD allocation and the recipient for a TEAM one', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const gift = await fakeGiftLot(subgraph.db, programme, 10);
    expect(fieldOf(await allocate(gift, { recipientKind: 'HOUSEHOLD', recipientId: null }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'household' });
    expect(fieldOf(await allocate(gift, { recipientId: null }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'recipientId' });
    expect(await subgraph.db.manager.countBy(Allocation, { giftId: gift.id })).toBe(0);
  });

  it('hides the household (personal data) from outsiders', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.village, { teamId: tree.teamId });
    const gift = await fakeGiftLot(subgraph.db, programme, 10);
    const household = 'Hộ bà Lò Thị Mai, bản Một';
    expect(ok(await allocate(gift, { recipientKind: 'HOUSEHOLD', recipientId: null, household, consent: GIVEN_CONSENT }, leader)).allocateGift.household).toBe(household);
    for (const manager of [officer, leader]) {
      expect(ok(await stock(programme, manager)).programme.receipts[0].gifts[0].allocations).toEqual([{ quantity: 2, household }]);
    }
    for (const [as, code] of [[officerElsewhere, 'FORBIDDEN'], [otherLeader, 'FORBIDDEN'], [undefined, 'UNAUTHENTICATED']] as const) {
      const result = await stock(programme, as);
      expect(errorCodes(result)).toEqual([code]);
      expect(JSON.stringify(result)).not.toContain('Lò Thị Mai');
    }
    expect(errorCodes(await allocate(gift, {}, officerElsewhere))).toEqual(['FORBIDDEN']);
  });

  it('returns the same allocation for a retry with the same key', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const gift = await fakeGiftLot(subgraph.db, programme, 10);
    const first = ok(await allocate(gift, { idempotencyKey: 'allocate-retry-1' })).allocateGift;
    expect(ok(await allocate(gift, { idempotencyKey: 'allocate-retry-1' })).allocateGift).toEqual(first);
    expect(await subgraph.db.manager.countBy(Allocation, { giftId: gift.id })).toBe(1);
    expect(await onHand(programme, gift)).toBe(8);
  });
});

describe('the audit trail', () => {
  it('records each money and stock write, for officers over the unit only', async () => {
    const unit = freshUnit();
    const programme = await fakeProgramme(subgraph.db, unit);
    const sponsor = await fakeSponsor(subgraph.db, tree.commune);
    const pledge = ok(await subgraph.execute(PLEDGE, { as: officer, variables: { input: { programmeId: programme.id, sponsorId: sponsor.id, kind: 'CASH', amount: '1000000' } } }));
    const cash = ok(await giveCash(programme, { idempotencyKey: 'audited-cash-1' })).recordCashDonation;
    ok(await giveCash(programme, { idempotencyKey: 'audited-cash-1' }));
    const inKind = ok(await giveInKind(programme)).recordInKindDonation;
    const gift = await subgraph.db.manager.findOneByOrFail(Gift, { receiptId: inKind.id });
    const allocation = ok(await allocate(gift, { codes: gift.codes?.split('\n').slice(0, 2) ?? [] })).allocateGift;
    ok(await subgraph.execute(CANCEL, { as: officer, variables: { id: pledge.recordPledge.id } }));

    const trail = ok(await subgraph.execute(TRAIL, { as: officer, variables: { unitCode: unit.unitCode } })).resourcesAuditTrail;
    const byAction = (entry: { action: string }) => entry.action;
    expect([...trail].sort((a, b) => byAction(a).localeCompare(byAction(b)))).toEqual([
      { actor: 'officer', action: 'allocateGift', entityType: 'Allocation', entityId: allocation.id },
      { actor: 'officer', action: 'cancelPledge', entityType: 'Pledge', entityId: pledge.recordPledge.id },
      { actor: 'officer', action: 'recordCashDonation', entityType: 'Receipt', entityId: cash.id },
      { actor: 'officer', action: 'recordInKindDonation', entityType: 'Receipt', entityId: inKind.id },
      { actor: 'officer', action: 'recordPledge', entityType: 'Pledge', entityId: pledge.recordPledge.id },
    ]);
    expect(await subgraph.db.manager.countBy(Pledge, { programmeId: programme.id })).toBe(1);

    expect(errorCodes(await subgraph.execute(TRAIL, { as: officerElsewhere, variables: { unitCode: unit.unitCode } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.execute(TRAIL, { as: leader, variables: { unitCode: unit.unitCode } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.execute(TRAIL, { variables: { unitCode: unit.unitCode } }))).toEqual(['UNAUTHENTICATED']);
  });
});
