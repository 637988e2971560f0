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

/**
 * Runs `writes` while another transaction deletes rows (`deletion`) and holds them until the
 * writes wait on those rows (`waiting` of them, in this database), then commits: the waiters are
 * let through at once, each with a shared lock on a deleted row that each then needs to write.
 * That is InnoDB's deadlock between inserts of one key (MySQL's manual, "Locks Set by Different
 * Statements in InnoDB"): met every time on a primary key, and on a secondary unique index as the
 * new rows' ids fall, rather than when timing allows. MySQL only.
 */
export async function racingADeletion<T>(url: string, deletion: [sql: string, params: unknown[]], waiting: number, writes: () => Promise<T>): Promise<T> {
  const deleting = await createConnection(url);
  try {
    await deleting.query('START TRANSACTION');
    await deleting.query(...deletion);
    const written = writes();
    written.catch(() => undefined); // awaited below; not unhandled while the waits are counted
    for (let look = 1; ; look += 1) {
      // InnoDB refreshes INNODB_TRX only when it has not been read for 0.1 s: a quicker look sees the last one's.
      await new Promise((resolve) => setTimeout(resolve, 150));
      const [[row]] = (await deleting.query(`SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX trx JOIN information_schema.PROCESSLIST process ON process.ID = trx.trx_mysql_thread_id
         WHERE trx.trx_state = 'LOCK WAIT' AND process.DB = DATABASE()`)) as unknown as [[{ n: number }]];
      if (Number(row.n) >= waiting) break;
      if (look === 40) throw new Error(`${Number(row.n)} of the ${waiting} writes waited on the deletion`);
    }
    await deleting.query('COMMIT');
    return await written;
  } finally {
    await deleting.end();
  }
}
