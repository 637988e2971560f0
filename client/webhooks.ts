import { Webhook, WebhookVerificationError } from 'standardwebhooks';

export { WebhookVerificationError };

/** What the hub POSTs to a partner's webhook endpoint (the JSON body). */
export interface HubWebhookEvent<Data = Record<string, unknown>> {
  /** The event's id, also the `webhook-id` header: the same on every retry and redelivery, so deduplicate on it. */
  id: string;
  /** e.g. `training.logged`, `unit.moved`, `webhook.test` (see the `webhookEventTypes` query). */
  type: string;
  /** The version of `data`'s schema for this type. */
  version: number;
  /** When it happened (ISO 8601). */
  timestamp: string;
  data: Data;
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function headerRecord(headers: HeaderSource): Record<string, string> {
  if (typeof (headers as Headers).get === 'function') {
    const from = headers as Headers;
    return Object.fromEntries(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [name, from.get(name) ?? '']));
  }
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (value !== undefined) record[name.toLowerCase()] = Array.isArray(value) ? value.join(' ') : value;
  }
  return record;
}

/**
 * Checks that a webhook came from the hub (Standard Webhooks: HMAC-SHA256 of `webhook-id`,
 * `webhook-timestamp` and the body, with the endpoint's `whsec_…` secret) and is recent (within
 * five minutes), and returns its event. Pass the body exactly as received, before any JSON
 * parsing, and the request's headers (Node's `request.headers` or a fetch `Headers`). Throws a
 * `WebhookVerificationError` otherwise: answer it with 400 and do not act on it.
 */
export function verifyWebhook<Data = Record<string, unknown>>(body: string | Buffer, headers: HeaderSource, secret: string): HubWebhookEvent<Data> {
  return new Webhook(secret).verify(body, headerRecord(headers)) as HubWebhookEvent<Data>;
}
