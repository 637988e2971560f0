import { randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Database } from '../../common/database';
import type { DomainEvent } from '../../common/outbox';
import { WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint } from '../entities';
import { TEST_EVENT_TYPE, webhookEventKind } from '../webhooks/catalogue';

/** A Standard Webhooks signing secret: `whsec_` and the base64 of 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** How long after a rotation deliveries also carry the old secret's signature: a day for the receiver to switch. */
export const PREVIOUS_SECRET_GRACE_HOURS = 24;

/**
 * A new signing secret for the endpoint (Standard Webhooks rotation): the old one still signs
 * deliveries, beside the new, for PREVIOUS_SECRET_GRACE_HOURS. Rotating again within that time
 * drops the oldest: only the secret just replaced keeps signing.
 */
export async function rotateSigningSecret(db: Database, manager: EntityManager, id: string, now = new Date()): Promise<WebhookEndpoint | null> {
  // Locked: of two rotations at once, the second replaces the first's secret, and both answers stay true in turn.
  const endpoint = await db.lockForUpdate(manager, WebhookEndpoint, { id });
  if (!endpoint) return null;
  return manager.save(
    Object.assign(endpoint, {
      previousSigningSecret: endpoint.signingSecret,
      previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_GRACE_HOURS * 3_600_000),
      signingSecret: newSigningSecret(),
    }),
  );
}

/**
 * Deletes the endpoint with its deliveries and their attempts (the foreign keys cascade): pending
 * ones are never sent, and the log goes with it (it holds the partner's events, of no use once the
 * endpoint is gone; the audit trail keeps that it was deleted). Returns how many deliveries were
 * still pending, or null when it was already gone.
 */
export async function deleteEndpoint(db: Database, manager: EntityManager, id: string): Promise<{ pendingCancelled: number } | null> {
  if (!(await db.lockForUpdate(manager, WebhookEndpoint, { id }))) return null;
  const pendingCancelled = await manager.countBy(WebhookDelivery, { endpointId: id, status: WebhookDeliveryStatus.PENDING });
  await manager.delete(WebhookEndpoint, { id });
  return { pendingCancelled };
}

/** The body sent: Standard Webhooks' `type`, `timestamp` and `data`, with the event's id and schema version. */
function bodyOf(id: string, type: string, version: number, occurredAt: string, data: Record<string, unknown>): string {
  return JSON.stringify({ id, type, version, timestamp: occurredAt, data });
}

function pick(payload: unknown, fields: readonly string[]): Record<string, unknown> {
  const source = (payload ?? {}) as Record<string, unknown>;
  return Object.fromEntries(fields.filter((field) => field in source).map((field) => [field, source[field]]));
}

/**
 * Queues `event` for every endpoint that subscribed to its type and may receive it: a partner's
 * own events only to that partner's endpoints, public ones to all. A disabled endpoint's
 * deliveries wait until it is enabled again, so nothing is lost while it is down. Runs in the
 * consumer's transaction; the (endpoint, event) unique index makes a second run harmless.
 * Returns how many endpoints it is for.
 */
export async function queueWebhooks(manager: EntityManager, event: DomainEvent, now = new Date()): Promise<number> {
  const kind = webhookEventKind(event.type);
  if (!kind) return 0;
  const partnerId = event.scope?.partnerId;
  if (kind.audience === 'partner' && !partnerId) return 0;
  const query = manager
    .createQueryBuilder(WebhookEndpoint, 'endpoint')
    .select(['endpoint.id', 'endpoint.partnerId', 'endpoint.eventTypeList']);
  if (kind.audience === 'partner') query.where('endpoint.partnerId = :partnerId', { partnerId });
  const endpoints = (await query.getMany()).filter((endpoint) => endpoint.eventTypes.includes(event.type));
  if (endpoints.length === 0) return 0;
  const payload = bodyOf(event.id, event.type, event.version, event.occurredAt, pick(event.payload, kind.fields));
  await manager
    .createQueryBuilder()
    .insert()
    .into(WebhookDelivery)
    .values(endpoints.map((endpoint) => pendingDelivery(endpoint, event.id, event.type, payload, now)))
    .orIgnore()
    .execute();
  return endpoints.length;
}

function pendingDelivery(endpoint: WebhookEndpoint, eventId: string, eventType: string, payload: string, now: Date) {
  return {
    id: randomUUID(),
    endpointId: endpoint.id,
    partnerId: endpoint.partnerId,
    eventId,
    eventType,
    payload,
    status: WebhookDeliveryStatus.PENDING,
    attempts: 0,
    nextAttemptAt: now,
    roundStartedAt: now,
    deliveredAt: null,
    lastResponseStatus: null,
    lastError: null,
    createdAt: now,
  };
}

/** A `webhook.test` event for one endpoint, so a partner can check its receiver. */
export async function queueTestWebhook(manager: EntityManager, endpoint: WebhookEndpoint, now = new Date()): Promise<WebhookDelivery> {
  const id = randomUUID();
  const payload = bodyOf(id, TEST_EVENT_TYPE, 1, now.toISOString(), { endpointId: endpoint.id, partnerId: endpoint.partnerId });
  return manager.save(manager.create(WebhookDelivery, pendingDelivery(endpoint, id, TEST_EVENT_TYPE, payload, now)));
}

/** Sends a delivery again, as a new round of attempts (the log keeps the earlier ones). */
export function redeliver(manager: EntityManager, delivery: WebhookDelivery, now = new Date()): Promise<WebhookDelivery> {
  return manager.save(
    Object.assign(delivery, {
      status: WebhookDeliveryStatus.PENDING,
      attempts: 0,
      nextAttemptAt: now,
      roundStartedAt: now,
      deliveredAt: null,
    }),
  );
}
