import type { MigrationInterface } from 'typeorm';
import { Database } from './database';
import { Lease, releaseLease, takeLease } from './lease';
import { freshTestDatabaseUrl, racingADeletion } from './testing/database';
import { onMysql } from './testing/on-mysql';
import { teams } from '../teams';

/** The migration `Leases` moves the rows of the two tables it replaces; the reminder jobs and retention then share `lease`. */
it('moves the leases of retention_lease and job_lease into lease, and the jobs go on from them', async () => {
  const url = await freshTestDatabaseUrl('teams_leases');
  // The database as it was before the teams subgraph's migration Leases.
  const at = teams.migrations.findIndex((migration) => new (migration as new () => MigrationInterface)().name?.startsWith('Leases'));
  expect(at).toBeGreaterThan(0);
  const Leases = teams.migrations[at] as new () => MigrationInterface;
  const before = teams.migrations.slice(0, at);
  // One database (SQLite in tests may live in memory only): migrated to before Leases, then Leases run on it.
  const db = await Database.open({ url, entities: teams.entities, migrations: before });
  try {
    await db.migrate();
    await db.manager.query('INSERT INTO retention_lease (name, holder, expiresAt) VALUES (?, ?, ?)', ['retention', null, null]);
    await db.manager.query('INSERT INTO job_lease (job, holder, leaseUntil, lastRunAt) VALUES (?, ?, ?, ?)', ['teams.activity-report-owed', null, '2026-12-01 03:00:00', '2026-12-01 03:00:00']);
    const runner = db.dataSource.createQueryRunner();
    try {
      await new Leases().up(runner);
    } finally {
      await runner.release();
    }
    const leases = await db.manager.find(Lease, { order: { name: 'ASC' } });
    expect(leases.map(({ name, lastRunAt: ran }) => [name, ran?.toISOString() ?? null])).toEqual([
      ['retention', null],
      ['teams.activity-report-owed', '2026-12-01T03:00:00.000Z'],
    ]);
    const now = new Date('2026-12-02T03:00:00Z');
    expect(await takeLease(db, 'retention', 'replica-a', now, new Date(now.getTime() + 60_000))).toBe(true);
    expect(await takeLease(db, 'retention', 'replica-b', now, new Date(now.getTime() + 60_000))).toBe(false);
    await releaseLease(db, 'retention', 'replica-a', now);
    expect(await db.manager.findOneByOrFail(Lease, { name: 'retention' })).toMatchObject({ holder: null, lastRunAt: now });
  } finally {
    await db.close();
  }
});

/**
 * Two replicas taking a lease while its row is deleted (a test resetting it, an operator): both
 * wait for the deletion, then both lock the deleted row to read it and both want to write it, and
 * InnoDB makes one the victim of a deadlock. Its statement runs again and finds the lease taken.
 */
onMysql('two replicas taking a lease as its row is deleted: one takes it, neither fails on a deadlock', async () => {
  const url = await freshTestDatabaseUrl('teams_lease_race');
  const [a, b] = [await Database.open({ url, entities: teams.entities, migrations: teams.migrations }), await Database.open({ url, entities: teams.entities, migrations: teams.migrations })];
  try {
    await a.migrate();
    const now = new Date('2026-12-02T03:00:00Z');
    const until = new Date(now.getTime() + 60_000);
    await takeLease(a, 'retention', 'replica-a', now, until);
    const taken = await racingADeletion(url, ['DELETE FROM lease WHERE name = ?', ['retention']], 2, () =>
      Promise.all([takeLease(a, 'retention', 'replica-a', now, until), takeLease(b, 'retention', 'replica-b', now, until)]),
    );
    expect(taken.filter(Boolean)).toHaveLength(1);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});
