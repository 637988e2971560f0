import 'reflect-metadata';
import { subgraphs } from '../..';
import type { RunningServer } from '../http';
import { startSubgraph } from '../server';

/**
 * A child process for tests that need subgraphs in processes of their own (see processes.ts):
 * starts the subgraphs named in SUBGRAPHS (JSON: name → environment), teams first so the others
 * find units through this process's teams, then prints `READY {"name": url, …}` on one line.
 */
async function main(): Promise<void> {
  const environments = JSON.parse(process.env.SUBGRAPHS ?? '{}') as Record<string, NodeJS.ProcessEnv>;
  const urls: Record<string, string> = {};
  const running: RunningServer[] = [];
  for (const definition of subgraphs.filter((subgraph) => subgraph.name in environments)) {
    const server = await startSubgraph(definition, { ...environments[definition.name], ...(urls.teams ? { TEAMS_URL: urls.teams } : {}) });
    running.push(server);
    urls[definition.name] = server.url;
  }
  console.log(`READY ${JSON.stringify(urls)}`);
  process.once('SIGTERM', () => void Promise.all(running.map((server) => server.close())).finally(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
