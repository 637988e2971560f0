import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { migrateSubgraph } from '../scripts/migrate';
import { startServiceProcess, type ServiceProcess } from '../scripts/testing/service-process';
import { freshTestDatabaseUrl } from '../subgraphs/common/testing/database';
import { TEST_JWT_SECRET, TEST_PERSONAL_DATA_ENV } from '../subgraphs/common/testing/subgraph';
import { subgraphs } from '../subgraphs';
import { startBalancer, type Balancer } from './testing/balancer';
import { post } from './testing/client';

/**
 * The hub as a province runs it: two gateways and two replicas of each subgraph, every one its own
 * process, on MariaDB and one Redis, each service behind a load balancer that follows the
 * replicas' readiness (gateway/testing/balancer.ts). Under steady load through the gateways,
 * every process is restarted the way Kubernetes rolls a Deployment out (a new replica first,
 * then SIGTERM to an old one, every service at once): not one request fails. Needs several
 * processes on one database, so MariaDB (TEST_DATABASE_URL); rate limiting and persisted queries
 * across gateways are in replicas.test.ts.
 */
// In the MariaDB run by default (TEST_ROLLING_RESTART=0 leaves it out). A run costs about 1.5 to 2 minutes of
// CPU (twenty process starts and the load): 51 s on this 2-core machine at a load average of 5 to 8, minutes
// when others load it; at 37 a new replica did not log its first line within 2 minutes (docs/operations.md).
const onMysql = Boolean(process.env.TEST_DATABASE_URL) && process.env.TEST_ROLLING_RESTART !== '0';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `${process.env.TEST_REDIS_PREFIX ?? 'hub-test:'}${randomUUID()}:`;
// Steady, not saturating: four clients, each sending its next request 100 ms after the last answer, so
// requests are always in flight while the new replicas still get the CPU to start (2 shared cores).
const LOAD_CONCURRENCY = 4;
const LOAD_PAUSE_MS = 100;
const STARTED_WITHIN_MS = 120_000;

// A fair's page: events, with partners' names, programmes' money (resources) and the commune (teams).
const FAIR_PAGE = /* GraphQL */ `query FairPage {
  events(unitCode: "17227", first: 10) { nodes { title exhibitors { name partner { shortName } } programmes { name funds { received } } } }
  administrativeUnit(code: "40") { name upcomingEvents { title } }
}`;

interface Service {
  name: string;
  balancer: Balancer;
  /** The environment of its replicas (SEED_DEMO_DATA aside). */
  env: NodeJS.ProcessEnv;
  replicas: { process: ServiceProcess; url: string }[];
}

// The drain delay outlasts the balancer's reaction (3 failed probes, 100 ms apart) with room for a
// loaded machine's timers: with 1 s, a run at a load average of 27 saw two requests fail on an error
// answer of the balancer in front of events (a replica still in it, already closed).
const lifecycleEnv = { NODE_ENV: 'test', PORT: '0', DRAIN_DELAY_MS: '3000', DRAIN_GRACE_MS: '10000' };
const isGateway = (service: Service) => service.name === 'gateway';
/** Every process started, killed at the end even if a test failed while others were still starting. */
const everyProcess: ServiceProcess[] = [];

async function until(condition: () => boolean, what: string, withinMs = 10_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Not within ${withinMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts one replica of a service and, once it listens, puts it behind the balancer. */
async function startReplica(service: Service, extraEnv: NodeJS.ProcessEnv = {}) {
  const started = isGateway(service)
    ? startServiceProcess('gateway/main.ts', [], { ...service.env, ...extraEnv })
    : startServiceProcess('subgraphs/main.ts', [service.name], { ...service.env, ...extraEnv });
  everyProcess.push(started);
  const { url } = await started.waitForLog((line) => line.msg === `${service.name} ready`, STARTED_WITHIN_MS);
  service.balancer.add(url);
  await until(() => service.balancer.ready.includes(url), `${service.name}'s new replica ready`);
  const replica = { process: started, url: url as string };
  service.replicas.push(replica);
  return replica;
}

/**
 * Kubernetes' rolling update with maxSurge 1, maxUnavailable 0: a new replica ready first, then the old
 * one told to stop, and the next new one started while it drains (as Kubernetes does: it waits for
 * readiness, not for the old pod to exit). Every old replica must exit on its own, with code 0.
 */
async function rollOut(service: Service): Promise<ServiceProcess[]> {
  const stopping: Promise<ServiceProcess>[] = [];
  for (const old of [...service.replicas]) {
    await startReplica(service);
    old.process.child.kill('SIGTERM');
    stopping.push(
      old.process.exited.then((code) => {
        expect(code).toBe(0);
        service.balancer.remove(old.url);
        return old.process;
      }),
    );
    service.replicas.splice(service.replicas.indexOf(old), 1);
  }
  return Promise.all(stopping);
}

(onMysql ? describe : describe.skip)('two gateways and two replicas of each subgraph, on MariaDB and Redis', () => {
  jest.setTimeout(15 * 60_000);
  const services: Service[] = [];

  beforeAll(async () => {
    const balancers = Object.fromEntries(await Promise.all([...subgraphs.map(({ name }) => name), 'gateway'].map(async (name) => [name, await startBalancer()] as const)));
    const urls = Object.fromEntries(subgraphs.map(({ name }) => [`${name.toUpperCase()}_URL`, balancers[name].url]));
    // The migration Job's step, before any replica starts.
    const databaseUrls = await Promise.all(
      subgraphs.map(async (definition) => {
        const databaseUrl = await freshTestDatabaseUrl(`${definition.name}_rolling`);
        await migrateSubgraph(definition, databaseUrl);
        return databaseUrl;
      }),
    );
    subgraphs.forEach((definition, index) => {
      const env = { ...lifecycleEnv, ...urls, DATABASE_URL: databaseUrls[index], JWT_SECRET: TEST_JWT_SECRET, ...TEST_PERSONAL_DATA_ENV, MIGRATE_ON_START: 'false', SEED_DEMO_DATA: 'false' };
      services.push({ name: definition.name, balancer: balancers[definition.name], env, replicas: [] });
    });
    services.push({
      name: 'gateway',
      balancer: balancers.gateway,
      env: { ...lifecycleEnv, ...urls, JWT_SECRET: TEST_JWT_SECRET, REDIS_URL, REDIS_KEY_PREFIX: prefix, RATE_LIMIT_MAX: '1000000' },
      replicas: [],
    });
    // All ten at once: the first replica of each subgraph seeds the demo data, in start order (the
    // others ask teams for units), while the second replicas and the gateways start beside them.
    const seeding = (async () => {
      for (const service of services.filter((candidate) => !isGateway(candidate))) await startReplica(service, { SEED_DEMO_DATA: 'true' });
    })();
    await Promise.all([seeding, ...services.map((service) => (isGateway(service) ? Promise.all([startReplica(service), startReplica(service)]) : startReplica(service)))]);
    await until(() => services.every((service) => service.balancer.ready.length === 2), 'every replica ready');
  });

  afterAll(async () => {
    for (const started of everyProcess) started.child.kill('SIGKILL');
    for (const service of services) await service.balancer.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('restarts every process, one service replica at a time, under steady load without a failed request', async () => {
    const gatewayUrl = services.find(isGateway)!.balancer.url;
    const expected = await post(gatewayUrl, { query: FAIR_PAGE });
    expect(expected.status).toBe(200);
    expect(expected.body.errors).toBeUndefined();
    expect(expected.body.data.events.nodes[0].exhibitors.some((exhibitor: { partner: unknown }) => exhibitor.partner)).toBe(true);

    const failures: string[] = [];
    let answered = 0;
    let loading = true;
    const load = async () => {
      while (loading) {
        const reply = await post(gatewayUrl, { query: FAIR_PAGE }).catch((error: Error) => ({ status: 0, body: error.message }));
        if (reply.status === 200 && JSON.stringify(reply.body) === JSON.stringify(expected.body)) answered += 1;
        else failures.push(`${reply.status}: ${JSON.stringify(reply.body).slice(0, 300)}`);
        await new Promise((resolve) => setTimeout(resolve, LOAD_PAUSE_MS));
      }
    };
    const loops = Array.from({ length: LOAD_CONCURRENCY }, load);

    // The fresh processes' first answers are slow (nothing compiled or cached yet).
    await until(() => answered >= 20 || failures.length > 0, 'the load running', 60_000);
    expect(failures).toEqual([]);
    const before = answered;
    const stopped = (await Promise.all(services.map(rollOut))).flat();
    const during = answered - before;
    loading = false;
    await Promise.all(loops);

    expect(failures).toEqual([]);
    expect(stopped).toHaveLength(2 * services.length);
    expect(during).toBeGreaterThan(50);
    // Every process stopped had been serving the load (its access log lines), so each restart was under load.
    for (const replica of stopped) {
      expect(replica.logLines.filter((line) => line.msg === 'request' && line.path === '/graphql').length).toBeGreaterThan(0);
    }
    // And the new replicas serve it now.
    for (const service of services) expect(service.balancer.ready).toHaveLength(2);
    expect((await post(gatewayUrl, { query: FAIR_PAGE })).body).toEqual(expected.body);
  });
});
