import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { version as compositionVersion } from '@apollo/composition/package.json';
import { signToken, type HubClaims } from '../../subgraphs/common/auth';
import type { RunningServer } from '../../subgraphs/common/http';
import { startSubgraph } from '../../subgraphs/common/server';
import { freePort } from '../../subgraphs/common/testing/ports';
import { freshTestDatabaseUrl } from '../../subgraphs/common/testing/database';
import { TEST_JWT_SECRET, TEST_PERSONAL_DATA_ENV } from '../../subgraphs/common/testing/subgraph';
import { subgraphs } from '../../subgraphs';
import { startGateway, type GatewayOptions } from '../gateway';
import { composeSubgraphSdl, subgraphSdlOf } from '../supergraph';

/** The whole hub for an end-to-end test file: every subgraph on a fresh seeded database, and the gateway. */
export interface TestHub {
  gateway: RunningServer;
  /** The running subgraphs by name. */
  subgraphs: Record<string, RunningServer>;
  /** Each subgraph's database (URL or SQLite file). */
  databaseUrls: Record<string, string>;
  /** Stops one subgraph (once, however often it is called), e.g. to see the gateway without it. */
  stopSubgraph(name: string): Promise<void>;
  /** Starts a stopped subgraph again on its port and database (make it `durable` to keep its data). */
  restartSubgraph(name: string): Promise<void>;
  /** Another gateway over the same subgraphs, with other options (closed with the hub). */
  gatewayWith(options: Partial<GatewayOptions>): Promise<RunningServer>;
  /** A `Bearer …` header for these claims, signed with the test secret (`expiresIn` as for signToken). */
  bearer(claims: HubClaims, options?: Parameters<typeof signToken>[2]): Promise<string>;
  close(): Promise<void>;
}

export interface TestHubOptions {
  /** Subgraphs whose data survives a restart: on SQLite, a file in a temporary directory instead of memory. */
  durable?: string[];
  /** Existing databases to serve (name → URL or SQLite file), without demo data; fresh seeded ones otherwise. */
  databases?: Record<string, string>;
  /**
   * Teams asks partners and events about working relations (common/working-relations.ts), so partners
   * and organisers see the names of the members of the teams they work with: teams is started again,
   * on its port, once they run.
   */
  workingRelations?: boolean;
  /** Added to every subgraph's environment (e.g. an OpenID provider's JWT_JWKS_URL). */
  environment?: NodeJS.ProcessEnv;
}

/**
 * The supergraph of the subgraphs' code as it is now. Composing takes seconds and most end-to-end
 * test files start a hub, so a composition is kept in the temporary directory under the hash of
 * what it is a pure function of (the subgraphs' SDL and the composition library's version) and
 * composed again only when one of them changes.
 */
async function currentSupergraph(): Promise<string> {
  const subgraphSdl = await subgraphSdlOf(subgraphs);
  const inputs = [compositionVersion, subgraphs.map(({ name, port }) => [name, port, subgraphSdl[name]])];
  const file = join(tmpdir(), `hub-supergraph-${createHash('sha256').update(JSON.stringify(inputs)).digest('hex')}.graphql`);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const supergraphSdl = composeSubgraphSdl(subgraphs, subgraphSdl);
  // Written whole under another name first: test files in other workers may read it meanwhile.
  writeFileSync(`${file}.${process.pid}`, supergraphSdl);
  renameSync(`${file}.${process.pid}`, file);
  return supergraphSdl;
}

/**
 * Starts every subgraph in start order (the others find teams through TEAMS_URL), each on its
 * own database named after `label`, then a gateway over the composed supergraph (verifying
 * tokens with the test secret to key its rate limit).
 */
export async function startTestHub(
  label: string,
  gatewayOptions: Partial<GatewayOptions> = {},
  { durable = [], databases, workingRelations = false, environment = {} }: TestHubOptions = {},
): Promise<TestHub> {
  const running: Record<string, RunningServer> = {};
  const environments: Record<string, NodeJS.ProcessEnv> = {};
  const fileDirectory = durable.length > 0 && !process.env.TEST_DATABASE_URL ? mkdtempSync(join(tmpdir(), 'hub-')) : undefined;
  // Events and resources ask each other about contest prizes (peers.ts): each knows the other's port before either starts.
  const prizePorts = { events: await freePort(), resources: await freePort() };
  for (const definition of subgraphs) {
    environments[definition.name] = {
      PORT: definition.name in prizePorts ? String(prizePorts[definition.name as keyof typeof prizePorts]) : '0',
      DATABASE_URL:
        databases?.[definition.name] ??
        (fileDirectory && durable.includes(definition.name)
          ? join(fileDirectory, `${definition.name}.sqlite`)
          : await freshTestDatabaseUrl(`${definition.name}_${label}`)),
      JWT_SECRET: TEST_JWT_SECRET,
      ...TEST_PERSONAL_DATA_ENV,
      SEED_DEMO_DATA: String(!databases),
      // A JWT_SECRET makes a subgraph production-like, which migrates only when asked.
      MIGRATE_ON_START: 'true',
      // The partner example's webhook receiver listens on 127.0.0.1: allowed in tests only.
      ...(definition.name === 'partners' ? { NODE_ENV: 'test', WEBHOOK_ALLOW_INSECURE_URLS: 'true', WEBHOOK_POLL_MS: '100' } : {}),
      ...(running.teams ? { TEAMS_URL: running.teams.url } : {}),
      // Teams starts before partners and events, on ports not known yet: it asks nobody about working
      // relations here (port 9 answers no one), so partners and organisers see no members' names
      // unless the test asks for `workingRelations` (then teams starts again below).
      ...(running.teams ? {} : { PARTNERS_URL: 'http://127.0.0.1:9/graphql', EVENTS_URL: 'http://127.0.0.1:9/graphql' }),
      ...environment,
      ...(definition.name === 'resources' ? { EVENTS_URL: `http://localhost:${prizePorts.events}/graphql` } : {}),
      ...(definition.name === 'events' ? { RESOURCES_URL: `http://localhost:${prizePorts.resources}/graphql` } : {}),
    };
    running[definition.name] = await startSubgraph(definition, environments[definition.name]);
  }
  if (workingRelations) {
    await running.teams.close();
    Object.assign(environments.teams, { PORT: String(running.teams.port), PARTNERS_URL: running.partners.url, EVENTS_URL: running.events.url });
    running.teams = await startSubgraph(subgraphs.find((subgraph) => subgraph.name === 'teams')!, environments.teams);
  }
  const supergraphSdl = await currentSupergraph();
  const gateways: RunningServer[] = [];
  const gatewayWith = async (options: Partial<GatewayOptions>) => {
    const started = await startGateway({
      supergraphSdl,
      port: 0,
      subgraphUrls: Object.fromEntries(Object.entries(running).map(([name, server]) => [name, server.url])),
      auth: { secret: TEST_JWT_SECRET },
      ...options,
    });
    gateways.push(started);
    return started;
  };
  const gateway = await gatewayWith(gatewayOptions);
  // A subgraph a test already stopped is not closed twice.
  const closing = new Map<string, Promise<void>>();
  const stopSubgraph = (name: string) => closing.get(name) ?? closing.set(name, running[name].close()).get(name)!;
  return {
    gateway,
    subgraphs: running,
    databaseUrls: Object.fromEntries(Object.entries(environments).map(([name, environment]) => [name, environment.DATABASE_URL!])),
    stopSubgraph,
    async restartSubgraph(name) {
      await closing.get(name);
      const definition = subgraphs.find((subgraph) => subgraph.name === name)!;
      running[name] = await startSubgraph(definition, { ...environments[name], PORT: String(running[name].port) });
      closing.delete(name);
    },
    gatewayWith,
    bearer: async (claims, options) => `Bearer ${await signToken(claims, TEST_JWT_SECRET, options)}`,
    async close() {
      for (const started of gateways) await started.close();
      for (const name of Object.keys(running).reverse()) await stopSubgraph(name);
      if (fileDirectory) rmSync(fileDirectory, { recursive: true, force: true });
    },
  };
}
