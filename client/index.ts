/** The hub's typed client SDK: generated operations and types, the client, its errors and token sources. */
export * from './generated/graphql';
export { HubClient, withIdempotencyKeys, type HubClientOptions, type RetryNotice, type TokenSource } from './client';
export * from './errors';
export { partnerTokenProvider, type PartnerTokenOptions } from './tokens';
export { verifyWebhook, WebhookVerificationError, type HubWebhookEvent } from './webhooks';
