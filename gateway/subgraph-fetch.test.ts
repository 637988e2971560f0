import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { failedToConnect } from '../subgraphs/common/connection';
import { freePort } from '../subgraphs/common/testing/ports';
import type { GatewayContext } from './gateway';
import { SubgraphDataSource, subgraphFetcher } from './subgraph-fetch';

let server: Server;
let url: string;
const connections = new Agent();
/** What the test's subgraph does with the next request. */
let answer: (response: ServerResponse) => void;
/** What it was last sent. */
let received: { headers: IncomingHttpHeaders; body: string };

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received = { headers: request.headers, body: Buffer.concat(chunks).toString() };
      answer(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await connections.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

it('reads the answer in full: its status, whether it is JSON, and its body', async () => {
  answer = (response) => response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end('{"data":{"tên":"Tổ công nghệ số"}}');
  const response = await subgraphFetcher(1000, connections)(url, { 'content-type': 'application/json' }, '{}');
  expect(response).toEqual({ ok: true, status: 200, json: true, body: '{"data":{"tên":"Tổ công nghệ số"}}' });
  answer = (response) => response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>');
  expect(await subgraphFetcher(1000, connections)(url, {}, '{}')).toEqual({ ok: false, status: 502, json: false, body: '<h1>Bad Gateway</h1>' });
});

it('passes a refusal on as an answer that is not ok', async () => {
  answer = (response) => response.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"message":"Phiên đăng nhập đã hết hạn"}]}');
  const response = await subgraphFetcher(1000, connections)(url, {}, '{}');
  expect(response).toMatchObject({ ok: false, status: 401, json: true });
});

it('gives up after its timeout, also while the body is still coming', async () => {
  answer = () => undefined;
  await expect(subgraphFetcher(100, connections)(url, {}, '{}')).rejects.toMatchObject({ name: 'TimeoutError' });
  answer = (response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"data":');
  };
  await expect(subgraphFetcher(100, connections)(url, {}, '{}')).rejects.toMatchObject({ name: 'TimeoutError' });
});

it('fails with a connection failure the gateway retries reads on when nobody listens', async () => {
  const error = await subgraphFetcher(1000, connections)(`http://127.0.0.1:${await freePort()}/graphql`, {}, '{}').catch((caught: unknown) => caught);
  expect(error).toMatchObject({ code: 'ECONNREFUSED' });
  expect(failedToConnect(error)).toBe(true);
});

describe('a subgraph as the gateway reaches it', () => {
  const teams = () => new SubgraphDataSource('teams', url, 1000, connections);
  const asked = (query: string, context: GatewayContext = {}) =>
    ({ request: { query, variables: { id: 't1' }, operationName: 'Team' }, context }) as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
  const json = (status: number, body: unknown) => (response: ServerResponse) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  it("is sent the operation with the caller's token, request id and language, and its answer is the gateway's", async () => {
    answer = json(200, { data: { team: { name: 'Tổ công nghệ số thôn Đông' } } });
    const response = await teams().process(asked('query Team($id: ID!) { team(id: $id) { name } }', { authorization: 'Bearer abc', requestId: 'req-12345678', language: 'vi' }));
    expect(response).toEqual({ data: { team: { name: 'Tổ công nghệ số thôn Đông' } } });
    expect(received.headers).toMatchObject({ authorization: 'Bearer abc', 'x-request-id': 'req-12345678', 'accept-language': 'vi', 'content-type': 'application/json' });
    expect(JSON.parse(received.body)).toEqual({ query: 'query Team($id: ID!) { team(id: $id) { name } }', variables: { id: 't1' }, operationName: 'Team' });
  });

  it('passes on what a subgraph says when it refuses, and names one that answers without GraphQL as unavailable', async () => {
    answer = json(401, { errors: [{ message: 'Phiên đăng nhập đã hết hạn', extensions: { code: 'UNAUTHENTICATED' } }] });
    await expect(teams().process(asked('{ team { name } }'))).rejects.toMatchObject({ message: 'Phiên đăng nhập đã hết hạn', extensions: { code: 'UNAUTHENTICATED' } });
    for (const [status, contentType, body] of [
      [502, 'text/html', '<h1>Bad Gateway</h1>'],
      [200, 'text/html', '<h1>Đang bảo trì</h1>'],
      [200, 'application/json', '{"data":'],
      [401, 'application/json', '{"errors":{"message":"không phải một danh sách"}}'],
    ] as const) {
      answer = (response) => response.writeHead(status, { 'content-type': contentType }).end(body);
      const error = await teams().process(asked('{ team { name } }')).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE', serviceName: 'teams' } });
      expect((error as Error).message).toContain('Phần “tổ công nghệ số” của hệ thống đang không trả lời (HTTP');
    }
  });
});
