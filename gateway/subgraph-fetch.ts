import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, request } from 'undici';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/** The error a request given up on carries, named as `AbortSignal.timeout`'s so callers tell it from a failure to connect. */
function timedOut(timeoutMs: number): DOMException {
  return new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError');
}

/** An answer read in full: what RemoteGraphQLDataSource reads of a response, without web streams. */
class ReadResponse implements FetcherResponse {
  readonly redirected = false;
  readonly statusText = '';
  bodyUsed = false;
  private cachedHeaders?: Headers;

  constructor(
    readonly url: string,
    readonly status: number,
    private readonly rawHeaders: Record<string, string | string[] | undefined>,
    private readonly body: string,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get headers(): Headers {
    this.cachedHeaders ??= new Headers(
      Object.entries(this.rawHeaders).flatMap(([name, value]) => (value === undefined ? [] : [value].flat().map((one) => [name, one] as [string, string]))),
    );
    return this.cachedHeaders;
  }

  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text()) as unknown;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(await this.text());
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  clone(): ReadResponse {
    return new ReadResponse(this.url, this.status, this.rawHeaders, this.body);
  }
}

/**
 * The gateway's requests to its subgraphs: undici's `request` over one keep-alive pool, one timer per
 * request covering the answer and its body. Node's `fetch` builds a Request, a Response, web streams
 * and an `AbortSignal.timeout` per call, which issue 23 measured at about half of the gateway's CPU.
 * A refused or cut connection throws undici's error itself (its `code`: ECONNREFUSED, UND_ERR_SOCKET…),
 * a request past its timeout a `TimeoutError`.
 */
export function subgraphFetcher(timeoutMs: number, dispatcher: Agent): Fetcher {
  return async (url, init = {}) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(timedOut(timeoutMs)), timeoutMs);
    try {
      const answer = await request(url, {
        method: (init.method ?? 'GET') as 'GET' | 'POST',
        headers: init.headers,
        body: init.body,
        signal: controller.signal,
        dispatcher,
      });
      return new ReadResponse(url, answer.statusCode, answer.headers, await answer.body.text());
    } finally {
      clearTimeout(timer);
    }
  };
}

