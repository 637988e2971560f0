import 'reflect-metadata';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AfterQueryEvent, EntitySubscriberInterface } from 'typeorm';
import { Role, Viewer } from '../subgraphs/common/auth';
import { Database, isMysqlUrl } from '../subgraphs/common/database';
import { SheetFormat } from '../subgraphs/common/spreadsheets';
import { teams } from '../subgraphs/teams';
import { ConsentChannel, ImportJob, ImportJobStatus, LawfulBasis } from '../subgraphs/teams/entities';
import { claimForApply, newRunner, runJob, sha256 } from '../subgraphs/teams/services/imports/import-jobs';
import { fakeProvinceUnits, provinceRosterXlsx } from '../subgraphs/teams/testing/roster-files';
import { dropMysqlDatabase, useBenchKeyRing } from './national/load';
import { positiveNumber } from './options';

const USAGE = `Times a province's roster import (issue 19): a workbook of <communes> communes, each with its
own team and <villages> village teams of <members> members (300 × 10 × 5 = 3,000 teams and 15,000
members), checked (the dry run) and applied as the import jobs do, on a fresh teams database.

  npm run bench:import -- [--communes 300] [--villages 9] [--members 5] [--database URL] [--out FILE]

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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { communes: { type: 'string' }, villages: { type: 'string' }, members: { type: 'string' }, database: { type: 'string' }, out: { type: 'string' } },
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
    const province = await fakeProvinceUnits(db, '98', communes, villages);
    let started = performance.now();
    const file = await provinceRosterXlsx(province, communes, villages, members);
    const writing = performance.now() - started;
    if (values.out) writeFileSync(values.out, file);

    const viewer = Viewer.fromClaims({ sub: 'bench', roles: [Role.ADMIN] });
    const job = await db.manager.save(
      db.manager.create(ImportJob, {
        unitCode: province.code,
        unitPath: province.path,
        status: ImportJobStatus.CHECKING,
        format: SheetFormat.XLSX,
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
    let peakHeap = 0;
    const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 50);
    started = performance.now();
    await runJob(db, job, viewer, file);
    const checking = performance.now() - started;
    const checkingStatements = statements.take();
    const checked = await db.manager.findOneByOrFail(ImportJob, { id: job.id });
    if (checked.status !== ImportJobStatus.CHECKED) throw new Error(`The dry run ended ${checked.status}: ${checked.failure ?? `${checked.problems} problems`}`);
    await db.transaction((manager) => claimForApply(manager, checked, file));
    started = performance.now();
    await runJob(db, checked, viewer, file);
    const applying = performance.now() - started;
    const applyingStatements = statements.take();
    clearInterval(sampler);
    const applied = await db.manager.findOneByOrFail(ImportJob, { id: job.id });
    if (applied.status !== ImportJobStatus.DONE) throw new Error(`Applying ended ${applied.status}: ${applied.failure}`);

    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(`Roster import on ${isMysqlUrl(url) ? 'MySQL/MariaDB' : 'SQLite'}: ${applied.rows} members, ${applied.teams} teams, ${applied.communes} communes (${(file.length / 1024 / 1024).toFixed(1)} MB XLSX)`);
    console.log(`  writing the workbook (stream)  ${seconds(writing)}`);
    console.log(`  dry run (read, check, rolled back per commune)  ${seconds(checking)}  ${Math.round(applied.rows / (checking / 1000))} rows/s`);
    console.log(`  apply (one transaction per commune)  ${seconds(applying)}  ${Math.round(applied.rows / (applying / 1000))} rows/s`);
    console.log(`  dry run + apply  ${seconds(checking + applying)}; peak heap ${Math.round(peakHeap / 1024 / 1024)} MB`);
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
