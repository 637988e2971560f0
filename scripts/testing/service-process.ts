import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..');

/** A service (`gateway/main.ts`, `subgraphs/main.ts teams`…) running in its own process, as in production. */
export interface ServiceProcess {
  child: ChildProcess;
  /** Its JSON log lines so far (stdout). */
  logLines: Record<string, any>[];
  /** Resolves with the first log line (so far or to come) that `matches`. */
  waitForLog(matches: (line: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export function startServiceProcess(entry: string, args: string[], env: NodeJS.ProcessEnv): ServiceProcess {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'scripts/testing/register-ts.js'), join(ROOT, entry), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, LOG_LEVEL: 'info', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logLines: Record<string, any>[] = [];
  const waiting = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (text) => {
    try {
      logLines.push(JSON.parse(text));
    } catch {
      logLines.push({ msg: text });
    }
    for (const check of waiting) check();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    logLines,
    exited,
    waitForLog(matches, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`No such log line within ${timeoutMs} ms; got:\n${logLines.map((line) => JSON.stringify(line)).join('\n')}`));
        }, timeoutMs);
        const check = () => {
          const line = logLines.find(matches);
          if (!line) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve(line);
        };
        waiting.add(check);
        check();
        void exited.then(() => setTimeout(() => waiting.has(check) && reject(new Error(`The process exited; its log:\n${logLines.map((l) => JSON.stringify(l)).join('\n')}`)), 50));
      });
    },
  };
}
