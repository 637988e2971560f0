import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../common/database';
import { phoneHash } from '../../common/personal-data';
import { freshTestDatabaseUrl } from '../../common/testing/database';
import { teams } from '..';
import { Person } from '../entities';
import { SealPersonalData1796189326439 } from './1796189326439-SealPersonalData';

/** People stored before sealing get their phone and address sealed and their phone hashed; undone, they are plain again. */
let db: Database;
let url: string;
const upTo = teams.migrations.indexOf(SealPersonalData1796189326439);

beforeAll(async () => {
  // A file, not SQLite's in-memory default: the database is opened again with the new migration.
  url = (await freshTestDatabaseUrl('teams_sealing')).replace(':memory:', join(mkdtempSync(join(tmpdir(), 'sealing-')), 'teams.sqlite'));
  db = await Database.open({ url, entities: teams.entities, migrations: teams.migrations.slice(0, upTo) });
  await db.migrate();
});
afterAll(() => db?.close());

it('seals existing phones and addresses, keys their hashes, and opens them again when undone', async () => {
  const people = [
    { id: 'p1', fullName: 'Lò Văn Hùng', phone: '+84912111222', address: 'Bản Xốp Cháo, xã Tam Quang' },
    { id: 'p2', fullName: 'Quàng Thị Mai', phone: null, address: null },
  ];
  for (const person of people) await db.manager.query('INSERT INTO person (id, fullName, phone, address) VALUES (?, ?, ?, ?)', [person.id, person.fullName, person.phone, person.address]);

  await db.close();
  db = await Database.open({ url, entities: teams.entities, migrations: teams.migrations.slice(0, upTo + 1) });
  await db.migrate();

  const raw: Record<string, string | null>[] = await db.manager.query('SELECT id, phone, address, phoneHash FROM person ORDER BY id');
  expect(raw[0].phone).toMatch(/^[a-z0-9-]+:[A-Za-z0-9_-]+$/);
  expect(JSON.stringify(raw)).not.toMatch(/912111222|Xốp Cháo/);
  expect(raw[1]).toEqual({ id: 'p2', phone: null, address: null, phoneHash: null });
  const sealed = await db.manager.find(Person, { order: { id: 'ASC' } });
  expect(sealed.map(({ id, phone, address, phoneHash: hash }) => ({ id, phone, address, hash }))).toEqual([
    { id: 'p1', phone: '+84912111222', address: 'Bản Xốp Cháo, xã Tam Quang', hash: phoneHash('0912111222') },
    { id: 'p2', phone: null, address: null, hash: null },
  ]);

  await db.dataSource.undoLastMigration({ transaction: 'each' });
  expect(await db.manager.query('SELECT id, phone, address FROM person ORDER BY id')).toEqual(people.map(({ id, phone, address }) => ({ id, phone, address })));
});
