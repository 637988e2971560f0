import { teams } from '../teams';
import type { RunningServer } from './http';
import { resources } from '../resources';
import { Role } from './auth';
import { startSubgraph } from './server';
import { freshTestDatabaseUrl } from './testing/database';
import { createTestSubgraph, TEST_JWT_SECRET, type TestSubgraph } from './testing/subgraph';

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
  const metricsOf = async (server: RunningServer) =>
    (await (await fetch(metricsUrl(server))).json()) as { requests: number; sqlQueries: number };

  async function start(env: Record<string, string>): Promise<RunningServer> {
    return startSubgraph(teams, { PORT: '0', DATABASE_URL: await freshTestDatabaseUrl('teams_metrics'), JWT_SECRET: TEST_JWT_SECRET, SEED_DEMO_DATA: 'false', ...env });
  }

  it('counts GraphQL requests and SQL queries at GET /metrics when EXPOSE_METRICS=true', async () => {
    const server = await start({ EXPOSE_METRICS: 'true' });
    try {
      const before = await metricsOf(server);
      const answer = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ administrativeUnit(code: "40") { name } }' }),
      });
      expect(answer.status).toBe(200);
      const after = await metricsOf(server);
      expect(after.requests).toBe(before.requests + 1);
      expect(after.sqlQueries).toBeGreaterThan(before.sqlQueries);
    } finally {
      await server.close();
    }
  });

  it('serves no /metrics by default', async () => {
    const server = await start({});
    try {
      expect((await fetch(metricsUrl(server))).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
