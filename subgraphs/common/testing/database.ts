import { createConnection } from 'mysql2/promise';
import { isMysqlUrl } from '../database';

/**
 * The database a test file runs against: in-memory SQLite by default, or, with
 * TEST_DATABASE_URL=mysql://…/hub_test, a fresh MySQL database per subgraph and jest worker
 * (dropped and recreated, so every test file starts empty).
 */
export async function freshTestDatabaseUrl(name: string): Promise<string> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return ':memory:';
  if (!isMysqlUrl(base)) throw new Error('TEST_DATABASE_URL must be a mysql:// URL (or unset for SQLite)');
  const url = new URL(base);
  const baseName = url.pathname.replace(/^\//, '');
  // The guard: tests drop databases, so they only ever touch ones named as test databases.
  if (!/test/i.test(baseName)) throw new Error(`Refusing to run tests against "${baseName}": its name must contain "test"`);
  const database = `${baseName}_${name}_${process.env.JEST_WORKER_ID ?? '0'}`;

  url.pathname = '/';
  const connection = await createConnection(url.toString());
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  } finally {
    await connection.end();
  }
  url.pathname = `/${database}`;
  return url.toString();
}
