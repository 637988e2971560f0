import { Database } from './database';
import { freshTestDatabaseUrl } from './testing/database';

const onMysql = process.env.TEST_DATABASE_URL ? it : it.skip;

describe('transactions on MySQL', () => {
  onMysql('read what is committed when each statement runs, on every pooled connection, without a statement per transaction to say so', async () => {
    const db = await Database.open({ url: await freshTestDatabaseUrl('isolation'), entities: [], migrations: [] });
    try {
      await db.manager.query('CREATE TABLE counter (id INT PRIMARY KEY, value INT NOT NULL)');
      await db.manager.query('INSERT INTO counter VALUES (1, 0), (2, 0), (3, 0), (4, 0)');
      const sent: string[] = [];
      const logQuery = db.queries.logQuery.bind(db.queries);
      db.queries.logQuery = (...logged: unknown[]) => {
        sent.push(String(logged[0]));
        logQuery();
      };
      const value = async (run: (sql: string, parameters: unknown[]) => Promise<{ value: number }[]>, id: number) => (await run('SELECT value FROM counter WHERE id = ?', [id]))[0].value;
      // Four at once, so that several of the pool's connections (the first one TypeORM opened among them) serve one.
      const seen = await Promise.all(
        [1, 2, 3, 4].map((id) =>
          db.transaction(async (manager) => {
            const before = await value((sql, parameters) => manager.query(sql, parameters), id);
            // Committed by another connection after this transaction's first read: REPEATABLE READ would not see it.
            await db.manager.query('UPDATE counter SET value = value + 1 WHERE id = ?', [id]);
            return [before, await value((sql, parameters) => manager.query(sql, parameters), id)];
          }),
        ),
      );
      expect(seen).toEqual([[0, 1], [0, 1], [0, 1], [0, 1]]);
      expect(sent.filter((sql) => /ISOLATION/i.test(sql))).toEqual([]);
    } finally {
      await db.dataSource.destroy();
    }
  });
});
