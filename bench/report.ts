import { availableParallelism } from 'node:os';
import type { LoadResult } from './load';
import type { CostPerRequest } from './metrics';
import type { Overhead } from './overhead';
import type { RollUpLatency } from './roll-ups';

/** The "gateway" of the runs that replay an operation's recorded SQL straight against MariaDB. */
export const DATABASE_ALONE = 'database alone';

export interface Measurement {
  run: number;
  op: string;
  gateway: string;
  result: LoadResult;
  /** The gateway process's CPU time per request during the run. */
  gatewayCpuMs: number;
  /** Each subgraph process's CPU time per request during the run (they serve this gateway alone meanwhile). */
  subgraphCpuMs: Record<string, number>;
  /** The database server's CPU time per request (NaN when it runs on another machine). */
  databaseCpuMs: number;
  /** The benchmark's own CPU time per request: its load generator's, or its replay's. */
  loadCpuMs: number;
  cost: CostPerRequest;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');

function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')).join('\n');
}

const spread = (values: number[], digits: number) => `${fixed(median(values), digits)} (${fixed(Math.min(...values), digits)}–${fixed(Math.max(...values), digits)})`;

/**
 * Each of our processes' CPU time per request, and what it means for one replica: the requests of
 * an operation one core serves (1000 ÷ CPU ms), the figure a replica's CPU request is sized from.
 * CPU time, unlike throughput, hardly depends on the other load of a shared machine.
 */
function printReplicaCapacity(ours: Measurement[]): void {
  if (ours.length === 0) return;
  const services = ['gateway', ...Object.keys(ours[0].subgraphCpuMs)];
  const cpuOf = (measurement: Measurement, service: string) => (service === 'gateway' ? measurement.gatewayCpuMs : measurement.subgraphCpuMs[service]);
  const rows = [['operation', 'per process', ...services]];
  for (const op of [...new Set(ours.map((measurement) => measurement.op))]) {
    const runs = ours.filter((measurement) => measurement.op === op);
    const perService = services.map((service) => runs.map((run) => cpuOf(run, service)));
    rows.push([op, 'CPU ms/req', ...perService.map((values) => spread(values, 2))]);
    rows.push(['', 'req/s per core', ...perService.map((values) => (median(values) >= 0.05 ? spread(values.map((value) => 1000 / value), 0) : '–'))]);
  }
  console.log(`\nOur processes' CPU per request (median, min–max over ${ours.filter((measurement) => measurement.op === ours[0].op).length} run(s)), and the requests one core of a replica serves (1000 ÷ CPU ms; – when it does not take part):\n`);
  console.log(table(rows));
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const subgraphsCpuMs = (measurement: Measurement) => sum(Object.values(measurement.subgraphCpuMs));
/** Everything the machine spent per request: NaN when the database's share is unknown (it runs elsewhere). */
const machineCpuMs = (measurement: Measurement) =>
  (Number.isFinite(measurement.gatewayCpuMs) ? measurement.gatewayCpuMs : 0) + subgraphsCpuMs(measurement) + measurement.databaseCpuMs + measurement.loadCpuMs;

/**
 * Where the machine's CPU went per request: the gateway, the subgraphs, the database server and
 * the benchmark's own load generator (or replay). A run that keeps every core busy serves about
 * cores × 1000 ÷ their total requests a second, and an operation's ratio to the database alone is
 * then about the database alone's total ÷ the full stack's: how much of which would have to go
 * for a target.
 */
function printCpuBudget(measurements: Measurement[]): void {
  const cores = availableParallelism();
  const rows = [['operation', 'path', 'gateway', 'subgraphs', 'database', 'load', 'total', `req/s ${cores} cores allow`, 'req/s measured']];
  for (const op of [...new Set(measurements.map((measurement) => measurement.op))]) {
    for (const path of [...new Set(measurements.map((measurement) => measurement.gateway))]) {
      const runs = measurements.filter((measurement) => measurement.op === op && measurement.gateway === path);
      if (runs.length === 0) continue;
      const of = (pick: (measurement: Measurement) => number) => median(runs.map(pick));
      const total = of(machineCpuMs);
      rows.push([
        op,
        path,
        fixed(of((m) => m.gatewayCpuMs), 2),
        path === DATABASE_ALONE ? '–' : fixed(of(subgraphsCpuMs), 2),
        fixed(of((m) => m.databaseCpuMs), 2),
        fixed(of((m) => m.loadCpuMs), 2),
        fixed(total, 2),
        fixed((cores * 1000) / total, 0),
        fixed(of((m) => m.result.rps), 0),
      ]);
    }
  }
  console.log(`\nThe machine's CPU per request, ms (medians over runs): the gateway, the subgraphs together, the database server (– when it runs elsewhere), the benchmark's load generator or replay; and the requests a second that total allows on ${cores} cores, against those measured:\n`);
  console.log(table(rows));
}

/** Prints medians per operation and gateway, the ratios ours/theirs per run, and the gateway's overhead. */
export function printReport(
  measurements: Measurement[],
  overhead: Overhead,
  rollUps: RollUpLatency[],
  conditions: { durationSeconds: number; connections: number; runs: number; bufferPoolMb: number; workingSetMb: number },
): void {
  const failed = measurements.filter((measurement) => measurement.result.errors > 0);
  const banner = () => {
    if (failed.length === 0) return;
    console.log('\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
    console.log('!!! ERRORS DURING THE RUN: the figures of these operations are MEANINGLESS !!!');
    for (const { run, op, gateway, result } of failed) console.log(`!!! run ${run} · ${op} · ${gateway}: ${result.errors} errors, first: ${result.firstError}`);
    console.log('!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!');
  };
  banner();

  const ops = [...new Set(measurements.map((measurement) => measurement.op))];
  const gateways = [...new Set(measurements.map((measurement) => measurement.gateway))];
  const subgraphNames = Object.keys(measurements.find((measurement) => measurement.gateway !== DATABASE_ALONE)?.cost.bySubgraph ?? {});
  const rows = [['operation', 'gateway', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'gateway CPU ms/req', 'SQL/req', 'subgraph req/req', subgraphNames.join('/')]];
  for (const op of ops) {
    for (const gateway of gateways) {
      const runs = measurements.filter((measurement) => measurement.op === op && measurement.gateway === gateway);
      const of = (pick: (measurement: Measurement) => number) => median(runs.map(pick));
      rows.push([
        op,
        gateway,
        spread(runs.map((m) => m.result.rps), 1),
        fixed(of((m) => m.result.p50), 0),
        fixed(of((m) => m.result.p95), 0),
        fixed(of((m) => m.result.p99), 0),
        String(runs.reduce((sum, m) => sum + m.result.errors, 0)),
        fixed(of((m) => m.gatewayCpuMs), 2),
        fixed(of((m) => m.cost.sqlQueries)),
        fixed(of((m) => m.cost.subgraphRequests)),
        gateway === DATABASE_ALONE ? '–' : subgraphNames.map((name) => fixed(of((m) => m.cost.bySubgraph[name].requests))).join('/'),
      ]);
    }
  }
  const pool = `MariaDB's buffer pool ${fixed(conditions.bufferPoolMb, 0)} MB, the benchmark's databases (data + indexes) ${fixed(conditions.workingSetMb, 0)} MB`;
  console.log(`\n${pool}${conditions.bufferPoolMb < conditions.workingSetMb ? ': THE POOL IS SMALLER THAN THE DATA (--buffer-pool MB sets it)' : ''}.`);
  // Every process of the benchmark runs on the Node that runs it (services.ts starts them with process.execPath).
  console.log(`Node ${process.version} for the benchmark, both gateways and every subgraph.`);
  console.log(
    `\n${conditions.runs > 1 ? `Medians of ${conditions.runs} runs, req/s also min–max` : 'One run'}, ${conditions.durationSeconds} s × ${conditions.connections} connections each (SQL queries and subgraph requests per request: 10 requests one at a time, including the subgraphs' own lookups in teams; "${DATABASE_ALONE}": the operation's recorded SQL replayed with mysql2 at the same concurrency, SQL/req the statements replayed):\n`,
  );
  console.log(table(rows));

  const perRun = (op: string, ratioOf: (find: (gateway: string) => Measurement | undefined) => number | undefined) =>
    [...new Set(measurements.map((m) => m.run))]
      .map((run) => ratioOf((gateway) => measurements.find((m) => m.op === op && m.run === run && m.gateway === gateway)))
      .filter((value): value is number => value !== undefined);
  // A run that completed no request (every one took longer than the run) has no p99: left out.
  const ratioCell = (values: number[]) => (values.some(Number.isFinite) ? spread(values.filter(Number.isFinite), 2) : '–');
  if (gateways.includes('ours') && gateways.includes('hive')) {
    const ratios = [['operation', '', 'req/s ours/hive', 'p99 ours/hive', 'gateway CPU/req ours/hive']];
    for (const op of ops) {
      const ratio = (pick: (ours: Measurement, hive: Measurement) => number) =>
        ratioCell(perRun(op, (find) => { const [ours, hive] = [find('ours'), find('hive')]; return ours && hive ? pick(ours, hive) : undefined; }));
      ratios.push([op, '', ratio((o, h) => o.result.rps / h.result.rps), ratio((o, h) => o.result.p99 / h.result.p99), ratio((o, h) => o.gatewayCpuMs / h.gatewayCpuMs)]);
    }
    console.log('\nOurs / theirs, measured in the same run: median (min–max) over runs; req/s above 1, p99 and CPU below 1 mean ours is faster.\n');
    console.log(table(ratios));
  }
  if (gateways.includes(DATABASE_ALONE)) {
    const others = gateways.filter((gateway) => gateway !== DATABASE_ALONE);
    const limits = [['operation', '', ...others.flatMap((gateway) => [`req/s ${gateway} / ${DATABASE_ALONE}`, 'as CPU predicts', 'the database the only limit'])]];
    for (const op of ops) {
      const against = (gateway: string, ratioOf: (full: Measurement, alone: Measurement) => number) =>
        ratioCell(perRun(op, (find) => { const [full, alone] = [find(gateway), find(DATABASE_ALONE)]; return full && alone ? ratioOf(full, alone) : undefined; }));
      limits.push([
        op,
        '',
        ...others.flatMap((gateway) => [
          against(gateway, (full, alone) => full.result.rps / alone.result.rps),
          against(gateway, (full, alone) => machineCpuMs(alone) / machineCpuMs(full)),
          against(gateway, (full, alone) => alone.databaseCpuMs / full.databaseCpuMs),
        ]),
      ]);
    }
    console.log(
      `\nThe full stack against its database's limit, in the same run: median (min–max) over runs (issue 23's target: at least 0.5); "as CPU predicts": the database alone's CPU per request over the full stack's (below), what the ratio is when both keep every core busy; "the database the only limit": the database server's CPU per request replaying the SQL over its CPU per request serving the stack, what the ratio would be with the gateway and subgraphs on cores of their own (scaled out, as a province's hub runs) and the database server's cores the only limit (– when it runs elsewhere).\n`,
    );
    console.log(table(limits));
  }

  printCpuBudget(measurements);
  printReplicaCapacity(measurements.filter((measurement) => measurement.gateway === 'ours'));

  console.log(`\nGateway overhead on the team dashboard, one request at a time: its plan's fetches (${overhead.steps.map((step) => `[${step.join(', ')}]`).join(' → ')}) called directly, step after step, against the same query through each gateway.\n`);
  const overheadRows = [['path', '', 'p50 ms', 'p99 ms', 'overhead p50 ms']];
  overheadRows.push(['subgraphs directly', '', fixed(overhead.direct.p50), fixed(overhead.direct.p99), '']);
  for (const [gateway, latency] of Object.entries(overhead.gateways)) {
    overheadRows.push([`through ${gateway}`, '', fixed(latency.p50), fixed(latency.p99), fixed(latency.p50 - overhead.direct.p50)]);
  }
  console.log(table(overheadRows));

  console.log(`\nRoll-ups from MySQL: the teams subgraph alone (no gateway), ${rollUps[0]?.requests ?? 0} requests one at a time each (RollUpFromReports: figures against targets, team count, missing reports, sub-units ranked).\n`);
  const rollUpRows = [['roll-up', '', 'p50 ms', 'p95 ms', 'max ms', 'SQL/req']];
  for (const rollUp of rollUps) rollUpRows.push([rollUp.label, '', fixed(rollUp.p50), fixed(rollUp.p95), fixed(rollUp.max), fixed(rollUp.sqlQueries)]);
  console.log(table(rollUpRows));
  banner();
}
