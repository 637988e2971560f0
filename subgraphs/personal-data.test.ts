import { Database } from './common/database';
import { sealedValue } from './common/personal-data';
import { freshTestDatabaseUrl } from './common/testing/database';
import type { UnitDirectory } from './common/unit-directory';
import { subgraphs } from './index';

/**
 * Every column of every subgraph that holds a phone or an address is sealed (issue 15): the demo
 * data, written as the services write, leaves none of them plain in the database.
 */
const PLAIN_PHONE = /(?:\+84|\b0)\d{9,10}\b/;

/** Places every unit, team and member the seeds ask for somewhere in Nghệ An: where does not matter here. */
const anywhere: UnitDirectory = {
  unit: async (code) => ({ unitCode: code, unitPath: `/40/${code}/` }),
  team: async () => ({ unitCode: '17227.01', unitPath: '/40/17227/17227.01/' }),
  member: async (id) => ({ unitCode: '17227.01', unitPath: '/40/17227/17227.01/', memberId: id, teamId: 'team' }),
  unitName: async (code) => code,
  currentCodes: async (codes) => [...codes],
};

describe.each(subgraphs.map((definition) => [definition.name, definition] as const))('%s', (name, definition) => {
  let db: Database;
  beforeAll(async () => {
    db = await Database.open({ url: await freshTestDatabaseUrl(`${name}_at_rest`), entities: definition.entities, migrations: definition.migrations });
    await db.migrate();
  });
  afterAll(() => db?.close());

  it('stores its phones and addresses sealed, never plain', async () => {
    await definition.seed?.(db, anywhere);
    const sealedColumns = db.dataSource.entityMetadatas.flatMap((metadata) =>
      metadata.columns.filter((column) => column.transformer === sealedValue).map((column) => [metadata.tableName, column.databaseName] as const),
    );
    const personal = db.dataSource.entityMetadatas.flatMap((metadata) =>
      metadata.columns.filter((column) => /phone|address/i.test(column.propertyName) && !/Hash$/.test(column.propertyName)).map((column) => [metadata.tableName, column.databaseName] as const),
    );
    // Every phone and address is sealed (and other secrets may be too: partners' webhook signing secrets).
    expect(sealedColumns).toEqual(expect.arrayContaining(personal));
    let values = 0;
    for (const [table, column] of sealedColumns) {
      const rows: Record<string, string | null>[] = await db.manager.query(`SELECT ${db.dataSource.driver.escape(column)} AS value FROM ${db.dataSource.driver.escape(table)}`);
      for (const { value } of rows.filter((row) => row.value !== null)) {
        values += 1;
        expect(value).toMatch(/^[a-z0-9-]+:[A-Za-z0-9_-]+$/);
        expect(value).not.toMatch(PLAIN_PHONE);
      }
    }
    if (definition.seed) expect(values).toBeGreaterThan(0);
  });
});
