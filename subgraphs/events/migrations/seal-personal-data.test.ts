import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../common/database';
import { phoneHash } from '../../common/personal-data';
import { freshTestDatabaseUrl } from '../../common/testing/database';
import { events } from '..';
import { StallApplication } from '../entities';
import { SealPersonalData1796189339017 } from './1796189339017-SealPersonalData';

/** Stall applications made before sealing: the phone sealed, hashed, and a household's exhibitor key re-keyed by the hash; undone, as before. */
let db: Database;
let url: string;
const upTo = events.migrations.indexOf(SealPersonalData1796189339017);

beforeAll(async () => {
  // A file, not SQLite's in-memory default: the database is opened again with the new migration.
  url = (await freshTestDatabaseUrl('events_sealing')).replace(':memory:', join(mkdtempSync(join(tmpdir(), 'sealing-')), 'events.sqlite'));
  db = await Database.open({ url, entities: events.entities, migrations: events.migrations.slice(0, upTo) });
  await db.migrate();
});
afterAll(() => db?.close());

it('seals existing applicants’ phones and re-keys households by the phone’s hash, and undoes it', async () => {
  const application = { eventId: 'e1', categoryId: 'c1', exhibitorName: 'Hộ ông Lô Văn Khăm', contactName: 'Lô Văn Khăm', offering: 'Mật ong', status: 'PENDING' };
  const rows = [
    { id: 'a1', ...application, exhibitorKind: 'HOUSEHOLD', exhibitorKey: 'phone:0971234567', contactPhone: '+84971234567' },
    { id: 'a2', ...application, exhibitorKind: 'PARTNER', exhibitorKey: 'partner:p1', contactPhone: '0983123456' },
  ];
  const insert = async (table: string, row: Record<string, unknown>) =>
    db.manager.query(`INSERT INTO ${table} (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map(() => '?').join(', ')})`, Object.values(row));
  const place = { unitCode: '17227', unitPath: '/40/17227/', venue: 'Sân UBND xã', venueKind: 'OUTDOOR', startsOn: '2026-12-12', endsOn: '2026-12-13' };
  await insert('event', { id: 'e1', kind: 'FAIR', title: 'Phiên chợ', status: 'OPEN_FOR_APPLICATIONS', ...place });
  await insert('stall_category', { id: 'c1', eventId: 'e1', name: 'Nông sản', kind: 'LOCAL_PRODUCE', admission: 'REVIEWED', capacity: 5, fee: 0, size: '3x3 m' });
  for (const row of rows) await insert('stall_application', row);

  await db.close();
  db = await Database.open({ url, entities: events.entities, migrations: events.migrations.slice(0, upTo + 1) });
  await db.migrate();

  const raw: Record<string, string>[] = await db.manager.query('SELECT id, exhibitorKey, contactPhone, contactPhoneHash FROM stall_application ORDER BY id');
  expect(JSON.stringify(raw)).not.toMatch(/971234567|983123456/);
  expect(raw.map(({ id, exhibitorKey, contactPhoneHash }) => ({ id, exhibitorKey, contactPhoneHash }))).toEqual([
    { id: 'a1', exhibitorKey: `phone:${phoneHash('0971234567')}`, contactPhoneHash: phoneHash('0971234567') },
    { id: 'a2', exhibitorKey: 'partner:p1', contactPhoneHash: phoneHash('0983123456') },
  ]);
  // Only the columns this migration knows (later ones add more).
  expect((await db.manager.find(StallApplication, { select: { id: true, contactPhone: true }, order: { id: 'ASC' } })).map(({ contactPhone }) => contactPhone)).toEqual(['+84971234567', '0983123456']);

  await db.dataSource.undoLastMigration({ transaction: 'each' });
  expect(await db.manager.query('SELECT id, exhibitorKey, contactPhone FROM stall_application ORDER BY id')).toEqual(
    rows.map(({ id, exhibitorKey, contactPhone }) => ({ id, exhibitorKey, contactPhone })),
  );
});
