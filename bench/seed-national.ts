import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isMysqlUrl, type Database } from '../subgraphs/common/database';
import { SheetFormat } from '../subgraphs/common/spreadsheets';
import { ActivityReport, AdministrativeUnit } from '../subgraphs/teams/entities';
import { rosterFile } from '../subgraphs/teams/services/imports/roster-export';
import { todayInVietnam } from '../subgraphs/common/dates';
import { generateNational } from './national/generate';
import { addFirstRevisions, DEFAULT_NATIONAL_DATABASE_URL, dropMysqlDatabase, insertRows, nationalDatabaseUrls, openSubgraphDatabases } from './national/load';
import { PROVINCES } from './national/names';
import { SUBGRAPH_NAMES } from './national/rows';
import { positiveNumber } from './options';
import { ProgressBar } from './progress';

const USAGE = `Fills one MySQL/MariaDB database per subgraph with national-scale data (dropped and recreated).

  npm run seed:national -- [--scale 1] [--seed 42] [--today YYYY-MM-DD] [--rosters DIR]

  --scale  1 = 34 provinces, ~3,300 communes, ~75,000 teams, ~350,000 members, ~3M monthly reports (0.05 for a quick check)
  --seed   the same seed (and --today) gives the same data
  --today  the date the data is generated around (default: today in Vietnam)
  --rosters DIR  also write each province's teams and members as roster import files,
           DIR/<code>.xlsx and DIR/<code>.csv (the template officers fill in; see
           docs/onboarding.md); \`npm run bench:import -- --file DIR/<code>.xlsx\` times one's import
  NATIONAL_DATABASE_URL (default ${DEFAULT_NATIONAL_DATABASE_URL}) → <name>_teams, <name>_resources, …`;

/** Derived on the server from the reports (addFirstRevisions), after each province's rows. */
const REVISIONS = 'activity_report_revision';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { scale: { type: 'string' }, seed: { type: 'string' }, today: { type: 'string' }, rosters: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) return void console.log(USAGE);
  const scale = positiveNumber(values.scale, '--scale', 1, { integer: false, max: 4, usage: USAGE });
  const seed = positiveNumber(values.seed, '--seed', 42, { max: 2 ** 31, usage: USAGE });
  const today = values.today ?? todayInVietnam();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`--today must be YYYY-MM-DD, got "${today}"`);
  const baseUrl = process.env.NATIONAL_DATABASE_URL ?? DEFAULT_NATIONAL_DATABASE_URL;
  if (!isMysqlUrl(baseUrl)) throw new Error('NATIONAL_DATABASE_URL must be a mysql:// URL');

  const started = performance.now();
  const urls = nationalDatabaseUrls(baseUrl);
  for (const url of Object.values(urls)) await dropMysqlDatabase(url);
  const databases = await openSubgraphDatabases(urls);
  const migrated = performance.now();
  console.error(`Scale ${scale}, seed ${seed}, around ${today}: migrated ${Object.values(urls).map((url) => new URL(url).pathname.slice(1)).join(', ')}`);

  const timings = new Map<string, number>();
  const counts = new Map<string, number>();
  const progress = new ProgressBar(PROVINCES.length + 2);
  let done = 0;
  let loaded = 0;
  try {
    for (const part of generateNational({ scale, seed, today })) {
      // The four databases load the part at once; each writes its rows in one transaction.
      await Promise.all(SUBGRAPH_NAMES.map((name) => insertRows(databases[name], part.rows[name], timings)));
      if (part.unitPath) {
        const started = performance.now();
        await addFirstRevisions(databases.teams, part.unitPath);
        timings.set(REVISIONS, (timings.get(REVISIONS) ?? 0) + performance.now() - started);
        if (values.rosters) await writeRosters(databases.teams, part.unitPath, values.rosters);
        const revisions = part.rows.teams.tables.get(ActivityReport)?.length ?? 0;
        counts.set(`teams.${REVISIONS}`, (counts.get(`teams.${REVISIONS}`) ?? 0) + revisions);
        loaded += revisions;
      }
      for (const name of SUBGRAPH_NAMES) {
        for (const [entity, rows] of part.rows[name].tables) {
          const table = databases[name].dataSource.getMetadata(entity).tableName;
          counts.set(`${name}.${table}`, (counts.get(`${name}.${table}`) ?? 0) + rows.length);
          loaded += rows.length;
        }
      }
      done += 1;
      progress.update(done, `${part.label} · ${loaded.toLocaleString('en')} rows`);
    }
  } finally {
    await Promise.all(Object.values(databases).map((db) => db.close()));
  }

  const seconds = (ms: number) => (ms / 1000).toFixed(1).padStart(7);
  console.error('\nrows       load s  table');
  for (const [key, count] of [...counts].sort((a, b) => b[1] - a[1])) {
    console.error(`${count.toLocaleString('en').padStart(9)}  ${seconds(timings.get(key.split('.')[1]) ?? 0)}  ${key}`);
  }
  const total = performance.now() - started;
  console.error(`\n${loaded.toLocaleString('en')} rows in ${seconds(total).trim()} s (migrations ${seconds(migrated - started).trim()} s, ${Math.round(loaded / ((total - (migrated - started)) / 1000)).toLocaleString('en')} rows/s)`);
}

/** The province's roster as the template exports it, in both formats (a province's teams hold at most 30,000 members: scale 2 or so). */
async function writeRosters(db: Database, unitPath: string, folder: string): Promise<void> {
  const province = await db.manager.findOneByOrFail(AdministrativeUnit, { path: unitPath });
  mkdirSync(folder, { recursive: true });
  for (const format of [SheetFormat.XLSX, SheetFormat.CSV]) {
    const file = await rosterFile(db, province, format);
    writeFileSync(join(folder, `${province.code}.${format.toLowerCase()}`), Buffer.from(file.base64, 'base64'));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
