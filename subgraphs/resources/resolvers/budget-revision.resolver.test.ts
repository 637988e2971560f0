import { AuditEntry } from '../../common/audit';
import { Role, type HubClaims } from '../../common/auth';
import { eventsInOutbox } from '../../common/testing/events';
import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import { resources } from '..';
import { BudgetLine, BudgetRevision, Expense, ExpenseStatus, Programme } from '../entities';
import { fakeProgramme, fakeTree } from '../testing/factories';

/** A programme's estimate revised until an officer over its unit approves it; every version kept. */
let subgraph: TestSubgraph;
const tree = fakeTree();
const { officer, otherOfficer, officerElsewhere, leader } = tree.callers;
const thirdOfficer: HubClaims = { sub: 'third-officer', roles: [Role.OFFICER], units: [tree.commune.unitCode] };

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
});
afterAll(() => subgraph.close());

const CREATE = `mutation ($input: CreateProgrammeInput!) { createProgramme(input: $input) { id } }`;
const REVISE = `mutation ($input: ReviseBudgetInput!) { reviseBudget(input: $input) { id number reason incomeTotal expenseTotal revisedByMe lines { side position item unitPrice quantity amount } } }`;
const APPROVE = `mutation ($input: ApproveBudgetInput!) { approveBudget(input: $input) { id budgetApprovedAt } }`;
const REVISIONS = `query ($id: ID!) { programme(id: $id) { budgetApprovedAt budgetRevisions { number reason expenseTotal revisedByMe lines { item amount } } budget { lines { id item position } } } }`;

function ok<T>(result: OperationResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const loa = { side: 'EXPENSE', item: 'Thuê loa đài', unit: 'buổi', unitPrice: '500000', quantity: 2 };
const banner = { side: 'EXPENSE', item: 'In băng rôn', unit: 'cái', unitPrice: '300000', quantity: 3 };
const sponsorship = { side: 'INCOME', item: 'Tài trợ của doanh nghiệp', unit: 'gói', unitPrice: '5000000', quantity: 1 };

/** A commune programme an officer creates with three lines: sponsorship income, speakers and banners. */
async function programmeWithEstimate(as: HubClaims = officer): Promise<{ id: string; lines: BudgetLine[] }> {
  const input = { unitCode: tree.commune.unitCode, name: 'Ngày hội chuyển đổi số', kind: 'CAMPAIGN', horizonMonths: 3, startsOn: '2026-10-01', budget: [sponsorship, loa, banner] };
  const { id } = ok(await subgraph.execute(CREATE, { as, variables: { input } })).createProgramme;
  const lines = await subgraph.db.manager.find(BudgetLine, { where: { programmeId: id }, order: { side: 'DESC', position: 'ASC' } });
  return { id, lines };
}

const revise = (programmeId: string, budget: unknown[], as: HubClaims = officer, extra: Record<string, unknown> = {}) =>
  subgraph.execute(REVISE, { as, variables: { input: { programmeId, reason: 'Giá thuê loa tăng', budget, ...extra } } });
const approve = (programmeId: string, as: HubClaims, idempotencyKey?: string) => subgraph.execute(APPROVE, { as, variables: { input: { programmeId, idempotencyKey } } });
const revisionCount = (programmeId: string) => subgraph.db.manager.countBy(BudgetRevision, { programmeId });

describe('reviseBudget', () => {
  it('keeps the first estimate as revision 1, changes lines in place, adds and removes lines, and lists every revision', async () => {
    const { id, lines } = await programmeWithEstimate();
    const [income, speakers] = lines;
    const { manager } = subgraph.db;
    // Spending recorded against the speakers' line stays linked to it after the revision.
    const expense = await manager.save(
      manager.create(Expense, { programmeId: id, budgetLineId: speakers.id, amount: 600_000, spentOn: '2026-10-02', description: 'Thuê loa', evidence: 'HĐ 1', status: ExpenseStatus.PENDING, decidedBy: null, recordedBy: 'officer' }),
    );
    const revised = ok(
      await revise(id, [{ ...sponsorship, id: income.id }, { ...loa, id: speakers.id, unitPrice: '600000' }, { side: 'EXPENSE', item: 'Nước uống', unit: 'thùng', unitPrice: '120000', quantity: 5 }]),
    ).reviseBudget;
    expect(revised).toMatchObject({ number: 2, reason: 'Giá thuê loa tăng', incomeTotal: '5000000', expenseTotal: '1800000', revisedByMe: true });
    expect(revised.lines).toEqual([
      { side: 'INCOME', position: 1, item: 'Tài trợ của doanh nghiệp', unitPrice: '5000000', quantity: 1, amount: '5000000' },
      { side: 'EXPENSE', position: 1, item: 'Thuê loa đài', unitPrice: '600000', quantity: 2, amount: '1200000' },
      { side: 'EXPENSE', position: 2, item: 'Nước uống', unitPrice: '120000', quantity: 5, amount: '600000' },
    ]);
    expect((await manager.findOneByOrFail(Expense, { id: expense.id })).budgetLineId).toBe(speakers.id);

    const { programme } = ok(await subgraph.execute(REVISIONS, { as: otherOfficer, variables: { id } }));
    expect(programme.budgetApprovedAt).toBeNull();
    expect(programme.budgetRevisions).toEqual([
      { number: 1, reason: null, expenseTotal: '1900000', revisedByMe: false, lines: [{ item: 'Tài trợ của doanh nghiệp', amount: '5000000' }, { item: 'Thuê loa đài', amount: '1000000' }, { item: 'In băng rôn', amount: '900000' }] },
      { number: 2, reason: 'Giá thuê loa tăng', expenseTotal: '1800000', revisedByMe: false, lines: [{ item: 'Tài trợ của doanh nghiệp', amount: '5000000' }, { item: 'Thuê loa đài', amount: '1200000' }, { item: 'Nước uống', amount: '600000' }] },
    ]);
    expect(programme.budget.lines.map((line: { item: string }) => line.item)).toEqual(['Tài trợ của doanh nghiệp', 'Thuê loa đài', 'Nước uống']);
    expect(await manager.countBy(AuditEntry, { action: 'reviseBudget', entityId: id })).toBe(1);
    const events = (await eventsInOutbox({ name: 'resources', db: subgraph.db }, 'budget.revised')).filter((event) => event.subject === id);
    expect(events.map((event) => event.payload)).toEqual([{ programmeId: id, unitCode: tree.commune.unitCode, revision: 2, incomeTotal: '5000000', expenseTotal: '1800000' }]);
  });

  it('lets the owning team’s leader revise their programme, but not an officer elsewhere', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.village, { teamId: tree.teamId });
    expect(ok(await revise(programme.id, [loa], leader)).reviseBudget.number).toBe(1);
    expect(errorCodes(await revise(programme.id, [loa], officerElsewhere))).toEqual(['FORBIDDEN']);
    expect(await revisionCount(programme.id)).toBe(1);
  });

  it('refuses to remove a line spending was recorded against, naming budget, and writes nothing', async () => {
    const { id, lines } = await programmeWithEstimate();
    const { manager } = subgraph.db;
    await manager.save(
      manager.create(Expense, { programmeId: id, budgetLineId: lines[2].id, amount: 900_000, spentOn: '2026-10-02', description: 'Băng rôn', evidence: 'HĐ 2', status: ExpenseStatus.APPROVED, decidedBy: 'x', recordedBy: 'y' }),
    );
    const result = await revise(id, [{ ...sponsorship, id: lines[0].id }, { ...loa, id: lines[1].id, quantity: 3 }]);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'budget' });
    expect(result.errors?.[0].message).toContain('In băng rôn');
    expect(await manager.countBy(BudgetLine, { programmeId: id })).toBe(3);
    expect((await manager.findOneByOrFail(BudgetLine, { id: lines[1].id })).quantity).toBe(2);
    expect(await revisionCount(id)).toBe(1);
  });

  it('refuses a line of another programme, and turning an income line into an expense, naming the field', async () => {
    const { id, lines } = await programmeWithEstimate();
    const other = await programmeWithEstimate();
    expect((await revise(id, [{ ...loa, id: other.lines[1].id }])).errors?.[0].extensions).toMatchObject({ field: 'budget.0.id' });
    expect((await revise(id, [{ ...loa, id: lines[0].id }])).errors?.[0].extensions).toMatchObject({ field: 'budget.0.side' });
    expect(await revisionCount(id)).toBe(1);
  });

  it('keeps one revision for a retry with the same idempotency key', async () => {
    const { id } = await programmeWithEstimate();
    const first = ok(await revise(id, [loa], officer, { idempotencyKey: 'revise-once-1' })).reviseBudget;
    const again = ok(await revise(id, [loa], officer, { idempotencyKey: 'revise-once-1' })).reviseBudget;
    expect(again.id).toBe(first.id);
    expect(await revisionCount(id)).toBe(2);
  });
});

describe('approveBudget', () => {
  it('is refused to whoever made the last revision and to the team, granted to another officer over the unit; then no revision is taken, naming programmeId', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.village, { teamId: tree.teamId });
    ok(await revise(programme.id, [loa], otherOfficer));
    expect(errorCodes(await approve(programme.id, otherOfficer))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await approve(programme.id, leader))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await approve(programme.id, officerElsewhere))).toEqual(['FORBIDDEN']);
    expect(ok(await approve(programme.id, officer)).approveBudget.budgetApprovedAt).toEqual(expect.any(String));

    const refused = await revise(programme.id, [banner], leader);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'programmeId' });
    expect(refused.errors?.[0].message).toContain('đã được duyệt');
    expect(await revisionCount(programme.id)).toBe(1);
    expect(await subgraph.db.manager.countBy(BudgetLine, { programmeId: programme.id })).toBe(1);
    expect(await subgraph.db.manager.countBy(AuditEntry, { action: 'approveBudget', entityId: programme.id })).toBe(1);
    const [approved] = (await eventsInOutbox({ name: 'resources', db: subgraph.db }, 'budget.approved')).filter((event) => event.subject === programme.id);
    expect(approved.payload).toMatchObject({ revision: 1, expenseTotal: '1000000' });
  });

  it('is refused to the officer who created the estimate (its first revision)', async () => {
    const { id } = await programmeWithEstimate(officer);
    expect(errorCodes(await approve(id, officer))).toEqual(['FORBIDDEN']);
    expect(ok(await approve(id, otherOfficer)).approveBudget.id).toBe(id);
  });

  it('decides once when two officers approve at once', async () => {
    const { id } = await programmeWithEstimate(officer);
    const results = await Promise.all([approve(id, otherOfficer), approve(id, thirdOfficer)]);
    expect(results.map((result) => (result.errors ? errorCodes(result)[0] : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
    expect(await subgraph.db.manager.countBy(AuditEntry, { action: 'approveBudget', entityId: id })).toBe(1);
  });

  it('answers a retry with the same idempotency key with the approved programme, not a conflict', async () => {
    const { id } = await programmeWithEstimate(officer);
    const first = ok(await approve(id, otherOfficer, 'approve-once-1')).approveBudget;
    expect(ok(await approve(id, otherOfficer, 'approve-once-1')).approveBudget).toEqual(first);
    expect(errorCodes(await approve(id, otherOfficer))).toEqual(['CONFLICT']);
  });
});

it('lists the revisions of many programmes in a constant number of queries', async () => {
  const LIST = `query ($code: String!) { programmes(unitCode: $code, first: 50) { nodes { budgetRevisions { number lines { item } } } } }`;
  const place = tree.units.addUnit(`X${Date.now() % 100000}`, tree.commune, 'Thôn Mới');
  const create = (count: number) => Promise.all(Array.from({ length: count }, () => programmeWithEstimateAt(place.unitCode)));
  await create(2);
  const few = await subgraph.countQueries(() => subgraph.execute(LIST, { as: officer, variables: { code: place.unitCode } }));
  await create(6);
  const many = await subgraph.countQueries(() => subgraph.execute(LIST, { as: officer, variables: { code: place.unitCode } }));
  expect(many).toBe(few);
});

async function programmeWithEstimateAt(unitCode: string): Promise<void> {
  const input = { unitCode, name: `Chương trình ${Math.random()}`, kind: 'CAMPAIGN', horizonMonths: 3, startsOn: '2026-10-01', budget: [loa] };
  ok(await subgraph.execute(CREATE, { as: officer, variables: { input } }));
  expect(await subgraph.db.manager.countBy(Programme, { unitCode })).toBeGreaterThan(0);
}
