import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../../common/audit';
import { Role, type HubClaims } from '../../common/auth';
import { addDays, todayInVietnam } from '../../common/dates';
import { IdempotencyKey } from '../../common/idempotency';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import type { UnitPlace } from '../../common/unit-directory';
import { partners } from '..';
import { Onboarding, OnboardeeKind, OnboardingStatus, type Partner, type Platform } from '../entities';
import { callersFor, fakeOnboarding, fakePartner, fakeTree, type FakeTeam } from '../testing/factories';
import { fakeConsent, GIVEN_CONSENT } from '../../common/testing/consent';
import { ConsentPurpose } from '../../common/consent';
import { subjectKeyOf } from '../../common/data-subject';
import { liftRestriction, restrictProcessing } from '../../common/restriction';

const tree = fakeTree();
let subgraph: TestSubgraph;
let partnerA: Awaited<ReturnType<typeof fakePartner>>;
let partnerB: Awaited<ReturnType<typeof fakePartner>>;
let callers: ReturnType<typeof callersFor>;
type Caller = keyof ReturnType<typeof callersFor>;
const claimsOf = (who: Caller | 'anonymous'): HubClaims | undefined => (who === 'anonymous' ? undefined : callers[who]);

beforeAll(async () => {
  subgraph = await createTestSubgraph(partners, tree.units);
  partnerA = await fakePartner(subgraph.db, { shortName: 'Viettel' });
  partnerB = await fakePartner(subgraph.db, { shortName: 'VNPT' });
  callers = callersFor(tree, partnerA.partner.id, partnerB.partner.id);
});
afterAll(() => subgraph.close());

const partnerClaims = (partner: Partner): HubClaims => ({ sub: `staff-${partner.id}`, roles: [Role.PARTNER], partner: partner.id });

/** A team of its own in a new unit under `parent`, so that lists under it hold only this test's rows. */
let serial = 0;
function newTeam(parent: UnitPlace): FakeTeam {
  serial += 1;
  const unit = tree.units.addUnit(`ONB${serial}`, parent);
  const id = randomUUID();
  tree.units.addTeam(id, unit);
  return { id, unit, memberIds: [] };
}

const LOG = /* GraphQL */ `
  mutation ($input: LogOnboardingsInput!) {
    logOnboardings(input: $input) {
      created
      replayed
      rows { id onboardeeKind name phone address status productsListed onboardedOn platform { id } partner { id } team { id } }
    }
  }
`;
const AUDIT = `query ($unit: String!) { partnersAuditTrail(unitCode: $unit, first: 100) { actor action entityType entityId before after } }`;

let keySerial = 0;
/** One row of a batch: a household onto partner A's e-wallet, helped by the village team. */
const row = (overrides: Record<string, unknown> = {}) => {
  keySerial += 1;
  return {
    idempotencyKey: `onboarding-row-${keySerial}`,
    platformId: partnerA.wallet.id,
    onboardeeKind: 'HOUSEHOLD',
    name: 'Nguyễn Thị Lan',
    phone: '0912345678',
    address: 'Thôn Đông, xã Tân Lập',
    teamId: tree.villageTeam.id,
    onboardedOn: '2025-10-05',
    consent: GIVEN_CONSENT,
    ...overrides,
  };
};
const batch = (rows: Record<string, unknown>[], partnerId = partnerA.partner.id) => ({ input: { partnerId, onboardings: rows } });

async function rowCounts() {
  const { manager } = subgraph.db;
  return [await manager.count(Onboarding), await manager.count(AuditEntry), await manager.count(IdempotencyKey)];
}

async function auditOf(entityId: string) {
  const trail = await subgraph.execute(AUDIT, { as: callers.provinceOfficer, variables: { unit: tree.province.unitCode } });
  expect(trail.errors).toBeUndefined();
  return trail.data?.partnersAuditTrail.filter((entry: { entityId: string }) => entry.entityId === entityId);
}

describe('logOnboardings', () => {
  it('logs a batch for the partner, placing each row at its team’s unit and auditing it without residents’ details', async () => {
    const household = row({ name: 'Hộ bà Lê Thị Mai', phone: '0987001122', address: 'Xóm 4, thôn Đông' });
    const cooperative = row({
      platformId: partnerA.marketplace.id,
      onboardeeKind: 'COOPERATIVE',
      name: 'HTX Chè Tân Lập',
      phone: '+84912000111',
      address: 'Trụ sở HTX, xã Tân Lập',
      teamId: tree.communeTeam.id,
      onboardedOn: '2025-10-06',
      status: 'ACTIVE',
      productsListed: 12,
    });
    const before = await rowCounts();
    const result = await subgraph.execute(LOG, { as: callers.partner, variables: batch([household, cooperative]) });
    expect(result.errors).toBeUndefined();
    const { created, replayed, rows } = result.data?.logOnboardings;
    expect({ created, replayed }).toEqual({ created: 2, replayed: 0 });
    expect(rows).toEqual([
      {
        id: expect.any(String),
        onboardeeKind: 'HOUSEHOLD',
        name: 'Hộ bà Lê Thị Mai',
        phone: '0987001122',
        address: 'Xóm 4, thôn Đông',
        status: 'STARTED',
        productsListed: null,
        onboardedOn: '2025-10-05',
        platform: { id: partnerA.wallet.id },
        partner: { id: partnerA.partner.id },
        team: { id: tree.villageTeam.id },
      },
      {
        id: expect.any(String),
        onboardeeKind: 'COOPERATIVE',
        name: 'HTX Chè Tân Lập',
        phone: '+84912000111',
        address: 'Trụ sở HTX, xã Tân Lập',
        status: 'ACTIVE',
        productsListed: 12,
        onboardedOn: '2025-10-06',
        platform: { id: partnerA.marketplace.id },
        partner: { id: partnerA.partner.id },
        team: { id: tree.communeTeam.id },
      },
    ]);
    // Two onboardings, two audit entries, two claimed keys.
    expect(await rowCounts()).toEqual(before.map((count) => count + 2));

    const saved = await subgraph.db.manager.findOneByOrFail(Onboarding, { id: rows[0].id });
    expect(saved).toMatchObject({
      partnerId: partnerA.partner.id,
      platformId: partnerA.wallet.id,
      teamId: tree.villageTeam.id,
      teamUnitPath: tree.village.unitPath,
      name: 'Hộ bà Lê Thị Mai',
      phone: '0987001122',
    });
    expect((await subgraph.db.manager.findOneByOrFail(Onboarding, { id: rows[1].id })).teamUnitPath).toBe(tree.commune.unitPath);

    for (const [index, sent] of [household, cooperative].entries()) {
      const entries = await auditOf(rows[index].id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actor: 'partner-staff', action: 'logOnboardings', entityType: 'Onboarding', before: null });
      const after = JSON.parse(entries[0].after);
      expect(after).toMatchObject({ id: rows[index].id, partnerId: partnerA.partner.id, teamId: sent.teamId, status: index ? 'ACTIVE' : 'STARTED' });
      expect(after).not.toHaveProperty('name');
      expect(after).not.toHaveProperty('phone');
      expect(after).not.toHaveProperty('address');
      for (const detail of [sent.name, sent.phone, sent.address] as string[]) expect(entries[0].after).not.toContain(detail);
    }
  });

  it.each([
    ['a platform of another partner', () => row({ platformId: partnerB.wallet.id }), 'platformId'],
    ['products listed on a platform that is not a marketplace', () => row({ productsListed: 5 }), 'productsListed'],
    ['an onboarding date in the future', () => row({ onboardedOn: addDays(todayInVietnam(), 3) }), 'onboardedOn'],
    ['a team the teams subgraph does not know', () => row({ teamId: randomUUID() }), 'teamId'],
    ['a phone number that is not Vietnamese', () => row({ phone: '12345' }), 'phone'],
  ])('refuses a row with %s, naming it, and writes nothing of the batch', async (_case, badRow, field) => {
    const before = await rowCounts();
    const result = await subgraph.execute(LOG, { as: callers.partner, variables: batch([row(), badRow(), row()]) });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions).toMatchObject({ field: `onboardings.1.${field}` });
    expect((result.errors?.[0].extensions?.problems as { field: string }[]).map((problem) => problem.field)).toEqual([`onboardings.1.${field}`]);
    expect(result.data).toBeNull();
    expect(await rowCounts()).toEqual(before);
  });

  it('names every bad row of a batch at once, in row order, and writes nothing', async () => {
    const first = row();
    const rows = [
      first,
      row({ platformId: partnerB.marketplace.id }),
      row({ platformId: partnerA.wallet.id, productsListed: 3 }),
      row({ onboardedOn: addDays(todayInVietnam(), 1) }),
      row({ teamId: 'no-such-team' }),
      row({ idempotencyKey: first.idempotencyKey, name: 'Hộ khác' }),
      row(),
    ];
    const before = await rowCounts();
    const result = await subgraph.execute(LOG, { as: callers.partner, variables: batch(rows) });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    const { field, problems } = result.errors?.[0].extensions as { field: string; problems: { field: string; message: string }[] };
    expect(field).toBe('onboardings.1.platformId');
    expect(problems.map((problem) => problem.field)).toEqual([
      'onboardings.1.platformId',
      'onboardings.2.productsListed',
      'onboardings.3.onboardedOn',
      'onboardings.4.teamId',
      'onboardings.5.idempotencyKey',
    ]);
    expect(problems.every((problem) => problem.message.length > 0)).toBe(true);
    expect(await rowCounts()).toEqual(before);
  });

  it('lists every invalid field of the rows (class-validator) at once', async () => {
    const before = await rowCounts();
    const result = await subgraph.execute(LOG, {
      as: callers.partner,
      variables: batch([row({ phone: '0912' }), row(), row({ phone: 'abc', idempotencyKey: 'short' })]),
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe('onboardings.0.phone');
    const fields = (result.errors?.[0].extensions?.problems as { field: string }[]).map((problem) => problem.field);
    expect(fields.sort()).toEqual(['onboardings.0.phone', 'onboardings.2.idempotencyKey', 'onboardings.2.phone']);
    expect(await rowCounts()).toEqual(before);
  });

  it('replays a re-sent batch: the same onboardings, nothing written twice', async () => {
    const rows = [row({ name: 'Hộ ông Phan Văn Tư' }), row({ platformId: partnerA.marketplace.id, onboardeeKind: 'BUSINESS', name: 'Cửa hàng Tư Hoa', productsListed: 4 })];
    const first = await subgraph.execute(LOG, { as: callers.partner, variables: batch(rows) });
    expect(first.errors).toBeUndefined();
    expect(first.data?.logOnboardings).toMatchObject({ created: 2, replayed: 0 });

    const before = await rowCounts();
    const again = await subgraph.execute(LOG, { as: callers.partner, variables: batch(rows) });
    expect(again.errors).toBeUndefined();
    expect(again.data?.logOnboardings).toEqual({ ...first.data?.logOnboardings, created: 0, replayed: 2 });
    expect(await rowCounts()).toEqual(before);

    // A batch mixing a row already sent with a new one writes only the new one.
    const mixed = await subgraph.execute(LOG, { as: callers.partner, variables: batch([rows[1], row({ name: 'Hộ bà Đinh Thị Năm' })]) });
    expect(mixed.errors).toBeUndefined();
    expect(mixed.data?.logOnboardings).toMatchObject({ created: 1, replayed: 1 });
    expect(mixed.data?.logOnboardings.rows[0].id).toBe(first.data?.logOnboardings.rows[1].id);
    expect(mixed.data?.logOnboardings.rows[1].id).not.toBe(first.data?.logOnboardings.rows[1].id);
    expect(await rowCounts()).toEqual(before.map((count) => count + 1));
  });

  it('refuses a key re-used with other input as a CONFLICT naming the row, and writes nothing', async () => {
    const sent = row();
    expect((await subgraph.execute(LOG, { as: callers.partner, variables: batch([sent]) })).errors).toBeUndefined();
    const before = await rowCounts();
    const result = await subgraph.execute(LOG, {
      as: callers.partner,
      variables: batch([row({ name: 'Hộ mới, viết trước' }), { ...sent, name: 'Tên khác' }]),
    });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(result.errors?.[0].extensions?.field).toBe('onboardings.1');
    expect(result.errors?.[0].message).toContain(sent.idempotencyKey);
    // The new row before it was rolled back with the batch.
    expect(await rowCounts()).toEqual(before);
  });

  it.each<[string, Caller | 'anonymous', string]>([
    ['another partner', 'otherPartner', 'FORBIDDEN'],
    ['an officer over the team', 'officer', 'FORBIDDEN'],
    ['the helping team’s leader', 'villageLeader', 'FORBIDDEN'],
    ['an anonymous caller', 'anonymous', 'UNAUTHENTICATED'],
  ])('refuses %s logging for the partner, and writes nothing', async (_who, who, code) => {
    const before = await rowCounts();
    const result = await subgraph.execute(LOG, { as: claimsOf(who), variables: batch([row()]) });
    expect(errorCodes(result)).toEqual([code]);
    expect(result.data).toBeNull();
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses another partner even with its own platform in the rows', async () => {
    const before = await rowCounts();
    const result = await subgraph.execute(LOG, { as: callers.otherPartner, variables: batch([row({ platformId: partnerB.wallet.id })]) });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('residents’ personal data', () => {
  const ONBOARDING = `query ($id: ID!) { onboarding(id: $id) { id status onboardeeKind name phone address } }`;
  let household: Onboarding;
  beforeAll(async () => {
    household = await fakeOnboarding(subgraph.db, partnerA.wallet, tree.villageTeam, {
      name: 'Hộ ông Trần Văn Ba',
      phone: '0987654321',
      address: 'Xóm 2, thôn Đông',
    });
  });

  // sees: everything; hidden: the onboarding but not the resident's details; refused: not even the onboarding.
  it.each<[string, Caller | 'anonymous', 'sees' | 'hidden' | 'refused', string | null]>([
    ['the partner', 'partner', 'sees', null],
    ['the leader of the team that helped', 'villageLeader', 'sees', null],
    ['an admin', 'admin', 'hidden', 'FORBIDDEN'],
    ['an officer over the team’s unit', 'officer', 'hidden', 'FORBIDDEN'],
    ['an officer over the province', 'provinceOfficer', 'hidden', 'FORBIDDEN'],
    ['an officer elsewhere', 'officerElsewhere', 'refused', 'FORBIDDEN'],
    ['another partner', 'otherPartner', 'refused', 'FORBIDDEN'],
    ['another team’s leader', 'otherLeader', 'refused', 'FORBIDDEN'],
    ['an organiser', 'organiser', 'refused', 'FORBIDDEN'],
    ['an anonymous caller', 'anonymous', 'refused', 'UNAUTHENTICATED'],
  ])('%s: %s', async (_who, who, outcome, code) => {
    const result = await subgraph.execute(ONBOARDING, { as: claimsOf(who), variables: { id: household.id } });
    const shown = { id: household.id, status: 'STARTED', onboardeeKind: 'HOUSEHOLD' };
    if (outcome === 'sees') {
      expect(result.errors).toBeUndefined();
      expect(result.data?.onboarding).toEqual({ ...shown, name: 'Hộ ông Trần Văn Ba', phone: '0987654321', address: 'Xóm 2, thôn Đông' });
    } else if (outcome === 'hidden') {
      expect(result.data?.onboarding).toEqual({ ...shown, name: null, phone: null, address: null });
      expect(errorCodes(result)).toEqual([code, code, code]);
      expect(result.errors?.map((error) => error.path).sort()).toEqual([
        ['onboarding', 'address'],
        ['onboarding', 'name'],
        ['onboarding', 'phone'],
      ]);
      // The name's refusal names it in words, never the field's code (phone and address are refused by role first).
      expect(result.errors?.find((error) => error.path?.[1] === 'name')?.message).toBe('Bạn không có quyền xem tên của hộ dân');
    } else {
      expect(result.data?.onboarding).toBeNull();
      expect(errorCodes(result)).toEqual([code]);
      expect(result.errors?.[0].path).toEqual(['onboarding']);
    }
    if (outcome !== 'sees') {
      for (const detail of ['Trần Văn Ba', '0987654321', 'Xóm 2']) expect(JSON.stringify(result)).not.toContain(detail);
    }
  });

  it('refuses an anonymous caller the onboarding of a business too', async () => {
    const business = await fakeOnboarding(subgraph.db, partnerA.marketplace, tree.villageTeam, { onboardeeKind: OnboardeeKind.BUSINESS, name: 'Tạp hoá Bình An' });
    const result = await subgraph.execute(`query ($id: ID!) { onboarding(id: $id) { name phone } }`, { variables: { id: business.id } });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.data?.onboarding).toBeNull();
  });

  it.each([OnboardeeKind.COOPERATIVE, OnboardeeKind.BUSINESS])('shows a %s’s name, but not its phone or address, to an officer over it', async (kind) => {
    const onboarding = await fakeOnboarding(subgraph.db, partnerA.marketplace, tree.villageTeam, {
      onboardeeKind: kind,
      name: `${kind === OnboardeeKind.COOPERATIVE ? 'HTX' : 'Cửa hàng'} Rau sạch Tân Lập`,
      phone: '0911222333',
      address: 'Chợ xã',
      productsListed: 7,
    });
    for (const as of [callers.officer, callers.admin]) {
      const result = await subgraph.execute(`query ($id: ID!) { onboarding(id: $id) { name phone address productsListed } }`, { as, variables: { id: onboarding.id } });
      expect(result.data?.onboarding).toEqual({ name: onboarding.name, phone: null, address: null, productsListed: 7 });
      expect(errorCodes(result)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    }
  });

  it('hides a household’s details from an officer reading the onboardings of the unit, onboarding by onboarding', async () => {
    const team = newTeam(tree.village);
    const mine = await fakeOnboarding(subgraph.db, partnerA.wallet, team, { name: 'Hộ bà Vi Thị Sáu', phone: '0977000999' });
    const result = await subgraph.execute(`query ($unit: String!) { onboardings(unitCode: $unit) { nodes { id name phone } } }`, {
      as: callers.officer,
      variables: { unit: team.unit.unitCode },
    });
    expect(result.data?.onboardings.nodes).toEqual([{ id: mine.id, name: null, phone: null }]);
    expect(errorCodes(result)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    const asPartner = await subgraph.execute(`query ($unit: String!, $partner: ID!) { onboardings(unitCode: $unit, partnerId: $partner) { nodes { name phone } } }`, {
      as: callers.partner,
      variables: { unit: team.unit.unitCode, partner: partnerA.partner.id },
    });
    expect(asPartner.errors).toBeUndefined();
    expect(asPartner.data?.onboardings.nodes).toEqual([{ name: 'Hộ bà Vi Thị Sáu', phone: '0977000999' }]);
  });
});

describe('onboardings of a partner or a unit', () => {
  const ONBOARDINGS = /* GraphQL */ `
    query ($partner: ID, $unit: String, $status: OnboardingStatus) {
      onboardings(partnerId: $partner, unitCode: $unit, status: $status, first: 100) { totalCount nodes { id onboardedOn status } }
    }
  `;
  let mine: Awaited<ReturnType<typeof fakePartner>>;
  let theirs: Awaited<ReturnType<typeof fakePartner>>;
  let scoped: ReturnType<typeof callersFor>;
  let hamlet: FakeTeam;
  let underHamlet: FakeTeam;
  let farAway: FakeTeam;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    mine = await fakePartner(subgraph.db);
    theirs = await fakePartner(subgraph.db);
    scoped = callersFor(tree, mine.partner.id, theirs.partner.id);
    hamlet = newTeam(tree.village); // under the commune
    underHamlet = newTeam(hamlet.unit);
    farAway = newTeam(tree.otherCommune);
    const add = async (name: string, platform: Platform, team: FakeTeam, onboardedOn: string, status = OnboardingStatus.STARTED) => {
      ids[name] = (await fakeOnboarding(subgraph.db, platform, team, { onboardedOn, status })).id;
    };
    await add('hamletMine', mine.wallet, hamlet, '2025-10-03');
    await add('underHamletMine', mine.marketplace, underHamlet, '2025-10-01', OnboardingStatus.ACTIVE);
    await add('farMine', mine.wallet, farAway, '2025-10-02', OnboardingStatus.ACTIVE);
    await add('hamletTheirs', theirs.wallet, hamlet, '2025-10-04');
  });

  const idsOf = (result: { data?: any }) => result.data?.onboardings.nodes.map((node: { id: string }) => node.id);

  it('lists a partner’s own onboardings, wherever they were, by date, to the partner and admins', async () => {
    for (const as of [scoped.partner, scoped.admin]) {
      const result = await subgraph.execute(ONBOARDINGS, { as, variables: { partner: mine.partner.id } });
      expect(result.errors).toBeUndefined();
      expect(result.data?.onboardings.totalCount).toBe(3);
      expect(idsOf(result)).toEqual([ids.underHamletMine, ids.farMine, ids.hamletMine]);
    }
    const active = await subgraph.execute(ONBOARDINGS, { as: scoped.partner, variables: { partner: mine.partner.id, status: 'ACTIVE' } });
    expect(idsOf(active)).toEqual([ids.underHamletMine, ids.farMine]);
  });

  it('lists the onboardings of a unit’s subtree, of all partners, to officers over it', async () => {
    for (const as of [scoped.officer, scoped.provinceOfficer, scoped.admin]) {
      const result = await subgraph.execute(ONBOARDINGS, { as, variables: { unit: hamlet.unit.unitCode } });
      expect(result.errors).toBeUndefined();
      expect(idsOf(result)).toEqual([ids.underHamletMine, ids.hamletMine, ids.hamletTheirs]);
    }
    const started = await subgraph.execute(ONBOARDINGS, { as: scoped.officer, variables: { unit: hamlet.unit.unitCode, status: 'STARTED' } });
    expect(idsOf(started)).toEqual([ids.hamletMine, ids.hamletTheirs]);
    const far = await subgraph.execute(ONBOARDINGS, { as: scoped.officerElsewhere, variables: { unit: farAway.unit.unitCode } });
    expect(idsOf(far)).toEqual([ids.farMine]);
  });

  it.each<[string, Caller | 'anonymous', 'partner' | 'unit', string]>([
    ['another partner the partner’s list', 'otherPartner', 'partner', 'FORBIDDEN'],
    ['an officer the partner’s list', 'officer', 'partner', 'FORBIDDEN'],
    ['a team leader the partner’s list', 'villageLeader', 'partner', 'FORBIDDEN'],
    ['an anonymous caller the partner’s list', 'anonymous', 'partner', 'UNAUTHENTICATED'],
    ['an officer elsewhere the unit’s list', 'officerElsewhere', 'unit', 'FORBIDDEN'],
    ['the partner the unit’s list', 'partner', 'unit', 'FORBIDDEN'],
    ['a team leader the unit’s list', 'villageLeader', 'unit', 'FORBIDDEN'],
    ['an anonymous caller the unit’s list', 'anonymous', 'unit', 'UNAUTHENTICATED'],
  ])('refuses %s', async (_case, who, by, code) => {
    const variables = by === 'partner' ? { partner: mine.partner.id } : { unit: hamlet.unit.unitCode };
    const result = await subgraph.execute(ONBOARDINGS, { as: who === 'anonymous' ? undefined : scoped[who], variables });
    expect(errorCodes(result)).toEqual([code]);
    expect(result.data).toBeNull();
  });

  it('asks for a partnerId or a unitCode', async () => {
    const result = await subgraph.execute(ONBOARDINGS, { as: scoped.admin, variables: {} });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'partnerId' });
  });
});

describe('updateOnboarding', () => {
  const UPDATE = `mutation ($id: ID!, $input: UpdateOnboardingInput!) { updateOnboarding(id: $id, input: $input) { id status productsListed } }`;

  it('lets the partner follow a shop up, and audits the change', async () => {
    const shop = await fakeOnboarding(subgraph.db, partnerA.marketplace, tree.villageTeam, { onboardeeKind: OnboardeeKind.BUSINESS, productsListed: 2 });
    const result = await subgraph.execute(UPDATE, { as: callers.partner, variables: { id: shop.id, input: { status: 'ACTIVE', productsListed: 40 } } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateOnboarding).toEqual({ id: shop.id, status: 'ACTIVE', productsListed: 40 });
    expect(await subgraph.db.manager.findOneByOrFail(Onboarding, { id: shop.id })).toMatchObject({ status: 'ACTIVE', productsListed: 40, name: shop.name });

    const entries = await auditOf(shop.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'partner-staff', action: 'updateOnboarding', entityType: 'Onboarding' });
    expect(JSON.parse(entries[0].before)).toEqual({ status: 'STARTED', productsListed: 2 });
    expect(JSON.parse(entries[0].after)).toEqual({ status: 'ACTIVE', productsListed: 40 });
  });

  it('leaves what is not sent as it was', async () => {
    const shop = await fakeOnboarding(subgraph.db, partnerA.marketplace, tree.villageTeam, { productsListed: 9 });
    const result = await subgraph.execute(UPDATE, { as: callers.partner, variables: { id: shop.id, input: { status: 'ABANDONED' } } });
    expect(result.data?.updateOnboarding).toEqual({ id: shop.id, status: 'ABANDONED', productsListed: 9 });
  });

  it('refuses products listed off a marketplace, naming the field, and changes nothing', async () => {
    const wallet = await fakeOnboarding(subgraph.db, partnerA.wallet, tree.villageTeam);
    const audits = await subgraph.db.manager.count(AuditEntry);
    const result = await subgraph.execute(UPDATE, { as: callers.partner, variables: { id: wallet.id, input: { status: 'ACTIVE', productsListed: 3 } } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe('productsListed');
    expect(await subgraph.db.manager.findOneByOrFail(Onboarding, { id: wallet.id })).toMatchObject({ status: 'STARTED', productsListed: null });
    expect(await subgraph.db.manager.count(AuditEntry)).toBe(audits);
  });

  it.each<[string, Caller | 'anonymous', string]>([
    ['another partner', 'otherPartner', 'FORBIDDEN'],
    ['an officer over the team', 'officer', 'FORBIDDEN'],
    ['the helping team’s leader', 'villageLeader', 'FORBIDDEN'],
    ['an organiser', 'organiser', 'FORBIDDEN'],
    ['an anonymous caller', 'anonymous', 'UNAUTHENTICATED'],
  ])('refuses %s, and changes nothing', async (_who, who, code) => {
    const shop = await fakeOnboarding(subgraph.db, partnerA.marketplace, tree.villageTeam, { productsListed: 1 });
    const audits = await subgraph.db.manager.count(AuditEntry);
    const result = await subgraph.execute(UPDATE, { as: claimsOf(who), variables: { id: shop.id, input: { status: 'ACTIVE', productsListed: 50 } } });
    expect(errorCodes(result)).toEqual([code]);
    expect(await subgraph.db.manager.findOneByOrFail(Onboarding, { id: shop.id })).toMatchObject({ status: 'STARTED', productsListed: 1 });
    expect(await subgraph.db.manager.count(AuditEntry)).toBe(audits);
  });

  it('answers NOT_FOUND for an onboarding that does not exist', async () => {
    const result = await subgraph.execute(UPDATE, { as: callers.partner, variables: { id: randomUUID(), input: { status: 'ACTIVE' } } });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });

  it('is refused, and the household’s phone and address withheld, while the processing of the person who consented is restricted; it still counts', async () => {
    const ONE = `query ($id: ID!) { onboarding(id: $id) { status name phone address } }`;
    const household = await fakeOnboarding(subgraph.db, partnerA.wallet, tree.villageTeam, { name: 'Hộ bà Đinh Thị Hoa', phone: '0912777002', address: 'Xóm 3' });
    const other = await fakeOnboarding(subgraph.db, partnerA.wallet, tree.villageTeam, { phone: '0912777003' });
    for (const onboarding of [household, other]) await fakeConsent(subgraph.db, onboarding, ConsentPurpose.PLATFORM_ONBOARDING, onboarding.phone!);
    await restrictProcessing(subgraph.db.manager, subjectKeyOf('0912777002'), 'request-in-test');

    const refused = await subgraph.execute(UPDATE, { as: callers.partner, variables: { id: household.id, input: { status: 'ACTIVE' } } });
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(await subgraph.db.manager.findOneByOrFail(Onboarding, { id: household.id })).toMatchObject({ status: OnboardingStatus.STARTED, phone: '0912777002', address: 'Xóm 3' });
    const shown = await subgraph.execute(ONE, { as: callers.partner, variables: { id: household.id } });
    expect(shown.errors).toBeUndefined();
    expect(shown.data?.onboarding).toEqual({ status: 'STARTED', name: 'Hộ bà Đinh Thị Hoa', phone: null, address: null });
    // Another household is followed up as before.
    expect((await subgraph.execute(UPDATE, { as: callers.partner, variables: { id: other.id, input: { status: 'ACTIVE' } } })).errors).toBeUndefined();

    await liftRestriction(subgraph.db.manager, subjectKeyOf('0912777002'));
    expect((await subgraph.execute(ONE, { as: callers.partner, variables: { id: household.id } })).data?.onboarding).toMatchObject({ phone: '0912777002', address: 'Xóm 3' });
    expect((await subgraph.execute(UPDATE, { as: callers.partner, variables: { id: household.id, input: { status: 'ACTIVE' } } })).errors).toBeUndefined();
  });
});

describe('SQL queries do not grow with the list (no N+1)', () => {
  const LIST = `query ($partner: ID!) {
    onboardings(partnerId: $partner, first: 50) { nodes { name phone platform { name } partner { name } team { id } } }
  }`;

  it('for a partner’s onboardings with their details, platforms, partner and team', async () => {
    const count = async (rows: number) => {
      const { partner, wallet, marketplace } = await fakePartner(subgraph.db);
      const teams = [newTeam(tree.village), newTeam(tree.otherCommune)];
      for (let index = 0; index < rows; index += 1) {
        const onboarding = await fakeOnboarding(subgraph.db, index % 2 ? wallet : marketplace, teams[index % 2], { name: `Hộ ${index}`, phone: '0912000000' });
        await fakeConsent(subgraph.db, onboarding, ConsentPurpose.PLATFORM_ONBOARDING, `09120${String(index).padStart(5, '0')}`);
      }
      let result: any;
      const queries = await subgraph.countQueries(async () => {
        result = await subgraph.execute(LIST, { as: partnerClaims(partner), variables: { partner: partner.id } });
      });
      expect(result.errors).toBeUndefined();
      expect(result.data.onboardings.nodes).toHaveLength(rows);
      for (const node of result.data.onboardings.nodes) {
        expect(node).toEqual({ name: expect.stringMatching(/^Hộ \d+$/), phone: '0912000000', platform: { name: expect.any(String) }, partner: { name: partner.name }, team: { id: expect.any(String) } });
      }
      return queries;
    };
    const few = await count(2);
    expect(await count(8)).toBe(few);
    // The page, the platforms, the partner, the consents (whose people), their restrictions, and one insert recording the phones read.
    expect(few).toBeLessThanOrEqual(6);
  });
});
