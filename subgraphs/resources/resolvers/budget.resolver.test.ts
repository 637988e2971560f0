import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import { resources } from '..';
import { BudgetLine, BudgetSide, Expense, ExpenseStatus, Receipt, ResourceKind, type Programme } from '../entities';
import { fakeProgramme, fakeTree } from '../testing/factories';

/** A programme's estimate against what was received and spent, line by line. */
let subgraph: TestSubgraph;
const tree = fakeTree();
const { officer } = tree.callers;

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
});
afterAll(() => subgraph.close());

const BUDGET = `query ($id: ID!) {
  programme(id: $id) {
    budget {
      incomeTotal incomeReceived expenseTotal expenseSpent overEstimate
      lines { item side amount approvedSpending remaining variance overEstimate }
    }
  }
}`;

function ok<T>(result: OperationResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

let serial = 0;
async function line(programme: Programme, side: BudgetSide, item: string, unitPrice: number, quantity: number): Promise<BudgetLine> {
  const { manager } = subgraph.db;
  return manager.save(manager.create(BudgetLine, { programmeId: programme.id, side, position: (serial += 1), item, unit: 'gói', unitPrice, quantity, note: null }));
}

async function spend(programme: Programme, budgetLine: BudgetLine, amount: number, status: ExpenseStatus): Promise<void> {
  const { manager } = subgraph.db;
  await manager.save(
    manager.create(Expense, { programmeId: programme.id, budgetLineId: budgetLine.id, amount, spentOn: '2025-10-01', description: 'Chi', evidence: 'HĐ', status, decidedBy: null, recordedBy: 'test' }),
  );
}

async function receive(programme: Programme, amount: number): Promise<void> {
  const { manager } = subgraph.db;
  await manager.save(
    manager.create(Receipt, {
      unitCode: programme.unitCode, unitPath: programme.unitPath, year: 2025, number: 5000 + (serial += 1), programmeId: programme.id, sponsorId: null, pledgeId: null,
      kind: ResourceKind.CASH, receivedOn: '2025-09-20', method: null, amount, note: null, recordedBy: 'test',
    }),
  );
}

/** A fair: sponsorship income of 15 000 000; a stage (5 000 000, spent 5 600 000: over) and drinks (3 000 000). */
async function fair(): Promise<{ programme: Programme; stage: BudgetLine; drinks: BudgetLine }> {
  const programme = await fakeProgramme(subgraph.db, tree.commune);
  await line(programme, BudgetSide.INCOME, 'Tài trợ của doanh nghiệp', 15_000_000, 1);
  const stage = await line(programme, BudgetSide.EXPENSE, 'Phông bạt, sân khấu', 5_000_000, 1);
  const drinks = await line(programme, BudgetSide.EXPENSE, 'Nước uống', 10_000, 300);
  await spend(programme, stage, 5_000_000, ExpenseStatus.APPROVED);
  await spend(programme, stage, 600_000, ExpenseStatus.APPROVED);
  await spend(programme, drinks, 1_200_000, ExpenseStatus.APPROVED);
  await spend(programme, drinks, 800_000, ExpenseStatus.PENDING);
  await spend(programme, drinks, 9_000_000, ExpenseStatus.REJECTED);
  await receive(programme, 12_000_000);
  return { programme, stage, drinks };
}

it('shows each expense line’s approved spending, remaining and variance, and flags the one over its estimate', async () => {
  const { programme } = await fair();
  const { budget } = ok(await subgraph.execute(BUDGET, { variables: { id: programme.id } })).programme;
  expect(budget.lines).toEqual([
    { item: 'Tài trợ của doanh nghiệp', side: 'INCOME', amount: '15000000', approvedSpending: null, remaining: null, variance: null, overEstimate: false },
    { item: 'Phông bạt, sân khấu', side: 'EXPENSE', amount: '5000000', approvedSpending: '5600000', remaining: '0', variance: '600000', overEstimate: true },
    { item: 'Nước uống', side: 'EXPENSE', amount: '3000000', approvedSpending: '1200000', remaining: '1800000', variance: '-1800000', overEstimate: false },
  ]);
  expect(budget).toMatchObject({ incomeTotal: '15000000', incomeReceived: '12000000', expenseTotal: '8000000', expenseSpent: '6800000', overEstimate: false });
});

it('shows pending spending to the programme’s managers only', async () => {
  const { programme } = await fair();
  const PENDING = `query ($id: ID!) { programme(id: $id) { budget { lines { item pendingSpending } } } }`;
  const { budget } = ok(await subgraph.execute(PENDING, { as: officer, variables: { id: programme.id } })).programme;
  expect(budget.lines.map((one: any) => one.pendingSpending)).toEqual([null, '0', '800000']);
  expect(errorCodes(await subgraph.execute(PENDING, { variables: { id: programme.id } }))).toContain('UNAUTHENTICATED');
  expect(errorCodes(await subgraph.execute(PENDING, { as: tree.callers.officerElsewhere, variables: { id: programme.id } }))).toContain('FORBIDDEN');
});

it('flags the programme when its approved spending is over the whole expense estimate', async () => {
  const { programme, drinks } = await fair();
  await spend(programme, drinks, 1_300_000, ExpenseStatus.APPROVED);
  const { budget } = ok(await subgraph.execute(BUDGET, { variables: { id: programme.id } })).programme;
  expect(budget).toMatchObject({ expenseTotal: '8000000', expenseSpent: '8100000', overEstimate: true });
});

it('answers the budgets of more programmes in the same number of SQL queries (no N+1)', async () => {
  const LIST = `query ($code: String!) { programmes(unitCode: $code, first: 50) { nodes { budget { expenseSpent lines { approvedSpending variance } } } } }`;
  const commune = tree.units.addUnit('BUDGET-NPLUS1', tree.province);
  const count = async () => {
    let result: OperationResult<any> | undefined;
    const queries = await subgraph.countQueries(async () => {
      result = await subgraph.execute(LIST, { variables: { code: commune.unitCode } });
    });
    expect(result?.errors).toBeUndefined();
    return { queries, programmes: result!.data.programmes.nodes.length };
  };
  const addProgramme = async () => {
    const programme = await fakeProgramme(subgraph.db, commune);
    const stage = await line(programme, BudgetSide.EXPENSE, 'Sân khấu', 1_000_000, 1);
    await spend(programme, stage, 900_000, ExpenseStatus.APPROVED);
  };
  await addProgramme();
  const one = await count();
  for (let index = 0; index < 4; index += 1) await addProgramme();
  const five = await count();
  expect([one.programmes, five.programmes]).toEqual([1, 5]);
  expect(five.queries).toBe(one.queries);
});
