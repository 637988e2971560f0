import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../common/database';
import { freshTestDatabaseUrl } from '../../common/testing/database';
import { teams } from '..';
import { Team } from '../entities';
import { TeamProvince1796243782147 } from './1796243782147-TeamProvince';

/** Teams stored before the migration are given the province of their unit, whatever its depth. */
let db: Database;
let url: string;
const upTo = teams.migrations.indexOf(TeamProvince1796243782147);

beforeAll(async () => {
  // A file, not SQLite's in-memory default: the database is opened again with the new migration.
  url = (await freshTestDatabaseUrl('teams_province')).replace(':memory:', join(mkdtempSync(join(tmpdir(), 'province-')), 'teams.sqlite'));
  db = await Database.open({ url, entities: teams.entities, migrations: teams.migrations.slice(0, upTo) });
  await db.migrate();
});
afterAll(() => db?.close());

it('gives each existing team its unit’s province', async () => {
  const units = [
    ['40', null, '/40/', 'PROVINCE'],
    ['17227', '40', '/40/17227/', 'COMMUNE'],
    ['1722701', '17227', '/40/17227/1722701/', 'VILLAGE'],
    ['01', null, '/01/', 'PROVINCE'],
    ['00004', '01', '/01/00004/', 'COMMUNE'],
  ];
  for (const [code, parentCode, path, level] of units) {
    await db.manager.query('INSERT INTO administrative_unit (code, name, level, parentCode, path) VALUES (?, ?, ?, ?, ?)', [code, `Đơn vị ${code}`, level, parentCode, path]);
  }
  for (const [id, unitCode] of [['t1', '17227'], ['t2', '1722701'], ['t3', '00004']]) {
    await db.manager.query('INSERT INTO team (id, unitCode, name) VALUES (?, ?, ?)', [id, unitCode, `Tổ ${id}`]);
  }

  await db.close();
  db = await Database.open({ url, entities: teams.entities, migrations: teams.migrations.slice(0, upTo + 1) });
  await db.migrate();

  const placed = await db.manager.find(Team, { order: { id: 'ASC' } });
  expect(placed.map(({ id, provinceCode }) => [id, provinceCode])).toEqual([['t1', '40'], ['t2', '40'], ['t3', '01']]);
});
