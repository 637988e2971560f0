import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind, print, type GraphQLFormattedError, type OperationDefinitionNode } from 'graphql';
import { createHash, randomUUID } from 'node:crypto';
import { fromGraphQLErrors, hubError, HubError, RateLimitedError } from './errors';
import { idempotencyKeyPaths } from './generated/idempotency';

/** A bearer token, or a function giving the current one (e.g. `partnerTokenProvider`). */
export type TokenSource = string | (() => string | undefined | Promise<string | undefined>);

export interface RetryNotice {
  operationName: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  reason: HubError;
}

export interface HubClientOptions {
  /** The hub's GraphQL endpoint, e.g. `https://hub.example.vn/graphql`. */
  endpoint: string;
  token?: TokenSource;
  /** Attempts in all for an operation that is safe to retry (queries, mutations with idempotency keys). Default 3. */
  maxAttempts?: number;
  /** The first wait between attempts, doubled for each further one. Default 250 ms. */
  retryDelayMs?: number;
  /** The longest wait the client accepts, also from a Retry-After; a longer one fails at once. Default 30 s. */
  maxRetryDelayMs?: number;
  /**
   * Send operations as automatic persisted queries: their sha256 only, the body when the hub asks
   * for it. The ids are those of client/persisted-operations.json, which an allowlisting hub accepts.
   */
  persistedQueries?: boolean;
  /** Told before every retry (for logs and metrics). */
  onRetry?: (notice: RetryNotice) => void;
  /** Defaults to Node's global fetch. */
  fetch?: typeof fetch;
}

/** The variables argument: optional when the operation has none or only optional ones. */
export type VariablesArgument<TVariables> = Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

interface PreparedOperation {
  name: string;
  type: OperationDefinitionNode['operation'];
  body: string;
  sha256: string;
}

const prepared = new WeakMap<object, PreparedOperation>();

/** The document's one operation, printed and hashed once per document. */
function prepare(document: TypedDocumentNode<unknown, never>): PreparedOperation {
  const cached = prepared.get(document);
  if (cached) return cached;
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1 || !operations[0].name) throw new Error('A document sent by the SDK holds exactly one named operation');
  const body = print(document);
  const operation = { name: operations[0].name.value, type: operations[0].operation, body, sha256: createHash('sha256').update(body).digest('hex') };
  prepared.set(document, operation);
  return operation;
}

/**
 * Gives every idempotency key the variables leave empty a fresh UUID, in a copy: sent once and
 * kept for every retry, so the hub writes the row at most once.
 */
export function withIdempotencyKeys<T>(variables: T, paths: readonly string[]): T {
  const copy = structuredClone(variables);
  const fill = (value: unknown, [segment, ...rest]: string[]): void => {
    if (value === null || typeof value !== 'object') return;
    if (segment === '*') {
      if (Array.isArray(value)) for (const element of value) fill(element, rest);
      return;
    }
    const record = value as Record<string, unknown>;
    if (rest.length > 0) return fill(record[segment], rest);
    if (record[segment] === undefined || record[segment] === null || record[segment] === '') record[segment] = randomUUID();
  };
  for (const path of paths) fill(copy, path.split('.'));
  return copy;
}

/** Seconds from a Retry-After header (a number of seconds or an HTTP date). */
function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

interface GraphQLResponse<TResult> {
  data?: TResult | null;
  errors?: GraphQLFormattedError[];
}

/** Whether another attempt may help: no answer, the hub overloaded or down, or rate limited. */
function isTransient(error: HubError): boolean {
  return error.code === 'NETWORK_ERROR' || error.code === 'RATE_LIMITED' || (error.status !== undefined && error.status >= 500);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A typed client of the hub: `await hub.request(LogTrainingsDocument, { input })` returns the
 * operation's typed result or throws a typed `HubError`. Queries and mutations whose inputs carry
 * idempotency keys are retried on network failures, 5xx and 429 (after its Retry-After); other
 * mutations are sent once, since a retry could write twice.
 */
export class HubClient {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: HubClientOptions) {
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...[variables]: VariablesArgument<NoInfer<TVariables>>
  ): Promise<TResult> {
    const operation = prepare(document as TypedDocumentNode<unknown, never>);
    const keyPaths = operation.type === 'mutation' ? idempotencyKeyPaths[operation.name] : undefined;
    const retrySafe = operation.type === 'query' || keyPaths !== undefined;
    const sent = keyPaths ? withIdempotencyKeys(variables ?? {}, keyPaths) : (variables ?? {});
    const maxAttempts = retrySafe ? (this.options.maxAttempts ?? 3) : 1;
    const maxDelay = this.options.maxRetryDelayMs ?? 30_000;

    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.send<TResult>(operation, sent);
      } catch (error) {
        if (!(error instanceof HubError) || !isTransient(error) || attempt >= maxAttempts) throw error;
        const retryAfter = error instanceof RateLimitedError ? error.retryAfterSeconds : undefined;
        const delayMs = retryAfter !== undefined ? retryAfter * 1000 : (this.options.retryDelayMs ?? 250) * 2 ** (attempt - 1);
        if (delayMs > maxDelay) throw error;
        this.options.onRetry?.({ operationName: operation.name, attempt, delayMs, reason: error });
        await sleep(delayMs);
      }
    }
  }

  /** One attempt; with persisted queries, the hash first and the body only if the hub does not know it. */
  private async send<TResult>(operation: PreparedOperation, variables: object): Promise<TResult> {
    const base = { operationName: operation.name, variables };
    if (!this.options.persistedQueries) return this.post<TResult>({ ...base, query: operation.body });
    const extensions = { persistedQuery: { version: 1, sha256Hash: operation.sha256 } };
    try {
      return await this.post<TResult>({ ...base, extensions });
    } catch (error) {
      if (!(error instanceof HubError) || error.code !== 'PERSISTED_QUERY_NOT_FOUND') throw error;
      return this.post<TResult>({ ...base, query: operation.body, extensions });
    }
  }

  private async post<TResult>(payload: object): Promise<TResult> {
    const token = typeof this.options.token === 'function' ? await this.options.token() : this.options.token;
    let response: Response;
    try {
      response = await this.fetch(this.options.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(payload),
      });
    } catch (cause) {
      // fetch says only "fetch failed"; its cause (ECONNREFUSED, a reset…) is what helps.
      const reason = (cause as { cause?: { message?: string } }).cause?.message ?? (cause as Error).message;
      throw hubError(`Could not reach the hub: ${reason}`, { code: 'NETWORK_ERROR', cause });
    }
    const status = response.status;
    const requestId = response.headers.get('x-request-id') ?? undefined;
    const text = await response.text();
    let body: GraphQLResponse<TResult> | undefined;
    try {
      body = JSON.parse(text) as GraphQLResponse<TResult>;
    } catch {
      body = undefined;
    }
    if (status === 429) {
      const message = body?.errors?.[0]?.message ?? 'Too many requests';
      throw hubError(message, { code: 'RATE_LIMITED', errors: body?.errors, status, requestId, retryAfterSeconds: retryAfterSeconds(response.headers.get('retry-after')) });
    }
    if (body?.errors?.length) throw fromGraphQLErrors(body.errors, { data: body.data, status, requestId });
    if (!body || body.data === undefined || body.data === null || status >= 300) {
      throw hubError(`The hub answered HTTP ${status} without a GraphQL result`, { code: 'HTTP_ERROR', status, requestId });
    }
    return body.data;
  }
}
