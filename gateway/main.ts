import { readFileSync } from 'node:fs';
import { EnvReader } from '../subgraphs/common/env';
import { subgraphs } from '../subgraphs';
import { startGateway } from './gateway';

/** `node dist/gateway/main.js`: serves the committed supergraph. */
async function main(): Promise<void> {
  const env = new EnvReader();
  const port = env.int('PORT', 4000, { max: 65535 });
  const supergraphPath = env.string('SUPERGRAPH_PATH', 'supergraph.graphql');
  const subgraphUrls = Object.fromEntries(
    subgraphs.map(({ name }) => [name, env.url(`${name.toUpperCase()}_URL`, ['http', 'https'])]),
  );
  env.done();

  const server = await startGateway({ supergraphSdl: readFileSync(supergraphPath, 'utf8'), port, subgraphUrls });
  console.log(`Gateway ready at ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
