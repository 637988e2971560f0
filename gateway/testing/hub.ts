import { signToken, type HubClaims } from '../../subgraphs/common/auth';
import type { RunningServer } from '../../subgraphs/common/http';
import { startSubgraph } from '../../subgraphs/common/server';
import { freshTestDatabaseUrl } from '../../subgraphs/common/testing/database';
import { TEST_JWT_SECRET } from '../../subgraphs/common/testing/subgraph';
import { subgraphs } from '../../subgraphs';
import { startGateway, type GatewayOptions } from '../gateway';
import { composeSupergraph } from '../supergraph';

/** The whole hub for an end-to-end test file: every subgraph on a fresh seeded database, and the gateway. */
export interface TestHub {
  gateway: RunningServer;
  /** The running subgraphs by name. */
  subgraphs: Record<string, RunningServer>;
  /** Stops one subgraph (once, however often it is called), e.g. to see the gateway without it. */
  stopSubgraph(name: string): Promise<void>;
  /** A `Bearer …` header for these claims, signed with the test secret. */
  bearer(claims: HubClaims): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts every subgraph in start order (the others find teams through TEAMS_URL), each on its
 * own database named after `label`, then a gateway over the composed supergraph.
 */
export async function startTestHub(label: string, gatewayOptions: Partial<GatewayOptions> = {}): Promise<TestHub> {
  const running: Record<string, RunningServer> = {};
  for (const definition of subgraphs) {
    running[definition.name] = await startSubgraph(definition, {
      PORT: '0',
      DATABASE_URL: await freshTestDatabaseUrl(`${definition.name}_${label}`),
      JWT_SECRET: TEST_JWT_SECRET,
      SEED_DEMO_DATA: 'true',
      ...(running.teams ? { TEAMS_URL: running.teams.url } : {}),
    });
  }
  const { supergraphSdl } = await composeSupergraph(subgraphs);
  const gateway = await startGateway({
    supergraphSdl,
    port: 0,
    subgraphUrls: Object.fromEntries(Object.entries(running).map(([name, server]) => [name, server.url])),
    ...gatewayOptions,
  });
  // A subgraph a test already stopped is not closed twice.
  const closing = new Map<string, Promise<void>>();
  const stopSubgraph = (name: string) => closing.get(name) ?? closing.set(name, running[name].close()).get(name)!;
  return {
    gateway,
    subgraphs: running,
    stopSubgraph,
    bearer: async (claims) => `Bearer ${await signToken(claims, TEST_JWT_SECRET)}`,
    async close() {
      await gateway.close();
      for (const name of Object.keys(running).reverse()) await stopSubgraph(name);
    },
  };
}
