import 'reflect-metadata';
import { openSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { todayInVietnam } from '../subgraphs/common/dates';
import { ChildServices, waitUntilUp } from '../scripts/services';
import { cpuMillis } from './cpu';
import { runLoad, type LoadSpec } from './load';
import { untilQuiet } from './metrics';
import { findReportingTeams, monthlyReports } from './monthly-reports';
import { BENCH_PERSONAL_DATA_ENV, DEFAULT_NATIONAL_DATABASE_URL, nationalDatabaseUrls } from './national/load';
import { positiveNumber } from './options';
import { median } from './report';
import { BENCH_JWT_SECRET } from './tokens';

const USAGE = `Two builds of the teams subgraph side by side on the national data (npm run seed:national first):
the CPU each spends per monthly report (op 7's write), sent to it straight, both at once, round
after round. Both share the machine's load of the moment, so their ratio holds still where one
build's figures, benchmarked half an hour apart, drift by more than a change.

  npm run build && node dist/bench/side-by-side.js --base DIR [--rounds 8] [--reports 600] [--warmup 2000] [--concurrency 4] [--base-first]
      [--this-node-options FLAGS] [--base-node-options FLAGS]

  --base         another checkout, built: DIR/dist/subgraphs/main.js. For a commit:
                 git worktree add /tmp/base <commit> && ln -s "$PWD/node_modules" /tmp/base/node_modules
                 && (cd /tmp/base && npx tsc -p tsconfig.build.json); --base . runs this build against itself: the tool's own noise
  --rounds       measured rounds; in each, each build sends --reports reports of its own teams
  --reports      reports per build and round
  --warmup       unmeasured reports per build before the rounds
  --concurrency  requests in flight to each build
  --base-first   start the base build's process first (the order may matter: run both ways)
  --this-node-options, --base-node-options
                 Node's options for one build's process, added to NODE_OPTIONS: with --base . the same
                 build under two runtime settings (e.g. --this-node-options=--max-semi-space-size=32)
  NATIONAL_DATABASE_URL (default ${DEFAULT_NATIONAL_DATABASE_URL}); BENCH_PORT (default 4600): the builds on +1 and +2.
  The builds' schema must be the same (this build migrates, the base does not).`;

/** A subgraph started under a loaded machine may take a minute. */
const STARTED_WITHIN_MS = 300_000;

interface Build {
  name: 'this' | 'base';
  url: string;
  pid: number | undefined;
}

interface Round {
  /** CPU milliseconds per report of each build. */
  thisMs: number;
  baseMs: number;
}

const progress = (line: string) => console.error(line);

/** Each build sends `amount` reports at once, the other its own; the CPU of each process per report. */
async function measureRound(builds: [Build, Build], specs: [LoadSpec, LoadSpec], amount: number, connections: number): Promise<Map<Build['name'], number>> {
  const before = builds.map((build) => cpuMillis(build.pid));
  const results = await Promise.all(builds.map((build, index) => runLoad(build.url, specs[index], { connections, amount })));
  const perReport = new Map<Build['name'], number>();
  builds.forEach((build, index) => {
    const result = results[index];
    if (result.errors > 0) throw new Error(`${build.name} build: ${result.errors} errors, the first: ${result.firstError}`);
    perReport.set(build.name, (cpuMillis(build.pid) - before[index]) / result.requests);
  });
  return perReport;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      base: { type: 'string' },
      rounds: { type: 'string' },
      reports: { type: 'string' },
      warmup: { type: 'string' },
      concurrency: { type: 'string' },
      'base-first': { type: 'boolean' },
      'this-node-options': { type: 'string' },
      'base-node-options': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(USAGE);
  if (!values.base) {
    console.error(`--base is required\n\n${USAGE}`);
    process.exit(2);
  }
  const rounds = positiveNumber(values.rounds, '--rounds', 8, { usage: USAGE });
  const amount = positiveNumber(values.reports, '--reports', 600, { usage: USAGE });
  const warmup = positiveNumber(values.warmup, '--warmup', 2000, { usage: USAGE });
  const connections = positiveNumber(values.concurrency, '--concurrency', 4, { usage: USAGE });
  const basePort = positiveNumber(process.env.BENCH_PORT, 'BENCH_PORT', 4600, { usage: USAGE });
  const teamsDatabaseUrl = nationalDatabaseUrls(process.env.NATIONAL_DATABASE_URL ?? DEFAULT_NATIONAL_DATABASE_URL).teams;
  const month = todayInVietnam().slice(0, 7);

  const logPath = join(tmpdir(), `hub-side-by-side-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  progress(`The builds' log lines go to ${logPath}`);
  const services = new ChildServices((label, code) => {
    console.error(`[${label}] exited with code ${code} (its log lines: ${logPath})`);
    void services.stop().then(() => process.exit(1));
  }, openSync(logPath, 'a'));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void services.stop().then(() => process.exit(130)));
  try {
    const env = { ...process.env, NODE_ENV: 'production', JWT_SECRET: BENCH_JWT_SECRET, ...BENCH_PERSONAL_DATA_ENV, SEED_DEMO_DATA: 'false', EXPOSE_METRICS: 'true', DATABASE_URL: teamsDatabaseUrl };
    const starts = [
      { name: 'this' as const, script: 'subgraphs/main.js', port: basePort + 1, migrate: 'true', nodeOptions: values['this-node-options'] },
      { name: 'base' as const, script: resolve(values.base, 'dist/subgraphs/main.js'), port: basePort + 2, migrate: 'false', nodeOptions: values['base-node-options'] },
    ];
    if (values['base-first']) starts.reverse();
    const builds: Build[] = [];
    for (const { name, script, port, migrate, nodeOptions } of starts) {
      const NODE_OPTIONS = [process.env.NODE_OPTIONS, nodeOptions].filter(Boolean).join(' ');
      const child = services.start(name, script, ['teams'], { ...env, NODE_OPTIONS, PORT: String(port), MIGRATE_ON_START: migrate });
      const url = `http://127.0.0.1:${port}/graphql`;
      await waitUntilUp(url, child, STARTED_WITHIN_MS);
      builds.push({ name, url, pid: child.pid });
    }
    const [thisBuild, baseBuild] = (['this', 'base'] as const).map((name) => builds.find((build) => build.name === name)!);
    const metricsUrls = Object.fromEntries(builds.map((build) => [build.name, build.url.replace(/graphql$/, 'metrics')]));

    // Each build its own half of the teams, the halves swapped every round: a team reports its
    // month once between two resets, and neither build always gets the same provinces.
    const teams = await findReportingTeams(teamsDatabaseUrl);
    if (teams.length < 2 * Math.max(amount, warmup)) throw new Error(`${teams.length} teams: too few for ${Math.max(amount, warmup)} reports per build`);
    const salt = String(randomInt(10_000)).padStart(4, '0');
    const halves: [LoadSpec, LoadSpec] = [
      await monthlyReports(teams.filter((_, index) => index % 2 === 0), teamsDatabaseUrl, month, `${salt}a`),
      await monthlyReports(teams.filter((_, index) => index % 2 === 1), teamsDatabaseUrl, month, `${salt}b`),
    ];
    const reset = async () => {
      await untilQuiet(metricsUrls);
      await halves[0].reset!();
    };

    progress(`warm-up: ${warmup} reports to each build, ${connections} at a time`);
    await reset();
    await measureRound([thisBuild, baseBuild], halves, warmup, connections);
    const measured: Round[] = [];
    for (let round = 1; round <= rounds; round += 1) {
      await reset();
      const specs: [LoadSpec, LoadSpec] = round % 2 ? halves : [halves[1], halves[0]];
      const perReport = await measureRound([thisBuild, baseBuild], specs, amount, connections);
      const result = { thisMs: perReport.get('this')!, baseMs: perReport.get('base')! };
      measured.push(result);
      progress(`round ${round}: this ${result.thisMs.toFixed(2)} ms, base ${result.baseMs.toFixed(2)} ms of CPU per report: this / base ${(result.thisMs / result.baseMs).toFixed(2)}`);
    }
    await reset();

    const ratios = measured.map((round) => round.thisMs / round.baseMs);
    console.log(`\n${rounds} rounds of ${amount} reports per build, ${connections} at a time (${values['base-first'] ? 'the base' : 'this'} build started first), month ${month}:`);
    for (const { name, nodeOptions } of starts) if (nodeOptions) console.log(`  ${name} build's Node options: ${nodeOptions}`);
    console.log(`  CPU per report, medians: this ${median(measured.map((round) => round.thisMs)).toFixed(2)} ms, base ${median(measured.map((round) => round.baseMs)).toFixed(2)} ms`);
    console.log(`  this / base per round: ${ratios.map((ratio) => ratio.toFixed(2)).join(' ')}`);
    console.log(`  median ${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}); this build cheaper in ${ratios.filter((ratio) => ratio < 1).length} rounds of ${rounds}`);
  } finally {
    await services.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
