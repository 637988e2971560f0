import { readFileSync } from 'node:fs';
import { runService } from '../subgraphs/common/http';
import { subgraphs } from '../subgraphs';
import { readGatewayConfig } from './config';
import { startGateway } from './gateway';

/** `node dist/gateway/main.js`: serves the committed supergraph. */
runService('gateway', async () => {
  const { supergraphPath, ...options } = readGatewayConfig(subgraphs.map(({ name }) => name));
  return startGateway({ supergraphSdl: readFileSync(supergraphPath, 'utf8'), ...options });
});
