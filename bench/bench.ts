import 'reflect-metadata';
import { openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { print } from 'graphql';
import {
  ApplyForStallDocument,
  BenchmarkCommuneTeamsDocument,
  BenchmarkOpenFairsDocument,
  CommuneLedgerDocument,
  HubClient,
  LogTrainingsDocument,
  ProvinceRollUpDocument,
  TeamDashboardDocument,
  TeamsPageDocument,
} from '../client';
import { NATION_CODE, Role, signToken } from '../subgraphs/common/auth';
import { addDays, todayInVietnam } from '../subgraphs/common/dates';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { ChildServices, waitUntilUp } from '../scripts/services';
import { countCpu, localDatabaseServerPid } from './cpu';
import { databaseConditions, runStatement, serverOf, setBufferPool } from './database';
import { SqlRecorder, replay, statementsPerScript, type Script } from './replay';
import { measureCost, untilQuiet, type CostPerRequest } from './metrics';
import { inTurn, runLoad, sendOnce, type LoadResult, type LoadSpec } from './load';
import { BENCH_PERSONAL_DATA_ENV, DEFAULT_NATIONAL_DATABASE_URL, nationalDatabaseUrls } from './national/load';
import { PROVINCES } from './national/names';
import { measureOverhead, type Overhead } from './overhead';
import { positiveNumber } from './options';
import { DATABASE_ALONE, printReport, type Measurement } from './report';
import { measureRollUps, type RollUpLatency } from './roll-ups';
import { quarterOf } from './national/reports';
import { findReportingTeams, monthlyReports } from './monthly-reports';
import { BENCH_JWT_SECRET, bearer } from './tokens';

const USAGE = `Benchmarks our gateway and Hive Gateway side by side on the national data (npm run seed:national first).

  npm run bench -- [--duration 10] [--connections 10] [--runs 1] [--warmup 2] [--ops 1,2,3,4,5,6,7] [--province 40] [--buffer-pool MB]

  --duration     seconds of load per operation and gateway
  --connections  concurrent connections (autocannon)
  --runs         repeat everything; the table gives medians (req/s also min–max), the ratios are per run, median (min–max)
  --warmup       seconds of unmeasured load before each measurement
  --ops          which operations (1 dashboard, 2 page of teams, 3 province roll-up, 4 commune ledger, 5 stall application,
                 6 a partner's batch of 200 trainings with 2,000 attendances, 7 monthly reports of every province's
                 commune teams at once; default all)
  --province     the province whose commune teams, communes and open fair are used (pages go round all 34)
  --iterations   sequential dashboard requests for the gateway-overhead measurement (default 200)
  --rollups      sequential roll-ups sent to the teams subgraph directly, national and provincial each (default 50)
  --samples      requests of each operation whose SQL is recorded and replayed for the "database alone" figure (default 20)
  --batch        trainings in operation 6's batch (default 200, the most one request takes; 10 attendances each)
  --buffer-pool  sets MariaDB's innodb_buffer_pool_size (MB) before the runs: the whole server's, it stays so afterwards
  NATIONAL_DATABASE_URL (default ${DEFAULT_NATIONAL_DATABASE_URL}); BENCH_PORT (default 4600):
  subgraphs on BENCH_PORT+1…+4, our gateway on +10, Hive Gateway on +20.
  Every process runs on the Node that runs the benchmark; the production image's Node 24, from npm:
  npm run build && npx -y -p node@24 -- node dist/bench/bench.js [options]`;

/** The benchmark's national admin, who looks the operations' targets up. */
const ADMIN = { sub: 'bench-admin', roles: [Role.ADMIN] };
const adminClient = async (gatewayUrl: string) => new HubClient({ endpoint: gatewayUrl, token: await signToken(ADMIN, BENCH_JWT_SECRET) });

interface Targets {
  /** Commune teams of the province (and their communes), taken in turn by the dashboard and the ledger. */
  communeTeams: { id: string; communeCode: string }[];
  categoryId: string;
}

/** Finds, through the gateway as an admin, the teams, communes and open fair the operations use. */
async function findTargets(gatewayUrl: string, province: string): Promise<Targets> {
  const admin = await adminClient(gatewayUrl);
  const { teams } = await admin.request(BenchmarkCommuneTeamsDocument, { unitCode: province });
  if (teams.nodes.length === 0) throw new Error(`No commune team in province ${province}: run npm run seed:national first`);
  const { events } = await admin.request(BenchmarkOpenFairsDocument, { unitCode: province });
  const categories = events.nodes.flatMap((event) => event.categories.filter((category) => category.admission === 'FIRST_COME'));
  const largest = categories.sort((a, b) => b.capacity - a.capacity)[0];
  if (!largest) throw new Error(`No fair open for applications in province ${province}`);
  return { communeTeams: teams.nodes.map((team) => ({ id: team.id, communeCode: team.unit.code })), categoryId: largest.id };
}

/** An officer of each of the 34 provinces, with their `Bearer …` header. */
const provinceOfficers = () =>
  Promise.all(PROVINCES.map(async ({ code }) => ({ unitCode: code, authorization: await bearer({ sub: `bench-officer-${code}`, roles: [Role.OFFICER], units: [code] }) })));

/** A partner and the province's commune teams with their members: whom a partner's batch trains. */
interface TrainingTargets {
  partnerId: string;
  teams: { id: string; unitCode: string; memberIds: string[] }[];
}

async function findTrainingTargets(gatewayUrl: string, province: string): Promise<TrainingTargets> {
  const query = `query ($unitCode: String!) {
    partners(first: 1) { nodes { id } }
    teams(unitCode: $unitCode, level: COMMUNE, first: 100) { nodes { id unit { code } members { id } } }
  }`;
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: await bearer(ADMIN) },
    body: JSON.stringify({ query, variables: { unitCode: province } }),
  });
  const { data, errors } = (await response.json()) as {
    data?: { partners: { nodes: { id: string }[] }; teams: { nodes: { id: string; unit: { code: string }; members: { id: string }[] }[] } };
    errors?: { message: string }[];
  };
  const partnerId = data?.partners.nodes[0]?.id;
  const teams = (data?.teams.nodes ?? []).filter((team) => team.members.length > 0).map((team) => ({ id: team.id, unitCode: team.unit.code, memberIds: team.members.map((member) => member.id) }));
  if (!partnerId || teams.length === 0) throw new Error(`No partner, or no commune team with members in province ${province}${errors ? `: ${errors[0].message}` : ''}`);
  return { partnerId, teams };
}

/** Attendances per training of a partner's batch (200 trainings by default, the most a request takes: `--batch`). */
const ATTENDEES_PER_TRAINING = 10;
/** The benchmark's trainings are titled so: what its reset deletes (with their invitations and attendance), and nothing else. */
const BENCH_TRAINING = 'Thử tải tập huấn';

/** Deletes the trainings the benchmark logged, through MySQL: the quarter's trainings (op 3) and the table do not grow from run to run. */
const resetTrainings = (partnersDatabaseUrl: string) => runStatement(partnersDatabaseUrl, 'DELETE FROM training WHERE title LIKE ?', [`${BENCH_TRAINING} %`]);

/** The benchmark's households are named so: what the fair's reset deletes, and nothing else. */
const BENCH_HOUSEHOLD = 'Hộ thử tải';

/** Deletes the category's applications the benchmark made, through MySQL: every run starts with the same free stalls. */
const resetApplications = (eventsDatabaseUrl: string, categoryId: string) =>
  runStatement(eventsDatabaseUrl, 'DELETE FROM stall_application WHERE categoryId = ? AND exhibitorName LIKE ?', [categoryId, `${BENCH_HOUSEHOLD} %`]);

/** Applies one household at a time until one is waitlisted: the load's state once the stalls are gone. */
async function takeEveryStall(url: string, spec: LoadSpec): Promise<void> {
  for (;;) {
    const { variables } = spec.next();
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: spec.query, operationName: spec.operationName, variables }) });
    const body = (await response.json()) as { data?: { applyForStall?: { status: string } }; errors?: { message: string }[] };
    const status = body.data?.applyForStall?.status;
    if (!status) throw new Error(`${spec.label}: ${body.errors?.[0]?.message ?? `HTTP ${response.status}`}`);
    if (status === 'WAITLISTED') return;
  }
}

async function benchmarkSpecs(
  targets: Targets,
  trainings: TrainingTargets,
  reportingTeams: string[],
  batchTrainings: number,
  databaseUrls: { events: string; partners: string; teams: string },
): Promise<Record<string, LoadSpec>> {
  const today = todayInVietnam();
  const leaders = await Promise.all(
    targets.communeTeams.map(async (team) => ({ teamId: team.id, authorization: await bearer({ sub: `bench-leader-${team.id}`, roles: [Role.TEAM_LEADER], team: team.id }) })),
  );
  const nextLeader = inTurn(leaders);
  const nextOfficer = inTurn(await provinceOfficers());
  const nextCommune = inTurn(targets.communeTeams.map((team) => team.communeCode));
  // Each application is a new household: its own phone (the exhibitor) and idempotency key.
  const salt = String(randomInt(10_000)).padStart(4, '0');
  let applications = 0;
  let batches = 0;
  const partner = await bearer({ sub: `bench-partner-${trainings.partnerId}`, roles: [Role.PARTNER], partner: trainings.partnerId });
  const nextTrainedTeam = inTurn(trainings.teams);
  const nextAttendee = inTurn(trainings.teams.flatMap((team) => team.memberIds));
  const thisMonth = today.slice(0, 7);
  const specs: Record<string, LoadSpec> = {
    '1': {
      label: '1 team dashboard',
      operationName: 'TeamDashboard',
      query: print(TeamDashboardDocument),
      next: () => {
        const { teamId, authorization } = nextLeader();
        return { variables: { teamId }, authorization };
      },
      check: (data) => {
        const team = data.team as { members?: unknown[]; funds?: unknown; trainingsAttended?: unknown[] } | null;
        return team?.members?.length && team.funds && Array.isArray(team.trainingsAttended) ? null : 'incomplete dashboard';
      },
    },
    '2': {
      label: '2 page of 50 teams',
      operationName: 'TeamsPage',
      query: print(TeamsPageDocument),
      next: () => {
        const { unitCode, authorization } = nextOfficer();
        return { variables: { unitCode, first: 50 }, authorization };
      },
      check: (data) => {
        const nodes = (data.teams as { nodes: { members: unknown[] }[] }).nodes;
        return nodes.length === 50 && nodes.every((team) => team.members.length > 0) ? null : `${nodes.length} teams, some without members`;
      },
    },
    '3': {
      label: '3 province roll-up',
      operationName: 'ProvinceRollUp',
      query: print(ProvinceRollUpDocument),
      next: () => {
        const { unitCode, authorization } = nextOfficer();
        return { variables: { unitCode, period: quarterOf(today) }, authorization };
      },
      check: (data) => {
        const rollUp = data.unitRollUp as { teamCount: number; figures: { target: number | null }[]; ranking: unknown[]; trainingsHeld: number | null } | null;
        return rollUp && rollUp.teamCount > 0 && rollUp.ranking.length > 0 && rollUp.figures.every((figure) => figure.target !== null) && rollUp.trainingsHeld !== null
          ? null
          : 'roll-up without teams, targets, ranking or trainings';
      },
    },
    '4': {
      label: '4 commune ledger',
      operationName: 'CommuneLedger',
      query: print(CommuneLedgerDocument),
      next: () => ({ variables: { unitCode: nextCommune(), from: addDays(today, -365), to: today } }),
      check: (data) => (Array.isArray((data.disclosure as { income?: unknown[] }).income) ? null : 'no ledger'),
    },
    '5': {
      label: '5 stall application',
      operationName: 'ApplyForStall',
      query: print(ApplyForStallDocument),
      next: () => {
        applications += 1;
        const serial = String(applications).padStart(6, '0');
        return {
          variables: {
            input: {
              categoryId: targets.categoryId,
              exhibitorKind: 'HOUSEHOLD',
              exhibitorName: `${BENCH_HOUSEHOLD} ${salt}-${serial}`,
              contactName: 'Nguyễn Thị Hoa',
              contactPhone: `0${salt}${serial}`,
              offering: 'Mật ong rừng, chè xanh',
              idempotencyKey: `bench-${salt}-${serial}`,
              consent: { noticeVersion: '2026-01', channel: 'ONLINE_FORM' },
            },
          },
        };
      },
      check: (data) => {
        const status = (data.applyForStall as { status: string }).status;
        return status === 'APPROVED' || status === 'WAITLISTED' ? null : `status ${status}`;
      },
      reset: () => resetApplications(databaseUrls.events, targets.categoryId),
      // Recorded once the stalls are gone (as for most of a run): a replayed approval would take a stall twice.
      beforeRecording: (url) => takeEveryStall(url, specs['5']),
    },
    '6': {
      label: `6 partner batch (${batchTrainings} trainings, ${batchTrainings * ATTENDEES_PER_TRAINING} attendances)`,
      operationName: 'LogTrainings',
      query: print(LogTrainingsDocument),
      next: () => {
        batches += 1;
        const yesterday = addDays(today, -1);
        const rows = Array.from({ length: batchTrainings }, (_, row) => {
          const team = nextTrainedTeam();
          return {
            idempotencyKey: `bench-${salt}-${batches}-${row}`,
            title: `${BENCH_TRAINING} ${salt}-${batches}-${row}`,
            skill: 'ONLINE_PUBLIC_SERVICES',
            format: 'IN_PERSON',
            place: 'Nhà văn hoá xã',
            heldOn: yesterday,
            trainer: 'Nguyễn Văn An',
            unitCode: team.unitCode,
            invitedTeamIds: [team.id],
            // Members of the province's commune teams in turn, the invited team's and its neighbours'.
            attendeeIds: [...new Set(Array.from({ length: ATTENDEES_PER_TRAINING }, nextAttendee))],
          };
        });
        return { variables: { input: { partnerId: trainings.partnerId, trainings: rows } }, authorization: partner };
      },
      check: (data) => {
        const result = data.logTrainings as { created: number; rows: unknown[] };
        return result.created === batchTrainings && result.rows.length === batchTrainings ? null : `${result.created} of ${batchTrainings} trainings created`;
      },
      reset: () => resetTrainings(databaseUrls.partners),
      // Ten batches at once take 8 to 10 s each: past autocannon's 10 s, they were counted as failures.
      timeoutSeconds: 120,
    },
    '7': await monthlyReports(reportingTeams, databaseUrls.teams, thisMonth, salt),
  };
  return specs;
}

/** The national (an admin) and provincial (an officer of each province in turn) roll-ups of this quarter, from the teams subgraph alone. */
async function measureRollUpLatency(teamsUrl: string, metricsUrl: string, iterations: number): Promise<RollUpLatency[]> {
  const period = quarterOf(todayInVietnam());
  const nation = { unitCode: NATION_CODE, authorization: await bearer(ADMIN) };
  const nextOfficer = inTurn(await provinceOfficers());
  return [
    await measureRollUps(teamsUrl, metricsUrl, `national (VN, ${period}, 34 provinces ranked)`, period, () => nation, iterations),
    await measureRollUps(teamsUrl, metricsUrl, `provincial (${period}, its communes ranked)`, period, nextOfficer, iterations),
  ];
}

const benchStarted = performance.now();
/** A progress line on stderr, with the time since the benchmark started: where a benchmark's time goes. */
function progress(line: string): void {
  console.error(`[${((performance.now() - benchStarted) / 1000).toFixed(0).padStart(4)} s] ${line}`);
}

/** On a shared machine under load (a load average of 30 on 2 cores) a subgraph took over a minute to start. */
const STARTED_WITHIN_MS = 300_000;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' }, connections: { type: 'string' }, runs: { type: 'string' }, warmup: { type: 'string' },
      iterations: { type: 'string' }, rollups: { type: 'string' }, samples: { type: 'string' }, batch: { type: 'string' }, 'buffer-pool': { type: 'string' },
      ops: { type: 'string', default: '1,2,3,4,5,6,7' }, province: { type: 'string', default: '40' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const durationSeconds = positiveNumber(values.duration, '--duration', 10, { usage: USAGE });
  const connections = positiveNumber(values.connections, '--connections', 10, { usage: USAGE });
  const runs = positiveNumber(values.runs, '--runs', 1, { usage: USAGE });
  const warmupSeconds = positiveNumber(values.warmup, '--warmup', 2, { usage: USAGE });
  const iterations = positiveNumber(values.iterations, '--iterations', 200, { usage: USAGE });
  const rollUpIterations = positiveNumber(values.rollups, '--rollups', 50, { usage: USAGE });
  const samples = positiveNumber(values.samples, '--samples', 20, { usage: USAGE });
  const batchTrainings = positiveNumber(values.batch, '--batch', 200, { max: 200, usage: USAGE });
  const basePort = positiveNumber(process.env.BENCH_PORT, 'BENCH_PORT', 4600, { usage: USAGE });
  const databaseUrls = nationalDatabaseUrls(process.env.NATIONAL_DATABASE_URL ?? DEFAULT_NATIONAL_DATABASE_URL);
  const server = serverOf(databaseUrls.teams);
  const databaseNames = Object.values(databaseUrls).map((url) => new URL(url).pathname.slice(1));
  if (values['buffer-pool'] !== undefined) {
    const megabytes = positiveNumber(values['buffer-pool'], '--buffer-pool', 128, { usage: USAGE });
    progress(`innodb_buffer_pool_size set to ${(await setBufferPool(server, megabytes)).toFixed(0)} MB (the whole server's, until it restarts or is set again)`);
  }
  const conditions = await databaseConditions(server, databaseNames);
  // The database server's CPU per request counts in what the machine spends, when it runs here.
  const databasePid = localDatabaseServerPid(server);

  const recorder = new SqlRecorder();
  const logPath = join(tmpdir(), `hub-bench-${new Date().toISOString().replace(/[:.]/g, '-')}.log`);
  progress(`The services' log lines go to ${logPath}`);
  const services = new ChildServices((label, code) => {
    console.error(`[${label}] exited with code ${code} (its log lines: ${logPath}); stopping the benchmark`);
    void services.stop().then(() => process.exit(1));
  }, openSync(logPath, 'a'));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void services.stop().then(() => process.exit(130)));
  try {
    const common = { ...process.env, NODE_ENV: 'production', JWT_SECRET: BENCH_JWT_SECRET, ...BENCH_PERSONAL_DATA_ENV, SEED_DEMO_DATA: 'false', EXPOSE_METRICS: 'true', MIGRATE_ON_START: 'true' };
    const subgraphUrls: Record<string, string> = {};
    const metricsUrls: Record<string, string> = {};
    const urlEnv: Record<string, string> = {};
    const subgraphPids: Record<string, number | undefined> = {};
    for (const [index, name] of SUBGRAPH_NAMES.entries()) {
      const port = basePort + 1 + index;
      const child = services.start(name, 'subgraphs/main.js', [name], {
        ...common, ...urlEnv, ...recorder.environment(name), PORT: String(port), DATABASE_URL: databaseUrls[name as keyof typeof databaseUrls],
      });
      subgraphPids[name] = child.pid;
      recorder.started(name, child.pid);
      subgraphUrls[name] = `http://127.0.0.1:${port}/graphql`;
      metricsUrls[name] = `http://127.0.0.1:${port}/metrics`;
      urlEnv[`${name.toUpperCase()}_URL`] = subgraphUrls[name];
      await waitUntilUp(subgraphUrls[name], child, STARTED_WITHIN_MS);
    }
    const gatewayUrls = { ours: `http://127.0.0.1:${basePort + 10}/graphql`, hive: `http://127.0.0.1:${basePort + 20}/graphql` };
    // Loopback traffic is one caller per token (and one address without): the rate limit stays on,
    // its bookkeeping measured, but too high to refuse anything (Hive Gateway has none).
    const ours = services.start('gateway', 'gateway/main.js', [], { ...common, ...urlEnv, PORT: String(basePort + 10), RATE_LIMIT_MAX: String(1_000_000_000) });
    const hive = services.start('hive', 'bench/hive-gateway.js', [], { ...common, ...urlEnv, PORT: String(basePort + 20) });
    await Promise.all([waitUntilUp(gatewayUrls.ours, ours, STARTED_WITHIN_MS), waitUntilUp(gatewayUrls.hive, hive, STARTED_WITHIN_MS)]);
    const gatewayProcesses = { ours, hive };

    progress('subgraphs and gateways up');
    const targets = await findTargets(gatewayUrls.ours, values.province);
    const specs = await benchmarkSpecs(targets, await findTrainingTargets(gatewayUrls.ours, values.province), await findReportingTeams(databaseUrls.teams), batchTrainings, databaseUrls);
    const chosen = values.ops.split(',').map((op) => op.trim());
    const unknown = chosen.filter((op) => !specs[op]);
    if (unknown.length > 0) throw new Error(`Unknown operation ${unknown.join(', ')}: choose from ${Object.keys(specs).join(', ')}`);

    progress(`Conditions: ${durationSeconds} s × ${connections} connections per operation and gateway, ${warmupSeconds} s warm-up, ${runs} run(s); ${targets.communeTeams.length} commune teams of province ${values.province} in turn, pages of the 34 provinces in turn`);
    // A benchmark stopped half-way leaves its rows (a partner's batches count in the province's
    // dashboards and roll-up): every operation starts from the data as seeded.
    for (const spec of Object.values(specs)) await spec.reset?.();
    const measurements: Measurement[] = [];
    const measureOperation = async (spec: LoadSpec) => {
      // The last requests sent may still be writing (a partner's batch runs for seconds): a reset under them deadlocks.
      const resetWhenQuiet = async () => {
        await untilQuiet(metricsUrls);
        await spec.reset?.();
      };
      // The operation's SQL, recorded from requests sent one at a time through our gateway after a
      // warm-up, is what the "database alone" runs replay (each run replays the same requests).
      await runLoad(gatewayUrls.ours, spec, { durationSeconds: warmupSeconds, connections });
      progress(`${spec.label}: recording its SQL`);
      await spec.beforeRecording?.(gatewayUrls.ours);
      const scripts: Script[] = await recorder.record(async () => {
        const problem = await sendOnce(gatewayUrls.ours, spec);
        if (problem) throw new Error(`${spec.label}: ${problem}`);
      }, samples);
      const replayCost: CostPerRequest = { sqlQueries: statementsPerScript(scripts), subgraphRequests: Number.NaN, bySubgraph: {} };
      // An operation's runs follow each other, the two gateways back to back in each (taking turns
      // to go first), so that a run's ratio compares them under the same load of a shared machine;
      // the database alone last.
      for (let run = 1; run <= runs; run += 1) {
        const order = (run % 2 === 1 ? ['ours', 'hive'] : ['hive', 'ours']) as (keyof typeof gatewayUrls)[];
        for (const gateway of order) {
          // The warm-up and the measured run each start from the data as seeded: op 7's teams
          // report their month once between two resets.
          await resetWhenQuiet();
          await runLoad(gatewayUrls[gateway], spec, { durationSeconds: warmupSeconds, connections });
          await resetWhenQuiet();
          const cpuPerRequest = countCpu({ gateway: gatewayProcesses[gateway].pid, database: databasePid, ...subgraphPids });
          const result: LoadResult = await runLoad(gatewayUrls[gateway], spec, { durationSeconds, connections });
          const { gateway: gatewayCpuMs, database: databaseCpuMs, load: loadCpuMs, ...subgraphCpuMs } = cpuPerRequest(result.requests);
          const cost: CostPerRequest = await measureCost(gatewayUrls[gateway], spec, metricsUrls);
          measurements.push({ run, op: spec.label, gateway, result, gatewayCpuMs, subgraphCpuMs, databaseCpuMs, loadCpuMs, cost });
          progress(`run ${run} · ${spec.label} · ${gateway}: ${result.rps.toFixed(0)} req/s, p99 ${result.p99} ms${result.errors ? ` · ${result.errors} ERRORS` : ''}`);
        }
        // Its warm-up and measured run start from the data as seeded too (a replayed report is a real team's).
        const references = spec.replayReferences;
        await resetWhenQuiet();
        await replay(scripts, server, { durationSeconds: warmupSeconds, connections, references });
        await spec.reset?.();
        const replayCpuPerRequest = countCpu({ database: databasePid });
        const alone = await replay(scripts, server, { durationSeconds, connections, references });
        const { database: databaseCpuMs, load: loadCpuMs } = replayCpuPerRequest(alone.requests);
        measurements.push({ run, op: spec.label, gateway: DATABASE_ALONE, result: alone, gatewayCpuMs: Number.NaN, subgraphCpuMs: {}, databaseCpuMs, loadCpuMs, cost: replayCost });
        progress(`run ${run} · ${spec.label} · ${DATABASE_ALONE}: ${alone.rps.toFixed(0)} req/s, p99 ${alone.p99.toFixed(0)} ms${alone.errors ? ` · ${alone.errors} ERRORS` : ''}`);
      }
      await spec.reset?.();
    };
    // An operation that fails stops alone: the report still gives the others' runs, and its own so far.
    for (const op of chosen) {
      await measureOperation(specs[op]).catch((error: unknown) => progress(`${specs[op].label}: STOPPED, ${error instanceof Error ? error.message : String(error)}`));
    }
    const supergraphSdl = readFileSync(process.env.SUPERGRAPH_PATH ?? 'supergraph.graphql', 'utf8');
    progress('the gateways\' overhead on the dashboard');
    const overhead: Overhead = await measureOverhead(supergraphSdl, subgraphUrls, gatewayUrls, specs['1'], iterations);
    progress('the roll-ups from MySQL');
    const rollUps = await measureRollUpLatency(subgraphUrls.teams, metricsUrls.teams, rollUpIterations);
    printReport(measurements, overhead, rollUps, { durationSeconds, connections, runs, ...conditions });
  } finally {
    await services.stop();
    recorder.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
