import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Role, Viewer } from '../subgraphs/common/auth';
import { createContext } from '../subgraphs/common/context';
import type { Database } from '../subgraphs/common/database';
import { localFeed, pollFeeds } from '../subgraphs/common/delivery';
import { eventConsumer, relayOutbox, type EventConsumer } from '../subgraphs/common/outbox';
import { StaticUnitDirectory } from '../subgraphs/common/testing/unit-directory';
import { noWorkingRelations } from '../subgraphs/common/working-relations';
import { noPeers } from '../subgraphs/common/peers';
import { subgraphs } from '../subgraphs';
import { AdministrativeUnit, UnitLevel } from '../subgraphs/teams/entities';
import { moveUnit } from '../subgraphs/teams/services/reorganisation';
import { DEFAULT_NATIONAL_DATABASE_URL, nationalDatabaseUrls, openSubgraphDatabases } from './national/load';
import { positiveNumber } from './options';

const USAGE = `Moves a province's communes to another province on the national data (npm run seed:national first),
then moves them back, and reports how long the teams subgraph takes per move and how far behind the
other subgraphs' stored unit paths follow (in-process delivery from the outbox, as \`npm start\` runs it).

  npm run bench:reorganise -- [--communes 100] [--poll-ms 100]

  NATIONAL_DATABASE_URL (default ${DEFAULT_NATIONAL_DATABASE_URL}) as for seed:national`;

const CONSUMERS = ['resources', 'partners', 'events'] as const;

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
}

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 0.5).toFixed(0)} ms, p95 ${percentile(sorted, 0.95).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`;
};

/** Rows under a path in every stored unit path column of a subgraph: what the consumers rewrite. */
async function rowsUnder(db: Database, path: string): Promise<number> {
  let rows = 0;
  for (const entity of db.dataSource.entityMetadatas.filter((metadata) => metadata.tableName !== 'outbox_event')) {
    for (const column of entity.columns.filter((candidate) => /(^u|U)nitPath$/.test(candidate.databaseName))) {
      const [{ count }] = await db.manager.query(`SELECT COUNT(*) AS count FROM \`${entity.tableName}\` WHERE \`${column.databaseName}\` LIKE ?`, [`${path}%`]);
      rows += Number(count);
    }
  }
  return rows;
}

/**
 * Runs one direction: moves `communes` under `to`, one mutation after another as an officer would,
 * while each consuming subgraph polls the teams feed every `pollMs` as the running hub does.
 * Answers the write latencies and, per consumer, each event's lag (consumed − occurred).
 */
async function moveAll(databases: Record<string, Database>, communes: readonly string[], to: string, pollMs: number) {
  const teamsDb = databases.teams;
  const ctx = createContext(teamsDb, new StaticUnitDirectory(), null, Viewer.fromClaims({ sub: 'bench', roles: [Role.ADMIN] }), noWorkingRelations(Viewer.anonymous, undefined), noPeers(undefined));
  let writing = true;
  const lags: Record<string, number[]> = {};
  const delivering = CONSUMERS.map(async (name) => {
    lags[name] = [];
    // The subgraph's own consumer, timed: its effect is in when the handler returns (the commit follows at once).
    const consumers: EventConsumer[] = subgraphs.find((definition) => definition.name === name)!.consumers!.map(eventConsumer).map((consumer) => ({
      ...consumer,
      handler: async (event, manager, db) => {
        await consumer.handler(event, manager, db);
        lags[name].push(Date.now() - Date.parse(event.occurredAt));
      },
    }));
    const feed = localFeed('teams', teamsDb);
    for (;;) {
      const finished = !writing;
      await relayOutbox(teamsDb, 'teams');
      const handled = await pollFeeds(databases[name], consumers, [feed]);
      if (finished && handled === 0) return;
      if (handled === 0) await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  });
  const writes: number[] = [];
  const started = performance.now();
  try {
    for (const code of communes) {
      const before = performance.now();
      await moveUnit(ctx, { code, parentCode: to });
      writes.push(performance.now() - before);
    }
  } finally {
    writing = false;
  }
  const written = performance.now() - started;
  await Promise.all(delivering);
  const followed = performance.now() - started;
  return { writes, written, followed, lags };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { communes: { type: 'string' }, 'poll-ms': { type: 'string' }, help: { type: 'boolean', default: false } } });
  if (values.help) return void console.log(USAGE);
  const count = positiveNumber(values.communes, '--communes', 100, { max: 1000, usage: USAGE });
  const pollMs = positiveNumber(values['poll-ms'], '--poll-ms', 100, { max: 60_000, usage: USAGE });
  const databases = await openSubgraphDatabases(nationalDatabaseUrls(process.env.NATIONAL_DATABASE_URL ?? DEFAULT_NATIONAL_DATABASE_URL));
  try {
    const teamsDb = databases.teams;
    const provinces = await teamsDb.manager.findBy(AdministrativeUnit, { level: UnitLevel.PROVINCE });
    const communesOf = async (province: AdministrativeUnit) =>
      teamsDb.manager.find(AdministrativeUnit, { where: { parentCode: province.code, level: UnitLevel.COMMUNE }, order: { code: 'ASC' } });
    const sized = await Promise.all(provinces.map(async (province) => ({ province, communes: await communesOf(province) })));
    sized.sort((a, b) => b.communes.length - a.communes.length);
    const [{ province: from, communes }, { province: to }] = sized;
    const moving = communes.slice(0, count).map((commune) => commune.code);
    console.log(`Moving ${moving.length} of the ${communes.length} communes of ${from.name} (${from.code}) to ${to.name} (${to.code}) and back`);
    const stored = Object.fromEntries(
      await Promise.all(CONSUMERS.map(async (name) => [name, (await Promise.all(communes.slice(0, count).map((commune) => rowsUnder(databases[name], commune.path)))).reduce((a, b) => a + b, 0)] as const)),
    );
    console.log(`Rows storing those communes' paths: ${CONSUMERS.map((name) => `${name} ${stored[name].toLocaleString('en')}`).join(', ')}`);

    for (const [label, target] of [
      ['there', to.code],
      ['back', from.code],
    ] as const) {
      const result = await moveAll(databases, moving, target, pollMs);
      console.log(`\n${label}: ${moving.length} unit.moved events; teams wrote them in ${(result.written / 1000).toFixed(1)} s (per move ${summary(result.writes)})`);
      console.log(`  every subgraph had followed ${(result.followed / 1000).toFixed(1)} s after the first move began`);
      for (const name of CONSUMERS) console.log(`  ${name.padEnd(9)} lag per event: ${summary(result.lags[name])}`);
    }
  } finally {
    await Promise.all(Object.values(databases).map((db) => db.close()));
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
