import { AuditEntry } from '../../common/audit';
import { Role, type HubClaims } from '../../common/auth';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { resources } from '..';
import { Sponsor, SponsorContact, SponsorInteraction, SponsorStatus } from '../entities';
import { fakePledge, fakeProgramme, fakeSponsor, fakeTree } from '../testing/factories';

const tree = fakeTree();
let subgraph: TestSubgraph;

const communeOfficer: HubClaims = { sub: 'officer-commune', roles: [Role.OFFICER], units: [tree.commune.unitCode] };
const provinceOfficer: HubClaims = { sub: 'officer-province', roles: [Role.OFFICER], units: [tree.province.unitCode] };
const otherOfficer: HubClaims = { sub: 'officer-other', roles: [Role.OFFICER], units: [tree.otherCommune.unitCode] };
const teamLeader: HubClaims = { sub: 'leader', roles: [Role.TEAM_LEADER], team: tree.teamId };
const partner: HubClaims = { sub: 'partner', roles: [Role.PARTNER], partner: 'viettel' };

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
});
afterAll(() => subgraph.close());

const CREATE = /* GraphQL */ `
  mutation ($input: CreateSponsorInput!) {
    createSponsor(input: $input) { id unitCode name taxCode status contacts { fullName position phone email } }
  }
`;
const AUDIT = `query ($unit: String!) { resourcesAuditTrail(unitCode: $unit, first: 100) { actor action entityType entityId before after } }`;

const newSponsor = (overrides: Record<string, unknown> = {}) => ({
  unitCode: tree.commune.unitCode,
  kind: 'ORGANISATION',
  name: 'Viettel Nghệ An',
  taxCode: '0100109106-001',
  contacts: [{ fullName: 'Trần Văn Bình', position: 'Giám đốc chi nhánh', phone: '0912345678', email: 'binh@example.vn' }],
  ...overrides,
});

async function auditOf(entityId: string) {
  const trail = await subgraph.execute(AUDIT, { as: communeOfficer, variables: { unit: tree.commune.unitCode } });
  expect(trail.errors).toBeUndefined();
  return trail.data?.resourcesAuditTrail.filter((entry: { entityId: string }) => entry.entityId === entityId);
}

async function rowCounts() {
  const { manager } = subgraph.db;
  return [await manager.count(Sponsor), await manager.count(SponsorContact), await manager.count(AuditEntry)];
}

describe('createSponsor', () => {
  it('lets an officer over the unit add a sponsor with its contacts, and audits it', async () => {
    const result = await subgraph.execute(CREATE, { as: communeOfficer, variables: { input: newSponsor() } });
    expect(result.errors).toBeUndefined();
    const sponsor = result.data?.createSponsor;
    expect(sponsor).toMatchObject({
      unitCode: tree.commune.unitCode,
      taxCode: '0100109106-001',
      status: 'PROSPECT',
      contacts: [{ fullName: 'Trần Văn Bình', position: 'Giám đốc chi nhánh', phone: '0912345678', email: 'binh@example.vn' }],
    });
    const read = await subgraph.execute(`query ($id: ID!) { sponsor(id: $id) { contacts { fullName phone } } }`, {
      as: communeOfficer,
      variables: { id: sponsor.id },
    });
    expect(read.data?.sponsor.contacts).toEqual([{ fullName: 'Trần Văn Bình', phone: '0912345678' }]);

    const entries = await auditOf(sponsor.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'officer-commune', action: 'createSponsor', entityType: 'Sponsor', before: null });
    expect(JSON.parse(entries[0].after)).toMatchObject({ id: sponsor.id, name: 'Viettel Nghệ An', status: 'PROSPECT' });
  });

  it.each([
    ['taxCode', { taxCode: '01001091' }],
    ['contacts.0.phone', { contacts: [{ fullName: 'Lê Thị Hoa', phone: '12345' }] }],
  ])('rejects a bad %s, naming it, and writes nothing', async (field, override) => {
    const before = await rowCounts();
    const result = await subgraph.execute(CREATE, { as: communeOfficer, variables: { input: newSponsor(override) } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe(field);
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['an officer of another commune', otherOfficer, 'FORBIDDEN'],
    ['a team leader', teamLeader, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s and writes nothing', async (_who, as, code) => {
    const before = await rowCounts();
    const result = await subgraph.execute(CREATE, { as, variables: { input: newSponsor() } });
    expect(errorCodes(result)).toEqual([code]);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('retries with an idempotency key', () => {
  const ADD_CONTACT = `mutation ($id: ID!, $input: SponsorContactInput!, $key: String) { addSponsorContact(sponsorId: $id, input: $input, idempotencyKey: $key) { id fullName phone } }`;
  const RECORD = `mutation ($id: ID!, $input: SponsorInteractionInput!, $key: String) { recordSponsorInteraction(sponsorId: $id, input: $input, idempotencyKey: $key) { id kind summary } }`;
  const contact = { fullName: 'Đỗ Thị Lan', position: 'Kế toán', phone: '0912000222' };
  const interaction = { kind: 'MEETING', occurredOn: '2025-09-03', summary: 'Gặp bàn tài trợ hội chợ' };

  it('answers a createSponsor retry with the same sponsor and writes nothing more; other input with the key is a CONFLICT', async () => {
    const input = newSponsor({ name: 'Công ty Gửi Lại', idempotencyKey: 'create-sponsor-retry-1' });
    const first = await subgraph.execute(CREATE, { as: communeOfficer, variables: { input } });
    expect(first.errors).toBeUndefined();
    const after = await rowCounts();
    const retry = await subgraph.execute(CREATE, { as: communeOfficer, variables: { input } });
    expect(retry.errors).toBeUndefined();
    expect(retry.data?.createSponsor).toEqual(first.data?.createSponsor);
    expect(await rowCounts()).toEqual(after);
    const reused = await subgraph.execute(CREATE, { as: communeOfficer, variables: { input: { ...input, name: 'Công ty Khác' } } });
    expect(errorCodes(reused)).toEqual(['CONFLICT']);
    expect(await rowCounts()).toEqual(after);
  });

  it('creates one sponsor of a double submit with one key sent at once', async () => {
    const input = newSponsor({ name: 'Công ty Bấm Hai Lần', idempotencyKey: 'create-sponsor-twice-1' });
    const before = await rowCounts();
    const results = await Promise.all([1, 2, 3].map(() => subgraph.execute(CREATE, { as: communeOfficer, variables: { input } })));
    for (const result of results) expect(result.errors).toBeUndefined();
    expect(new Set(results.map((result) => result.data?.createSponsor.id)).size).toBe(1);
    expect(await subgraph.db.manager.countBy(Sponsor, { name: 'Công ty Bấm Hai Lần' })).toBe(1);
    expect(await rowCounts()).toEqual([before[0] + 1, before[1] + 1, before[2] + 1]);
  });

  it('answers an addSponsorContact retry with the same contact, once even when sent at once', async () => {
    const sponsor = await fakeSponsor(subgraph.db, tree.commune);
    const variables = { id: sponsor.id, input: contact, key: 'add-contact-retry-1' };
    const first = await subgraph.execute(ADD_CONTACT, { as: communeOfficer, variables });
    expect(first.errors).toBeUndefined();
    const retry = await subgraph.execute(ADD_CONTACT, { as: communeOfficer, variables });
    expect(retry.data?.addSponsorContact).toEqual(first.data?.addSponsorContact);
    const together = await Promise.all([1, 2, 3].map(() => subgraph.execute(ADD_CONTACT, { as: communeOfficer, variables: { ...variables, key: 'add-contact-twice-1' } })));
    expect(new Set(together.map((result) => result.data?.addSponsorContact.id)).size).toBe(1);
    expect(await subgraph.db.manager.countBy(SponsorContact, { sponsorId: sponsor.id })).toBe(2);
    for (const { id } of [first.data?.addSponsorContact, together[0].data?.addSponsorContact]) {
      expect(await subgraph.db.manager.countBy(AuditEntry, { action: 'addSponsorContact', entityId: id })).toBe(1);
    }
  });

  it('answers a recordSponsorInteraction retry with the same entry of the history', async () => {
    const sponsor = await fakeSponsor(subgraph.db, tree.commune);
    const variables = { id: sponsor.id, input: interaction, key: 'record-interaction-retry-1' };
    const first = await subgraph.execute(RECORD, { as: communeOfficer, variables });
    expect(first.errors).toBeUndefined();
    const retry = await subgraph.execute(RECORD, { as: communeOfficer, variables });
    expect(retry.data?.recordSponsorInteraction).toEqual(first.data?.recordSponsorInteraction);
    expect(await subgraph.db.manager.countBy(SponsorInteraction, { sponsorId: sponsor.id })).toBe(1);
  });

  it('refuses a key shorter than 8 characters, naming idempotencyKey, and writes nothing', async () => {
    const sponsor = await fakeSponsor(subgraph.db, tree.commune);
    const refused = await subgraph.execute(ADD_CONTACT, { as: communeOfficer, variables: { id: sponsor.id, input: contact, key: 'short' } });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0].extensions?.field).toBe('idempotencyKey');
    expect(await subgraph.db.manager.countBy(SponsorContact, { sponsorId: sponsor.id })).toBe(0);
  });
});

describe('who sees sponsors', () => {
  const SPONSORS = `query ($unit: String!) { sponsors(unitCode: $unit) { nodes { id } } }`;
  const SPONSOR = `query ($id: ID!) { sponsor(id: $id) { id name } }`;
  let sponsor: Sponsor;
  beforeAll(async () => {
    sponsor = await fakeSponsor(subgraph.db, tree.commune);
  });

  it.each([
    ['an officer of another commune', otherOfficer, 'FORBIDDEN'],
    ['a team leader', teamLeader, 'FORBIDDEN'],
    ['a partner', partner, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s the list and the sponsor', async (_who, as, code) => {
    const list = await subgraph.execute(SPONSORS, { as, variables: { unit: tree.commune.unitCode } });
    expect(errorCodes(list)).toEqual([code]);
    expect(list.data).toBeNull();
    const one = await subgraph.execute(SPONSOR, { as, variables: { id: sponsor.id } });
    expect(errorCodes(one)).toEqual([code]);
    expect(one.data?.sponsor).toBeNull();
  });

  it.each([
    ['an officer over the commune', communeOfficer],
    ['an officer over the province', provinceOfficer],
  ])('shows them to %s', async (_who, as) => {
    const list = await subgraph.execute(SPONSORS, { as, variables: { unit: tree.commune.unitCode } });
    expect(list.errors).toBeUndefined();
    expect(list.data?.sponsors.nodes).toContainEqual({ id: sponsor.id });
    const one = await subgraph.execute(SPONSOR, { as, variables: { id: sponsor.id } });
    expect(one.data?.sponsor).toEqual({ id: sponsor.id, name: sponsor.name });
  });

  it('shows contacts only to officers over the sponsor’s unit, not to those reaching it through a pledge', async () => {
    // A province sponsor pledging to a team's programme: the team's leader and the commune officer see the pledge and its sponsor.
    const provinceSponsor = await fakeSponsor(subgraph.db, tree.province);
    await subgraph.db.manager.save(subgraph.db.manager.create(SponsorContact, { sponsorId: provinceSponsor.id, fullName: 'Phạm Thu', phone: '0987000111' }));
    const programme = await fakeProgramme(subgraph.db, tree.village, { teamId: tree.teamId });
    await fakePledge(subgraph.db, programme, provinceSponsor);
    const PLEDGES = `query ($id: ID!) { programme(id: $id) { pledges { sponsor { name contacts { fullName phone } } } } }`;

    for (const as of [teamLeader, communeOfficer]) {
      const result = await subgraph.execute(PLEDGES, { as, variables: { id: programme.id } });
      expect(errorCodes(result)).toEqual(['FORBIDDEN']);
      expect(result.errors?.[0].path).toEqual(['programme', 'pledges', 0, 'sponsor', 'contacts']);
    }
    const result = await subgraph.execute(PLEDGES, { as: provinceOfficer, variables: { id: programme.id } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.programme.pledges).toEqual([{ sponsor: { name: provinceSponsor.name, contacts: [{ fullName: 'Phạm Thu', phone: '0987000111' }] } }]);
  });
});

describe('the relationship', () => {
  it('records a status change in the audit trail with the row before and after', async () => {
    const sponsor = await fakeSponsor(subgraph.db, tree.commune, { status: SponsorStatus.PROSPECT });
    const result = await subgraph.execute(
      `mutation ($id: ID!, $input: UpdateSponsorInput!) { updateSponsor(id: $id, input: $input) { status name } }`,
      { as: communeOfficer, variables: { id: sponsor.id, input: { status: 'ACTIVE' } } },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.updateSponsor).toEqual({ status: 'ACTIVE', name: sponsor.name });
    expect((await subgraph.db.manager.findOneByOrFail(Sponsor, { id: sponsor.id })).status).toBe(SponsorStatus.ACTIVE);

    const [entry] = await auditOf(sponsor.id);
    expect(entry).toMatchObject({ action: 'updateSponsor', actor: 'officer-commune' });
    expect(JSON.parse(entry.before)).toMatchObject({ id: sponsor.id, status: 'PROSPECT' });
    expect(JSON.parse(entry.after)).toMatchObject({ id: sponsor.id, status: 'ACTIVE' });
  });

  it('keeps a memorandum with its end date in the history', async () => {
    const sponsor = await fakeSponsor(subgraph.db, tree.commune);
    const RECORD = `mutation ($id: ID!, $input: SponsorInteractionInput!) { recordSponsorInteraction(sponsorId: $id, input: $input) { id } }`;
    const memorandum = { kind: 'MEMORANDUM', occurredOn: '2025-03-01', validUntil: '2027-02-28', summary: 'Ký biên bản ghi nhớ hợp tác 2 năm' };
    const note = { kind: 'THANK_YOU_LETTER', occurredOn: '2025-01-10', summary: 'Gửi thư cảm ơn' };
    for (const input of [note, memorandum]) {
      expect((await subgraph.execute(RECORD, { as: communeOfficer, variables: { id: sponsor.id, input } })).errors).toBeUndefined();
    }
    expect(errorCodes(await subgraph.execute(RECORD, { as: otherOfficer, variables: { id: sponsor.id, input: note } }))).toEqual(['FORBIDDEN']);

    const read = await subgraph.execute(`query ($id: ID!) { sponsor(id: $id) { history { kind occurredOn validUntil summary } } }`, {
      as: provinceOfficer,
      variables: { id: sponsor.id },
    });
    expect(read.data?.sponsor.history).toEqual([memorandum, { ...note, validUntil: null }]);
  });

  it('points at the partner enterprise by its id', async () => {
    const result = await subgraph.execute(CREATE, {
      as: communeOfficer,
      variables: { input: newSponsor({ partnerId: 'partner-vnpt', contacts: [] }) },
    });
    expect(result.errors).toBeUndefined();
    const read = await subgraph.execute(`query ($id: ID!) { sponsor(id: $id) { partner { id } } }`, {
      as: communeOfficer,
      variables: { id: result.data?.createSponsor.id },
    });
    expect(read.data?.sponsor.partner).toEqual({ id: 'partner-vnpt' });
    const plain = await fakeSponsor(subgraph.db, tree.commune);
    const none = await subgraph.execute(`query ($id: ID!) { sponsor(id: $id) { partner { id } } }`, { as: communeOfficer, variables: { id: plain.id } });
    expect(none.data?.sponsor.partner).toBeNull();
  });
});

describe('a sponsor’s pledges', () => {
  const PLEDGES = /* GraphQL */ `
    query ($id: ID!) {
      sponsor(id: $id) {
        pledges { amount status cancellationReason programme { name } instalments { position status writeOffReason } }
      }
    }
  `;

  it('lists every pledge to any programme, newest first, with the reasons kept for a cancellation and a write-off', async () => {
    const sponsor = await fakeSponsor(subgraph.db, tree.commune);
    const village = await fakeProgramme(subgraph.db, tree.village, { name: 'Sóng cho bản' });
    const commune = await fakeProgramme(subgraph.db, tree.commune, { name: 'Ngày hội số' });
    await fakePledge(subgraph.db, village, sponsor, { amount: 4_000_000, createdAt: new Date('2025-03-01') }, [
      { dueOn: '2025-04-01', writtenOffAt: new Date('2025-05-02'), writeOffReason: 'Doanh nghiệp gặp khó khăn' },
      { dueOn: '2025-07-01' },
    ]);
    await fakePledge(subgraph.db, commune, sponsor, { amount: 2_000_000, createdAt: new Date('2025-06-01'), cancelledAt: new Date('2025-06-10'), cancellationReason: 'Chương trình lùi sang năm sau' });
    await fakePledge(subgraph.db, commune, await fakeSponsor(subgraph.db, tree.commune));

    const result = await subgraph.execute(PLEDGES, { as: communeOfficer, variables: { id: sponsor.id } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.sponsor.pledges).toEqual([
      { amount: '2000000', status: 'CANCELLED', cancellationReason: 'Chương trình lùi sang năm sau', programme: { name: 'Ngày hội số' }, instalments: [{ position: 1, status: expect.any(String), writeOffReason: null }] },
      {
        amount: '4000000',
        status: 'OVERDUE',
        cancellationReason: null,
        programme: { name: 'Sóng cho bản' },
        instalments: [
          { position: 1, status: 'WRITTEN_OFF', writeOffReason: 'Doanh nghiệp gặp khó khăn' },
          { position: 2, status: expect.any(String), writeOffReason: null },
        ],
      },
    ]);
  });

  it('are for officers over the sponsor’s unit only', async () => {
    const sponsor = await fakeSponsor(subgraph.db, tree.commune);
    await fakePledge(subgraph.db, await fakeProgramme(subgraph.db, tree.commune), sponsor);
    for (const as of [otherOfficer, teamLeader]) {
      expect(errorCodes(await subgraph.execute(PLEDGES, { as, variables: { id: sponsor.id } }))).toEqual(['FORBIDDEN']);
    }
  });

  it('are listed for a page of sponsors in the same number of SQL queries, however many pledges they have (no N+1)', async () => {
    const unit = tree.units.addUnit('PLEDGES', tree.province);
    const programme = await fakeProgramme(subgraph.db, unit);
    const LIST = `query ($unit: String!) { sponsors(unitCode: $unit) { nodes { pledges { amount programme { name } instalments { position } } } } }`;
    const count = () => subgraph.countQueries(() => subgraph.execute(LIST, { as: provinceOfficer, variables: { unit: unit.unitCode } }));
    await fakePledge(subgraph.db, programme, await fakeSponsor(subgraph.db, unit));
    const before = await count();
    for (let n = 0; n < 3; n += 1) {
      const sponsor = await fakeSponsor(subgraph.db, unit);
      await fakePledge(subgraph.db, programme, sponsor, {}, [{}, {}]);
      await fakePledge(subgraph.db, await fakeProgramme(subgraph.db, unit), sponsor);
    }
    expect(await count()).toBe(before);
  });
});

describe('sponsors under a unit', () => {
  const SPONSORS = /* GraphQL */ `
    query ($unit: String!, $first: Int!, $after: String, $status: SponsorStatus) {
      sponsors(unitCode: $unit, first: $first, after: $after, status: $status) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { name status }
      }
    }
  `;

  it('pages through the subtree by name, filtered by status', async () => {
    const commune = tree.units.addUnit('PAGED', tree.province);
    const village = tree.units.addUnit('PAGED-V', commune);
    const elsewhere = tree.units.addUnit('PAGED-X', tree.province);
    await fakeSponsor(subgraph.db, village, { name: 'Công ty D', status: SponsorStatus.ACTIVE });
    await fakeSponsor(subgraph.db, commune, { name: 'Công ty B', status: SponsorStatus.ACTIVE });
    await fakeSponsor(subgraph.db, commune, { name: 'Công ty A', status: SponsorStatus.ACTIVE });
    await fakeSponsor(subgraph.db, village, { name: 'Công ty C', status: SponsorStatus.LAPSED });
    await fakeSponsor(subgraph.db, elsewhere, { name: 'Công ty AA', status: SponsorStatus.ACTIVE });

    const names: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await subgraph.execute(SPONSORS, {
        as: provinceOfficer,
        variables: { unit: commune.unitCode, first: 2, after, status: 'ACTIVE' },
      });
      expect(page.errors).toBeUndefined();
      expect(page.data.sponsors.totalCount).toBe(3);
      names.push(...page.data.sponsors.nodes.map((sponsor: { name: string }) => sponsor.name));
      after = page.data.sponsors.pageInfo.hasNextPage ? page.data.sponsors.pageInfo.endCursor : null;
    } while (after);
    expect(names).toEqual(['Công ty A', 'Công ty B', 'Công ty D']);

    const all = await subgraph.execute(SPONSORS, { as: provinceOfficer, variables: { unit: commune.unitCode, first: 10 } });
    expect(all.data?.sponsors.nodes.map((sponsor: { name: string }) => sponsor.name)).toEqual(['Công ty A', 'Công ty B', 'Công ty C', 'Công ty D']);
  });
});
