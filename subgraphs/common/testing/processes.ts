import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { signToken, type HubClaims } from '../auth';
import type { OperationResult } from './subgraph';
import { TEST_JWT_SECRET } from './subgraph';

/** Subgraphs running in a child process of their own, for tests of what separate processes share (the database). */
export interface SubgraphProcess {
  /** The URL of each subgraph it runs. */
  urls: Record<string, string>;
  /** Sends an operation to one of its subgraphs over HTTP, with a token for `as`. */
  execute<TData = Record<string, any>>(subgraph: string, query: string, variables?: Record<string, unknown>, as?: HubClaims): Promise<OperationResult<TData>>;
  stop(): Promise<void>;
}

const STARTED_WITHIN_MS = 60_000;

/**
 * Starts the subgraphs of `environments` (name → environment: DATABASE_URL…) in a new Node
 * process, compiling TypeScript on the fly with @swc-node/register (no build needed), and
 * resolves once all of them listen. Their databases should be migrated already: two processes
 * starting on one database would otherwise race to migrate it.
 */
export function startSubgraphProcess(environments: Record<string, NodeJS.ProcessEnv>): Promise<SubgraphProcess> {
  const root = join(__dirname, '..', '..', '..');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'subgraph-process.ts')], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', SWC_NODE_PROJECT: join(root, 'tsconfig.json'), SUBGRAPHS: JSON.stringify(environments) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`The subgraph process did not start within ${STARTED_WITHIN_MS} ms:\n${output}`)), STARTED_WITHIN_MS);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => fail(new Error(`The subgraph process exited (${code}):\n${output}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /^READY (.+)$/m.exec(output);
      if (!ready) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve(running(child, JSON.parse(ready[1]) as Record<string, string>));
    });
  });
}

function running(child: ChildProcess, urls: Record<string, string>): SubgraphProcess {
  return {
    urls,
    async execute(subgraph, query, variables, as) {
      const response = await fetch(urls[subgraph], {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(as ? { authorization: `Bearer ${await signToken(as, TEST_JWT_SECRET)}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as OperationResult<any>;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
