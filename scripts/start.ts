import { subgraphs } from '../subgraphs';
import { developmentByDefault } from '../subgraphs/common/config';
import { ChildServices, waitUntilUp } from './services';

/**
 * `npm start`: every subgraph in its own process (each with its own database), then the
 * gateway once they all answer. Ctrl-C stops them all.
 *
 * Per subgraph, `<NAME>_DATABASE_URL` (e.g. TEAMS_DATABASE_URL) becomes its DATABASE_URL and
 * `<NAME>_PORT` its PORT; everything else in the environment is passed on as is, with
 * NODE_ENV=development unless it is set.
 */
const services = new ChildServices((label, code) => {
  console.error(`[${label}] exited with code ${code}; stopping everything`);
  stop(1);
});

function stop(code: number): void {
  process.exitCode = code;
  void services.stop();
}

async function main(): Promise<void> {
  const environment = developmentByDefault(process.env);
  // On a developer's machine a partner's example receiver listens on http://127.0.0.1 (see partner-example.ts).
  if (['development', 'test'].includes(environment.NODE_ENV ?? '')) environment.WEBHOOK_ALLOW_INSECURE_URLS ??= 'true';
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
  const portOf = (name: string, defaultPort: number) => environment[`${name.toUpperCase()}_PORT`] ?? String(defaultPort);
  // Every subgraph knows every other's URL (teams asks partners and events about working relations).
  const subgraphUrls = Object.fromEntries(
    subgraphs.map(({ name, port }) => [`${name.toUpperCase()}_URL`, `http://localhost:${portOf(name, port)}/graphql`]),
  );
  // One after another: the teams subgraph comes first, and the others ask it where units are.
  for (const { name, port: defaultPort } of subgraphs) {
    const upper = name.toUpperCase();
    const env = { ...environment, ...subgraphUrls, PORT: portOf(name, defaultPort), DATABASE_URL: environment[`${upper}_DATABASE_URL`] ?? '' };
    const child = services.start(name, 'subgraphs/main.js', [name], env);
    await waitUntilUp(subgraphUrls[`${upper}_URL`], child);
  }
  const gatewayPort = environment.GATEWAY_PORT ?? '4000';
  const gateway = services.start('gateway', 'gateway/main.js', [], { ...environment, ...subgraphUrls, PORT: gatewayPort });
  await waitUntilUp(`http://localhost:${gatewayPort}/graphql`, gateway);
  console.log(`\nThe hub is up: http://localhost:${gatewayPort}/graphql (web app: http://localhost:${gatewayPort}/, health: http://localhost:${gatewayPort}/health)\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stop(1);
});
