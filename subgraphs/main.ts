import 'reflect-metadata';
import { runService } from './common/http';
import { startSubgraph } from './common/server';
import { subgraphs } from './index';

/** `node dist/subgraphs/main.js <name>`: runs one subgraph as its own process. */
const name = process.argv[2];
const definition = subgraphs.find((subgraph) => subgraph.name === name);
if (!definition) {
  console.error(`Usage: main.js <${subgraphs.map((subgraph) => subgraph.name).join('|')}>`);
  process.exit(2);
}
runService(name, () => startSubgraph(definition));
