import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../../common/audit';
import { addDays, todayInVietnam } from '../../common/dates';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { partners } from '..';
import { Offer, OfferUnit, Partner } from '../entities';
import { callersFor, fakeOffer, fakePartner, fakeTree } from '../testing/factories';

const tree = fakeTree();
const ids = { a: randomUUID(), b: randomUUID() };
const callers = callersFor(tree, ids.a, ids.b);
const today = todayInVietnam();
const yesterday = addDays(today, -1);
let subgraph: TestSubgraph;
let partnerA: Partner;
let partnerB: Partner;

beforeAll(async () => {
  subgraph = await createTestSubgraph(partners, tree.units);
  ({ partner: partnerA } = await fakePartner(subgraph.db, { id: ids.a, name: 'Tập đoàn Alpha', shortName: 'Alpha' }));
  ({ partner: partnerB } = await fakePartner(subgraph.db, { id: ids.b, name: 'Tổng công ty Beta', shortName: 'Beta' }));
});
afterAll(() => subgraph.close());

const OFFERS = `query ($unit: String!) { offers(unitCode: $unit) { id service } }`;
const WITHDRAW = `mutation ($id: ID!) { withdrawOffer(id: $id) { id validFrom validUntil } }`;

async function rowCounts() {
  const { manager } = subgraph.db;
  return [await manager.count(Offer), await manager.count(OfferUnit), await manager.count(AuditEntry)];
}

async function servicesFor(unitCode: string): Promise<string[]> {
  const result = await subgraph.execute(OFFERS, { variables: { unit: unitCode } });
  expect(result.errors).toBeUndefined();
  return result.data?.offers.map((offer: { service: string }) => offer.service);
}

/** A fresh corner of the tree (a province, two communes, a village), so a list can be compared exactly. */
function freshUnits(prefix: string) {
  const province = tree.units.addUnit(`${prefix}P`);
  const commune = tree.units.addUnit(`${prefix}C`, province);
  const otherCommune = tree.units.addUnit(`${prefix}O`, province);
  const village = tree.units.addUnit(`${prefix}V`, commune);
  return { province, commune, otherCommune, village };
}

describe('createOffer', () => {
  const CREATE = /* GraphQL */ `
    mutation ($input: OfferInput!) {
      createOffer(input: $input) {
        id service discount discountPercent validFrom validUntil
        partner { id name }
        eligibleUnits { code }
      }
    }
  `;
  const newOffer = (overrides: Record<string, unknown> = {}) => ({
    partnerId: partnerA.id,
    service: 'Gói cước data 4G cho tổ viên',
    discount: 'Giảm 50% cước 6 tháng đầu',
    discountPercent: 50,
    validFrom: today,
    validUntil: addDays(today, 180),
    unitCodes: [tree.commune.unitCode],
    ...overrides,
  });

  it('lets the partner make an offer, and audits it', async () => {
    const result = await subgraph.execute(CREATE, { as: callers.partner, variables: { input: newOffer() } });
    expect(result.errors).toBeUndefined();
    const offer = result.data?.createOffer;
    expect(offer).toEqual({
      id: expect.any(String),
      service: 'Gói cước data 4G cho tổ viên',
      discount: 'Giảm 50% cước 6 tháng đầu',
      discountPercent: 50,
      validFrom: today,
      validUntil: addDays(today, 180),
      partner: { id: partnerA.id, name: partnerA.name },
      eligibleUnits: [{ code: tree.commune.unitCode }],
    });
    expect(await subgraph.db.manager.findBy(OfferUnit, { offerId: offer.id })).toEqual([
      expect.objectContaining({ unitCode: tree.commune.unitCode, unitPath: tree.commune.unitPath }),
    ]);
    const entries = await subgraph.db.manager.findBy(AuditEntry, { entityId: offer.id });
    expect(entries).toEqual([expect.objectContaining({ actor: 'partner-staff', action: 'createOffer', entityType: 'Offer' })]);
    expect(JSON.parse(entries[0].after!)).toMatchObject({ service: 'Gói cước data 4G cho tổ viên', unitCodes: [tree.commune.unitCode] });
  });

  it('lets an admin make one for a partner, without a percentage, for one day', async () => {
    const input = newOffer({
      partnerId: partnerB.id,
      discountPercent: null,
      discount: 'Tặng sim 4G',
      validUntil: today,
      unitCodes: [tree.village.unitCode, tree.province.unitCode],
    });
    const result = await subgraph.execute(CREATE, { as: callers.admin, variables: { input } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createOffer).toMatchObject({
      discountPercent: null,
      validFrom: today,
      validUntil: today,
      partner: { id: partnerB.id },
    });
    expect(result.data?.createOffer.eligibleUnits).toHaveLength(2);
    expect(result.data?.createOffer.eligibleUnits).toEqual(
      expect.arrayContaining([{ code: tree.village.unitCode }, { code: tree.province.unitCode }]),
    );
  });

  it.each([
    ['another partner', callers.otherPartner, 'FORBIDDEN'],
    ['an officer over the unit', callers.officer, 'FORBIDDEN'],
    ['a team leader', callers.villageLeader, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s and writes nothing', async (_who, as, code) => {
    const before = await rowCounts();
    const result = await subgraph.execute(CREATE, { as, variables: { input: newOffer() } });
    expect(errorCodes(result)).toEqual([code]);
    expect(result.data).toBeNull();
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['validUntil', { validFrom: addDays(today, 10), validUntil: addDays(today, 9) }],
    ['discountPercent', { discountPercent: 0 }],
    ['discountPercent', { discountPercent: 101 }],
    ['service', { service: 'X' }],
    ['unitCodes', { unitCodes: [] }],
    ['validFrom', { validFrom: '2025-02-30' }],
  ])('rejects a bad %s (%j), naming it, and writes nothing', async (field, override) => {
    const before = await rowCounts();
    const result = await subgraph.execute(CREATE, { as: callers.partner, variables: { input: newOffer(override) } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe(field);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses an unknown unit (NOT_FOUND) and writes nothing', async () => {
    const before = await rowCounts();
    const result = await subgraph.execute(CREATE, {
      as: callers.partner,
      variables: { input: newOffer({ unitCodes: [tree.commune.unitCode, 'NO-SUCH-UNIT'] }) },
    });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.errors?.[0].extensions).toMatchObject({ type: 'AdministrativeUnit', id: 'NO-SUCH-UNIT' });
    expect(await rowCounts()).toEqual(before);
  });

  it('answers NOT_FOUND for an unknown partner and writes nothing', async () => {
    const before = await rowCounts();
    const result = await subgraph.execute(CREATE, { as: callers.admin, variables: { input: newOffer({ partnerId: randomUUID() }) } });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('offers for a unit', () => {
  const units = freshUnits('OFR');

  beforeAll(async () => {
    const offer = (service: string, eligible: (typeof units)[keyof typeof units][], from: number, until: number) =>
      fakeOffer(subgraph.db, partnerA, eligible, { service, validFrom: addDays(today, from), validUntil: addDays(today, until) });
    await offer('Cho tỉnh', [units.province], -30, 30);
    await offer('Cho xã', [units.commune], -5, 40);
    await offer('Cho thôn', [units.village], 0, 50);
    await offer('Cho xã khác', [units.otherCommune], -5, 60);
    await offer('Cho xã khác và tỉnh', [units.otherCommune, units.province], -5, 70);
    await offer('Hết hạn hôm qua', [units.province], -30, -1);
    await offer('Bắt đầu ngày mai', [units.province], 1, 30);
    await offer('Hết hạn hôm nay', [units.province], -10, 0);
    await offer('Bắt đầu hôm nay', [units.commune], 0, 2);
  });

  it('lists, to anyone, the offers valid today for the unit or a unit above it, ending soonest first', async () => {
    expect(await servicesFor(units.village.unitCode)).toEqual([
      'Hết hạn hôm nay',
      'Bắt đầu hôm nay',
      'Cho tỉnh',
      'Cho xã',
      'Cho thôn',
      'Cho xã khác và tỉnh',
    ]);
    expect(await servicesFor(units.commune.unitCode)).toEqual(['Hết hạn hôm nay', 'Bắt đầu hôm nay', 'Cho tỉnh', 'Cho xã', 'Cho xã khác và tỉnh']);
    expect(await servicesFor(units.otherCommune.unitCode)).toEqual(['Hết hạn hôm nay', 'Cho tỉnh', 'Cho xã khác', 'Cho xã khác và tỉnh']);
    expect(await servicesFor(units.province.unitCode)).toEqual(['Hết hạn hôm nay', 'Cho tỉnh', 'Cho xã khác và tỉnh']);
  });

  it('shows each offer’s partner and eligible units', async () => {
    const result = await subgraph.execute(
      `query ($unit: String!) { offers(unitCode: $unit) { service partner { name } eligibleUnits { code } } }`,
      { as: callers.villageLeader, variables: { unit: units.otherCommune.unitCode } },
    );
    expect(result.errors).toBeUndefined();
    const both = result.data?.offers.find((offer: { service: string }) => offer.service === 'Cho xã khác và tỉnh');
    expect(both.partner).toEqual({ name: partnerA.name });
    expect(both.eligibleUnits).toEqual(expect.arrayContaining([{ code: units.otherCommune.unitCode }, { code: units.province.unitCode }]));
    expect(both.eligibleUnits).toHaveLength(2);
  });

  it('answers NOT_FOUND for an unknown unit', async () => {
    const result = await subgraph.execute(OFFERS, { variables: { unit: 'NO-SUCH-UNIT' } });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });
});

describe('withdrawOffer', () => {
  let units: ReturnType<typeof freshUnits>;
  let serial = 0;
  beforeEach(() => {
    units = freshUnits(`WD${(serial += 1)}`);
  });

  it.each([
    ['the partner itself', callers.partner, 'partner-staff'],
    ['an admin', callers.admin, 'admin'],
  ])('lets %s end a current offer: gone from the unit’s offers, kept in its history', async (_who, as, actor) => {
    const offer = await fakeOffer(subgraph.db, partnerA, [units.province], { service: 'Sẽ rút', validFrom: addDays(today, -20), validUntil: addDays(today, 20) });
    expect(await servicesFor(units.village.unitCode)).toEqual(['Sẽ rút']);

    const result = await subgraph.execute(WITHDRAW, { as, variables: { id: offer.id } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.withdrawOffer).toEqual({ id: offer.id, validFrom: addDays(today, -20), validUntil: yesterday });
    expect(await servicesFor(units.village.unitCode)).toEqual([]);
    expect(await subgraph.db.manager.findOneByOrFail(Offer, { id: offer.id })).toMatchObject({ validFrom: addDays(today, -20), validUntil: yesterday });
    const history = `query ($id: ID!) { partner(id: $id) { offers { id } } }`;
    expect((await subgraph.execute(history, { as: callers.partner, variables: { id: partnerA.id } })).data?.partner.offers).toContainEqual({ id: offer.id });
    expect((await subgraph.execute(history, { variables: { id: partnerA.id } })).data?.partner.offers).not.toContainEqual({ id: offer.id });

    const entries = await subgraph.db.manager.findBy(AuditEntry, { entityId: offer.id });
    expect(entries).toEqual([expect.objectContaining({ actor, action: 'withdrawOffer', entityType: 'Offer' })]);
    expect(JSON.parse(entries[0].before!)).toEqual({ validFrom: addDays(today, -20), validUntil: addDays(today, 20) });
    expect(JSON.parse(entries[0].after!)).toEqual({ validFrom: addDays(today, -20), validUntil: yesterday });
  });

  it('ends an offer that starts today or later before it begins', async () => {
    const startsToday = await fakeOffer(subgraph.db, partnerA, [units.commune], { validFrom: today, validUntil: addDays(today, 5) });
    const future = await fakeOffer(subgraph.db, partnerA, [units.commune], { validFrom: addDays(today, 3), validUntil: addDays(today, 9) });
    for (const offer of [startsToday, future]) {
      const result = await subgraph.execute(WITHDRAW, { as: callers.partner, variables: { id: offer.id } });
      expect(result.errors).toBeUndefined();
      expect(result.data?.withdrawOffer).toEqual({ id: offer.id, validFrom: yesterday, validUntil: yesterday });
    }
    expect(await servicesFor(units.village.unitCode)).toEqual([]);
  });

  it('leaves an offer that has already ended as it was, without an audit entry', async () => {
    const ended = await fakeOffer(subgraph.db, partnerA, [units.commune], { validFrom: addDays(today, -30), validUntil: addDays(today, -3) });
    const result = await subgraph.execute(WITHDRAW, { as: callers.partner, variables: { id: ended.id } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.withdrawOffer).toEqual({ id: ended.id, validFrom: addDays(today, -30), validUntil: addDays(today, -3) });
    expect(await subgraph.db.manager.countBy(AuditEntry, { entityId: ended.id })).toBe(0);
  });

  it.each([
    ['another partner', callers.otherPartner, 'FORBIDDEN'],
    ['an officer over the unit', callers.provinceOfficer, 'FORBIDDEN'],
    ['a team leader', callers.villageLeader, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s and leaves the offer standing', async (_who, as, code) => {
    const offer = await fakeOffer(subgraph.db, partnerA, [units.commune], { service: 'Vẫn còn', validFrom: yesterday, validUntil: addDays(today, 9) });
    const before = await rowCounts();
    const result = await subgraph.execute(WITHDRAW, { as, variables: { id: offer.id } });
    expect(errorCodes(result)).toEqual([code]);
    expect(await rowCounts()).toEqual(before);
    expect(await subgraph.db.manager.findOneByOrFail(Offer, { id: offer.id })).toMatchObject({ validFrom: yesterday, validUntil: addDays(today, 9) });
    expect(await servicesFor(units.village.unitCode)).toEqual(['Vẫn còn']);
  });

  it('answers NOT_FOUND for an unknown offer', async () => {
    const result = await subgraph.execute(WITHDRAW, { as: callers.admin, variables: { id: randomUUID() } });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });
});

describe('Partner.offers', () => {
  const OFFERS_OF = `query ($id: ID!) { partner(id: $id) { offers { service validFrom validUntil } } }`;
  let partner: Partner;
  let callersOfIt: ReturnType<typeof callersFor>;
  const past = { service: 'Đã qua', validFrom: addDays(today, -60), validUntil: addDays(today, -30) };
  const current = { service: 'Đang có', validFrom: addDays(today, -5), validUntil: addDays(today, 5) };
  const future = { service: 'Sắp có', validFrom: addDays(today, 30), validUntil: addDays(today, 60) };

  beforeAll(async () => {
    ({ partner } = await fakePartner(subgraph.db, { name: 'Đối tác Ưu đãi' }));
    callersOfIt = callersFor(tree, partner.id, partnerA.id);
    for (const fields of [past, current, future]) await fakeOffer(subgraph.db, partner, [tree.province], fields);
  });

  const offersAs = async (as: Parameters<TestSubgraph['execute']>[1]) => {
    const result = await subgraph.execute(OFFERS_OF, { ...as, variables: { id: partner.id } });
    expect(result.errors).toBeUndefined();
    return result.data?.partner.offers;
  };

  it('shows anyone but the partner and admins only the current offers', async () => {
    expect(await offersAs({})).toEqual([current]);
    for (const as of [callersOfIt.otherPartner, callersOfIt.provinceOfficer, callersOfIt.villageLeader]) {
      expect(await offersAs({ as })).toEqual([current]);
    }
  });

  it('shows the partner itself and admins its past and future offers too, newest first', async () => {
    expect(await offersAs({ as: callersOfIt.partner })).toEqual([future, current, past]);
    expect(await offersAs({ as: callersOfIt.admin })).toEqual([future, current, past]);
  });
});
