import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { EnvReader } from './env';

/**
 * What never reaches a log line: credentials and the personal data the domain protects.
 * GraphQL variables are never logged at all (they carry names, phones, addresses).
 */
export const REDACTED_PATHS = [
  'authorization',
  'token',
  'password',
  'secret',
  'cookie',
  'phone',
  'email',
  'fullName',
  'address',
  'variables',
  '*.authorization',
  '*.token',
  '*.password',
  '*.secret',
  '*.cookie',
  '*.phone',
  '*.email',
  '*.fullName',
  '*.address',
  '*.variables',
  'headers["x-api-key"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["x-api-key"]',
];

/** pino-pretty is a development dependency: used when it is installed, never required. */
function prettyTransportAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

export function loggerOptions(source: NodeJS.ProcessEnv = process.env): LoggerOptions & { transport?: { target: string; options?: object } } {
  const env = new EnvReader(source);
  const production = source.NODE_ENV === 'production';
  // Jest sets NODE_ENV=test: tests stay quiet unless LOG_LEVEL asks otherwise.
  const level = env.string('LOG_LEVEL', source.NODE_ENV === 'test' ? 'silent' : 'info');
  const pretty = env.string('LOG_FORMAT', production ? 'json' : 'pretty') === 'pretty' && prettyTransportAvailable();
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid', singleLine: true } } } : {}),
  };
}

/**
 * JSON lines go to standard output through pino's asynchronous buffer: an access line per request
 * written on its own was a write(2) each, 7 % of the gateway's CPU on a commune ledger under load.
 * Whatever is buffered is written once it reaches 4 KB, every second, and when the process exits
 * (pino flushes on exit and on a crash's `uncaughtException`).
 */
export const LOG_BUFFER = { minLength: 4096, periodicFlush: 1000 } as const;

/** JSON lines on stdout, or pretty ones in development when pino-pretty is installed. */
function standardOutput(env: NodeJS.ProcessEnv): DestinationStream {
  const { transport } = loggerOptions(env);
  return transport ? pino.transport(transport) : pino.destination({ dest: 1, sync: false, ...LOG_BUFFER });
}

/** Builds a logger writing to `destination` (standard output by default). */
export function createLogger(env: NodeJS.ProcessEnv = process.env, destination?: DestinationStream): Logger {
  const { transport: _pretty, ...options } = loggerOptions(env);
  return pino(options, destination ?? standardOutput(env));
}

/** Where the process's logger writes: standard output (opened on first use), or a test's capture (see `captureLogs`). */
let output: (DestinationStream & { flush?(callback?: (error?: Error) => void): void }) | undefined;
const switchable = {
  write: (line: string) => (output ??= standardOutput(process.env)).write(line),
  /** `logger.flush()`: what waits in the buffer written now (a service ready, or stopping). */
  flush: (callback?: (error?: Error) => void) => (output?.flush ? output.flush(callback) : callback?.()),
};

/** The process's logger; `runService` names the service on it (`service: "gateway"`, `"teams"`…). */
export const logger: Logger = createLogger(process.env, switchable);

/** For tests: the process's log lines (at `info` and above) until `restore()`. */
export function captureLogs(): { lines: Record<string, any>[]; restore(): void } {
  const lines: Record<string, any>[] = [];
  const [previousOutput, previousLevel] = [output, logger.level];
  output = { write: (line: string) => void lines.push(JSON.parse(line)) };
  logger.level = 'info';
  return {
    lines,
    restore() {
      output = previousOutput;
      logger.level = previousLevel;
    },
  };
}

export function nameService(service: string): void {
  logger.setBindings({ service });
}
