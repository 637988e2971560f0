import { teams } from '../teams';
import { Database } from './database';
import { operationLabel, sqlConnectionsInUse, sqlStatementDuration, timeSqlStatements } from './metrics';
import { freshTestDatabaseUrl } from './testing/database';
import { onMysql } from './testing/on-mysql';

const valueOf = async (metric: { get(): Promise<{ values: { value: number; metricName?: string }[] }> }, name?: string) =>
  (await metric.get()).values.filter((value) => !name || value.metricName === name).reduce((sum, { value }) => sum + value, 0);

describe('SQL metrics', () => {
  let db: Database;
  beforeEach(async () => {
    db = await Database.open({ url: await freshTestDatabaseUrl('teams_sql_metrics'), entities: teams.entities, migrations: [] });
    timeSqlStatements(db.dataSource);
  });
  afterEach(() => db.close());

  it('times every statement', async () => {
    const before = await valueOf(sqlStatementDuration, 'sql_statement_duration_seconds_count');
    await db.dataSource.query('SELECT 1');
    await db.dataSource.query('SELECT 2');
    expect(await valueOf(sqlStatementDuration, 'sql_statement_duration_seconds_count')).toBe(before + 2);
  });

  onMysql('follows the connections the MySQL pool lends out', async () => {
    const runner = db.dataSource.createQueryRunner();
    await runner.connect();
    expect(await valueOf(sqlConnectionsInUse)).toBe(1);
    await runner.release();
    expect(await valueOf(sqlConnectionsInUse)).toBe(0);
  });
});

describe('operation labels', () => {
  it('names well-formed operations, and counts odd names as other', () => {
    expect(operationLabel('ProvinceName')).toBe('ProvinceName');
    expect(operationLabel(undefined)).toBe('anonymous');
    expect(operationLabel('bad name"}')).toBe('other');
  });
});
