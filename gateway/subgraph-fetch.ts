import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { Agent, request } from 'undici';
import { connectionFailureCode, readOnceMoreOnConnectionFailure } from '../subgraphs/common/connection';
import { timedFetch } from '../subgraphs/common/metrics';
import { t } from '../subgraphs/common/messages';
import { vi } from '../subgraphs/common/messages/vi';
import type { GatewayContext } from './gateway';

type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/** A subgraph's answer, read in full. */
export interface SubgraphAnswer {
  ok: boolean;
  status: number;
  /** Whether it says its body is JSON. */
  json: boolean;
  body: string;
}

/** Sends a subgraph an operation (its URL, headers and JSON body) and reads its answer. */
type SubgraphFetch = (url: string, headers: Record<string, string>, body: string) => Promise<SubgraphAnswer>;

/** The error a request given up on carries, named as `AbortSignal.timeout`'s so callers tell it from a failure to connect. */
function timedOut(timeoutMs: number): DOMException {
  return new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError');
}

/**
 * The gateway's requests to its subgraphs: undici's `request` over one keep-alive pool, one timer per
 * request covering the answer and its body. Node's `fetch` builds a Request, a Response, web streams
 * and an `AbortSignal.timeout` per call, which issue 23 measured at about half of the gateway's CPU.
 * A refused or cut connection throws undici's error itself (its `code`: ECONNREFUSED, UND_ERR_SOCKET…),
 * a request past its timeout a `TimeoutError`.
 */
export function subgraphFetcher(timeoutMs: number, dispatcher: Agent): SubgraphFetch {
  return async (url, headers, body) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(timedOut(timeoutMs)), timeoutMs);
    try {
      const answer = await request(url, { method: 'POST', headers, body, signal: controller.signal, dispatcher });
      const status = answer.statusCode;
      return { ok: status >= 200 && status < 300, status, json: /json/i.test(String(answer.headers['content-type'] ?? '')), body: await answer.body.text() };
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * Why a subgraph could not be asked, without its address: its error's code (ECONNREFUSED,
 * ENOTFOUND…; fetch says only "fetch failed" and puts it in its cause) is what helps.
 */
export function reasonOf(error: Error, timeoutMs: number): string {
  if (error.name === 'TimeoutError') return t('gateway.timedOut', { timeoutMs });
  const { cause } = error as Error & { cause?: Error };
  return connectionFailureCode(error) ?? cause?.message ?? error.message;
}

function unavailable(serviceName: string, reason: string, originalError?: Error): GraphQLError {
  const service = serviceName in vi.gateway.services ? t(`gateway.services.${serviceName as keyof typeof vi.gateway.services}`) : serviceName;
  return new GraphQLError(t('gateway.serviceUnavailable', { service, reason }), {
    extensions: { code: 'SERVICE_UNAVAILABLE', serviceName },
    originalError,
  });
}

/** A body's JSON, or undefined when it is not JSON. */
function parsed({ json, body }: SubgraphAnswer): unknown {
  if (!json) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** The gateway's subgraph operations are written out in full: a mutation starts with the keyword. */
const isMutation = (query: string | undefined) => /^\s*mutation\b/.test(query ?? '');

/**
 * One subgraph as the gateway's query plans reach it. @apollo/gateway's data-source interface is
 * implemented here directly: its RemoteGraphQLDataSource builds node-fetch Headers twice and a Request
 * (parsing the URL with the legacy `url.parse`) for every fetch, for hooks the hub does not use, and
 * wants a fetch Response back. Without them a fetch costs the gateway about 0.6 of the CPU it did
 * (docs/performance-history.md, 5 December 2026).
 *
 * - The caller's token, request id and language are passed on: each subgraph verifies the token and
 *   writes its log lines and messages with the others.
 * - A read whose connection failed before the subgraph answered is sent once more (through the load
 *   balancer: most likely to another replica), so a rolling restart or a keep-alive race costs no
 *   answer; a mutation never is, as it may have been applied.
 * - A subgraph refusing a request (e.g. a bad token, HTTP 401) explains why in its body: that is
 *   passed on, without the subgraph's address. A subgraph that cannot be reached, is too slow, or
 *   answers without GraphQL (a load balancer's "502 Bad Gateway" with no replica ready) is named
 *   unavailable; the rest of the answer still comes.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly fetch: SubgraphFetch;

  constructor(
    private readonly serviceName: string,
    private readonly url: string,
    private readonly timeoutMs: number,
    connections: Agent,
  ) {
    this.fetch = timedFetch(serviceName, subgraphFetcher(timeoutMs, connections));
  }

  async process({ request: { http, ...operation }, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const { authorization, requestId, language } = context as GatewayContext;
    const headers: Record<string, string> = {
      ...(http && Object.fromEntries(http.headers)),
      'content-type': 'application/json',
      ...(authorization && { authorization }),
      ...(requestId && { 'x-request-id': requestId }),
      ...(language && { 'accept-language': language }),
    };
    const body = JSON.stringify(operation);
    const send = () => this.send(headers, body);
    try {
      return await (isMutation(operation.query) ? send() : readOnceMoreOnConnectionFailure(send));
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      throw unavailable(this.serviceName, reasonOf(error as Error, this.timeoutMs), error as Error);
    }
  }

  private async send(headers: Record<string, string>, body: string): Promise<SubgraphResponse> {
    const answer = await this.fetch(this.url, headers, body);
    const response = parsed(answer) as SubgraphResponse | undefined;
    if (typeof response !== 'object' || response === null || Array.isArray(response)) {
      throw unavailable(this.serviceName, answer.ok ? `HTTP ${answer.status}, not JSON` : `HTTP ${answer.status}`);
    }
    if (answer.ok) return response;
    // A refusal's errors as the subgraph (or whatever answered in its place) wrote them: their shape is not trusted.
    const [first] = (Array.isArray(response.errors) ? response.errors : []) as { message?: unknown; extensions?: { code?: unknown } }[];
    if (typeof first?.message !== 'string' || !first.message) throw unavailable(this.serviceName, `HTTP ${answer.status}`);
    throw new GraphQLError(first.message, { extensions: { code: first.extensions?.code ?? 'SUBGRAPH_ERROR' } });
  }
}
