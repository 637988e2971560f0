import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../../common/audit';
import { Role, type HubClaims } from '../../common/auth';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import type { UnitPlace } from '../../common/unit-directory';
import { resources } from '..';
import { BudgetLine, BudgetSide, Programme, SponsorshipPackage } from '../entities';
import { fakeGiftLot, fakePledge, fakeProgramme, fakeSponsor, fakeTree } from '../testing/factories';

const tree = fakeTree();
let subgraph: TestSubgraph;

const officerOver = (place: UnitPlace, sub = `officer-${place.unitCode}`): HubClaims => ({ sub, roles: [Role.OFFICER], units: [place.unitCode] });
const communeOfficer = officerOver(tree.commune);
const otherOfficer = officerOver(tree.otherCommune);
const teamLeader: HubClaims = { sub: 'leader', roles: [Role.TEAM_LEADER], team: tree.teamId };

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
});
afterAll(() => subgraph.close());

const CREATE = /* GraphQL */ `
  mutation ($input: CreateProgrammeInput!) {
    createProgramme(input: $input) {
      id unitCode name horizonMonths team { id } unit { code }
      budget { lines { side position item unitPrice quantity amount } incomeTotal expenseTotal difference }
    }
  }
`;

const newProgramme = (owner: Record<string, unknown>, overrides: Record<string, unknown> = {}) => ({
  ...owner,
  name: 'Chiến dịch phổ cập kỹ năng số quý IV',
  kind: 'CAMPAIGN',
  horizonMonths: 3,
  startsOn: '2025-10-01',
  ...overrides,
});

const line = (side: string, unitPrice: string, quantity: number, item = 'Hạng mục') => ({ side, item, unit: 'cái', unitPrice, quantity });

async function rowCounts() {
  const { manager } = subgraph.db;
  return [await manager.count(Programme), await manager.count(BudgetLine), await manager.count(AuditEntry)];
}

describe('createProgramme', () => {
  it('lets an officer run a programme for their unit', async () => {
    const result = await subgraph.execute(CREATE, { as: communeOfficer, variables: { input: newProgramme({ unitCode: tree.commune.unitCode }) } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createProgramme).toMatchObject({ unitCode: tree.commune.unitCode, team: null, unit: { code: tree.commune.unitCode } });
  });

  it('lets a team’s leader run a programme for the team, placed at the team’s village', async () => {
    const result = await subgraph.execute(CREATE, { as: teamLeader, variables: { input: newProgramme({ teamId: tree.teamId }) } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createProgramme).toMatchObject({ unitCode: tree.village.unitCode, team: { id: tree.teamId } });
    const saved = await subgraph.db.manager.findOneByOrFail(Programme, { id: result.data?.createProgramme.id });
    expect(saved.unitPath).toBe(tree.village.unitPath);
  });

  it.each([
    ['an officer of another commune, for a unit', otherOfficer, { unitCode: tree.commune.unitCode }, 'FORBIDDEN'],
    ['an officer of another commune, for a team', otherOfficer, { teamId: tree.teamId }, 'FORBIDDEN'],
    ['another team’s leader', { sub: 'l2', roles: [Role.TEAM_LEADER], team: randomUUID() }, { teamId: tree.teamId }, 'FORBIDDEN'],
    ['an anonymous caller', undefined, { unitCode: tree.commune.unitCode }, 'UNAUTHENTICATED'],
  ])('refuses %s and writes nothing', async (_who, as, owner, code) => {
    const before = await rowCounts();
    const result = await subgraph.execute(CREATE, { as: as as HubClaims | undefined, variables: { input: newProgramme(owner) } });
    expect(errorCodes(result)).toEqual([code]);
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['both unitCode and teamId', { unitCode: tree.village.unitCode, teamId: tree.teamId }],
    ['neither unitCode nor teamId', {}],
  ])('refuses %s', async (_case, owner) => {
    const before = await rowCounts();
    const result = await subgraph.execute(CREATE, { as: { sub: 'admin', roles: [Role.ADMIN] }, variables: { input: newProgramme(owner) } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'unitCode' });
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['horizonMonths', { horizonMonths: 5 }],
    ['budget.0.quantity', { budget: [line('EXPENSE', '50000', -2)] }],
    ['budget.1.unitPrice', { budget: [line('INCOME', '1000000', 1), line('EXPENSE', '-50000', 2)] }],
  ])('rejects a bad %s, naming it, and writes nothing', async (field, override) => {
    const before = await rowCounts();
    const result = await subgraph.execute(CREATE, { as: communeOfficer, variables: { input: newProgramme({ unitCode: tree.commune.unitCode }, override) } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe(field);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses money with decimals, naming the field, and writes nothing', async () => {
    const before = await rowCounts();
    const input = newProgramme({ unitCode: tree.commune.unitCode }, { budget: [line('EXPENSE', '1500.5', 2)] });
    const result = await subgraph.execute(CREATE, { as: communeOfficer, variables: { input } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe('budget.0.unitPrice');
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a line larger than one budget line may hold (MAX_AMOUNT.budgetLine), naming it', async () => {
    const before = await rowCounts();
    const budget = [line('INCOME', '10000000000', 10), line('INCOME', '10000000000', 11)];
    const result = await subgraph.execute(CREATE, { as: communeOfficer, variables: { input: newProgramme({ unitCode: tree.commune.unitCode }, { budget }) } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'budget.1.quantity' });
    expect(await rowCounts()).toEqual(before);
  });

  it('keeps budget amounts beyond 2^31 exact, with the totals', async () => {
    const budget = [
      line('EXPENSE', '1500000', 3, 'Thuê hội trường'),
      line('INCOME', '3000000000', 2, 'Tài trợ doanh nghiệp'),
      line('EXPENSE', '2147483648', 1, 'Thiết bị'),
    ];
    const created = await subgraph.execute(CREATE, { as: communeOfficer, variables: { input: newProgramme({ unitCode: tree.commune.unitCode }, { budget }) } });
    expect(created.errors).toBeUndefined();
    const read = await subgraph.execute(
      `query ($id: ID!) { programme(id: $id) { budget { lines { side position item unitPrice quantity amount } incomeTotal expenseTotal difference } } }`,
      { variables: { id: created.data?.createProgramme.id } },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?.programme.budget).toEqual({
      lines: [
        { side: 'INCOME', position: 1, item: 'Tài trợ doanh nghiệp', unitPrice: '3000000000', quantity: 2, amount: '6000000000' },
        { side: 'EXPENSE', position: 1, item: 'Thuê hội trường', unitPrice: '1500000', quantity: 3, amount: '4500000' },
        { side: 'EXPENSE', position: 2, item: 'Thiết bị', unitPrice: '2147483648', quantity: 1, amount: '2147483648' },
      ],
      incomeTotal: '6000000000',
      expenseTotal: '2151983648',
      difference: '3848016352',
    });
  });
});

describe('createSponsorshipPackage', () => {
  const CREATE_PACKAGE = `mutation ($id: ID!, $input: SponsorshipPackageInput!) { createSponsorshipPackage(programmeId: $id, input: $input) { name value } }`;
  const gold = { name: 'Gói Vàng', contribution: '500 SIM 4G và 50 điện thoại', benefits: 'Logo trên phông nền', value: '250000000' };

  it('adds a package the public can read, for the programme’s managers only', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.village, { teamId: tree.teamId });
    const refused = await subgraph.execute(CREATE_PACKAGE, { as: otherOfficer, variables: { id: programme.id, input: gold } });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(await subgraph.db.manager.countBy(SponsorshipPackage, { programmeId: programme.id })).toBe(0);

    const added = await subgraph.execute(CREATE_PACKAGE, { as: teamLeader, variables: { id: programme.id, input: gold } });
    expect(added.data?.createSponsorshipPackage).toEqual({ name: 'Gói Vàng', value: '250000000' });
    const read = await subgraph.execute(`query ($id: ID!) { programme(id: $id) { packages { name contribution benefits value } } }`, {
      variables: { id: programme.id },
    });
    expect(read.data?.programme.packages).toEqual([{ name: 'Gói Vàng', contribution: gold.contribution, benefits: gold.benefits, value: '250000000' }]);
  });
});

describe('who sees what of a programme', () => {
  let programme: Programme;
  beforeAll(async () => {
    programme = await fakeProgramme(subgraph.db, tree.commune);
    await fakePledge(subgraph.db, programme, await fakeSponsor(subgraph.db, tree.commune), { amount: 7_000_000 });
  });

  it('lists programmes of a unit’s subtree to anyone', async () => {
    const commune = tree.units.addUnit('LIST-C', tree.province);
    const village = tree.units.addUnit('LIST-V', commune);
    const elsewhere = tree.units.addUnit('LIST-X', tree.province);
    await fakeProgramme(subgraph.db, village, { name: 'Thôn: livestream bán hàng' });
    await fakeProgramme(subgraph.db, commune, { name: 'Xã: ngày hội số' });
    await fakeProgramme(subgraph.db, elsewhere, { name: 'Nơi khác' });
    const result = await subgraph.execute(`query ($unit: String!) { programmes(unitCode: $unit) { totalCount nodes { name unitCode } } }`, {
      variables: { unit: commune.unitCode },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.programmes).toEqual({
      totalCount: 2,
      nodes: [
        { name: 'Thôn: livestream bán hàng', unitCode: village.unitCode },
        { name: 'Xã: ngày hội số', unitCode: commune.unitCode },
      ],
    });
  });

  it('shows funds and the budget to anyone', async () => {
    const result = await subgraph.execute(`query ($id: ID!) { programme(id: $id) { funds { pledged } budget { incomeTotal } } }`, {
      variables: { id: programme.id },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.programme).toEqual({ funds: { pledged: '7000000' }, budget: { incomeTotal: '0' } });
  });

  const outsiders: [string, HubClaims | undefined, string][] = [
    ['an officer of another commune', otherOfficer, 'FORBIDDEN'],
    ['a team leader (the programme is the commune’s)', teamLeader, 'FORBIDDEN'],
    ['a partner', { sub: 'p', roles: [Role.PARTNER], partner: 'vnpt' }, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ];
  describe.each(['pledges', 'receipts', 'expenses'])('%s', (field) => {
    it.each(outsiders)('are refused to %s', async (_who, as, code) => {
      const result = await subgraph.execute(`query ($id: ID!) { programme(id: $id) { ${field} { id } } }`, { as, variables: { id: programme.id } });
      expect(errorCodes(result)).toEqual([code]);
      expect(result.data?.programme).toBeNull();
    });

    it('are shown to an officer over the province', async () => {
      const result = await subgraph.execute(`query ($id: ID!) { programme(id: $id) { ${field} { id } } }`, {
        as: officerOver(tree.province),
        variables: { id: programme.id },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data?.programme[field]).toHaveLength(field === 'pledges' ? 1 : 0);
    });
  });
});

describe('funds on federated teams and units', () => {
  const ENTITIES = /* GraphQL */ `
    query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Team { id funds { pledged received spent balance } programmes { name } }
        ... on AdministrativeUnit { code funds { received } }
      }
    }
  `;
  const RECORD_CASH = `mutation ($input: CashDonationInput!) { recordCashDonation(input: $input) { id } }`;
  const RECORD_EXPENSE = `mutation ($input: ExpenseInput!) { recordExpense(input: $input) { id } }`;
  const DECIDE = `mutation ($id: ID!) { decideExpense(id: $id, approve: true) { status } }`;

  it('sums non-cancelled pledges, cash and in-kind receipts and approved spending', async () => {
    const commune = tree.units.addUnit('FUNDS-C', tree.province);
    const village = tree.units.addUnit('FUNDS-V', commune);
    const teamId = randomUUID();
    tree.units.addTeam(teamId, village);
    const officer = officerOver(commune);
    const leader: HubClaims = { sub: 'funds-leader', roles: [Role.TEAM_LEADER], team: teamId };

    const sponsor = await fakeSponsor(subgraph.db, commune);
    const teamProgramme = await fakeProgramme(subgraph.db, village, { teamId, name: 'Tổ: SIM cho người cao tuổi' });
    const unitProgramme = await fakeProgramme(subgraph.db, commune);
    const pledge = await fakePledge(subgraph.db, teamProgramme, sponsor, { amount: 10_000_000 });
    await fakePledge(subgraph.db, teamProgramme, sponsor, { amount: 5_000_000, cancelledAt: new Date() });
    await fakePledge(subgraph.db, unitProgramme, sponsor, { amount: 2_000_000 });
    await fakeGiftLot(subgraph.db, teamProgramme, 4); // 200 000 đồng in kind

    const cash = (programmeId: string, amount: string, extra = {}) => ({ programmeId, amount, receivedOn: '2025-10-05', method: 'BANK_TRANSFER', ...extra });
    for (const [as, input] of [
      [leader, cash(teamProgramme.id, '3000000', { pledgeId: pledge.id })],
      [officer, cash(unitProgramme.id, '1000000')],
    ] as const) {
      expect((await subgraph.execute(RECORD_CASH, { as, variables: { input } })).errors).toBeUndefined();
    }
    const spend = async (amount: string) => {
      const result = await subgraph.execute(RECORD_EXPENSE, {
        as: leader,
        variables: { input: { programmeId: teamProgramme.id, amount, spentOn: '2025-10-10', description: 'Mua SIM', evidence: 'HĐ 0001234' } },
      });
      expect(result.errors).toBeUndefined();
      return result.data?.recordExpense.id as string;
    };
    const approved = await spend('800000');
    await spend('300000'); // still PENDING
    expect((await subgraph.execute(DECIDE, { as: officer, variables: { id: approved } })).data?.decideExpense).toEqual({ status: 'APPROVED' });

    const result = await subgraph.execute(ENTITIES, {
      variables: {
        representations: [
          { __typename: 'Team', id: teamId },
          { __typename: 'AdministrativeUnit', code: commune.unitCode },
        ],
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: teamId,
        funds: { pledged: '10000000', received: '3200000', spent: '800000', balance: '2200000' },
        programmes: [{ name: 'Tổ: SIM cho người cao tuổi' }],
      },
      { code: commune.unitCode, funds: { received: '4200000' } },
    ]);
  });
});

describe('SQL queries do not grow with the list (no N+1)', () => {
  let serial = 0;
  /** A commune with `count` team programmes, each with a budget line, a package, two pledges and an in-kind receipt. */
  async function communeWith(count: number) {
    serial += 1;
    const commune = tree.units.addUnit(`N1-${serial}`, tree.province);
    const sponsor = await fakeSponsor(subgraph.db, commune);
    const teamIds: string[] = [];
    for (let index = 0; index < count; index += 1) {
      const village = tree.units.addUnit(`N1-${serial}-${index}`, commune);
      const teamId = randomUUID();
      tree.units.addTeam(teamId, village);
      teamIds.push(teamId);
      const programme = await fakeProgramme(subgraph.db, village, { teamId });
      const { manager } = subgraph.db;
      await manager.save(manager.create(BudgetLine, { programmeId: programme.id, side: BudgetSide.INCOME, position: 1, item: 'Tài trợ', unit: 'gói', unitPrice: 1_000_000, quantity: 1, note: null }));
      await manager.save(manager.create(SponsorshipPackage, { programmeId: programme.id, name: 'Gói Bạc', contribution: 'SIM', benefits: 'Cảm ơn', mediaExposure: null, value: null }));
      await fakePledge(subgraph.db, programme, sponsor);
      await fakePledge(subgraph.db, programme, sponsor);
      await fakeGiftLot(subgraph.db, programme, 2);
    }
    return { commune, teamIds };
  }

  async function queriesFor(query: string, variables: Record<string, unknown>, check: (data: any) => void) {
    let result: any;
    const queries = await subgraph.countQueries(async () => {
      result = await subgraph.execute(query, { variables });
    });
    expect(result.errors).toBeUndefined();
    check(result.data);
    return queries;
  }

  it('for team entities with their funds and programmes', async () => {
    const ENTITIES = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) { ... on Team { funds { pledged received spent balance } programmes { name funds { received } } } }
    }`;
    const count = async (teams: number) => {
      const { teamIds } = await communeWith(teams);
      return queriesFor(ENTITIES, { representations: teamIds.map((id) => ({ __typename: 'Team', id })) }, (data) => {
        expect(data._entities).toHaveLength(teams);
        for (const team of data._entities) {
          expect(team.funds).toEqual({ pledged: '20000000', received: '100000', spent: '0', balance: '0' });
          expect(team.programmes).toHaveLength(1);
        }
      });
    };
    const few = await count(2);
    expect(await count(8)).toBe(few);
    expect(few).toBeLessThanOrEqual(7); // the teams' programmes, then pledged/received/spent for the teams and for the programmes
  });

  it('for a unit’s programmes with their funds, budgets and packages', async () => {
    const PROGRAMMES = `query ($unit: String!) {
      programmes(unitCode: $unit, first: 50) { nodes { name funds { received } budget { incomeTotal } packages { name } } }
    }`;
    const count = async (programmes: number) => {
      const { commune } = await communeWith(programmes);
      return queriesFor(PROGRAMMES, { unit: commune.unitCode }, (data) => {
        expect(data.programmes.nodes).toHaveLength(programmes);
        for (const node of data.programmes.nodes) {
          expect(node).toMatchObject({ funds: { received: '100000' }, budget: { incomeTotal: '1000000' }, packages: [{ name: 'Gói Bạc' }] });
        }
      });
    };
    const few = await count(2);
    expect(await count(8)).toBe(few);
    expect(few).toBeLessThanOrEqual(6); // the page, pledged/received/spent, budget lines, packages
  });
});
