import type { HubClaims } from '../../common/auth';
import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import { resources } from '..';
import { BudgetLine, BudgetSide, Expense, ExpenseStatus, type Programme } from '../entities';
import { fakeCashReceipt, fakeProgramme, fakeTree } from '../testing/factories';

let subgraph: TestSubgraph;
const tree = fakeTree();

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
});
afterAll(() => subgraph.close());

const { officer, officerElsewhere, otherOfficer, leader } = tree.callers;

const RECORD = `mutation ($input: ExpenseInput!) { recordExpense(input: $input) { id status amount budgetLine { id item } } }`;
const DECIDE = `mutation ($id: ID!, $approve: Boolean!) { decideExpense(id: $id, approve: $approve) { id status } }`;
const FUNDS = `query ($id: ID!) { programme(id: $id) { funds { spent } } }`;

function budgetLine(programme: Programme, side: BudgetSide, item = 'Thuê loa đài'): Promise<BudgetLine> {
  return subgraph.db.manager.save(
    subgraph.db.manager.create(BudgetLine, { programmeId: programme.id, side, position: 1, item, unit: 'buổi', unitPrice: 500_000, quantity: 2, note: null }),
  );
}

function record(programme: Programme, input: Record<string, unknown> = {}, as: HubClaims = officer) {
  return subgraph.execute(RECORD, {
    as,
    variables: { input: { programmeId: programme.id, amount: '800000', spentOn: '2025-10-03', description: 'Thuê loa', evidence: 'HĐ 0012345', ...input } },
  });
}

const decide = (id: string, approve: boolean, as?: HubClaims) => subgraph.execute(DECIDE, { as, variables: { id, approve } });

function ok<T>(result: OperationResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const statusOf = async (id: string) => (await subgraph.db.manager.findOneByOrFail(Expense, { id })).status;

describe('recordExpense', () => {
  it('records spending as PENDING, against an expense line of the budget', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const line = await budgetLine(programme, BudgetSide.EXPENSE);
    const expense = ok(await record(programme, { budgetLineId: line.id })).recordExpense;
    expect(expense).toMatchObject({ status: 'PENDING', amount: '800000', budgetLine: { id: line.id, item: 'Thuê loa đài' } });
  });

  it('lets the owning team’s leader record spending, but not an officer elsewhere', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.village, { teamId: tree.teamId });
    expect(ok(await record(programme, {}, leader)).recordExpense.status).toBe('PENDING');
    expect(errorCodes(await record(programme, {}, officerElsewhere))).toEqual(['FORBIDDEN']);
    expect(await subgraph.db.manager.countBy(Expense, { programmeId: programme.id })).toBe(1);
  });

  it('refuses a budget line of another programme or an INCOME line, naming budgetLineId, and writes nothing', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const income = await budgetLine(programme, BudgetSide.INCOME, 'Tài trợ');
    const elsewhere = await budgetLine(await fakeProgramme(subgraph.db, tree.commune), BudgetSide.EXPENSE);
    for (const line of [income, elsewhere]) {
      expect((await record(programme, { budgetLineId: line.id })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'budgetLineId' });
    }
    expect(await subgraph.db.manager.countBy(Expense, { programmeId: programme.id })).toBe(0);
  });

  it('returns the same expense for a retry with the same key, and refuses that key for other input', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const first = ok(await record(programme, { idempotencyKey: 'expense-retry-1' })).recordExpense;
    expect(ok(await record(programme, { idempotencyKey: 'expense-retry-1' })).recordExpense).toEqual(first);
    expect(errorCodes(await record(programme, { idempotencyKey: 'expense-retry-1', amount: '900000' }))).toEqual(['CONFLICT']);
    expect(await subgraph.db.manager.countBy(Expense, { programmeId: programme.id })).toBe(1);
  });
});

describe('decideExpense', () => {
  it('is for officers over the programme’s unit, not the owning team’s leader', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.village, { teamId: tree.teamId });
    await fakeCashReceipt(subgraph.db, programme, 1_000_000);
    const { id } = ok(await record(programme, {}, leader)).recordExpense;
    expect(errorCodes(await decide(id, true, leader))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await decide(id, true, officerElsewhere))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await decide(id, true))).toEqual(['UNAUTHENTICATED']);
    expect(await statusOf(id)).toBe(ExpenseStatus.PENDING);

    expect(ok(await decide(id, true, officer)).decideExpense.status).toBe('APPROVED');
    expect(ok(await subgraph.execute(FUNDS, { variables: { id: programme.id } })).programme.funds.spent).toBe('800000');
  });

  it('counts rejected spending nowhere', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const { id } = ok(await record(programme)).recordExpense;
    expect(ok(await decide(id, false, officer)).decideExpense.status).toBe('REJECTED');
    expect(ok(await subgraph.execute(FUNDS, { variables: { id: programme.id } })).programme.funds.spent).toBe('0');
  });

  it('decides only once: a second decision is a CONFLICT', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    await fakeCashReceipt(subgraph.db, programme, 1_000_000);
    const { id } = ok(await record(programme)).recordExpense;
    ok(await decide(id, true, otherOfficer));
    expect(errorCodes(await decide(id, false, officer))).toEqual(['CONFLICT']);
    expect(errorCodes(await decide(id, true, otherOfficer))).toEqual(['CONFLICT']);
    expect(await statusOf(id)).toBe(ExpenseStatus.APPROVED);
  });

  it('decides only once when two decisions arrive together', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    await fakeCashReceipt(subgraph.db, programme, 1_000_000);
    const { id } = ok(await record(programme)).recordExpense;
    const results = await Promise.all([decide(id, true, otherOfficer), decide(id, false, officer)]);
    expect(results.flatMap(errorCodes)).toEqual(['CONFLICT']);
    const winner = results.find((result) => !result.errors)!.data!.decideExpense.status;
    expect(await statusOf(id)).toBe(winner);
  });

  // Issue 14, defect 3.
  it('refuses an approval by whoever recorded the spending, and lets another officer approve it', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    await fakeCashReceipt(subgraph.db, programme, 1_000_000);
    const { id } = ok(await record(programme, {}, officer)).recordExpense;
    const own = await decide(id, true, officer);
    expect(errorCodes(own)).toEqual(['FORBIDDEN']);
    expect(own.errors![0].message).toMatch(/không được tự duyệt/);
    expect(await statusOf(id)).toBe(ExpenseStatus.PENDING);
    expect(ok(await decide(id, true, otherOfficer)).decideExpense.status).toBe('APPROVED');
  });

  it('tells the recorder the spending is their own (recordedByMe), and another officer that it is not', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    ok(await record(programme, {}, officer));
    const queue = (as: HubClaims) => subgraph.execute(`query ($id: ID!) { programme(id: $id) { expenses { recordedByMe } } }`, { as, variables: { id: programme.id } });
    expect(ok(await queue(officer)).programme.expenses).toEqual([{ recordedByMe: true }]);
    expect(ok(await queue(otherOfficer)).programme.expenses).toEqual([{ recordedByMe: false }]);
  });

  it('refuses an approval beyond the programme’s cash on hand, naming the balance', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    await fakeCashReceipt(subgraph.db, programme, 1_000_000);
    const first = ok(await record(programme, { amount: '800000' })).recordExpense;
    const second = ok(await record(programme, { amount: '300000' })).recordExpense;
    ok(await decide(first.id, true, otherOfficer));
    const over = await decide(second.id, true, otherOfficer);
    expect(over.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', balance: '200000' });
    expect(over.errors![0].message).toContain('200.000 đồng');
    expect(await statusOf(second.id)).toBe(ExpenseStatus.PENDING);
    expect(ok(await subgraph.execute(FUNDS, { variables: { id: programme.id } })).programme.funds.spent).toBe('800000');
  });

  it('never overdraws when approvals arrive together', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    await fakeCashReceipt(subgraph.db, programme, 1_000_000);
    const ids: string[] = [];
    for (let index = 0; index < 6; index += 1) ids.push(ok(await record(programme, { amount: '300000' })).recordExpense.id);
    const results = await Promise.all(ids.map((id) => decide(id, true, otherOfficer)));
    expect(results.filter((result) => !result.errors)).toHaveLength(3);
    expect(results.flatMap(errorCodes)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    expect(await subgraph.db.manager.sum(Expense, 'amount', { programmeId: programme.id, status: ExpenseStatus.APPROVED })).toBe(900_000);
  });
});
