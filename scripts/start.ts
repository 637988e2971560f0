import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { subgraphs } from '../subgraphs';

/**
 * `npm start`: every subgraph in its own process (each with its own database), then the
 * gateway once they all answer. Ctrl-C stops them all.
 *
 * Per subgraph, `<NAME>_DATABASE_URL` (e.g. TEAMS_DATABASE_URL) becomes its DATABASE_URL and
 * `<NAME>_PORT` its PORT; everything else in the environment is passed on as is.
 */
const children: ChildProcess[] = [];
let stopping = false;

function run(label: string, script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [join(__dirname, '..', script), ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) stream.write(`[${label}] ${line}\n`);
  };
  child.stdout?.on('data', prefix(process.stdout));
  child.stderr?.on('data', prefix(process.stderr));
  child.on('exit', (code) => {
    if (stopping) return;
    console.error(`[${label}] exited with code ${code}; stopping everything`);
    stop(1);
  });
  children.push(child);
  return child;
}

async function waitUntilUp(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not come up`);
}

function stop(code: number): void {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  process.exitCode = code;
}

async function main(): Promise<void> {
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
  const subgraphUrls: Record<string, string> = {};
  // One after another: the teams subgraph comes first, and the others ask it where units are.
  for (const { name, port: defaultPort } of subgraphs) {
    const upper = name.toUpperCase();
    const port = process.env[`${upper}_PORT`] ?? String(defaultPort);
    const env = { ...process.env, ...subgraphUrls, PORT: port, DATABASE_URL: process.env[`${upper}_DATABASE_URL`] ?? '' };
    const child = run(name, 'subgraphs/main.js', [name], env);
    subgraphUrls[`${upper}_URL`] = `http://localhost:${port}/graphql`;
    await waitUntilUp(subgraphUrls[`${upper}_URL`], child);
  }
  const gatewayPort = process.env.GATEWAY_PORT ?? '4000';
  const gateway = run('gateway', 'gateway/main.js', [], { ...process.env, ...subgraphUrls, PORT: gatewayPort });
  await waitUntilUp(`http://localhost:${gatewayPort}/graphql`, gateway);
  console.log(`\nThe hub is up: http://localhost:${gatewayPort}/graphql (health: http://localhost:${gatewayPort}/health)\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  stop(1);
});
