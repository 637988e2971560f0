import type { GraphQLFormattedError } from 'graphql';

export interface GraphQLResponse {
  data?: Record<string, any> | null;
  errors?: GraphQLFormattedError[];
}

export interface Reply {
  status: number;
  headers: Headers;
  /** The parsed JSON body (an array for a batch). */
  body: any;
}

/**
 * POSTs a JSON body (or a raw string, sent as is) to a gateway, as a client would: accepting the
 * GraphQL-over-HTTP media type first, as Apollo Client 4, urql and graphql-request do, so a
 * refused document is answered 400 (see statusForMediaType).
 */
export async function post(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json;q=0.9', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** GETs a gateway's health report. */
export async function health(gatewayUrl: string): Promise<{ status: number; body: any }> {
  const response = await fetch(new URL('/health', gatewayUrl));
  return { status: response.status, body: await response.json() };
}

export const codesOf = (body: GraphQLResponse) => (body.errors ?? []).map((error) => error.extensions?.code);
