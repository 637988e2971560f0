import { teams } from '../teams';
import { Role, signToken } from './auth';
import { demoId } from './demo';
import { captureLogs } from './logging';
import type { RunningServer } from './http';
import { resources } from '../resources';
import { startSubgraph } from './server';
import { freshTestDatabaseUrl } from './testing/database';
import { createTestSubgraph, TEST_JWT_SECRET, TEST_PERSONAL_DATA_ENV, type TestSubgraph } from './testing/subgraph';
import { readCounters } from '../../bench/metrics';

describe('a variable GraphQL cannot coerce', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await createTestSubgraph(resources);
  });
  afterAll(() => subgraph.close());
  const admin = { sub: 'admin', roles: [Role.ADMIN] };

  it('is refused naming its field, from the path GraphQL reports (a Money with decimals deep in a list)', async () => {
    const result = await subgraph.execute('mutation ($input: CreateProgrammeInput!) { createProgramme(input: $input) { id } }', {
      as: admin,
      variables: {
        input: { unitCode: 'X', name: 'Chương trình', kind: 'CAMPAIGN', horizonMonths: 3, startsOn: '2026-01-01', budget: [{ side: 'EXPENSE', item: 'Loa', unit: 'cái', unitPrice: '1500.5', quantity: 1 }] },
      },
    });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'budget.0.unitPrice' });
  });

  it('names the variable itself when its whole value was refused', async () => {
    const result = await subgraph.execute('mutation ($approve: Boolean!) { decideExpense(id: "e", approve: $approve) { id } }', { as: admin, variables: { approve: 'yes' } });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'approve' });
  });
});

describe('GET /metrics', () => {
  const metricsUrl = (server: RunningServer) => server.url.replace(/\/graphql$/, '/metrics');

  async function start(env: Record<string, string>): Promise<RunningServer> {
    return startSubgraph(teams, { PORT: '0', DATABASE_URL: await freshTestDatabaseUrl('teams_metrics'), JWT_SECRET: TEST_JWT_SECRET, ...TEST_PERSONAL_DATA_ENV, SEED_DEMO_DATA: 'false', MIGRATE_ON_START: 'true', ...env });
  }

  it('serves Prometheus metrics: operations by name and outcome, errors by code, SQL statements (what the benchmark reads)', async () => {
    const server = await start({});
    try {
      const [before] = Object.values(await readCounters({ teams: metricsUrl(server) }));
      const ask = (query: string) =>
        fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      expect((await ask('query ProvinceName { administrativeUnit(code: "40") { name } }')).status).toBe(200);
      await ask('query Broken { administrativeUnit(code: "40") { noSuchField } }');
      const [after] = Object.values(await readCounters({ teams: metricsUrl(server) }));
      expect(after.requests).toBe(before.requests + 2);
      expect(after.sqlQueries).toBeGreaterThan(before.sqlQueries);

      const response = await fetch(metricsUrl(server));
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      const exposition = await response.text();
      expect(exposition).toMatch(/^graphql_operation_duration_seconds_count\{operation="ProvinceName",outcome="ok"\} 1$/m);
      // A document that does not validate never names a series.
      expect(exposition).toMatch(/^graphql_operation_duration_seconds_count\{operation="unresolved",outcome="error"\} 1$/m);
      expect(exposition).not.toContain('operation="Broken"');
      expect(exposition).toMatch(/^graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} 1$/m);
      expect(exposition).toMatch(/^sql_statement_duration_seconds_count\{outcome="ok"\} [1-9]\d*$/m);
    } finally {
      await server.close();
    }
  });

  it('serves no /metrics when EXPOSE_METRICS=false', async () => {
    const server = await start({ EXPOSE_METRICS: 'false' });
    try {
      expect((await fetch(metricsUrl(server))).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('log lines', () => {
  it('logs an access line per request and the errors of the answer, with the operation and the caller, never the token', async () => {
    const server = await startSubgraph(teams, { PORT: '0', DATABASE_URL: await freshTestDatabaseUrl('teams_logs'), JWT_SECRET: TEST_JWT_SECRET, ...TEST_PERSONAL_DATA_ENV, SEED_DEMO_DATA: 'false', MIGRATE_ON_START: 'true' });
    const logged = captureLogs();
    try {
      const token = await signToken({ sub: 'leader-xop-chao', roles: [Role.TEAM_LEADER], team: demoId('team:17227.01') }, TEST_JWT_SECRET);
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': 'log-request-0001' },
        body: JSON.stringify({ query: 'query WholeTrail { teamsAuditTrail(first: 5) { action } }', variables: { phone: '0912345678' } }),
      });
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('FORBIDDEN');
      const lines = logged.lines.filter((line) => line.requestId === 'log-request-0001');
      expect(lines).toEqual([
        expect.objectContaining({ level: 'info', code: 'FORBIDDEN', path: 'teamsAuditTrail', operationName: 'WholeTrail' }),
        expect.objectContaining({ level: 'info', msg: 'request', method: 'POST', status: 200, operationName: 'WholeTrail', subject: 'leader-xop-chao' }),
      ]);
      expect(typeof lines[1].durationMs).toBe('number');
      expect(JSON.stringify(logged.lines)).not.toMatch(new RegExp(`${token}|0912345678`));
    } finally {
      logged.restore();
      await server.close();
    }
  });
});

describe('retention periods', () => {
  it('refuse to start a subgraph with a period below its legal minimum, naming the setting and why, before the database is opened', async () => {
    // A database that cannot be opened: the refusal must come first.
    const env = { PORT: '0', DATABASE_URL: '/nonexistent-directory/teams.sqlite', JWT_SECRET: TEST_JWT_SECRET, ...TEST_PERSONAL_DATA_ENV, SEED_DEMO_DATA: 'false' };
    await expect(startSubgraph(teams, { ...env, RETENTION_ACCESS_LOG_MONTHS: '6' })).rejects.toThrow(/RETENTION_ACCESS_LOG_MONTHS must be a whole number from 12 to 120 \(.*Decree 53\/2022\/NĐ-CP.*\), got "6"/);
    await expect(startSubgraph(resources, { ...env, RETENTION_GIFT_RECIPIENT_MONTHS: '60' })).rejects.toThrow(/RETENTION_GIFT_RECIPIENT_MONTHS .*Law on Accounting/);
  });
});
