import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, loggerOptions } from './logging';

const ROOT = join(__dirname, '..', '..');

/**
 * Runs `script` in a new Node process with the process's logger in production (its buffered
 * standard output); resolves with each line it wrote, when it wrote it, and when it exited.
 */
function loggingProcess(script: string, keepAliveMs = 0): Promise<{ lines: { line: Record<string, any>; atMs: number }[]; exitedAtMs: number; code: number | null }> {
  const started = Date.now();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', '-e', `const { logger } = require('./subgraphs/common/logging'); ${script}; setTimeout(() => {}, ${keepAliveMs});`], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json') },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const lines: { line: Record<string, any>; atMs: number }[] = [];
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (pending + chunk.toString()).split('\n');
    pending = parts.pop()!;
    for (const part of parts) lines.push({ line: JSON.parse(part), atMs: Date.now() - started });
  });
  return new Promise((resolve) => child.once('close', (code) => resolve({ lines, exitedAtMs: Date.now() - started, code })));
}

function capture() {
  const lines: Record<string, any>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: createLogger({ LOG_LEVEL: 'info' }, destination) };
}

describe('log lines', () => {
  it('are JSON with an ISO time and a level name', () => {
    const { lines, logger } = capture();
    logger.child({ requestId: 'req-12345678' }).info({ status: 200 }, 'request');
    expect(lines).toEqual([expect.objectContaining({ level: 'info', msg: 'request', requestId: 'req-12345678', status: 200 })]);
    expect(new Date(lines[0].time).toISOString()).toBe(lines[0].time);
  });

  it('never carry tokens, authorization headers or personal data', () => {
    const { lines, logger } = capture();
    const secrets = ['Bearer eyJhbGciOi.secret.token', 'eyJhbGciOi.raw.token', '0912345678', 'lan@example.vn', 'Nguyễn Thị Lan', 'Xóm 3, Tam Quang', 'hunter2'];
    logger.info(
      {
        authorization: secrets[0],
        headers: { authorization: secrets[0], cookie: 'session=1' },
        request: { headers: { authorization: secrets[0] } },
        token: secrets[1],
        input: { phone: secrets[2], email: secrets[3], fullName: secrets[4], address: secrets[5], password: secrets[6] },
        variables: { anything: secrets[2] },
        operationName: 'AddMember',
      },
      'request',
    );
    const text = JSON.stringify(lines);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ authorization: '[redacted]', input: { phone: '[redacted]', fullName: '[redacted]' }, operationName: 'AddMember' });
  });

  it('are quiet under the test runner, info by default, as LOG_LEVEL says otherwise', () => {
    expect(loggerOptions({ NODE_ENV: 'test' }).level).toBe('silent');
    expect(loggerOptions({ NODE_ENV: 'production' }).level).toBe('info');
    expect(loggerOptions({ NODE_ENV: 'production', LOG_LEVEL: 'debug' }).level).toBe('debug');
  });

  it('are JSON in production and pretty in development (pino-pretty is installed here)', () => {
    expect(loggerOptions({ NODE_ENV: 'production' }).transport).toBeUndefined();
    expect(loggerOptions({ NODE_ENV: 'development' }).transport).toMatchObject({ target: 'pino-pretty' });
    expect(loggerOptions({ NODE_ENV: 'development', LOG_FORMAT: 'json' }).transport).toBeUndefined();
  });

  describe('on standard output, buffered', () => {
    it('still shows a quiet process’s one line within a second or so, long before it exits', async () => {
      const { lines, exitedAtMs } = await loggingProcess(`logger.info('started')`, 5_000);
      expect(lines.map(({ line }) => line.msg)).toEqual(['started']);
      expect(lines[0].atMs).toBeLessThan(exitedAtMs - 2_500);
    }, 30_000);

    it('writes every line still in the buffer when the process exits, or crashes', async () => {
      const exiting = await loggingProcess(`for (let n = 0; n < 1000; n += 1) logger.info({ n }, 'line'); process.exit(0)`);
      expect(exiting.lines.map(({ line }) => line.n)).toEqual([...Array(1000).keys()]);
      const crashing = await loggingProcess(`logger.info('before the crash'); setImmediate(() => { throw new Error('crash') })`);
      expect(crashing.code).not.toBe(0);
      expect(crashing.lines.map(({ line }) => line.msg)).toEqual(['before the crash']);
    }, 30_000);
  });
});
