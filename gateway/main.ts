import { readFileSync } from 'node:fs';
import { EnvReader } from '../subgraphs/common/env';
import { runService } from '../subgraphs/common/http';
import { subgraphs } from '../subgraphs';
import { startGateway } from './gateway';

/** `node dist/gateway/main.js`: serves the committed supergraph. */
runService('Gateway', async () => {
  const env = new EnvReader();
  const port = env.int('PORT', 4000, { max: 65535 });
  const supergraphPath = env.string('SUPERGRAPH_PATH', 'supergraph.graphql');
  const subgraphUrls = Object.fromEntries(
    subgraphs.map(({ name }) => [name, env.url(`${name.toUpperCase()}_URL`, ['http', 'https'])]),
  );
  env.done();
  return startGateway({ supergraphSdl: readFileSync(supergraphPath, 'utf8'), port, subgraphUrls });
});
