import { createTestSubgraph, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import { resources } from '..';
import { Receipt } from '../entities';
import { fakePledge, fakeProgramme, fakeSponsor, fakeTree } from '../testing/factories';

/** Money beyond sponsors (handbook II §5.1–5.2): state budget allocations and the team fund, shown apart. */
let subgraph: TestSubgraph;
const tree = fakeTree();
const { officer } = tree.callers;

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
});
afterAll(() => subgraph.close());

const CASH = `mutation ($input: CashDonationInput!) { recordCashDonation(input: $input) { id source } }`;
const FUNDS = `query ($id: ID!) { programme(id: $id) { funds { received receivedCash receivedMobilised receivedFromStateBudget receivedFromTeamFund } } }`;
const LEDGER = `query ($id: ID!) {
  disclosure(programmeId: $id, from: "2025-01-01", to: "2025-12-31") {
    income { donor source amount } totalIncome totalMobilised totalFromStateBudget totalFromTeamFund
  }
}`;

function ok<T>(result: OperationResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

function give(programmeId: string, input: Record<string, unknown>) {
  return subgraph.execute(CASH, { as: officer, variables: { input: { programmeId, receivedOn: '2025-10-01', method: 'BANK_TRANSFER', ...input } } });
}

it('records state budget allocations and the team fund as receipts of their own, totalled apart', async () => {
  const programme = await fakeProgramme(subgraph.db, tree.commune);
  const sponsor = await fakeSponsor(subgraph.db, tree.commune, { name: 'Viettel Nghệ An', publiclyNamed: true });
  expect(ok(await give(programme.id, { amount: '3000000', source: 'STATE_BUDGET' })).recordCashDonation.source).toBe('STATE_BUDGET');
  ok(await give(programme.id, { amount: '600000', source: 'TEAM_FUND', method: 'CASH' }));
  expect(ok(await give(programme.id, { amount: '5000000', sponsorId: sponsor.id })).recordCashDonation.source).toBe('MOBILISED');

  const { funds } = ok(await subgraph.execute(FUNDS, { variables: { id: programme.id } })).programme;
  expect(funds).toEqual({ received: '8600000', receivedCash: '8600000', receivedMobilised: '5000000', receivedFromStateBudget: '3000000', receivedFromTeamFund: '600000' });

  const { disclosure } = ok(await subgraph.execute(LEDGER, { variables: { id: programme.id } }));
  expect(disclosure.income).toEqual([
    { donor: 'Ngân sách nhà nước', source: 'STATE_BUDGET', amount: '3000000' },
    { donor: 'Quỹ tổ (đóng góp của thành viên)', source: 'TEAM_FUND', amount: '600000' },
    { donor: 'Viettel Nghệ An', source: 'MOBILISED', amount: '5000000' },
  ]);
  expect(disclosure).toMatchObject({ totalIncome: '8600000', totalMobilised: '5000000', totalFromStateBudget: '3000000', totalFromTeamFund: '600000' });
});

it.each([
  ['sponsorId', async () => ({ sponsorId: (await fakeSponsor(subgraph.db, tree.commune)).id })],
  ['pledgeId', async (programmeId: string) => ({ pledgeId: (await fakePledge(subgraph.db, { id: programmeId } as never, await fakeSponsor(subgraph.db, tree.commune))).id })],
])('refuses a %s on money that was not mobilised, and writes nothing', async (field, extra) => {
  const programme = await fakeProgramme(subgraph.db, tree.commune);
  const refused = await give(programme.id, { amount: '1000000', source: 'STATE_BUDGET', ...(await extra(programme.id)) });
  expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(await subgraph.db.manager.countBy(Receipt, { programmeId: programme.id })).toBe(0);
});
