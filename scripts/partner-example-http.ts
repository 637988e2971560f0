/**
 * The partner's path of partner-example.ts (key → token → first batch → webhooks) with nothing
 * but fetch and node:crypto, for systems that do not use the TypeScript SDK: every request is a
 * plain `POST /graphql`, every check written out, so it reads as a recipe for any language.
 *
 *   PARTNER_API_KEY=dtp_… npm run example:partner-http     (HUB_URL defaults to http://localhost:4000/graphql)
 *
 * docs/integrating.md shows the part between `docs:start` and `docs:end` (`npm run compose`
 * copies it there), and gateway/gateway.test.ts runs it against a hub whose gateway accepts only
 * the manifest's operations.
 */

// docs:start
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The hub's operations by name, as its manifest ships them (client/persisted-operations.json):
 * a production hub may accept only these, sent in full like this or by their `id` (SHA-256).
 */
function hubOperations(manifestPath = 'client/persisted-operations.json'): Map<string, string> {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { operations: { name: string; body: string }[] };
  return new Map(manifest.operations.map(({ name, body }) => [name, body]));
}

interface HubError {
  message: string;
  extensions?: { code?: string; field?: string; problems?: { field: string; message: string }[] };
}

/** A GraphQL answer with errors: `code` is what a program reads, `message` what a person reads (Vietnamese). */
class HubRequestError extends Error {
  constructor(readonly status: number, readonly errors: HubError[]) {
    super(errors.map((error) => error.message).join('; '));
  }
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/** One operation: a JSON POST; the status says little under application/json, the errors' codes say what went wrong. */
async function callHub<T>(hubUrl: string, query: string | undefined, variables: object, token?: string): Promise<T> {
  if (!query) throw new Error('No such operation in the manifest');
  const response = await fetch(hubUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json;q=0.9',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: HubError[] };
  if (body.errors?.length) throw new HubRequestError(response.status, body.errors);
  return body.data as T;
}

/**
 * A webhook's signature, checked by hand (Standard Webhooks): HMAC-SHA256 of
 * `<webhook-id>.<webhook-timestamp>.<body>` with the base64 key after `whsec_`, compared in
 * constant time with each `v1,<base64>` of `webhook-signature`; the timestamp within 5 minutes.
 */
function verifiedEvent(body: Buffer, headers: IncomingHttpHeaders, secret: string): { id: string; type: string; data: unknown } {
  const [id, timestamp, signatures] = ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => String(headers[name] ?? ''));
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) throw new Error('The webhook is too old or from the future');
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
  const matches = signatures.split(' ').some((signature) => {
    const [version, value] = signature.split(',');
    const given = Buffer.from(value ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new Error('The webhook’s signature does not match');
  return JSON.parse(body.toString('utf8')) as { id: string; type: string; data: unknown };
}

export async function runPlainHttpExample(hubUrl: string, apiKey: string, log: (line: string) => void = console.log) {
  const operations = hubOperations();
  const call = <T>(name: string, variables: object, token?: string) => callHub<T>(hubUrl, operations.get(name), variables, token);

  // 1. The API key for a 15-minute token (ask for a new one before it expires).
  const { partnerAccessToken } = await call<{ partnerAccessToken: { token: string; partner: { id: string; shortName: string } } }>(
    'PartnerAccessToken',
    { apiKey },
  );
  const { token, partner } = partnerAccessToken;
  log(`Signed in as ${partner.shortName}`);

  // 2. The teams and members the training was for (the hub's ids).
  type Teams = { teams: { nodes: { id: string; members: { id: string }[] }[] } };
  const { teams } = await call<Teams>('TeamsWithMembers', { unitCode: '17227', first: 3 }, token);

  // 3. The first batch, each row keyed by the training's id in the partner's own system.
  const heldOn = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  const input = {
    partnerId: partner.id,
    trainings: [
      {
        idempotencyKey: `${partner.shortName}-http-${heldOn}-1`,
        title: 'Hướng dẫn cài đặt ứng dụng VNeID',
        skill: 'ONLINE_PUBLIC_SERVICES',
        format: 'IN_PERSON',
        heldOn,
        place: 'Nhà văn hóa xã Tam Quang',
        trainer: 'Cán bộ chi nhánh',
        unitCode: '17227',
        invitedTeamIds: teams.nodes.map((team) => team.id),
        attendeeIds: teams.nodes[0].members.slice(0, 2).map((member) => member.id),
      },
    ],
  };
  type Logged = { logTrainings: { created: number; replayed: number; rows: { id: string }[] } };
  const first = (await call<Logged>('LogTrainings', { input }, token)).logTrainings;
  // A lost answer: send the very same batch again, the hub replays it and writes nothing twice.
  const again = (await call<Logged>('LogTrainings', { input }, token)).logTrainings;
  log(`Logged ${first.created} new; sent again: ${again.created} new, ${again.replayed} already there`);

  // 4. A bad row: the whole batch is refused, the error names the row and field, nothing is written.
  const bad = { ...input, trainings: [{ ...input.trainings[0], idempotencyKey: `${partner.shortName}-http-${heldOn}-2`, attendeeIds: ['no-such-member'] }] };
  const refusal = await call('LogTrainings', { input: bad }, token).then(
    () => undefined,
    (error: unknown) => {
      if (!(error instanceof HubRequestError)) throw error;
      return { code: error.code, field: error.errors[0]?.extensions?.field };
    },
  );
  log(`A bad batch was refused: ${refusal?.code} at ${refusal?.field}`);

  // 5. Webhooks: a receiver, registered (the signing secret is shown once), and a test event.
  let secret = '';
  const arrived = new Promise<{ id: string; type: string }>((resolve, reject) => {
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        let event: { id: string; type: string };
        try {
          event = verifiedEvent(Buffer.concat(chunks), request.headers, secret);
        } catch {
          return void response.writeHead(400).end(); // the hub tries again later
        }
        // A real receiver acts on each event once, by its id (the hub delivers at least once).
        response.writeHead(204).end();
        log(`Webhook received and verified: ${event.type} ${event.id}`);
        if (event.type !== 'webhook.test') return;
        receiver.closeAllConnections();
        receiver.close();
        resolve(event);
      });
    });
    receiver.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hub-events`;
      type Registered = { registerWebhookEndpoint: { signingSecret: string; endpoint: { id: string } } };
      call<Registered>('RegisterWebhookEndpoint', { input: { partnerId: partner.id, url, description: 'Hệ thống nhận sự kiện', eventTypes: ['training.logged'] } }, token)
        .then(({ registerWebhookEndpoint }) => {
          secret = registerWebhookEndpoint.signingSecret;
          return call('SendTestWebhook', { endpointId: registerWebhookEndpoint.endpoint.id }, token);
        })
        .catch((error: unknown) => {
          receiver.close();
          reject(error as Error);
        });
    });
  });
  return { partner: partner.shortName, first, again, refusal, webhook: await arrived };
}
// docs:end

if (require.main === module) {
  const apiKey = process.env.PARTNER_API_KEY;
  if (!apiKey) {
    console.error('Set PARTNER_API_KEY (for the demo data: PARTNER_API_KEY=$(npm run --silent partner-key -- Viettel))');
    process.exit(2);
  }
  runPlainHttpExample(process.env.HUB_URL ?? 'http://localhost:4000/graphql', apiKey).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
