import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../common/database';
import { freshTestDatabaseUrl } from '../../common/testing/database';
import { resources } from '..';
import { PledgeInstalment } from '../entities';
import { PledgeInstalments1796178772392 } from './1796178772392-PledgeInstalments';

/** Pledges made before instalments (one due date each) become one instalment each, filled by their receipts. */
let db: Database;
let url: string;
const upTo = resources.migrations.indexOf(PledgeInstalments1796178772392);

beforeAll(async () => {
  // A file, not SQLite's in-memory default: the database is opened again with the new migration.
  url = (await freshTestDatabaseUrl('resources_instalments')).replace(':memory:', join(mkdtempSync(join(tmpdir(), 'instalments-')), 'resources.sqlite'));
  db = await Database.open({ url, entities: resources.entities, migrations: resources.migrations.slice(0, upTo) });
  await db.migrate();
});
afterAll(() => db?.close());

async function insert(table: string, row: Record<string, unknown>): Promise<void> {
  const quote = (name: string) => (db.isMysql ? `\`${name}\`` : `"${name}"`);
  const columns = Object.keys(row);
  await db.manager.query(`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, Object.values(row));
}

it('backfills one instalment per existing pledge, with its due date and what its receipts brought', async () => {
  const place = { unitCode: '17227', unitPath: '/40/17227/' };
  await insert('sponsor', { id: 's1', ...place, kind: 'ORGANISATION', name: 'Viettel Nghệ An', taxCode: null, partnerId: null, status: 'ACTIVE', publiclyNamed: 1 });
  await insert('programme', { id: 'p1', ...place, teamId: null, eventId: null, name: 'Ngày hội', kind: 'FAIR', horizonMonths: 3, startsOn: '2025-09-01', description: null });
  const pledge = { programmeId: 'p1', sponsorId: 's1', packageId: null, kind: 'CASH', description: null, cancelledAt: null };
  await insert('pledge', { id: 'partly', ...pledge, amount: 3_000_000, dueOn: '2025-10-01' });
  await insert('pledge', { id: 'overpaid', ...pledge, amount: 1_000_000, dueOn: null });
  await insert('pledge', { id: 'nothing', ...pledge, amount: 500_000, dueOn: '2025-11-30' });
  const receipt = { ...place, year: 2025, programmeId: 'p1', sponsorId: 's1', kind: 'CASH', receivedOn: '2025-09-20', method: 'CASH', note: null, recordedBy: null };
  await insert('receipt', { id: 'r1', ...receipt, number: 1, pledgeId: 'partly', amount: 1_000_000 });
  await insert('receipt', { id: 'r2', ...receipt, number: 2, pledgeId: 'partly', amount: 500_000 });
  await insert('receipt', { id: 'r3', ...receipt, number: 3, pledgeId: 'overpaid', amount: 1_200_000 });

  await db.close();
  db = await Database.open({ url, entities: resources.entities, migrations: resources.migrations.slice(0, upTo + 1) });
  await db.migrate();

  // Only the columns this migration made (the entity has more, added by later migrations).
  const rows = await db.manager
    .createQueryBuilder(PledgeInstalment, 'instalment')
    .select(['id', 'pledgeId', 'position', 'dueOn', 'amount', 'received', 'writtenOffAt'].map((column) => `instalment.${column}`))
    .orderBy('instalment.pledgeId', 'ASC')
    .getMany();
  expect(rows.map(({ pledgeId, position, dueOn, amount, received, writtenOffAt }) => ({ pledgeId, position, dueOn, amount, received, writtenOffAt }))).toEqual([
    { pledgeId: 'nothing', position: 1, dueOn: '2025-11-30', amount: 500_000, received: 0, writtenOffAt: null },
    { pledgeId: 'overpaid', position: 1, dueOn: null, amount: 1_000_000, received: 1_000_000, writtenOffAt: null },
    { pledgeId: 'partly', position: 1, dueOn: '2025-10-01', amount: 3_000_000, received: 1_500_000, writtenOffAt: null },
  ]);
  expect(new Set(rows.map((row) => row.id)).size).toBe(3);
  expect(rows.every((row) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(row.id))).toBe(true);

  // Undone, each pledge gets its due date back.
  await db.dataSource.undoLastMigration({ transaction: 'each' });
  const dates = await db.manager.query('SELECT id, dueOn FROM pledge ORDER BY id');
  expect(dates.map((row: { id: string; dueOn: unknown }) => [row.id, row.dueOn && String(row.dueOn instanceof Date ? row.dueOn.toISOString().slice(0, 10) : row.dueOn)])).toEqual([
    ['nothing', '2025-11-30'],
    ['overpaid', null],
    ['partly', '2025-10-01'],
  ]);
});
