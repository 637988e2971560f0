import 'reflect-metadata';
import { subgraphs } from '../..';
import type { RunningServer } from '../http';
import { startSubgraph } from '../server';
import { freePort } from './ports';

/**
 * A child process for tests that need subgraphs in processes of their own (see processes.ts):
 * starts the subgraphs named in SUBGRAPHS (JSON: name → environment), each on a free port it is
 * given before any starts, so each finds the others of this process (units through its teams, a
 * prize's winner through its events), then prints `READY {"name": url, …}` on one line.
 */
async function main(): Promise<void> {
  const environments = JSON.parse(process.env.SUBGRAPHS ?? '{}') as Record<string, NodeJS.ProcessEnv>;
  const started = subgraphs.filter((subgraph) => subgraph.name in environments);
  const ports = new Map<string, number>();
  for (const { name } of started) ports.set(name, await freePort());
  const urls = Object.fromEntries(started.map(({ name }) => [name, `http://localhost:${ports.get(name)}/graphql`]));
  const peers = Object.fromEntries(Object.entries(urls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url]));
  const running: RunningServer[] = [];
  for (const definition of started) {
    running.push(await startSubgraph(definition, { ...environments[definition.name], ...peers, PORT: String(ports.get(definition.name)) }));
  }
  console.log(`READY ${JSON.stringify(urls)}`);
  process.once('SIGTERM', () => void Promise.all(running.map((server) => server.close())).finally(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
