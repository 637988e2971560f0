/**
 * An example of a partner's system logging its trainings in the hub, safely.
 *
 *   PARTNER_API_KEY=dtp_… npm run example:partner     (HUB_URL defaults to http://localhost:4000/graphql)
 *
 * It uses the hub's typed client SDK (client/): generated documents and types, typed errors, retries.
 *
 * 1. exchanges the partner's API key for a 15-minute token (refreshed by the SDK before it expires);
 * 2. finds team members to record as attendees (ids from the teams subgraph);
 * 3. logs a batch of trainings, each row keyed by the id the training has in the partner's own
 *    system, and sends the batch again (as after a timeout): the hub replays, nothing is duplicated;
 * 4. sends a batch with a bad row and prints the hub's report: which row, why, nothing written;
 * 5. receives the hub's events by webhook: starts its own receiver, registers it (the signing
 *    secret comes back once), asks for a test event and verifies its signature with the SDK's
 *    verifyWebhook. Here the receiver is http://127.0.0.1, which only a development or test hub
 *    accepts (WEBHOOK_ALLOW_INSECURE_URLS, set by `npm start`); a real one is an https URL.
 */

// docs:start
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BadUserInputError,
  HubClient,
  LogTrainingsDocument,
  partnerTokenProvider,
  RegisterWebhookEndpointDocument,
  SendTestWebhookDocument,
  TeamsWithMembersDocument,
  verifyWebhook,
  WebhookVerificationError,
  type HubWebhookEvent,
  type LogTrainingsMutation,
  type PartnerAccessTokenMutation,
  type Problem,
  type TrainingInput,
} from '../client';

export interface ExampleOutcome {
  partner: string;
  first: { created: number; replayed: number; ids: string[] };
  again: { created: number; replayed: number; ids: string[] };
  refusal: { code: string; field?: string; problems: Problem[] };
  webhook: { type: string; id: string; endpointId: string };
}

type LogResult = LogTrainingsMutation['logTrainings'];

export async function runPartnerExample(hubUrl: string, apiKey: string, log: (line: string) => void = console.log): Promise<ExampleOutcome> {
  // The SDK exchanges the key for a 15-minute token, and again shortly before it expires.
  let signedIn: PartnerAccessTokenMutation['partnerAccessToken']['partner'] | undefined;
  const token = partnerTokenProvider({ endpoint: hubUrl, apiKey, onToken: (issued) => (signedIn = issued.partner) });
  const hub = new HubClient({ endpoint: hubUrl, token });
  await token(); // a revoked or unknown key fails here, with an UnauthenticatedError
  const partner = signedIn;
  if (!partner) throw new Error('The hub gave a token without its partner');
  log(`Signed in as ${partner.shortName}`);

  const { teams } = await hub.request(TeamsWithMembersDocument, { unitCode: '17227', first: 3 });
  const [commune, ...villages] = teams.nodes;
  // Our own system's ids for these trainings: stable, so a re-sent batch carries the same keys.
  const ownId = (n: number) => `${partner.shortName}-tap-huan-${daysAgo(0)}-${n}`;
  const trainings: TrainingInput[] = [
    {
      idempotencyKey: ownId(1),
      title: 'Tập huấn thanh toán không dùng tiền mặt cho tổ công nghệ số',
      skill: 'ONLINE_PAYMENT',
      format: 'IN_PERSON',
      heldOn: daysAgo(14),
      place: 'Nhà văn hóa xã Tam Quang',
      trainer: 'Cán bộ chi nhánh',
      unitCode: '17227',
      invitedTeamIds: teams.nodes.map((team) => team.id),
      attendeeIds: commune.members.slice(0, 3).map((member) => member.id),
    },
    {
      idempotencyKey: ownId(2),
      title: 'Nhận diện lừa đảo trực tuyến',
      skill: 'ONLINE_SAFETY',
      format: 'ONLINE',
      heldOn: daysAgo(7),
      link: 'https://meet.example.vn/an-toan-mang',
      trainer: 'Cán bộ chi nhánh',
      unitCode: '17227',
      invitedTeamIds: villages.map((team) => team.id),
      attendeeIds: villages.flatMap((team) => team.members.slice(0, 2).map((member) => member.id)),
    },
  ];
  const input = { partnerId: partner.id, trainings };

  // The SDK itself retries a lost answer with the same keys; a batch is safe to send again at any time.
  const first = (await hub.request(LogTrainingsDocument, { input })).logTrainings;
  log(`Logged: ${first.created} new, ${first.replayed} already there`);
  for (const row of first.rows) log(`  ${row.title}: ${row.attendeeCount} attended`);

  // The answer could have been lost on the way back: sending the same batch again is safe.
  const again = (await hub.request(LogTrainingsDocument, { input })).logTrainings;
  log(`Sent again: ${again.created} new, ${again.replayed} already there (same trainings: ${sameIds(first, again)})`);

  const bad = {
    partnerId: partner.id,
    trainings: [{ ...trainings[0], idempotencyKey: ownId(3) }, { ...trainings[1], idempotencyKey: ownId(4), attendeeIds: ['no-such-member'] }],
  };
  let refusal: ExampleOutcome['refusal'] | undefined;
  try {
    await hub.request(LogTrainingsDocument, { input: bad });
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    refusal = { code: error.code, field: error.field, problems: error.problems };
    log(`A batch with a bad row was refused, nothing written: ${error.message}`);
    for (const problem of error.problems) log(`  ${problem.field}: ${problem.message}`);
  }
  if (!refusal) throw new Error('The hub accepted a batch with an unknown member');

  const webhook = await receiveOneWebhook(hub, partner.id, log);

  const summary = (result: LogResult) => ({
    created: result.created,
    replayed: result.replayed,
    ids: result.rows.map((row) => row.id),
  });
  return { partner: partner.shortName, first: summary(first), again: summary(again), refusal, webhook };
}

/**
 * The partner's receiver: takes the body as sent (before any JSON parsing), verifies it with the
 * endpoint's secret, answers 204 (400 when the signature is wrong: the hub will try again, and an
 * attacker gets nothing). A real receiver also deduplicates on the event's id (`webhook-id`), since
 * the hub delivers at least once.
 */
async function receiveOneWebhook(hub: HubClient, partnerId: string, log: (line: string) => void): Promise<ExampleOutcome['webhook']> {
  let secret = '';
  let received: (event: HubWebhookEvent) => void = () => undefined;
  const arrived = new Promise<HubWebhookEvent>((resolve) => (received = resolve));
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const event = verifyWebhook(Buffer.concat(chunks), request.headers, secret);
        response.writeHead(204).end();
        // The batches logged above may reach the new endpoint first; the example waits for its test event.
        if (event.type === 'webhook.test') received(event);
        else log(`Webhook received and verified: ${event.type} ${event.id}`);
      } catch (error) {
        if (!(error instanceof WebhookVerificationError)) throw error;
        log(`A webhook with a bad signature was refused: ${error.message}`);
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hub-events`;
    const { registerWebhookEndpoint } = await hub.request(RegisterWebhookEndpointDocument, {
      input: { partnerId, url, description: 'Ví dụ: hệ thống nhận sự kiện', eventTypes: ['training.logged', 'onboarding.logged'] },
    });
    // Shown this once: a real system keeps it in its secret store.
    secret = registerWebhookEndpoint.signingSecret;
    const { endpoint } = registerWebhookEndpoint;
    log(`Webhook endpoint registered: ${endpoint.url} for ${endpoint.eventTypes.join(', ')}`);
    await hub.request(SendTestWebhookDocument, { endpointId: endpoint.id });
    const event = await Promise.race([
      arrived,
      new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('No webhook arrived within 30 seconds')), 30_000).unref()),
    ]);
    log(`Webhook received and verified: ${event.type} ${event.id}`);
    return { type: event.type, id: event.id, endpointId: endpoint.id };
  } finally {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
}

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

function sameIds(a: LogResult, b: LogResult): boolean {
  return a.rows.map((row) => row.id).join() === b.rows.map((row) => row.id).join();
}
// docs:end

if (require.main === module) {
  const apiKey = process.env.PARTNER_API_KEY;
  if (!apiKey) {
    console.error('Set PARTNER_API_KEY (for the demo data: PARTNER_API_KEY=$(npm run --silent partner-key -- Viettel))');
    process.exit(2);
  }
  runPartnerExample(process.env.HUB_URL ?? 'http://localhost:4000/graphql', apiKey).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
