import { createConnection } from 'mysql2/promise';

const MB = 1024 * 1024;

/** Runs one statement (a reset's, or a lookup's) on one of the benchmark's databases: its rows, or what it did. */
export async function runStatement<T = void>(databaseUrl: string, sql: string, values: unknown[] = []): Promise<T> {
  const connection = await createConnection(databaseUrl);
  try {
    const [result] = await connection.query(sql, values);
    return result as T;
  } finally {
    await connection.end();
  }
}

export interface DatabaseConditions {
  bufferPoolMb: number;
  /** Data and indexes of the benchmark's databases (information_schema's estimate), in MB. */
  workingSetMb: number;
}

/** The server's `mysql://…` address of a database URL (its path dropped). */
export function serverOf(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/';
  return url.toString();
}

/** InnoDB's buffer pool and the size of `databases`: a pool smaller than them measures the disk, not the hub. */
export async function databaseConditions(serverUrl: string, databases: string[]): Promise<DatabaseConditions> {
  const connection = await createConnection(serverUrl);
  try {
    const [[pool]] = (await connection.query('SELECT @@innodb_buffer_pool_size AS size')) as unknown as [{ size: string }[]];
    const [[sizes]] = (await connection.query('SELECT COALESCE(SUM(DATA_LENGTH + INDEX_LENGTH), 0) AS size FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (?)', [
      databases,
    ])) as unknown as [{ size: string }[]];
    return { bufferPoolMb: Number(pool.size) / MB, workingSetMb: Number(sizes.size) / MB };
  } finally {
    await connection.end();
  }
}

/**
 * Sets InnoDB's buffer pool (dynamic since MariaDB 10.2; the server rounds it to its chunk size)
 * and waits until the resize is done. It is the whole server's: every database on it shares the pool.
 */
export async function setBufferPool(serverUrl: string, megabytes: number): Promise<number> {
  const connection = await createConnection(serverUrl);
  try {
    await connection.query('SET GLOBAL innodb_buffer_pool_size = ?', [Math.round(megabytes * MB)]);
    for (;;) {
      const [rows] = (await connection.query("SHOW STATUS LIKE 'Innodb_buffer_pool_resize_status'")) as unknown as [{ Value: string }[]];
      const status = rows[0]?.Value ?? '';
      if (status === '' || /completed|finished|no resize/i.test(status)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const [[pool]] = (await connection.query('SELECT @@innodb_buffer_pool_size AS size')) as unknown as [{ size: string }[]];
    return Number(pool.size) / MB;
  } finally {
    await connection.end();
  }
}
