import { randomUUID } from 'node:crypto';
import { createTestSubgraph, type TestSubgraph } from './testing/subgraph';
import { claimOnce, IdempotencyKey } from './idempotency';
import { events } from '../events';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(events);
});
afterAll(() => subgraph.close());

const claim = (scope: string, key: string, work: () => Promise<{ id: string }>) =>
  subgraph.db.transaction((manager) => claimOnce(manager, { scope, key, input: { value: 1 } }, work, async (id) => ({ id, replayed: true })));

describe('claiming an idempotency key', () => {
  it('runs the work once and answers a retry with its result, through one insert', async () => {
    let runs = 0;
    const work = async () => ({ id: `result-${(runs += 1)}` });
    const before = subgraph.db.queries.count;
    expect(await claim('test:officer', 'key-00000001', work)).toEqual({ id: 'result-1' });
    // The claim, its result and the transaction's own statements; the key is not looked up first.
    const firstRequest = subgraph.db.queries.count - before;
    expect(await claim('test:officer', 'key-00000001', work)).toEqual({ id: 'result-1', replayed: true });
    expect(runs).toBe(1);
    expect(await subgraph.db.manager.countBy(IdempotencyKey, { key: 'key-00000001' })).toBe(1);
    // Without a key, the work alone: the keyed request costs the claim and the result's update more.
    const unkeyed = subgraph.db.queries.count;
    await subgraph.db.transaction(() => work());
    expect(firstRequest - (subgraph.db.queries.count - unkeyed)).toBe(2);
  });

  it('refuses a scope longer than its column, writing nothing, rather than cutting it', async () => {
    const long = `test:${'x'.repeat(160)}`;
    await expect(claim(long, 'key-00000002', async () => ({ id: randomUUID() }))).rejects.toThrow("Idempotency key's scope longer than 160 characters");
    expect(await subgraph.db.manager.countBy(IdempotencyKey, { key: 'key-00000002' })).toBe(0);
  });
});
