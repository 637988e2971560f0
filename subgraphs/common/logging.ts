import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

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

export function loggerOptions(env: NodeJS.ProcessEnv = process.env): LoggerOptions {
  const production = env.NODE_ENV === 'production';
  // Jest sets NODE_ENV=test: tests stay quiet unless LOG_LEVEL asks otherwise.
  const level = env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info');
  const pretty = (env.LOG_FORMAT ?? (production ? 'json' : 'pretty')) === 'pretty' && prettyTransportAvailable();
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid' } } } : {}),
  };
}

/** Builds a process's root logger (JSON lines on stdout; pretty in development when pino-pretty is installed). */
export function createLogger(env: NodeJS.ProcessEnv = process.env, destination?: DestinationStream): Logger {
  const options = loggerOptions(env);
  if (destination) return pino({ ...options, transport: undefined }, destination);
  return pino(options);
}

/** The process's logger; `runService` names the service on it (`service: "gateway"`, `"teams"`…). */
export const logger: Logger = createLogger();

export function nameService(service: string): void {
  logger.setBindings({ service });
}
