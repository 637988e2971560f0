import { onEvent } from '../common/outbox';
import { deliverEvents, eventsInOutbox, outboxTestDatabase } from '../common/testing/events';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../common/testing/subgraph';
import { resources } from '.';
import { fakeProgramme, fakeTree } from './testing/factories';
import type { Database } from '../common/database';

let subgraph: TestSubgraph;
let consumerDb: Database;
const tree = fakeTree();
const { officer, officerElsewhere } = tree.callers;
const source = () => ({ name: 'resources', db: subgraph.db });

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
  consumerDb = await outboxTestDatabase('resources_events_consumer');
});
afterAll(async () => {
  await subgraph?.close();
  await consumerDb?.close();
});

const RECORD = `mutation ($input: ExpenseInput!) { recordExpense(input: $input) { id status } }`;
const DECIDE = `mutation ($id: ID!, $approve: Boolean!) { decideExpense(id: $id, approve: $approve) { id status } }`;

const decisions: string[] = [];
onEvent('test-expense-decisions', ['expense.decided'], async (event) => {
  decisions.push(`${event.subject}:${(event.payload as { status: string }).status}`);
});

describe('the resources subgraph’s events', () => {
  it('records an expense awaiting approval and its decision with the change, ids and amounts only, scoped to the unit', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const recorded = await subgraph.execute(RECORD, {
      as: officer,
      variables: { input: { programmeId: programme.id, amount: '800000', spentOn: '2025-10-03', description: 'Thuê loa', evidence: 'HĐ 0012345' } },
    });
    const { id } = recorded.data!.recordExpense as { id: string };
    const [awaiting] = await eventsInOutbox(source(), 'expense.awaiting-approval');
    expect(awaiting).toMatchObject({
      type: 'expense.awaiting-approval',
      version: 1,
      subject: id,
      source: 'resources',
      payload: { expenseId: id, programmeId: programme.id, amount: 800000, status: 'PENDING' },
      scope: { unitPath: programme.unitPath },
    });
    expect(JSON.stringify(awaiting.payload)).not.toMatch(/Thuê loa|HĐ/);

    // A refused decision writes nothing, and records no event.
    expect(errorCodes(await subgraph.execute(DECIDE, { as: officerElsewhere, variables: { id, approve: false } }))).toEqual(['FORBIDDEN']);
    expect(await eventsInOutbox(source(), 'expense.decided')).toEqual([]);

    expect((await subgraph.execute(DECIDE, { as: officer, variables: { id, approve: false } })).data).toMatchObject({ decideExpense: { status: 'REJECTED' } });
    // Deciding again fails inside the transaction: no second event.
    expect(errorCodes(await subgraph.execute(DECIDE, { as: officer, variables: { id, approve: true } }))).toEqual(['CONFLICT']);
    expect((await eventsInOutbox(source(), 'expense.decided')).map((event) => (event.payload as { status: string }).status)).toEqual(['REJECTED']);

    // Delivered to a consumer in another database, once however often delivery runs.
    await deliverEvents([source()], { db: consumerDb, consumers: ['test-expense-decisions'] });
    await deliverEvents([source()], { db: consumerDb, consumers: ['test-expense-decisions'] });
    expect(decisions).toEqual([`${id}:REJECTED`]);
  });
});
