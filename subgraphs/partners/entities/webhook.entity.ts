import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { IdentifiedEntity } from '../../common/entity';
import { SealedColumn } from '../../common/personal-data';
import { Partner } from './partner.entity';

export enum WebhookEndpointStatus {
  ENABLED = 'ENABLED',
  /** By the partner, or by the hub after every attempt of a delivery failed (see disabledReason). */
  DISABLED = 'DISABLED',
}

export enum WebhookDeliveryStatus {
  /** Waiting for its next attempt (or for its endpoint to be enabled again). */
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  /** Every attempt failed: only a redelivery sends it again. */
  FAILED = 'FAILED',
}

registerEnumType(WebhookEndpointStatus, {
  name: 'WebhookEndpointStatus',
  description: 'Whether a webhook endpoint receives events',
  valuesConfig: {
    ENABLED: { description: 'Events are sent to it' },
    DISABLED: { description: 'By the partner, or by the hub after every attempt of a delivery failed (see disabledReason)' },
  },
});
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a webhook delivery stands',
  valuesConfig: {
    PENDING: { description: 'Waiting for its next attempt (or for its endpoint to be enabled again)' },
    DELIVERED: { description: 'The endpoint accepted it' },
    FAILED: { description: 'Every attempt failed: only a redelivery sends it again' },
  },
});

/** Standard Webhooks secrets: `whsec_` and the base64 of 32 random bytes. */
export const SIGNING_SECRET_LENGTH = 50;

/**
 * Where a partner's system receives the hub's events (Standard Webhooks): an https URL, the event
 * types it wants, and the secret the hub signs with (sealed at rest; shown to the partner once).
 */
@ObjectType({ description: 'A partner system’s webhook endpoint (its signing secret is shown only when registered)' })
@Entity('webhook_endpoint')
export class WebhookEndpoint extends IdentifiedEntity {
  @Index('IDX_webhook_endpoint_partner')
  @Column({ type: 'varchar', length: 36 })
  partnerId: string;

  @ManyToOne(() => Partner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnerId', foreignKeyConstraintName: 'FK_webhook_endpoint_partner' })
  partner?: Partner;

  @Field({ description: 'Where events are sent (HTTPS)' })
  @Column({ type: 'varchar', length: 500 })
  url: string;

  @Field({ description: 'What it is for, e.g. "CRM Viettel Nghệ An"' })
  @Column({ type: 'varchar', length: 120 })
  description: string;

  /** The event types it receives, space-separated (few, and always read whole). */
  @Column({ type: 'varchar', length: 1000 })
  eventTypeList: string;

  @SealedColumn(SIGNING_SECRET_LENGTH)
  signingSecret: string;

  /** The secret before the last rotation: deliveries carry its signature too until previousSecretExpiresAt. */
  @SealedColumn(SIGNING_SECRET_LENGTH, { nullable: true })
  previousSigningSecret: string | null;

  @Field(() => Date, { nullable: true, description: 'Until when deliveries also carry a signature made with the secret before the last rotation (null: one secret)' })
  @Column({ type: 'datetime', nullable: true })
  previousSecretExpiresAt: Date | null;

  @Field(() => WebhookEndpointStatus, { description: 'Whether events are sent to it' })
  @Column({ type: 'varchar', length: 10 })
  status: WebhookEndpointStatus;

  @Field(() => Date, { nullable: true, description: 'When it was disabled' })
  @Column({ type: 'datetime', nullable: true })
  disabledAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was disabled, in Vietnamese' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  disabledReason: string | null;

  /** When its current run of failures began; cleared by a successful delivery. */
  @Field(() => Date, { nullable: true, description: 'Since when every delivery to it has failed (null when the last one succeeded)' })
  @Column({ type: 'datetime', nullable: true })
  failingSince: Date | null;

  @Field({ description: 'When it was registered' })
  @CreateDateColumn()
  createdAt: Date;

  @Column({ type: 'varchar', length: 100, nullable: true })
  createdBy: string | null;

  get eventTypes(): string[] {
    return this.eventTypeList.split(' ').filter(Boolean);
  }
}

/** One event for one endpoint: sent until the endpoint answers 2xx, with backoff between attempts. */
@ObjectType({ description: 'An event sent (or to be sent) to a webhook endpoint' })
@Entity('webhook_delivery')
@Index('UQ_webhook_delivery_endpoint_event', ['endpointId', 'eventId'], { unique: true })
// The worker looks for what is due: pending, by time.
@Index('IDX_webhook_delivery_due', ['status', 'nextAttemptAt'])
// The log a partner reads: an endpoint's deliveries in order.
@Index('IDX_webhook_delivery_endpoint_created', ['endpointId', 'createdAt'])
// Retention finds what was settled long ago: delivered or failed, by when its last round began.
@Index('IDX_webhook_delivery_status_round', ['status', 'roundStartedAt'])
export class WebhookDelivery extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  endpointId: string;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpointId', foreignKeyConstraintName: 'FK_webhook_delivery_endpoint' })
  endpoint?: WebhookEndpoint;

  @Column({ type: 'varchar', length: 36 })
  partnerId: string;

  @Field({ description: 'The event’s id, sent as `webhook-id`: the same on every attempt and redelivery (deduplicate on it)' })
  @Column({ type: 'varchar', length: 36 })
  eventId: string;

  @Field({ description: 'The event type, e.g. training.logged' })
  @Column({ type: 'varchar', length: 80 })
  eventType: string;

  @Field({ description: 'The JSON body sent' })
  @Column({ type: 'text' })
  payload: string;

  @Field(() => WebhookDeliveryStatus, { description: 'Where the delivery stands' })
  @Column({ type: 'varchar', length: 10 })
  status: WebhookDeliveryStatus;

  /** Attempts since it was created or last redelivered: what the backoff counts. */
  @Field(() => Int, { description: 'Attempts since it was created or last redelivered' })
  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Also the lease of an attempt in flight: the worker moves it ahead when it claims the delivery. */
  @Field(() => Date, { nullable: true, description: 'When the next attempt is due' })
  @Column({ type: 'datetime', nullable: true })
  nextAttemptAt: Date | null;

  /** When this round of attempts began (created, or redelivered): what retention counts from. */
  @Column({ type: 'datetime' })
  roundStartedAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the endpoint accepted the event' })
  @Column({ type: 'datetime', nullable: true })
  deliveredAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last attempt (null when no answer came)' })
  @Column({ type: 'int', nullable: true })
  lastResponseStatus: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed, in Vietnamese' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  lastError: string | null;

  /** Set by the hub (not the database) so the log's cursors compare alike on SQLite and MySQL. */
  @Field({ description: 'When the delivery was made' })
  @Column({ type: 'datetime' })
  createdAt: Date;
}

/** One HTTP request of a delivery: the delivery log. */
@ObjectType({ description: 'One attempt to deliver a webhook' })
@Entity('webhook_attempt')
export class WebhookAttempt extends IdentifiedEntity {
  @Index('IDX_webhook_attempt_delivery')
  @Column({ type: 'varchar', length: 36 })
  deliveryId: string;

  @ManyToOne(() => WebhookDelivery, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deliveryId', foreignKeyConstraintName: 'FK_webhook_attempt_delivery' })
  delivery?: WebhookDelivery;

  @Field({ description: 'When the attempt was made' })
  @Column({ type: 'datetime' })
  attemptedAt: Date;

  @Field(() => Int, { nullable: true, description: 'The HTTP status answered (null when no answer came)' })
  @Column({ type: 'int', nullable: true })
  responseStatus: number | null;

  @Field(() => Int, { description: 'How long the endpoint took to answer, in milliseconds' })
  @Column({ type: 'int' })
  durationMs: number;

  @Field(() => String, { nullable: true, description: 'Why it failed, in Vietnamese' })
  @Column({ type: 'varchar', length: 300, nullable: true })
  error: string | null;
}

export enum PartnerNoticeKind {
  WEBHOOK_ENDPOINT_DISABLED = 'WEBHOOK_ENDPOINT_DISABLED',
}
registerEnumType(PartnerNoticeKind, {
  name: 'PartnerNoticeKind',
  description: 'What a notice to a partner is about',
  valuesConfig: {
    WEBHOOK_ENDPOINT_DISABLED: { description: 'The hub disabled a webhook endpoint after every attempt of a delivery failed' },
  },
});

/** Something the hub tells a partner (in Vietnamese), which its staff and systems can query. */
@ObjectType({ description: 'A notice from the hub to a partner' })
@Entity('partner_notice')
@Index('IDX_partner_notice_partner_created', ['partnerId', 'createdAt'])
export class PartnerNotice extends IdentifiedEntity {
  @Column({ type: 'varchar', length: 36 })
  partnerId: string;

  @ManyToOne(() => Partner, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'partnerId', foreignKeyConstraintName: 'FK_partner_notice_partner' })
  partner?: Partner;

  @Field(() => PartnerNoticeKind, { description: 'What the notice is about' })
  @Column({ type: 'varchar', length: 40 })
  kind: PartnerNoticeKind;

  @Field({ description: 'The record it is about (a webhook endpoint’s id)' })
  @Column({ type: 'varchar', length: 36 })
  subjectId: string;

  @Field({ description: 'In Vietnamese' })
  @Column({ type: 'varchar', length: 1000 })
  message: string;

  @Field({ description: 'When the notice was made' })
  @CreateDateColumn()
  createdAt: Date;
}
