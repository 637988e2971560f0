import { teams } from '../teams';
import type { RunningServer } from './http';
import { nameTheField, startSubgraph } from './server';
import { freshTestDatabaseUrl } from './testing/database';
import { TEST_JWT_SECRET } from './testing/subgraph';

describe('nameTheField', () => {
  const coercion = (message: string) => ({ message, extensions: { code: 'BAD_USER_INPUT' } });

  it('names the field of a value GraphQL refused while reading the variables', () => {
    const error = coercion('Variable "$input" got invalid value "1500.5" at "input.budget[0].unitPrice"; Money is a whole number');
    expect(nameTheField(error).extensions?.field).toBe('budget.0.unitPrice');
  });

  it('names the variable itself when the whole value was refused', () => {
    expect(nameTheField(coercion('Variable "$approve" got invalid value "yes"; Boolean cannot represent a non boolean value')).extensions?.field).toBe('approve');
  });

  it('leaves other errors and errors that already name a field alone', () => {
    const named = { message: 'phone: must be…', extensions: { code: 'BAD_USER_INPUT', field: 'phone' } };
    expect(nameTheField(named)).toBe(named);
    const other = { message: 'You may not…', extensions: { code: 'FORBIDDEN' } };
    expect(nameTheField(other)).toBe(other);
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
