import 'reflect-metadata';
import { startSubgraph } from './common/server';
import { subgraphs } from './index';

/** `node dist/subgraphs/main.js <name>`: runs one subgraph as its own process. */
async function main(): Promise<void> {
  const name = process.argv[2];
  const definition = subgraphs.find((subgraph) => subgraph.name === name);
  if (!definition) {
    console.error(`Usage: main.js <${subgraphs.map((subgraph) => subgraph.name).join('|')}>`);
    process.exit(2);
  }
  const server = await startSubgraph(definition);
  console.log(`${name} subgraph ready at ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
