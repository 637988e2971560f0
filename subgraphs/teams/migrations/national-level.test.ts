import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../common/database';
import { freshTestDatabaseUrl } from '../../common/testing/database';
import { teams } from '..';
import { AdministrativeUnit } from '../entities';
import { NationalLevel1796284033475 } from './1796284033475-NationalLevel';

/** The provinces stored before the migration go under the nation, which it adds as the root; nothing else moves. */
let db: Database;
let url: string;
const upTo = teams.migrations.indexOf(NationalLevel1796284033475);

beforeAll(async () => {
  // A file, not SQLite's in-memory default: the database is opened again with the new migration.
  url = (await freshTestDatabaseUrl('teams_nation')).replace(':memory:', join(mkdtempSync(join(tmpdir(), 'nation-')), 'teams.sqlite'));
  db = await Database.open({ url, entities: teams.entities, migrations: teams.migrations.slice(0, upTo) });
  await db.migrate();
});
afterAll(() => db?.close());

it('adds the nation, VN, at the root and puts the provinces under it, their paths and everything under them unchanged', async () => {
  const units = [
    ['40', null, '/40/', 'PROVINCE'],
    ['17227', '40', '/40/17227/', 'COMMUNE'],
    ['01', null, '/01/', 'PROVINCE'],
  ];
  for (const [code, parentCode, path, level] of units) {
    await db.manager.query('INSERT INTO administrative_unit (code, name, level, parentCode, path) VALUES (?, ?, ?, ?, ?)', [code, `Đơn vị ${code}`, level, parentCode, path]);
  }

  await db.close();
  db = await Database.open({ url, entities: teams.entities, migrations: teams.migrations.slice(0, upTo + 1) });
  await db.migrate();

  const placed = await db.manager.find(AdministrativeUnit, { order: { code: 'ASC' } });
  expect(placed.map(({ code, parentCode, path, level }) => [code, parentCode, path, level])).toEqual([
    ['01', 'VN', '/01/', 'PROVINCE'],
    ['17227', '40', '/40/17227/', 'COMMUNE'],
    ['40', 'VN', '/40/', 'PROVINCE'],
    ['VN', null, '/', 'NATION'],
  ]);
});
