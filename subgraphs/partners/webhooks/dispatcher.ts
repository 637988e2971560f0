import { randomUUID } from 'node:crypto';
import { Counter } from 'prom-client';
import { Webhook } from 'standardwebhooks';
import { In, IsNull, LessThanOrEqual, type EntityManager } from 'typeorm';
import type { Database } from '../../common/database';
import { logger } from '../../common/logging';
import {
  PartnerNotice,
  PartnerNoticeKind,
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookEndpointStatus,
} from '../entities';
import { readWebhookSettings, sendingProblem, useWebhookSettings, webhookSettings, type WebhookSettings } from './settings';

/**
 * Minutes before each retry: doubling from one minute, so the last of the 12 attempts comes about
 * 34 hours after the first, a receiver down for a day and a night still gets everything.
 */
export const RETRY_DELAYS_MINUTES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MINUTES.length + 1;

const MINUTE = 60_000;

const attemptsMade = new Counter({
  name: 'webhook_attempts_total',
  help: 'Webhook delivery attempts, by outcome (delivered, failed)',
  labelNames: ['outcome'] as const,
});

export interface DispatcherOptions {
  /** The clock deliveries are scheduled by (tests pass a fake one). */
  now?: () => Date;
  settings?: WebhookSettings;
  /** How many deliveries one pass sends, at once. */
  batchSize?: number;
}

interface Outcome {
  responseStatus: number | null;
  error: string | null;
  durationMs: number;
}

/** When in Vietnam, for notices: 14:05 02/12/2026. */
function vietnamTime(date: Date): string {
  return new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(date);
}

/**
 * The secrets a delivery attempted at `at` (the scheduling clock) is signed with: the endpoint's, and for a grace period after a
 * rotation the one before it too, so a receiver still checking with the old secret accepts it
 * (Standard Webhooks: space-separated signatures, any one matching suffices).
 */
export function signingSecretsAt(endpoint: WebhookEndpoint, at: Date): string[] {
  const previousValid = endpoint.previousSigningSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt.getTime() > at.getTime();
  return previousValid ? [endpoint.signingSecret, endpoint.previousSigningSecret!] : [endpoint.signingSecret];
}

/**
 * Sends queued webhook deliveries (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature`) and records every attempt. Any number of processes may run one on the same
 * database: each delivery is claimed with a conditional update before it is sent, and the claim
 * (its next attempt moved past the request's timeout) lapses if the process dies mid-send.
 */
export class WebhookDispatcher {
  private readonly now: () => Date;
  private readonly settings: () => WebhookSettings;
  private readonly batchSize: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Database,
    { now = () => new Date(), settings, batchSize = 20 }: DispatcherOptions = {},
  ) {
    this.now = now;
    this.settings = () => settings ?? webhookSettings();
    this.batchSize = batchSize;
  }

  /** One pass: sends what is due now, at most a batch; returns how many were sent. */
  async deliverDue(): Promise<number> {
    const now = this.now();
    const due = await this.db.manager
      .createQueryBuilder(WebhookDelivery, 'delivery')
      .innerJoin(WebhookEndpoint, 'endpoint', 'endpoint.id = delivery.endpointId')
      .where('delivery.status = :pending', { pending: WebhookDeliveryStatus.PENDING })
      .andWhere('delivery.nextAttemptAt <= :now', { now })
      .andWhere('endpoint.status = :enabled', { enabled: WebhookEndpointStatus.ENABLED })
      .orderBy('delivery.nextAttemptAt', 'ASC')
      .limit(this.batchSize)
      .getMany();
    const claimed: WebhookDelivery[] = [];
    for (const delivery of due) if (await this.claim(delivery, now)) claimed.push(delivery);
    if (claimed.length === 0) return 0;
    const endpoints = await this.db.manager.findBy(WebhookEndpoint, { id: In([...new Set(claimed.map((delivery) => delivery.endpointId))]) });
    const byId = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint]));
    await Promise.all(claimed.map((delivery) => this.attempt(delivery, byId.get(delivery.endpointId)!, now)));
    return claimed.length;
  }

  /** Polls every `pollMs` (the subgraph's background worker). */
  start(pollMs = this.settings().pollMs): void {
    if (pollMs <= 0 || this.timer) return;
    const tick = () => {
      this.running = this.deliverDue()
        .catch((error: unknown) => logger.error({ err: error }, 'webhook delivery pass failed'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, pollMs).unref();
        });
    };
    this.timer = setTimeout(tick, pollMs).unref();
  }

  /** Stops polling and waits for the pass in flight. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Moves the delivery's next attempt past this one's timeout, unless another process did first. */
  private async claim(delivery: WebhookDelivery, now: Date): Promise<boolean> {
    const lease = new Date(now.getTime() + 2 * this.settings().timeoutMs + MINUTE);
    const { affected } = await this.db.manager.update(
      WebhookDelivery,
      { id: delivery.id, status: WebhookDeliveryStatus.PENDING, nextAttemptAt: LessThanOrEqual(now) },
      { nextAttemptAt: lease },
    );
    return affected === 1;
  }

  private async attempt(delivery: WebhookDelivery, endpoint: WebhookEndpoint, now: Date): Promise<void> {
    const outcome = await this.send(delivery, endpoint, now);
    attemptsMade.inc({ outcome: outcome.error ? 'failed' : 'delivered' });
    await this.db.transaction((manager) => this.record(manager, delivery, endpoint, outcome, now));
  }

  private async send(delivery: WebhookDelivery, endpoint: WebhookEndpoint, now: Date): Promise<Outcome> {
    const started = Date.now();
    const settings = this.settings();
    const problem = await sendingProblem(endpoint.url, settings);
    if (problem) return { responseStatus: null, error: `Địa chỉ nhận ${problem}`, durationMs: 0 };
    // The wall clock, not the scheduling one: receivers check the timestamp against their own.
    const timestamp = new Date();
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'digital-teams-hub-webhooks/1',
          'webhook-id': delivery.eventId,
          'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
          'webhook-signature': signingSecretsAt(endpoint, now)
            .map((secret) => new Webhook(secret).sign(delivery.eventId, timestamp, delivery.payload))
            .join(' '),
        },
        body: delivery.payload,
        // A redirect could point anywhere, inside our network too: the registered URL is the one used.
        redirect: 'manual',
        signal: AbortSignal.timeout(settings.timeoutMs),
      });
      await response.body?.cancel();
      const durationMs = Date.now() - started;
      const { status } = response;
      if (status >= 200 && status < 300) return { responseStatus: status, error: null, durationMs };
      const error =
        status >= 300 && status < 400
          ? `Địa chỉ nhận chuyển hướng (HTTP ${status}): hệ thống không đi theo chuyển hướng, hãy đăng ký địa chỉ cuối cùng`
          : `Địa chỉ nhận trả lời HTTP ${status}`;
      return { responseStatus: status, error, durationMs };
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      return {
        responseStatus: null,
        error: timedOut ? `Địa chỉ nhận không trả lời trong ${settings.timeoutMs / 1000} giây` : 'Không kết nối được tới địa chỉ nhận',
        durationMs: Date.now() - started,
      };
    }
  }

  private async record(manager: EntityManager, delivery: WebhookDelivery, endpoint: WebhookEndpoint, outcome: Outcome, now: Date): Promise<void> {
    const { responseStatus, error, durationMs } = outcome;
    const attempts = delivery.attempts + 1;
    const settled = !error
      ? { status: WebhookDeliveryStatus.DELIVERED, deliveredAt: now, nextAttemptAt: null }
      : attempts < MAX_ATTEMPTS
        ? { nextAttemptAt: new Date(now.getTime() + RETRY_DELAYS_MINUTES[attempts - 1] * MINUTE) }
        : { status: WebhookDeliveryStatus.FAILED, nextAttemptAt: null };
    // A write first, so the transaction holds the write lock from its start (on SQLite a read and then a
    // write fails at once as busy while another process writes). No row: the endpoint was deleted while
    // this attempt was in flight, and its deliveries went with it.
    const { affected } = await manager.update(WebhookDelivery, { id: delivery.id }, { attempts, lastResponseStatus: responseStatus, lastError: error, ...settled });
    if (!affected) return;
    await manager.insert(WebhookAttempt, { id: randomUUID(), deliveryId: delivery.id, attemptedAt: now, responseStatus, durationMs, error });
    if (!error) {
      await manager.update(WebhookEndpoint, { id: endpoint.id }, { failingSince: null });
      return;
    }
    await manager.update(WebhookEndpoint, { id: endpoint.id, failingSince: IsNull() }, { failingSince: now });
    if (attempts >= MAX_ATTEMPTS) await this.disableIfFailingThroughout(manager, delivery, endpoint, error, now);
  }

  /**
   * Every attempt of the delivery failed. If the endpoint accepted nothing else meanwhile (it has
   * been failing since before this round began), it is disabled and the partner told.
   */
  private async disableIfFailingThroughout(manager: EntityManager, delivery: WebhookDelivery, endpoint: WebhookEndpoint, error: string, now: Date): Promise<void> {
    const failingSince = (await manager.findOneByOrFail(WebhookEndpoint, { id: endpoint.id })).failingSince;
    if (!failingSince || failingSince.getTime() > delivery.roundStartedAt.getTime()) return;
    const reason = `Mọi lần gửi từ ${vietnamTime(failingSince)} đều thất bại (lần cuối: ${error}).`;
    const { affected } = await manager.update(
      WebhookEndpoint,
      { id: endpoint.id, status: WebhookEndpointStatus.ENABLED },
      { status: WebhookEndpointStatus.DISABLED, disabledAt: now, disabledReason: reason },
    );
    if (affected !== 1) return;
    await manager.insert(PartnerNotice, {
      id: randomUUID(),
      partnerId: endpoint.partnerId,
      kind: PartnerNoticeKind.WEBHOOK_ENDPOINT_DISABLED,
      subjectId: endpoint.id,
      message:
        `Hệ thống đã tạm dừng gửi sự kiện tới địa chỉ webhook ${endpoint.url} (${endpoint.description}). ${reason} ` +
        'Sự kiện mới vẫn được lưu lại nhưng chưa gửi đi. Xin kiểm tra hệ thống nhận rồi bật lại địa chỉ này (enableWebhookEndpoint): ' +
        'các sự kiện đang chờ sẽ được gửi tiếp; những sự kiện đã gửi thất bại có thể gửi lại (redeliverWebhook).',
    });
    logger.warn({ endpointId: endpoint.id, partnerId: endpoint.partnerId }, 'webhook endpoint disabled after every attempt of a delivery failed');
  }
}

/** The running partners subgraph's delivery worker: its settings from the environment (WEBHOOK_*). */
export function startWebhookDeliveries(db: Database, env: NodeJS.ProcessEnv): WebhookDispatcher {
  const settings = readWebhookSettings(env);
  useWebhookSettings(settings);
  const dispatcher = new WebhookDispatcher(db, { settings });
  dispatcher.start(settings.pollMs);
  return dispatcher;
}
