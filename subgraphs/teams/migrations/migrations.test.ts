import { Database } from '../../common/database';
import { freshTestDatabaseUrl } from '../../common/testing/database';
import { teams } from '..';

const TABLES = ['administrative_unit', 'team', 'sub_group', 'person', 'member', 'membership_request'];

let db: Database;

beforeAll(async () => {
  db = await Database.open({
    url: await freshTestDatabaseUrl('teams_migrations'),
    entities: teams.entities,
    migrations: teams.migrations,
  });
});
afterAll(() => db?.close());

/** The SQL TypeORM would still run to make the schema match the entities. */
async function pendingSchemaChanges(): Promise<string[]> {
  const { upQueries } = await db.dataSource.driver.createSchemaBuilder().log();
  return upQueries.map((query) => query.query);
}

async function existingTables(): Promise<string[]> {
  const runner = db.dataSource.createQueryRunner();
  try {
    const present: string[] = [];
    for (const table of TABLES) if (await runner.hasTable(table)) present.push(table);
    return present;
  } finally {
    await runner.release();
  }
}

it('creates exactly the schema the entities describe', async () => {
  await db.migrate();
  expect(await existingTables()).toEqual(TABLES);
  expect(await pendingSchemaChanges()).toEqual([]);
});

it('drops every table when undone', async () => {
  await db.dataSource.undoLastMigration({ transaction: 'each' });
  expect(await existingTables()).toEqual([]);
  expect(await db.dataSource.showMigrations()).toBe(true);
});

it('migrates again after being undone', async () => {
  await db.migrate();
  expect(await existingTables()).toEqual(TABLES);
  expect(await pendingSchemaChanges()).toEqual([]);
  expect(await db.dataSource.showMigrations()).toBe(false);
});
