import { randomUUID } from 'node:crypto';
import { Database, insertRow } from './database';
import { freshTestDatabaseUrl } from './testing/database';
import { onMysql } from './testing/on-mysql';
import { createTestSubgraph, type TestSubgraph } from './testing/subgraph';
import { teams } from '../teams';
import { ActivityReport, noFigures, Person, type Team } from '../teams/entities';
import { fakeTeam, fakeTwoTierTree } from '../teams/testing/factories';


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

describe('insertRow', () => {
  let subgraph: TestSubgraph;
  beforeAll(async () => {
    subgraph = await createTestSubgraph(teams);
  });
  afterAll(() => subgraph.close());

  /** A report of `team`'s as storeReport would make it, unsaved. */
  const reportOf = (team: Team, month: string, overrides: Partial<ActivityReport> = {}) =>
    subgraph.db.manager.create(ActivityReport, {
      id: randomUUID(),
      teamId: team.id,
      unitPath: '/x/',
      month,
      figures: Object.assign(noFigures(), { guidedOnlinePayment: 7, householdVisits: 2 }),
      note: 'Đã đi 2 hộ',
      revision: 1,
      reportedBy: null,
      ...overrides,
    });

  it('writes the row manager.insert writes, embedded columns and nulls included; dates not given take their defaults', async () => {
    const tree = await fakeTwoTierTree(subgraph.db);
    const { team } = await fakeTeam(subgraph.db, tree.village);
    const { manager } = subgraph.db;
    const byHand = reportOf(team, '2025-05');
    const byTypeorm = reportOf(team, '2025-06');
    await insertRow(manager, ActivityReport, byHand);
    await manager.insert(ActivityReport, byTypeorm);
    const [readByHand, readByTypeorm] = await Promise.all([byHand, byTypeorm].map(({ id }) => manager.findOneByOrFail(ActivityReport, { id })));
    const comparable = ({ id, month, createdAt, updatedAt, ...rest }: ActivityReport) => rest;
    expect(comparable(readByHand)).toStrictEqual(comparable(readByTypeorm));
    expect(readByHand).toMatchObject({ id: byHand.id, month: '2025-05', note: 'Đã đi 2 hộ', reportedBy: null, figures: { guidedOnlinePayment: 7, householdVisits: 2 } });
    expect(readByHand.createdAt).toBeInstanceOf(Date);
  });

  it('stores the dates it is given', async () => {
    const tree = await fakeTwoTierTree(subgraph.db);
    const { team } = await fakeTeam(subgraph.db, tree.village);
    // Whole seconds: SQLite's and MariaDB's datetime columns both keep them.
    const at = new Date('2025-05-03T04:05:06.000Z');
    const report = reportOf(team, '2025-05', { createdAt: at, updatedAt: at });
    await insertRow(subgraph.db.manager, ActivityReport, report);
    expect(await subgraph.db.manager.findOneByOrFail(ActivityReport, { id: report.id })).toMatchObject({ createdAt: at, updatedAt: at });
  });

  it('refuses a row without its id, and an entity whose phone hashes a subscriber fills, writing nothing', async () => {
    const tree = await fakeTwoTierTree(subgraph.db);
    const { team } = await fakeTeam(subgraph.db, tree.village);
    const { manager } = subgraph.db;
    await expect(insertRow(manager, ActivityReport, { ...reportOf(team, '2025-05'), id: undefined })).rejects.toThrow('ActivityReport.id is not given');
    await expect(insertRow(manager, Person, { id: randomUUID(), fullName: 'Nguyễn Văn An', phone: '0912345678' })).rejects.toThrow(/phone hashes/);
    expect(await manager.countBy(ActivityReport, { teamId: team.id })).toBe(0);
  });
});
