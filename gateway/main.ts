import { readFileSync } from 'node:fs';
import { runService } from '../subgraphs/common/http';
import { SUBGRAPH_NAMES } from '../subgraphs/names';
import { readGatewayConfig } from './config';
import { startGateway } from './gateway';

/** `node dist/gateway/main.js`: serves the committed supergraph. */
runService('gateway', async () => {
  const { supergraphPath, ...options } = readGatewayConfig(SUBGRAPH_NAMES);
  return startGateway({ supergraphSdl: readFileSync(supergraphPath, 'utf8'), ...options });
});
