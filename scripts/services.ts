import { spawn, type ChildProcess } from 'node:child_process';
import { isAbsolute, join } from 'node:path';

/**
 * Services run as child processes of one script (`npm start`, `npm run bench`): their output
 * prefixed with their label, and one of them exiting on its own stops them all.
 */
export class ChildServices {
  private readonly children: ChildProcess[] = [];
  private stopping = false;

  /**
   * `logFile`: a file descriptor the children's standard output (their log lines) goes to
   * straight, not through this process: the benchmark's, whose load generator would otherwise
   * relay a log line per request of every service.
   */
  constructor(
    private readonly onUnexpectedExit: (label: string, code: number | null) => void,
    private readonly logFile?: number,
  ) {}

  /** Runs `dist/<script>` (a path relative to the compiled `dist/` folder, or an absolute one: another build's) with `env`. */
  start(label: string, script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(process.execPath, [isAbsolute(script) ? script : join(__dirname, '..', script), ...args], { env, stdio: ['ignore', this.logFile ?? 'pipe', 'pipe'] });
    const prefix = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) stream.write(`[${label}] ${line}\n`);
    };
    child.stdout?.on('data', prefix(process.stdout));
    child.stderr?.on('data', prefix(process.stderr));
    child.on('exit', (code) => {
      if (!this.stopping) this.onUnexpectedExit(label, code);
    });
    this.children.push(child);
    return child;
  }

  /** Stops every child and waits until they have exited. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.children
        .filter((child) => child.exitCode === null && child.signalCode === null)
        .map((child) => new Promise<void>((resolve) => child.once('exit', () => resolve()).kill('SIGTERM'))),
    );
  }
}

/** Waits until `url` answers a GraphQL `{ __typename }`, or fails when `child` exits or time runs out. */
export async function waitUntilUp(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
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
