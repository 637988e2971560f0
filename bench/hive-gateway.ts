import { readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import { EnvReader } from '../subgraphs/common/env';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { supergraphWithUrls } from './supergraph-urls';

/**
 * The other gateway of the side-by-side benchmark: Hive Gateway's runtime serving the same
 * `supergraph.graphql` (subgraph URLs from `<SUBGRAPH>_URL`), forwarding the Authorization header
 * to every subgraph, as ours does. `node dist/bench/hive-gateway.js`, PORT and the URLs in the env.
 */
const env = new EnvReader();
const port = env.int('PORT', 4000, { max: 65535 });
const supergraphPath = env.string('SUPERGRAPH_PATH', 'supergraph.graphql');
const urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, env.url(`${name.toUpperCase()}_URL`, ['http', 'https'])]));
env.done();

/** The part of Hive Gateway's API used here. */
interface HiveGatewayRuntime extends RequestListener {
  dispose(): Promise<void>;
}
interface HiveGatewayConfig {
  supergraph: string;
  propagateHeaders: { fromClientToSubgraphs(input: { request: Request }): Record<string, string | null> };
  landingPage: boolean;
  graphiql: boolean;
  logging: string;
}
// Loaded untyped on purpose: Hive's type declarations (graphql-yoga's) augment graphql's error
// extensions and fetch's types for the whole program, which then clash with Apollo's own.
const { createGatewayRuntime } = require('@graphql-hive/gateway') as {
  createGatewayRuntime(config: HiveGatewayConfig): HiveGatewayRuntime;
};

const gateway = createGatewayRuntime({
  supergraph: supergraphWithUrls(readFileSync(supergraphPath, 'utf8'), urls),
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') }),
  },
  landingPage: false,
  graphiql: false,
  logging: 'error',
});
const server = createServer(gateway);
server.listen(port, () => console.log(`Hive gateway ready at http://localhost:${port}/graphql`));
const stop = () => server.close(async () => {
  await gateway.dispose();
  process.exit(0);
});
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
