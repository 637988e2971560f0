import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { EnvReader } from '../subgraphs/common/env';
import { Database } from '../subgraphs/common/database';
import { readKeyRing, useKeyRing } from '../subgraphs/common/personal-data';
import { startSubgraphProcess } from '../subgraphs/common/testing/processes';
import { TEST_JWT_SECRET, TEST_PERSONAL_DATA_ENV } from '../subgraphs/common/testing/subgraph';
import { GIVEN_CONSENT } from '../subgraphs/common/testing/consent';
import { events } from '../subgraphs/events';
import { ApplicationStatus, ExhibitorKind, StallApplication, type StallCategory } from '../subgraphs/events/entities';
import { fakeCategory, fakeEvent } from '../subgraphs/events/testing/factories';
import { runLoad, type LoadSpec } from './load';
import { positiveNumber } from './options';

const USAGE = `npm run bench:stalls -- [--waitlists 1000,10000] [--duration 10] [--connections 10] [--runs 2] [--warmup 5]

Operation 5 (a stall application) against the events subgraph alone, in a process of its own, on
MariaDB (BENCH_DATABASE_URL, default mysql://root@127.0.0.1:3306/hub_bench_stalls): for each
waitlist length, a fresh fair whose first-come category has all its 20 stalls taken and that many
applications waiting, then households applying (each is waitlisted) at the given concurrency.
Each run measures every length on fresh fairs, so nothing drifts from run to run; the last column
is the run's throughput behind the longest waitlist over the shortest's.`;

const STALLS = 20;
const INSERT_BATCH = 500;

/** A fair whose category has every stall taken and `waiting` applications on its waitlist. */
async function fullCategoryWith(db: Database, waiting: number): Promise<StallCategory> {
  const place = { unitCode: 'BENCH', unitPath: '/BENCH/' };
  const event = await fakeEvent(db, place);
  const { category, stalls } = await fakeCategory(db, event, { capacity: STALLS });
  const application = (index: number, status: ApplicationStatus, stallId: string | null) =>
    db.manager.create(StallApplication, {
      eventId: event.id,
      categoryId: category.id,
      exhibitorKind: ExhibitorKind.HOUSEHOLD,
      partnerId: null,
      exhibitorName: `Hộ kinh doanh ${index}`,
      exhibitorKey: `bench:${category.id}:${index}`,
      contactName: 'Người liên hệ',
      contactPhone: `09${String(index).padStart(8, '0')}`,
      offering: 'Nông sản địa phương',
      status,
      stallId,
      decidedAt: new Date(),
      appliedAt: new Date(Date.now() - (waiting + STALLS - index) * 1000),
    });
  await db.manager.save(stalls.map((stall, index) => application(index, ApplicationStatus.APPROVED, stall.id)));
  for (let start = 0; start < waiting; start += INSERT_BATCH) {
    const batch = Array.from({ length: Math.min(INSERT_BATCH, waiting - start) }, (_, offset) => application(STALLS + start + offset, ApplicationStatus.WAITLISTED, null));
    await db.manager.save(batch, { chunk: INSERT_BATCH });
  }
  return category;
}

function applications(category: StallCategory, run: number): LoadSpec {
  let sent = 0;
  return {
    label: '5 stall application',
    operationName: 'ApplyForStall',
    query: `mutation ApplyForStall($input: StallApplicationInput!) { applyForStall(input: $input) { id status } }`,
    next: () => {
      sent += 1;
      const serial = String(sent).padStart(7, '0');
      return {
        variables: {
          input: {
            categoryId: category.id,
            exhibitorKind: 'HOUSEHOLD',
            exhibitorName: `Hộ kinh doanh ${run}-${serial}`,
            contactName: 'Nguyễn Thị Hoa',
            contactPhone: `09${run % 10}${serial}`,
            offering: 'Mật ong rừng, chè xanh',
            idempotencyKey: `bench-${category.id}-${serial}`,
            consent: GIVEN_CONSENT,
          },
        },
      };
    },
    check: (data) => ((data.applyForStall as { status: string }).status === 'WAITLISTED' ? null : 'not waitlisted'),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { waitlists: { type: 'string', default: '1000,10000' }, duration: { type: 'string' }, connections: { type: 'string' }, runs: { type: 'string' }, warmup: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) return void console.log(USAGE);
  const waitlists = values.waitlists.split(',').map((raw) => positiveNumber(raw, '--waitlists', 1000, { usage: USAGE }));
  const durationSeconds = positiveNumber(values.duration, '--duration', 10, { usage: USAGE });
  const connections = positiveNumber(values.connections, '--connections', 10, { usage: USAGE });
  const runs = positiveNumber(values.runs, '--runs', 2, { usage: USAGE });
  const warmupSeconds = positiveNumber(values.warmup, '--warmup', 5, { usage: USAGE });

  const url = new URL(process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/hub_bench_stalls');
  const name = url.pathname.replace(/^\//, '');
  const server = new URL(url);
  server.pathname = '/';
  const connection = await createConnection(server.toString());
  await connection.query(`CREATE DATABASE IF NOT EXISTS \`${name}\``);
  await connection.end();

  // This process writes the applications the subgraph seals and opens: with the same keys.
  const keys = new EnvReader(TEST_PERSONAL_DATA_ENV);
  useKeyRing(readKeyRing(keys, false));
  keys.done();
  const db = await Database.open({ url: url.toString(), entities: events.entities, migrations: events.migrations });
  await db.migrate();
  const subgraph = await startSubgraphProcess({
    events: { PORT: '0', DATABASE_URL: url.toString(), JWT_SECRET: TEST_JWT_SECRET, ...TEST_PERSONAL_DATA_ENV, SEED_DEMO_DATA: 'false', RATE_LIMIT_MAX: '1000000000' },
  });
  try {
    // Warm-up, not measured: the subgraph's first requests compile and connect.
    await runLoad(subgraph.urls.events, applications(await fullCategoryWith(db, waitlists[0]), 0), { durationSeconds: warmupSeconds, connections });
    console.log(`${durationSeconds} s × ${connections} connections per measurement, ${runs} run(s), ${STALLS} stalls taken in each category`);
    console.log(`| run | ${waitlists.map((length) => `waitlist ${length}: req/s, p50, p99 ms, errors`).join(' | ')} | req/s ratio, ${waitlists.at(-1)} / ${waitlists[0]} |`);
    for (let run = 1; run <= runs; run += 1) {
      const cells: string[] = [];
      const rates: number[] = [];
      for (const length of waitlists) {
        const category = await fullCategoryWith(db, length);
        const result = await runLoad(subgraph.urls.events, applications(category, run), { durationSeconds, connections });
        rates.push(result.rps);
        cells.push(`${result.rps.toFixed(1)}, ${Math.round(result.p50)}, ${Math.round(result.p99)}, ${result.errors}${result.firstError ? ` (${result.firstError})` : ''}`);
      }
      console.log(`| ${run} | ${cells.join(' | ')} | ${(rates.at(-1)! / rates[0]).toFixed(2)} |`);
    }
  } finally {
    await subgraph.stop();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
