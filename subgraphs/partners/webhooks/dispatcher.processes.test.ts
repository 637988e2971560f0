import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../common/database';
import { EnvReader } from '../../common/env';
import { readKeyRing, useKeyRing } from '../../common/personal-data';
import { freshTestDatabaseUrl } from '../../common/testing/database';
import { startSubgraphProcess, type SubgraphProcess } from '../../common/testing/processes';
import { TEST_JWT_SECRET, TEST_PERSONAL_DATA_ENV } from '../../common/testing/subgraph';
import { partners } from '..';
import { WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus } from '../entities';
import { queueWebhooks } from '../services/webhooks';
import { fakeDomainEvent, fakePartner, fakeWebhookEndpoint } from '../testing/factories';
import { startTestReceiver, type TestReceiver } from '../testing/receiver';

/**
 * Two processes of the partners subgraph, each with its own delivery worker, on one database:
 * the deliveries both find due are sent once each. (On SQLite the database is a file both open.)
 */
const DELIVERIES = 40;
const RECEIVER_DELAY_MS = 50;

let directory: string;
let db: Database;
let processes: SubgraphProcess[] = [];
let receiver: TestReceiver;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'webhook-workers-'));
  const url = process.env.TEST_DATABASE_URL ? await freshTestDatabaseUrl('partners_webhook_workers') : join(directory, 'partners.sqlite');
  const keys = new EnvReader(TEST_PERSONAL_DATA_ENV);
  useKeyRing(readKeyRing(keys, false));
  keys.done();
  // Migrated here, once: two processes starting on an empty database would race to migrate it.
  db = await Database.open({ url, entities: partners.entities, migrations: partners.migrations });
  await db.migrate();
  receiver = await startTestReceiver();
  const environment = {
    PORT: '0',
    DATABASE_URL: url,
    JWT_SECRET: TEST_JWT_SECRET,
    ...TEST_PERSONAL_DATA_ENV,
    SEED_DEMO_DATA: 'false',
    // Local receivers are allowed in tests only.
    NODE_ENV: 'test',
    WEBHOOK_ALLOW_INSECURE_URLS: 'true',
    WEBHOOK_POLL_MS: '20',
  };
  processes = await Promise.all([startSubgraphProcess({ partners: environment }), startSubgraphProcess({ partners: environment })]);
}, 120_000);

afterAll(async () => {
  await Promise.all(processes.map((child) => child.stop()));
  await receiver?.close();
  await db?.close();
  rmSync(directory, { recursive: true, force: true });
});

async function allSettled(): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 100) {
    if ((await db.manager.countBy(WebhookDelivery, { status: WebhookDeliveryStatus.PENDING })) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('deliveries still pending after 30 s');
}

it('sends each delivery both workers find due exactly once', async () => {
  // A receiver that takes a moment to answer keeps both workers' passes overlapping.
  receiver.delayMs = RECEIVER_DELAY_MS;
  const { partner } = await fakePartner(db);
  const endpoint = await fakeWebhookEndpoint(db, partner, receiver.url, ['onboarding.logged']);
  const events = Array.from({ length: DELIVERIES }, () => fakeDomainEvent({ scope: { partnerId: partner.id } }));
  // All due at once, in one transaction: both workers' next passes find the same rows.
  await db.transaction(async (manager) => {
    for (const event of events) await queueWebhooks(manager, event, new Date(Date.now() - 60_000));
  });

  await allSettled();

  const received = receiver.received.map((request) => request.headers['webhook-id']);
  expect(received.sort()).toEqual(events.map((event) => event.id).sort());
  expect(await db.manager.countBy(WebhookDelivery, { endpointId: endpoint.id, status: WebhookDeliveryStatus.DELIVERED })).toBe(DELIVERIES);
  expect(await db.manager.count(WebhookAttempt)).toBe(DELIVERIES);
}, 60_000);
