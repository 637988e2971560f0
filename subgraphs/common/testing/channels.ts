import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Channel, ChannelKind, OutgoingMessage } from '../reminders/channels';

/** A channel that keeps what it is given, and can be told to refuse (the scheduler's tests). */
export class RecordingChannel implements Channel {
  sent: OutgoingMessage[] = [];
  refusing = false;
  constructor(readonly kind: ChannelKind) {}
  async send(message: OutgoingMessage): Promise<void> {
    if (this.refusing) throw new Error('the relay is down');
    this.sent.push(message);
  }
}

/** Zalo's open API as a test sees it: what it was sent, and what it answers next. */
export interface FakeZaloApi {
  /** The ZNS endpoint to configure (`ZaloConfig.url`). */
  url: string;
  requests: { headers: IncomingHttpHeaders; body: any }[];
  answer: { status: number; body: object };
  close(): Promise<void>;
}

/** A local fake of Zalo's open API on a free port: it records what it is sent and answers as Zalo does. */
export async function fakeZaloApi(): Promise<FakeZaloApi> {
  const requests: FakeZaloApi['requests'] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.writeHead(fake.answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(fake.answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const fake: FakeZaloApi = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/message/template`,
    requests,
    answer: { status: 200, body: { error: 0, message: 'Success', data: { msg_id: 'm1' } } },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fake;
}
