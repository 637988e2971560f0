import { Database } from './common/database';
import { freshTestDatabaseUrl } from './common/testing/database';
import { subgraphs } from './index';

/**
 * How long building, undoing or rebuilding a subgraph's schema may take: every migration's DDL, one
 * by one. Undoing the teams subgraph's on MariaDB once took more than jest's 30 s on a loaded CI machine.
 */
const SCHEMA_WORK_MS = 180_000;

/** Every subgraph's committed migrations build exactly the schema its entities describe, and undo cleanly. */
describe.each(subgraphs.map((definition) => [definition.name, definition] as const))('%s migrations', (name, definition) => {
  let db: Database;

  beforeAll(async () => {
    db = await Database.open({
      url: await freshTestDatabaseUrl(`${name}_migrations`),
      entities: definition.entities,
      migrations: definition.migrations,
    });
  });
  afterAll(() => db?.close());

  /** The SQL TypeORM would still run to make the schema match the entities. */
  async function pendingSchemaChanges(): Promise<string[]> {
    const { upQueries } = await db.dataSource.driver.createSchemaBuilder().log();
    return upQueries.map((query) => query.query);
  }

  async function tableCount(): Promise<number> {
    const runner = db.dataSource.createQueryRunner();
    try {
      const tables = db.dataSource.entityMetadatas.map((metadata) => metadata.tableName);
      let present = 0;
      for (const table of tables) if (await runner.hasTable(table)) present += 1;
      return present;
    } finally {
      await runner.release();
    }
  }

  it('creates exactly the schema the entities describe', async () => {
    await db.migrate();
    expect(await tableCount()).toBe(definition.entities.length);
    expect(await pendingSchemaChanges()).toEqual([]);
  }, SCHEMA_WORK_MS);

  it('drops every table when all its migrations are undone', async () => {
    for (let step = 0; step < definition.migrations.length; step += 1) {
      await db.dataSource.undoLastMigration({ transaction: 'each' });
    }
    expect(await tableCount()).toBe(0);
  }, SCHEMA_WORK_MS);

  it('migrates again after being undone', async () => {
    await db.migrate();
    expect(await pendingSchemaChanges()).toEqual([]);
    expect(await db.dataSource.showMigrations()).toBe(false);
  }, SCHEMA_WORK_MS);
});
