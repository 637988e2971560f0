import { replayable, type Script } from './replay';

const script = (statements: string[]): Script => new Map([['hub_bench_events', statements]]);

describe('replaying recorded SQL', () => {
  const category = 'c4b1f6a2-0000-4000-8000-000000000001';
  const recorded = [
    script([
      `SELECT 1 FROM idempotency_key WHERE key = 'bench-0001-000001'`,
      `INSERT INTO stall_application (id, categoryId, referenceCode, appliedAt) VALUES ('9f0e4c2a-1111-4000-8000-00000000000a', '${category}', 'ABCD2345', '2026-12-02 09:00:00.123')`,
      `INSERT INTO idempotency_key (key, resultId) VALUES ('bench-0001-000001', '9f0e4c2a-1111-4000-8000-00000000000a')`,
    ]),
    script([
      `SELECT 1 FROM idempotency_key WHERE key = 'bench-0001-000002'`,
      `INSERT INTO stall_application (id, categoryId, referenceCode, appliedAt) VALUES ('0b7d3e9c-2222-4000-8000-00000000000b', '${category}', 'WXYZ6789', '2026-12-02 09:00:01.456')`,
      `INSERT INTO idempotency_key (key, resultId) VALUES ('bench-0001-000002', '0b7d3e9c-2222-4000-8000-00000000000b')`,
    ]),
  ];

  it('gives a write fresh values for what it alone holds, the same throughout the request, each replay new ones', () => {
    const next = replayable(recorded);
    const [first, again] = [next(0).get('hub_bench_events')!, next(0).get('hub_bench_events')!];
    const id = first[1].match(/VALUES \('([0-9a-f-]{36})'/)![1];
    expect(id).not.toBe('9f0e4c2a-1111-4000-8000-00000000000a');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(first[2]).toContain(`'${id}'`);
    const key = first[0].match(/key = '([^']+)'/)![1];
    expect(key).not.toBe('bench-0001-000001');
    expect(first[2]).toContain(`'${key}'`);
    expect(first[1]).not.toContain('ABCD2345');
    expect(again[1]).not.toContain(id);
  });

  it('gives a reference to a row the next real row instead of a made-up value, the same throughout the request', () => {
    const team = (n: number) => `a1b2c3d4-0000-4000-8000-00000000000${n}`;
    const reports = [1, 2].map((n) =>
      script([
        `SELECT * FROM team WHERE id = '${team(n)}' FOR UPDATE`,
        `INSERT INTO activity_report (id, teamId) VALUES ('9f0e4c2a-1111-4000-8000-00000000000${n}', '${team(n)}')`,
      ]),
    );
    const spare = ['e5f6a7b8-0000-4000-8000-000000000101', 'e5f6a7b8-0000-4000-8000-000000000102'];
    let handedOut = 0;
    const next = replayable(reports, { recorded: (token) => [team(1), team(2)].includes(token), next: () => spare[handedOut++] });
    const [lock, insert] = next(1).get('hub_bench_events')!;
    expect(lock).toBe(`SELECT * FROM team WHERE id = '${spare[0]}' FOR UPDATE`);
    expect(insert).toContain(`'${spare[0]}')`);
    expect(insert).not.toContain('9f0e4c2a-1111-4000-8000-000000000002');
    expect(next(1).get('hub_bench_events')![0]).toContain(spare[1]);
  });

  it('keeps what the requests share, dates and times', () => {
    const statement = replayable(recorded)(1).get('hub_bench_events')![1];
    expect(statement).toContain(`'${category}'`);
    expect(statement).toContain(`'2026-12-02 09:00:01.456'`);
    expect(statement).toMatch(/^INSERT INTO stall_application \(id, categoryId, referenceCode, appliedAt\) VALUES/);
  });

  it('replays reads as recorded', () => {
    const reads = [script([`SELECT * FROM team WHERE id = 'a1b2c3d4-0000-4000-8000-000000000001'`]), script([`SELECT * FROM team WHERE id = 'a1b2c3d4-0000-4000-8000-000000000002'`])];
    expect(replayable(reads)(0)).toBe(reads[0]);
  });
});
