import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Like, type AfterQueryEvent, type EntitySubscriberInterface } from 'typeorm';
import { Role, Viewer } from '../subgraphs/common/auth';
import { Database, isMysqlUrl } from '../subgraphs/common/database';
import { SheetFormat } from '../subgraphs/common/spreadsheets';
import { teams } from '../subgraphs/teams';
import { AdministrativeUnit, ConsentChannel, ImportIssue, ImportIssueKind, ImportJob, ImportJobStatus, LawfulBasis } from '../subgraphs/teams/entities';
import { claimForApply, newRunner, runJob, sha256 } from '../subgraphs/teams/services/imports/import-jobs';
import { fakeProvinceUnits, provinceRosterXlsx } from '../subgraphs/teams/testing/roster-files';
import { DEFAULT_NATIONAL_DATABASE_URL, dropMysqlDatabase, nationalDatabaseUrls, useBenchKeyRing } from './national/load';
import { positiveNumber } from './options';

const USAGE = `Times a province's roster import (issue 19): a workbook of <communes> communes, each with its
own team and <villages> village teams of <members> members (300 × 10 × 5 = 3,000 teams and 15,000
members), checked (the dry run) and applied as the import jobs do, on a fresh teams database.

  npm run bench:import -- [--communes 300] [--villages 9] [--members 5] [--database URL] [--out FILE]
  npm run bench:import -- --file DIR/<code>.xlsx|.csv [--database URL]

  --file      import a province's roster file written by \`npm run seed:national -- --rosters DIR\`
              instead, its units copied from that national data (NATIONAL_DATABASE_URL, default
              ${DEFAULT_NATIONAL_DATABASE_URL})

  --database  a MySQL/MariaDB URL whose database name contains "bench" (dropped first);
              default: a SQLite file in a temporary folder
  --out       also write the generated workbook there (to try it in the hub by hand)`;

/** SQL statements by kind (SELECT, INSERT…, transaction control as BEGIN/COMMIT/ROLLBACK/SAVEPOINT), counted through TypeORM's query events. */
function countStatements(db: Database) {
  let counts = new Map<string, number>();
  const subscriber: EntitySubscriberInterface = {
    afterQuery(event: AfterQueryEvent<unknown>) {
      const verb = /^\s*(\w+)/.exec(event.query)?.[1]?.toUpperCase() ?? 'OTHER';
      counts.set(verb, (counts.get(verb) ?? 0) + 1);
    },
  };
  db.dataSource.subscribers.push(subscriber);
  return {
    /** The counts since the last call, with a way to print them per row. */
    take() {
      const taken = counts;
      counts = new Map();
      const total = [...taken.values()].reduce((sum, count) => sum + count, 0);
      return {
        total,
        describe: (rows: number) =>
          `${(total / rows).toFixed(2)} (${total} in all: ${[...taken].sort((a, b) => b[1] - a[1]).map(([verb, count]) => `${verb} ${(count / rows).toFixed(2)}`).join(', ')})`,
      };
    },
  };
}

/** A province's workbook written for the benchmark (a stream), its units straight in the database. */
async function generatedRoster(db: Database, communes: number, villages: number, members: number) {
  const province = await fakeProvinceUnits(db, '98', communes, villages);
  return { province, file: await provinceRosterXlsx(province, communes, villages, members), format: SheetFormat.XLSX };
}

/** A roster file of the national data (seed:national --rosters), named for its province, with that province's units copied from the national teams database. */
async function nationalRoster(db: Database, path: string) {
  const code = basename(path, extname(path));
  const national = await Database.open({ url: nationalDatabaseUrls(process.env.NATIONAL_DATABASE_URL ?? DEFAULT_NATIONAL_DATABASE_URL).teams, entities: teams.entities, migrations: [] });
  try {
    const units = await national.manager.find(AdministrativeUnit, { where: { path: Like(`/${code}/%`) }, order: { path: 'ASC' } });
    if (units.length === 0) throw new Error(`The national data has no province ${code} (the file's name): run seed:national first`);
    for (let start = 0; start < units.length; start += 500) await db.manager.insert(AdministrativeUnit, units.slice(start, start + 500));
    const format = extname(path).toLowerCase() === '.csv' ? SheetFormat.CSV : SheetFormat.XLSX;
    return { province: units.find((unit) => unit.code === code)!, file: readFileSync(path), format };
  } finally {
    await national.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { communes: { type: 'string' }, villages: { type: 'string' }, members: { type: 'string' }, database: { type: 'string' }, out: { type: 'string' }, file: { type: 'string' } },
  });
  const communes = positiveNumber(values.communes, '--communes', 300, { usage: USAGE, max: 9999 });
  const villages = positiveNumber(values.villages, '--villages', 9, { usage: USAGE, max: 99 });
  const members = positiveNumber(values.members, '--members', 5, { usage: USAGE, max: 200 });
  const folder = mkdtempSync(join(tmpdir(), 'roster-bench-'));
  const url = values.database ?? join(folder, 'teams.sqlite');
  if (isMysqlUrl(url)) {
    if (!/bench/i.test(new URL(url).pathname)) throw new Error('The database name must contain "bench": it is dropped first');
    await dropMysqlDatabase(url);
  }
  useBenchKeyRing();
  const db = await Database.open({ url, entities: teams.entities, migrations: teams.migrations });
  try {
    await db.migrate();
    let started = performance.now();
    const { province, file, format } = values.file ? await nationalRoster(db, values.file) : await generatedRoster(db, communes, villages, members);
    const writing = performance.now() - started;
    if (values.out) writeFileSync(values.out, file);

    const viewer = Viewer.fromClaims({ sub: 'bench', roles: [Role.ADMIN] });
    const job = await db.manager.save(
      db.manager.create(ImportJob, {
        unitCode: province.code,
        unitPath: province.path,
        status: ImportJobStatus.CHECKING,
        format,
        contentHash: sha256(file),
        createdBy: 'bench',
        lawfulBasis: LawfulBasis.PUBLIC_TASK,
        noticeVersion: 'bench',
        consentChannel: ConsentChannel.PAPER_FORM,
        runner: newRunner(),
        failure: null,
      }),
    );
    const statements = countStatements(db);
    const loadBefore = os.loadavg()[0].toFixed(1);
    let peakHeap = 0;
    const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 50);
    started = performance.now();
    let cpu = process.cpuUsage();
    await runJob(db, job, viewer, file);
    const checking = performance.now() - started;
    const checkingCpu = process.cpuUsage(cpu);
    const checkingStatements = statements.take();
    const checked = await db.manager.findOneByOrFail(ImportJob, { id: job.id });
    if (checked.status !== ImportJobStatus.CHECKED) {
      const problems = await db.manager.find(ImportIssue, { where: { jobId: job.id, kind: ImportIssueKind.PROBLEM }, order: { row: 'ASC' }, take: 10 });
      throw new Error(`The dry run ended ${checked.status}: ${checked.failure ?? `${checked.problems} problems, the first: ${problems.map((issue) => `row ${issue.row} ${issue.field} ${issue.code}`).join('; ')}`}`);
    }
    await db.transaction((manager) => claimForApply(manager, checked, file));
    started = performance.now();
    cpu = process.cpuUsage();
    await runJob(db, checked, viewer, file);
    const applying = performance.now() - started;
    const applyingCpu = process.cpuUsage(cpu);
    const applyingStatements = statements.take();
    clearInterval(sampler);
    const applied = await db.manager.findOneByOrFail(ImportJob, { id: job.id });
    if (applied.status !== ImportJobStatus.DONE) throw new Error(`Applying ended ${applied.status}: ${applied.failure}`);

    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    // This process's own CPU time: what the time would be on an idle machine (the database's work aside, on MariaDB).
    const cpuTime = ({ user, system }: NodeJS.CpuUsage) => `(CPU ${seconds((user + system) / 1000)})`;
    console.log(`Roster import on ${isMysqlUrl(url) ? 'MySQL/MariaDB' : 'SQLite'}: ${applied.rows} members, ${applied.teams} teams, ${applied.communes} communes (${(file.length / 1024 / 1024).toFixed(1)} MB ${format}${values.file ? ` from ${values.file}` : ''})`);
    console.log(`  ${values.file ? 'copying the units' : 'writing the workbook (stream)'}  ${seconds(writing)}`);
    console.log(`  dry run (read, check, rolled back per commune)  ${seconds(checking)} ${cpuTime(checkingCpu)}  ${Math.round(applied.rows / (checking / 1000))} rows/s`);
    console.log(`  apply (one transaction per commune)  ${seconds(applying)} ${cpuTime(applyingCpu)}  ${Math.round(applied.rows / (applying / 1000))} rows/s`);
    console.log(`  dry run + apply  ${seconds(checking + applying)}; load average before ${loadBefore}, after ${os.loadavg()[0].toFixed(1)}; peak heap ${Math.round(peakHeap / 1024 / 1024)} MB`);
    console.log(`  SQL statements per member row: dry run ${checkingStatements.describe(applied.rows)}; apply ${applyingStatements.describe(applied.rows)}`);
  } finally {
    await db.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
