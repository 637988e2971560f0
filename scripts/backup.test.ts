import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { post } from '../gateway/testing/client';
import { startTestHub, type TestHub } from '../gateway/testing/hub';
import { Role } from '../subgraphs/common/auth';
import { freshTestDatabaseUrl } from '../subgraphs/common/testing/database';
import { subgraphs } from '../subgraphs';
import { backupDatabases, restoreDatabases } from './backup';

/**
 * The restore drill: the seeded hub's databases backed up (mariadb-dump on MariaDB, SQLite's
 * backup API on files), restored into fresh databases, and a second hub on those gives the same
 * answers through the gateway, across every subgraph, personal fields included.
 */
const QUESTIONS = [
  '{ teams(unitCode: "40", first: 50) { totalCount nodes { name level unit { name } memberCount } } }',
  '{ administrativeUnit(code: "17227") { name funds { pledged received spent balance } teamsUnder { nodes { name members { role fullName phone } trainingsAttended { title heldOn partner { shortName } } } } } }',
  '{ disclosure(unitCode: "17227", from: "2025-01-01", to: "2025-12-31") { totalIncome income { date donor description amount receiptNumber } } }',
  '{ events(unitCode: "17227", first: 10) { nodes { title status startsOn categories { name freeStalls } exhibitors { name stallCode partner { shortName } } } } }',
];

let directory: string;
const hubs: TestHub[] = [];

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'hub-backup-'));
});

afterAll(async () => {
  for (const hub of hubs) await hub.close();
  rmSync(directory, { recursive: true, force: true });
});

async function answers(hub: TestHub): Promise<unknown[]> {
  const authorization = await hub.bearer({ sub: 'officer', roles: [Role.OFFICER], units: ['17227'] });
  return Promise.all(QUESTIONS.map(async (query) => (await post(hub.gateway.url, { query }, { authorization })).body));
}

it('restores every subgraph\'s database into fresh ones that give the same answers', async () => {
  const names = subgraphs.map(({ name }) => name);
  const original = await startTestHub('backup', {}, { durable: names });
  hubs.push(original);
  const before = await answers(original);
  for (const answer of before) expect(answer).not.toHaveProperty('errors');
  expect(JSON.stringify(before)).toContain('"fullName"');

  const manifest = await backupDatabases(original.databaseUrls, join(directory, 'backup'));
  expect(Object.keys(manifest.databases)).toEqual(names);

  const restoredUrls: Record<string, string> = {};
  for (const name of names) {
    const fresh = await freshTestDatabaseUrl(`${name}_restored`);
    restoredUrls[name] = fresh === ':memory:' ? join(directory, `${name}-restored.sqlite`) : fresh;
  }
  await restoreDatabases(join(directory, 'backup'), restoredUrls);
  // Never over a database that holds data.
  await expect(restoreDatabases(join(directory, 'backup'), { teams: restoredUrls.teams })).rejects.toThrow(/already/);

  const restored = await startTestHub('restored', {}, { databases: restoredUrls });
  hubs.push(restored);
  expect(await answers(restored)).toEqual(before);
}, 180_000);
