import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a test receiver got. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** The status it answered. */
  status: number;
}

/** A partner's webhook receiver on 127.0.0.1 for tests: answers each request with the status `answer` gives. */
export interface TestReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Decides the status of the next request, given how many came before it and its headers. */
  answer: (count: number, headers: IncomingHttpHeaders) => number;
  /** How long it takes to answer each request (0: at once). */
  delayMs: number;
  close(): Promise<void>;
}

/** Starts a receiver that fails (HTTP 500) the first `failures` requests and then answers 204. */
export async function startTestReceiver(failures = 0): Promise<TestReceiver> {
  const receiver: TestReceiver = {
    url: '',
    received: [],
    answer: (count) => (count < failures ? 500 : 204),
    delayMs: 0,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = receiver.answer(receiver.received.length, request.headers);
      receiver.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      setTimeout(() => response.writeHead(status).end(), receiver.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/hub`;
  return receiver;
}

/** A receiver that accepts connections and never answers (until closed). */
export async function startHangingReceiver(): Promise<{ url: string; close(): Promise<void> }> {
  const open = new Set<ServerResponse>();
  const server = createServer((_request, response) => void open.add(response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hang`,
    close: () =>
      new Promise((resolve) => {
        for (const response of open) response.destroy();
        server.close(() => resolve());
      }),
  };
}
