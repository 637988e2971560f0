import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../../common/audit';
import { Role, type HubClaims } from '../../common/auth';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import type { UnitPlace } from '../../common/unit-directory';
import { partners } from '..';
import { BranchContact, Partner, PartnerBranch, PartnerSector, PartnerUnit, Platform } from '../entities';
import { callersFor, fakeBranch, fakeOffer, fakePartner, fakeServedUnits, fakeTree } from '../testing/factories';

const tree = fakeTree();
const ids = { a: randomUUID(), b: randomUUID() };
const callers = callersFor(tree, ids.a, ids.b);
const villageOfficer: HubClaims = { sub: 'officer-village', roles: [Role.OFFICER], units: [tree.village.unitCode] };
let subgraph: TestSubgraph;
let partnerA: Partner;
let partnerB: Partner;

beforeAll(async () => {
  subgraph = await createTestSubgraph(partners, tree.units);
  ({ partner: partnerA } = await fakePartner(subgraph.db, { id: ids.a, name: 'Tập đoàn Alpha', shortName: 'Alpha' }));
  ({ partner: partnerB } = await fakePartner(subgraph.db, { id: ids.b, name: 'Tổng công ty Beta', shortName: 'Beta' }));
});
afterAll(() => subgraph.close());

async function rowCounts() {
  const { manager } = subgraph.db;
  return Promise.all([Partner, Platform, PartnerBranch, BranchContact, PartnerUnit, AuditEntry].map((entity) => manager.count(entity)));
}

function auditOf(entityId: string) {
  return subgraph.db.manager.find(AuditEntry, { where: { entityId }, order: { at: 'ASC' } });
}

/** A fresh corner of the tree (a province, two communes, a village), so a list can be compared exactly. */
function freshUnits(prefix: string) {
  const province = tree.units.addUnit(`${prefix}P`);
  const commune = tree.units.addUnit(`${prefix}C`, province);
  const otherCommune = tree.units.addUnit(`${prefix}O`, province);
  const village = tree.units.addUnit(`${prefix}V`, commune);
  return { province, commune, otherCommune, village };
}

describe('the directory', () => {
  const PARTNER = /* GraphQL */ `
    query ($id: ID!) {
      partner(id: $id) {
        id name shortName sector
        platforms { name kind }
        branches { name unitCode unit { code } }
        servedUnits { code }
      }
    }
  `;

  it('shows a partner with its platforms, branches and served units to anonymous callers', async () => {
    const { partner } = await fakePartner(subgraph.db, { name: 'Công ty Công Khai', shortName: 'CK', sector: PartnerSector.POST });
    const { branch } = await fakeBranch(subgraph.db, partner, tree.province);
    await fakeServedUnits(subgraph.db, partner, [tree.commune, tree.province]);

    const result = await subgraph.execute(PARTNER, { variables: { id: partner.id } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.partner).toEqual({
      id: partner.id,
      name: 'Công ty Công Khai',
      shortName: 'CK',
      sector: 'POST',
      platforms: [
        { name: 'Sàn thương mại', kind: 'MARKETPLACE' },
        { name: 'Ví điện tử', kind: 'E_WALLET' },
      ],
      branches: [{ name: branch.name, unitCode: tree.province.unitCode, unit: { code: tree.province.unitCode } }],
      servedUnits: [{ code: tree.commune.unitCode }, { code: tree.province.unitCode }].sort((x, y) => (x.code < y.code ? -1 : 1)),
    });

    const list = await subgraph.execute(`{ partners(first: 100) { nodes { id name } } }`);
    expect(list.errors).toBeUndefined();
    expect(list.data?.partners.nodes).toEqual(
      expect.arrayContaining([
        { id: partner.id, name: 'Công ty Công Khai' },
        { id: partnerA.id, name: partnerA.name },
        { id: partnerB.id, name: partnerB.name },
      ]),
    );
  });

  it('answers NOT_FOUND for an unknown partner', async () => {
    const result = await subgraph.execute(PARTNER, { variables: { id: randomUUID() } });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.data?.partner).toBeNull();
  });

  const FILTERED = `query ($unit: String, $sector: PartnerSector) { partners(first: 100, unitCode: $unit, sector: $sector) { nodes { name sector } } }`;
  const namesOf = (result: { data?: any }) => result.data?.partners.nodes.map((node: { name: string }) => node.name);

  it('filters by sector', async () => {
    await fakePartner(subgraph.db, { name: 'Ngân hàng Sector Một', sector: PartnerSector.BANK });
    await fakePartner(subgraph.db, { name: 'Ngân hàng Sector Hai', sector: PartnerSector.BANK });
    const result = await subgraph.execute(FILTERED, { variables: { sector: 'BANK' } });
    expect(result.errors).toBeUndefined();
    expect(namesOf(result)).toEqual(['Ngân hàng Sector Hai', 'Ngân hàng Sector Một']);
    expect(namesOf(await subgraph.execute(FILTERED, { variables: { sector: 'TELECOM' } }))).toEqual(
      expect.arrayContaining([partnerA.name, partnerB.name]),
    );
    expect(namesOf(await subgraph.execute(FILTERED, { variables: { sector: 'TELECOM' } }))).not.toContain('Ngân hàng Sector Một');
  });

  it('lists, for a unit, the partners serving it or a unit above it, and not those serving only another unit', async () => {
    const units = freshUnits('FLT');
    const serve = async (name: string, served: UnitPlace[], sector = PartnerSector.TELECOM) => {
      const { partner } = await fakePartner(subgraph.db, { name, sector });
      await fakeServedUnits(subgraph.db, partner, served);
    };
    await serve('Lọc tỉnh', [units.province]);
    await serve('Lọc xã', [units.commune], PartnerSector.E_WALLET);
    await serve('Lọc xã khác', [units.otherCommune]);
    await serve('Lọc thôn', [units.village]);
    await serve('Lọc không phục vụ', []);

    expect(namesOf(await subgraph.execute(FILTERED, { variables: { unit: units.village.unitCode } }))).toEqual(['Lọc thôn', 'Lọc tỉnh', 'Lọc xã']);
    expect(namesOf(await subgraph.execute(FILTERED, { variables: { unit: units.commune.unitCode } }))).toEqual(['Lọc tỉnh', 'Lọc xã']);
    expect(namesOf(await subgraph.execute(FILTERED, { variables: { unit: units.otherCommune.unitCode } }))).toEqual(['Lọc tỉnh', 'Lọc xã khác']);
    expect(namesOf(await subgraph.execute(FILTERED, { variables: { unit: units.province.unitCode } }))).toEqual(['Lọc tỉnh']);
    expect(namesOf(await subgraph.execute(FILTERED, { variables: { unit: units.village.unitCode, sector: 'E_WALLET' } }))).toEqual(['Lọc xã']);

    const unknown = await subgraph.execute(FILTERED, { variables: { unit: 'NO-SUCH-UNIT' } });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
  });

  it('pages through the partners by name', async () => {
    const units = freshUnits('PGN');
    for (const name of ['Trang E', 'Trang B', 'Trang D', 'Trang A', 'Trang C']) {
      const { partner } = await fakePartner(subgraph.db, { name });
      await fakeServedUnits(subgraph.db, partner, [units.commune]);
    }
    const PAGE = /* GraphQL */ `
      query ($unit: String!, $after: String) {
        partners(unitCode: $unit, first: 2, after: $after) {
          totalCount pageInfo { hasNextPage endCursor hasPreviousPage startCursor } nodes { name } edges { cursor node { name } }
        }
      }
    `;
    const pages: string[][] = [];
    const cursors: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await subgraph.execute(PAGE, { variables: { unit: units.village.unitCode, after } });
      expect(page.errors).toBeUndefined();
      const { totalCount, pageInfo, nodes, edges } = page.data.partners;
      expect(totalCount).toBe(5);
      pages.push(nodes.map((node: { name: string }) => node.name));
      // The Relay shape beside `nodes`: the same items with their cursors, the page's ends in pageInfo.
      expect(edges.map((edge: { node: unknown }) => edge.node)).toEqual(nodes);
      expect([pageInfo.startCursor, pageInfo.endCursor, pageInfo.hasPreviousPage]).toEqual([edges[0].cursor, edges.at(-1).cursor, after !== null]);
      cursors.push(...edges.map((edge: { cursor: string }) => edge.cursor));
      after = pageInfo.hasNextPage ? pageInfo.endCursor : null;
    } while (after);
    expect(pages).toEqual([['Trang A', 'Trang B'], ['Trang C', 'Trang D'], ['Trang E']]);
    // Any edge's cursor pages on from that item.
    const fromThird: any = await subgraph.execute(PAGE, { variables: { unit: units.village.unitCode, after: cursors[2] } });
    expect(fromThird.data.partners.nodes).toEqual([{ name: 'Trang D' }, { name: 'Trang E' }]);

    const bad = await subgraph.execute(PAGE, { variables: { unit: units.village.unitCode, after: 'not-a-cursor' } });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0].extensions?.field).toBe('after');
  });
});

describe('createPartner', () => {
  const CREATE = /* GraphQL */ `
    mutation ($input: CreatePartnerInput!) {
      createPartner(input: $input) { id name shortName sector platforms { name kind } servedUnits { code } }
    }
  `;
  let serial = 0;
  const newPartner = (overrides: Record<string, unknown> = {}) => ({
    name: `Bưu điện Tạo Mới ${(serial += 1)}`,
    shortName: 'VNPost',
    sector: 'POST',
    platforms: [{ name: 'Postmart', kind: 'MARKETPLACE' }],
    servedUnitCodes: [tree.province.unitCode],
    ...overrides,
  });

  it('lets an admin add a partner with its platforms and served units, and audits it', async () => {
    const input = newPartner({ name: 'Bưu điện Việt Nam' });
    const result = await subgraph.execute(CREATE, { as: callers.admin, variables: { input } });
    expect(result.errors).toBeUndefined();
    const created = result.data?.createPartner;
    expect(created).toEqual({
      id: expect.any(String),
      name: 'Bưu điện Việt Nam',
      shortName: 'VNPost',
      sector: 'POST',
      platforms: [{ name: 'Postmart', kind: 'MARKETPLACE' }],
      servedUnits: [{ code: tree.province.unitCode }],
    });
    const read = await subgraph.execute(`query ($id: ID!) { partner(id: $id) { name servedUnits { code } } }`, { variables: { id: created.id } });
    expect(read.data?.partner).toEqual({ name: 'Bưu điện Việt Nam', servedUnits: [{ code: tree.province.unitCode }] });

    const entries = await auditOf(created.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'admin', action: 'createPartner', entityType: 'Partner', before: null });
    expect(JSON.parse(entries[0].after!)).toMatchObject({ name: 'Bưu điện Việt Nam', servedUnitCodes: [tree.province.unitCode] });
  });

  it.each([
    ['the partner', callers.partner, 'FORBIDDEN'],
    ['an officer', callers.provinceOfficer, 'FORBIDDEN'],
    ['a team leader', callers.villageLeader, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s and writes nothing', async (_who, as, code) => {
    const before = await rowCounts();
    const result = await subgraph.execute(CREATE, { as, variables: { input: newPartner() } });
    expect(errorCodes(result)).toEqual([code]);
    expect(result.data).toBeNull();
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['name', { name: 'X' }],
    ['shortName', { shortName: '' }],
    ['platforms.0.name', { platforms: [{ name: 'P', kind: 'APP' }] }],
    ['platforms.1.kind', { platforms: [{ name: 'Postmart', kind: 'MARKETPLACE' }, { name: 'Ví', kind: 'NOT_A_KIND' }] }],
  ])('rejects a bad %s, naming it, and writes nothing', async (field, override) => {
    const before = await rowCounts();
    const result = await subgraph.execute(CREATE, { as: callers.admin, variables: { input: newPartner(override) } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe(field);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses an unknown served unit (NOT_FOUND) and writes nothing', async () => {
    const before = await rowCounts();
    const result = await subgraph.execute(CREATE, {
      as: callers.admin,
      variables: { input: newPartner({ servedUnitCodes: [tree.commune.unitCode, 'NO-SUCH-UNIT'] }) },
    });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.errors?.[0].extensions).toMatchObject({ type: 'AdministrativeUnit', id: 'NO-SUCH-UNIT' });
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a second partner of the same name (CONFLICT) and writes nothing', async () => {
    const before = await rowCounts();
    const result = await subgraph.execute(CREATE, { as: callers.admin, variables: { input: newPartner({ name: partnerA.name }) } });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(result.errors?.[0].message).toContain(partnerA.name);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('updatePartner', () => {
  const UPDATE = /* GraphQL */ `
    mutation ($id: ID!, $input: UpdatePartnerInput!) {
      updatePartner(id: $id, input: $input) { id name shortName sector servedUnits { code } }
    }
  `;
  let partner: Partner;
  beforeEach(async () => {
    ({ partner } = await fakePartner(subgraph.db, { name: `Cập nhật ${randomUUID()}`, shortName: 'CN', sector: PartnerSector.TELECOM }));
    await fakeServedUnits(subgraph.db, partner, [tree.province]);
  });
  const servedBy = async (partnerId: string) =>
    (await subgraph.db.manager.find(PartnerUnit, { where: { partnerId }, order: { unitCode: 'ASC' } })).map((row) => row.unitCode);

  it('lets the partner itself change its fields and replace its served units, and audits it', async () => {
    const partnerItself = callersFor(tree, partner.id, partnerB.id).partner;
    const result = await subgraph.execute(UPDATE, {
      as: partnerItself,
      variables: { id: partner.id, input: { shortName: 'CN Mới', servedUnitCodes: [tree.otherCommune.unitCode, tree.commune.unitCode] } },
    });
    expect(result.errors).toBeUndefined();
    const expected = [tree.commune.unitCode, tree.otherCommune.unitCode].sort();
    expect(result.data?.updatePartner).toEqual({
      id: partner.id,
      name: partner.name,
      shortName: 'CN Mới',
      sector: 'TELECOM',
      servedUnits: expected.map((code) => ({ code })),
    });
    expect(await servedBy(partner.id)).toEqual(expected);
    expect(await subgraph.db.manager.findOneByOrFail(Partner, { id: partner.id })).toMatchObject({ shortName: 'CN Mới', name: partner.name });

    const [entry] = await auditOf(partner.id);
    expect(entry).toMatchObject({ actor: 'partner-staff', action: 'updatePartner', entityType: 'Partner' });
    expect(JSON.parse(entry.before!)).toMatchObject({ shortName: 'CN' });
    expect(JSON.parse(entry.after!)).toMatchObject({ shortName: 'CN Mới' });
  });

  it('lets an admin change it; null and absent fields leave it as it was', async () => {
    const result = await subgraph.execute(UPDATE, {
      as: callers.admin,
      variables: { id: partner.id, input: { sector: 'E_WALLET', name: null } },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.updatePartner).toMatchObject({ name: partner.name, shortName: 'CN', sector: 'E_WALLET' });
    expect(await servedBy(partner.id)).toEqual([tree.province.unitCode]);
  });

  it('can take every served unit away', async () => {
    const result = await subgraph.execute(UPDATE, { as: callers.admin, variables: { id: partner.id, input: { servedUnitCodes: [] } } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.updatePartner.servedUnits).toEqual([]);
    expect(await servedBy(partner.id)).toEqual([]);
  });

  it.each([
    ['another partner', callers.otherPartner, 'FORBIDDEN'],
    ['an officer over its units', callers.provinceOfficer, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s and changes nothing', async (_who, as, code) => {
    const before = await rowCounts();
    const result = await subgraph.execute(UPDATE, {
      as,
      variables: { id: partner.id, input: { shortName: 'Chiếm', servedUnitCodes: [tree.commune.unitCode] } },
    });
    expect(errorCodes(result)).toEqual([code]);
    expect(await rowCounts()).toEqual(before);
    expect((await subgraph.db.manager.findOneByOrFail(Partner, { id: partner.id })).shortName).toBe('CN');
    expect(await servedBy(partner.id)).toEqual([tree.province.unitCode]);
  });

  it('refuses partner B on partner A', async () => {
    const result = await subgraph.execute(UPDATE, { as: callers.otherPartner, variables: { id: partnerA.id, input: { shortName: 'Chiếm' } } });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect((await subgraph.db.manager.findOneByOrFail(Partner, { id: partnerA.id })).shortName).toBe(partnerA.shortName);
  });

  it('changes nothing when a served unit is unknown', async () => {
    const before = await rowCounts();
    const result = await subgraph.execute(UPDATE, {
      as: callers.admin,
      variables: { id: partner.id, input: { shortName: 'Không lưu', servedUnitCodes: [tree.commune.unitCode, 'NO-SUCH-UNIT'] } },
    });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(await rowCounts()).toEqual(before);
    expect((await subgraph.db.manager.findOneByOrFail(Partner, { id: partner.id })).shortName).toBe('CN');
    expect(await servedBy(partner.id)).toEqual([tree.province.unitCode]);
  });

  it.each([
    ['name', { name: 'X' }],
    ['servedUnitCodes.0', { servedUnitCodes: [''] }],
    ['servedUnitCodes.1', { servedUnitCodes: ['V1', 'V1'] }],
  ])('rejects a bad %s, naming it', async (field, input) => {
    const result = await subgraph.execute(UPDATE, { as: callers.admin, variables: { id: partner.id, input } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe(field);
  });

  it('refuses to take the name of another partner (CONFLICT)', async () => {
    const result = await subgraph.execute(UPDATE, { as: callers.admin, variables: { id: partner.id, input: { name: partnerB.name } } });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect((await subgraph.db.manager.findOneByOrFail(Partner, { id: partner.id })).name).toBe(partner.name);
    // Keeping its own name is no conflict.
    const same = await subgraph.execute(UPDATE, { as: callers.admin, variables: { id: partner.id, input: { name: partner.name, shortName: 'Y2' } } });
    expect(same.errors).toBeUndefined();
  });
});

describe('addPlatform', () => {
  const ADD = `mutation ($id: ID!, $input: PlatformInput!) { addPlatform(partnerId: $id, input: $input) { id name kind } }`;

  it.each([
    ['the partner itself', callers.partner, 'partner-staff'],
    ['an admin', callers.admin, 'admin'],
  ])('lets %s add a platform, and audits it', async (_who, as, actor) => {
    const name = `Ứng dụng ${actor}`;
    const result = await subgraph.execute(ADD, { as, variables: { id: partnerA.id, input: { name, kind: 'APP' } } });
    expect(result.errors).toBeUndefined();
    const platform = result.data?.addPlatform;
    expect(platform).toEqual({ id: expect.any(String), name, kind: 'APP' });
    expect(await subgraph.db.manager.findOneByOrFail(Platform, { id: platform.id })).toMatchObject({ partnerId: partnerA.id, name });

    const read = await subgraph.execute(`query ($id: ID!) { partner(id: $id) { platforms { name } } }`, { variables: { id: partnerA.id } });
    expect(read.data?.partner.platforms).toContainEqual({ name });
    const entries = await auditOf(platform.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor, action: 'addPlatform', entityType: 'Platform' });
  });

  it.each([
    ['another partner', callers.otherPartner, 'FORBIDDEN'],
    ['an officer', callers.provinceOfficer, 'FORBIDDEN'],
    ['a team leader', callers.villageLeader, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s and writes nothing', async (_who, as, code) => {
    const before = await rowCounts();
    const result = await subgraph.execute(ADD, { as, variables: { id: partnerA.id, input: { name: 'Ứng dụng lạ', kind: 'APP' } } });
    expect(errorCodes(result)).toEqual([code]);
    expect(await rowCounts()).toEqual(before);
  });

  it('rejects a bad name, naming it, and answers NOT_FOUND for an unknown partner', async () => {
    const before = await rowCounts();
    const bad = await subgraph.execute(ADD, { as: callers.admin, variables: { id: partnerA.id, input: { name: 'X', kind: 'APP' } } });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0].extensions?.field).toBe('name');
    const unknown = await subgraph.execute(ADD, { as: callers.admin, variables: { id: randomUUID(), input: { name: 'Ứng dụng', kind: 'APP' } } });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('addPartnerBranch and who sees its contacts', () => {
  const ADD = /* GraphQL */ `
    mutation ($id: ID!, $input: BranchInput!) {
      addPartnerBranch(partnerId: $id, input: $input) { id name unitCode unit { code } contacts { fullName position phone email } }
    }
  `;
  const contact = { fullName: 'Lê Văn Nam', position: 'Trưởng phòng', phone: '0987654321', email: 'nam@example.vn' };
  const newBranch = (overrides: Record<string, unknown> = {}) => ({
    name: 'Chi nhánh Xã Một',
    unitCode: tree.commune.unitCode,
    contacts: [contact],
    ...overrides,
  });

  it('lets the partner add a branch with its contacts, audited under the branch’s unit', async () => {
    const result = await subgraph.execute(ADD, { as: callers.partner, variables: { id: partnerA.id, input: newBranch() } });
    expect(result.errors).toBeUndefined();
    const branch = result.data?.addPartnerBranch;
    expect(branch).toEqual({
      id: expect.any(String),
      name: 'Chi nhánh Xã Một',
      unitCode: tree.commune.unitCode,
      unit: { code: tree.commune.unitCode },
      contacts: [contact],
    });
    expect(await subgraph.db.manager.findOneByOrFail(PartnerBranch, { id: branch.id })).toMatchObject({
      partnerId: partnerA.id,
      unitPath: tree.commune.unitPath,
    });

    const trail = await subgraph.execute(`query ($unit: String!) { partnersAuditTrail(unitCode: $unit) { actor action entityType entityId } }`, {
      as: callers.provinceOfficer,
      variables: { unit: tree.province.unitCode },
    });
    expect(trail.errors).toBeUndefined();
    expect(trail.data?.partnersAuditTrail).toContainEqual({
      actor: 'partner-staff',
      action: 'addPartnerBranch',
      entityType: 'PartnerBranch',
      entityId: branch.id,
    });
  });

  it('lets an admin add a branch', async () => {
    const result = await subgraph.execute(ADD, {
      as: callers.admin,
      variables: { id: partnerB.id, input: newBranch({ name: 'Chi nhánh Tỉnh', unitCode: tree.province.unitCode, contacts: [] }) },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.addPartnerBranch).toMatchObject({ name: 'Chi nhánh Tỉnh', unitCode: tree.province.unitCode, contacts: [] });
    expect(await auditOf(result.data?.addPartnerBranch.id)).toEqual([expect.objectContaining({ actor: 'admin', action: 'addPartnerBranch' })]);
  });

  it.each([
    ['another partner', callers.otherPartner, 'FORBIDDEN'],
    ['an officer over the unit', callers.officer, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s and writes nothing', async (_who, as, code) => {
    const before = await rowCounts();
    const result = await subgraph.execute(ADD, { as, variables: { id: partnerA.id, input: newBranch() } });
    expect(errorCodes(result)).toEqual([code]);
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['contacts.0.phone', { contacts: [{ ...contact, phone: '12345' }] }],
    ['contacts.1.email', { contacts: [contact, { fullName: 'Phạm Hà', email: 'not-an-email' }] }],
    ['name', { name: 'X' }],
  ])('rejects a bad %s, naming it, and writes nothing', async (field, override) => {
    const before = await rowCounts();
    const result = await subgraph.execute(ADD, { as: callers.partner, variables: { id: partnerA.id, input: newBranch(override) } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe(field);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses an unknown unit (NOT_FOUND) and writes nothing', async () => {
    const before = await rowCounts();
    const result = await subgraph.execute(ADD, { as: callers.partner, variables: { id: partnerA.id, input: newBranch({ unitCode: 'NO-SUCH-UNIT' }) } });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(await rowCounts()).toEqual(before);
  });

  describe('contacts of a branch in a commune', () => {
    const BRANCHES = `query ($id: ID!) { partner(id: $id) { name branches { name contacts { fullName phone } } } }`;
    let partner: Partner;
    let branch: PartnerBranch;
    let callersOfIt: ReturnType<typeof callersFor>;
    beforeAll(async () => {
      ({ partner } = await fakePartner(subgraph.db, { name: 'Đối tác Liên hệ' }));
      ({ branch } = await fakeBranch(subgraph.db, partner, tree.commune, [
        { fullName: 'Võ Thị Bích', phone: '0911222333' },
        { fullName: 'Bùi Văn An', phone: '0944555666' },
      ]));
      callersOfIt = callersFor(tree, partner.id, partnerB.id);
    });

    it.each([
      ['the partner itself', 'partner'],
      ['an officer over the commune', 'officer'],
      ['an officer over the province', 'provinceOfficer'],
      ['an admin', 'admin'],
    ] as const)('shows them to %s', async (_who, caller) => {
      const result = await subgraph.execute(BRANCHES, { as: callersOfIt[caller], variables: { id: partner.id } });
      expect(result.errors).toBeUndefined();
      expect(result.data?.partner).toEqual({
        name: 'Đối tác Liên hệ',
        branches: [
          {
            name: branch.name,
            contacts: [
              { fullName: 'Bùi Văn An', phone: '0944555666' },
              { fullName: 'Võ Thị Bích', phone: '0911222333' },
            ],
          },
        ],
      });
    });

    it.each([
      ['an officer of another commune', () => callersOfIt.officerElsewhere, 'FORBIDDEN'],
      ['an officer of a village below the branch’s unit', () => villageOfficer, 'FORBIDDEN'],
      ['another partner', () => callersOfIt.otherPartner, 'FORBIDDEN'],
      ['a team leader in the commune', () => callersOfIt.villageLeader, 'FORBIDDEN'],
      ['an organiser', () => callersOfIt.organiser, 'FORBIDDEN'],
      ['an anonymous caller', () => undefined, 'UNAUTHENTICATED'],
    ])('hides them from %s, and only them', async (_who, as, code) => {
      const result = await subgraph.execute(BRANCHES, { as: as(), variables: { id: partner.id } });
      expect(errorCodes(result)).toEqual([code]);
      expect(result.errors?.[0].path).toEqual(['partner', 'branches', 0, 'contacts']);
      expect(result.data?.partner).toEqual({ name: 'Đối tác Liên hệ', branches: [{ name: branch.name, contacts: null }] });
    });
  });
});

describe('N+1', () => {
  const DIRECTORY = /* GraphQL */ `
    query ($unit: String!) {
      partners(first: 50, unitCode: $unit) {
        nodes { name platforms { name } branches { name } servedUnits { code } offers { service } }
      }
    }
  `;

  /** `count` partners serving a fresh unit, each with platforms, a branch, served units and offers. */
  async function directoryOf(count: number) {
    const unit = tree.units.addUnit(`NP${count}-${randomUUID().slice(0, 6)}`);
    for (let index = 0; index < count; index += 1) {
      const { partner } = await fakePartner(subgraph.db);
      await fakeServedUnits(subgraph.db, partner, [unit, tree.otherCommune]);
      await fakeBranch(subgraph.db, partner, unit);
      await fakeOffer(subgraph.db, partner, [unit]);
      await fakeOffer(subgraph.db, partner, [tree.province]);
    }
    return unit;
  }

  it('costs as many SQL queries for 8 partners as for 2 (anonymous)', async () => {
    const run = async (count: number) => {
      const unit = await directoryOf(count);
      let result: any;
      const queries = await subgraph.countQueries(async () => {
        result = await subgraph.execute(DIRECTORY, { variables: { unit: unit.unitCode } });
      });
      expect(result.errors).toBeUndefined();
      expect(result.data.partners.nodes).toHaveLength(count);
      for (const node of result.data.partners.nodes) {
        expect(node.platforms).toHaveLength(2);
        expect(node.branches).toHaveLength(1);
        expect(node.servedUnits).toHaveLength(2);
        expect(node.offers).toHaveLength(2);
      }
      return queries;
    };
    const few = await run(2);
    const many = await run(8);
    expect(many).toBe(few);
    expect(few).toBeLessThanOrEqual(6);
  });

  it('costs as many SQL queries for 8 partners as for 2 with contacts and offers’ units (admin)', async () => {
    const QUERY = /* GraphQL */ `
      query ($unit: String!) {
        partners(first: 50, unitCode: $unit) {
          nodes { branches { contacts { fullName } } offers { eligibleUnits { code } partner { name } } }
        }
      }
    `;
    const run = async (count: number) => {
      const unit = await directoryOf(count);
      let result: any;
      const queries = await subgraph.countQueries(async () => {
        result = await subgraph.execute(QUERY, { as: callers.admin, variables: { unit: unit.unitCode } });
      });
      expect(result.errors).toBeUndefined();
      expect(result.data.partners.nodes).toHaveLength(count);
      expect(result.data.partners.nodes[0].branches[0].contacts).toHaveLength(1);
      return queries;
    };
    expect(await run(8)).toBe(await run(2));
  });

  it('resolves Partner references for other subgraphs with a constant number of queries', async () => {
    const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { id name shortName } } }`;
    const run = async (count: number) => {
      const created = [];
      for (let index = 0; index < count; index += 1) created.push((await fakePartner(subgraph.db)).partner);
      const representations = [...created.map(({ id }) => ({ __typename: 'Partner', id })), { __typename: 'Partner', id: randomUUID() }];
      let result: any;
      const queries = await subgraph.countQueries(async () => {
        result = await subgraph.execute(ENTITIES, { variables: { r: representations } });
      });
      expect(result.errors).toBeUndefined();
      expect(result.data._entities).toEqual([...created.map(({ id, name, shortName }) => ({ id, name, shortName })), null]);
      return queries;
    };
    const few = await run(2);
    expect(await run(8)).toBe(few);
    expect(few).toBe(1);
  });
});
