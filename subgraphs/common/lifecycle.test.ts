import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { migrateSubgraph } from '../../scripts/migrate';
import { teams } from '../teams';
import { Database } from './database';
import type { RunningServer } from './http';
import { migrateUnderLock } from './migrations';
import { startSubgraph } from './server';
import { freshTestDatabaseUrl } from './testing/database';
import { onMysql } from './testing/on-mysql';
import { TEST_JWT_SECRET, TEST_PERSONAL_DATA_ENV } from './testing/subgraph';

/** A database that a second connection sees too (in-memory SQLite is one connection's own). */
let directory: string;
beforeAll(() => (directory = mkdtempSync(join(tmpdir(), 'lifecycle-'))));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const sharedDatabaseUrl = async (name: string) => (process.env.TEST_DATABASE_URL ? freshTestDatabaseUrl(name) : join(directory, `${name}.sqlite`));

const probe = async (server: RunningServer, path: string) => {
  const response = await fetch(new URL(path, server.url));
  return { status: response.status, body: (await response.json()) as { status: string; reason?: string } };
};

describe('a subgraph’s /livez and /readyz', () => {
  it('is alive but not ready until its migrations have run (npm run migrate), then ready', async () => {
    const databaseUrl = await sharedDatabaseUrl('teams_readyz');
    const env = { PORT: '0', DATABASE_URL: databaseUrl, JWT_SECRET: TEST_JWT_SECRET, ...TEST_PERSONAL_DATA_ENV, SEED_DEMO_DATA: 'false', MIGRATE_ON_START: 'false' };
    const server = await startSubgraph(teams, env);
    try {
      expect(await probe(server, '/livez')).toEqual({ status: 200, body: { status: 'alive' } });
      const before = await probe(server, '/readyz');
      expect(before.status).toBe(503);
      expect(before.body.reason).toMatch(/migrations are pending: run `npm run migrate`/);

      await migrateSubgraph(teams, databaseUrl);
      expect(await probe(server, '/readyz')).toEqual({ status: 200, body: { status: 'ready' } });
    } finally {
      await server.close();
    }
  });

  it('turns not ready as soon as it starts draining, while it still serves', async () => {
    const env = { PORT: '0', DATABASE_URL: await freshTestDatabaseUrl('teams_drain'), JWT_SECRET: TEST_JWT_SECRET, ...TEST_PERSONAL_DATA_ENV, SEED_DEMO_DATA: 'false', MIGRATE_ON_START: 'true', DRAIN_DELAY_MS: '400' };
    const server = await startSubgraph(teams, env);
    expect((await probe(server, '/readyz')).status).toBe(200);
    const closing = server.close();
    expect(await probe(server, '/readyz')).toEqual({ status: 503, body: { status: 'draining' } });
    expect((await probe(server, '/livez')).status).toBe(200);
    await closing;
    await expect(fetch(new URL('/livez', server.url))).rejects.toThrow();
  });
});

describe('migrations under a lock', () => {
  onMysql('lets replicas migrating one database at once apply each migration exactly once', async () => {
    const url = await freshTestDatabaseUrl('teams_migrate_race');
    const replicas = await Promise.all([1, 2, 3].map(() => Database.open({ url, entities: teams.entities, migrations: teams.migrations })));
    try {
      await Promise.all(replicas.map((db) => migrateUnderLock(db)));
      const applied = (await replicas[0].manager.query('SELECT name FROM migrations')) as { name: string }[];
      expect(applied).toHaveLength(teams.migrations.length);
      expect(new Set(applied.map(({ name }) => name)).size).toBe(teams.migrations.length);
    } finally {
      await Promise.all(replicas.map((db) => db.close()));
    }
  });
});

describe('a database user with data rights only', () => {
  onMysql('serves, reads and writes once `npm run migrate` has run with a user allowed to change schemas', async () => {
    const url = new URL(await freshTestDatabaseUrl('teams_app_user'));
    await migrateSubgraph(teams, url.toString());
    const database = url.pathname.slice(1);
    const user = `hub_app_${process.env.JEST_WORKER_ID ?? '0'}`;
    const root = await createConnection(url.toString());
    try {
      await root.query(`DROP USER IF EXISTS '${user}'@'%'`);
      await root.query(`CREATE USER '${user}'@'%' IDENTIFIED BY 'app-password'`);
      await root.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON \`${database}\`.* TO '${user}'@'%'`);
      const appUrl = new URL(url);
      appUrl.username = user;
      appUrl.password = 'app-password';
      const env = { PORT: '0', DATABASE_URL: appUrl.toString(), JWT_SECRET: TEST_JWT_SECRET, ...TEST_PERSONAL_DATA_ENV, SEED_DEMO_DATA: 'false', NODE_ENV: 'production' };
      const server = await startSubgraph(teams, env);
      try {
        expect(await probe(server, '/readyz')).toEqual({ status: 200, body: { status: 'ready' } });
        const answer = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ provinces { code } }' }),
        });
        expect(await answer.json()).toEqual({ data: { provinces: [] } });
      } finally {
        await server.close();
      }
      // The same user could not have migrated: it may not change schemas.
      await expect(migrateSubgraph(teams, appUrl.toString().replace(database, `${database}_other`))).rejects.toThrow(/denied/i);
    } finally {
      await root.query(`DROP USER IF EXISTS '${user}'@'%'`);
      await root.end();
    }
  });
});
