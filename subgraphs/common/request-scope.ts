import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';
import { logger } from './logging';
import type { Language } from './messages';

/** What the process knows about the HTTP request it is serving, for log lines and metrics. */
export interface RequestScope {
  requestId: string;
  /** The request's logger: every line carries the request id. */
  log: Logger;
  operationName?: string;
  /** The caller's verified token subject (never the token itself). */
  subject?: string;
  /** The language the caller reads (`Accept-Language`): messages are written in it. */
  language: Language;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(requestId: string, language: Language, work: () => T): T {
  return storage.run({ requestId, language, log: logger.child({ requestId }) }, work);
}

export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

/**
 * The id of the HTTP request being served (the caller's `x-request-id` if well formed, else a
 * new UUID): sent back in the `x-request-id` header, for errors and log lines to carry.
 */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** The request's logger inside a request, the process's outside one. */
export function currentLogger(): Logger {
  return storage.getStore()?.log ?? logger;
}
