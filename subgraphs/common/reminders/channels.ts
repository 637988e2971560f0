import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { registerEnumType } from 'type-graphql';
import { EnvReader } from '../env';
import { logger } from '../logging';
import { normalisePhone } from '../sheet-values';

/** How a person is reached: by email, or on Zalo (a ZNS message to their phone number). */
export enum ChannelKind {
  EMAIL = 'EMAIL',
  ZALO = 'ZALO',
}
registerEnumType(ChannelKind, {
  name: 'ReminderChannel',
  description: 'How a person is reminded',
  valuesConfig: { EMAIL: { description: 'Thư điện tử' }, ZALO: { description: 'Tin Zalo (ZNS) tới số điện thoại' } },
});

/** One message to one person, in Vietnamese. */
export interface OutgoingMessage {
  /** An email address, or a phone number for Zalo. */
  to: string;
  /** The email's subject; the ZNS template's title. */
  subject: string;
  text: string;
}

/** A way of sending messages; `send` throws when the message was not accepted (it is retried later). */
export interface Channel {
  readonly kind: ChannelKind;
  send(message: OutgoingMessage): Promise<void>;
}

/** Email over SMTP (nodemailer), to any server `SMTP_URL` names (smtp://user:pass@host:587, smtps://…). */
export class EmailChannel implements Channel {
  readonly kind = ChannelKind.EMAIL;
  private readonly transport: Transporter;

  constructor(url: string, private readonly from: string) {
    this.transport = nodemailer.createTransport(url);
  }

  async send({ to, subject, text }: OutgoingMessage): Promise<void> {
    await this.transport.sendMail({ from: this.from, to, subject, text });
  }
}

export interface ZaloConfig {
  /** The ZNS endpoint: https://business.openapi.zalo.me/message/template (a local fake in tests). */
  url: string;
  /** The Official Account's access token (from Zalo's OAuth; refreshed outside the hub). */
  accessToken: string;
  /** An approved ZNS template with the parameters `title` and `content`. */
  templateId: string;
}

/** What Zalo's open API answers: `error` 0 on success, a negative code and a message otherwise. */
interface ZaloAnswer {
  error?: number;
  message?: string;
}

/**
 * Zalo Notification Service: a templated message to a phone number that has Zalo, sent by the
 * Official Account. Zalo publishes no maintained Node SDK for ZNS (its `zalo-sdk` covers the old
 * social API), so this is the one HTTP call, written by hand on fetch.
 */
export class ZaloChannel implements Channel {
  readonly kind = ChannelKind.ZALO;

  constructor(private readonly config: ZaloConfig) {}

  async send({ to, subject, text }: OutgoingMessage): Promise<void> {
    const phone = normalisePhone(to);
    if (!phone) throw new Error('Zalo: not a Vietnamese phone number');
    const response = await fetch(this.config.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', access_token: this.config.accessToken },
      body: JSON.stringify({
        // ZNS wants the number in international form without the plus: 84912345678.
        phone: `84${phone.slice(1)}`,
        template_id: this.config.templateId,
        template_data: { title: subject, content: text },
        tracking_id: randomUUID(),
      }),
      signal: AbortSignal.timeout(10_000),
    });
    const answer = (await response.json().catch(() => ({}))) as ZaloAnswer;
    if (!response.ok || answer.error !== 0) {
      throw new Error(`Zalo refused the message: HTTP ${response.status}, error ${answer.error ?? '?'} ${answer.message ?? ''}`.trim());
    }
  }
}

/** The channels configured in this process; a kind missing means its messages are only logged. */
export type Channels = Partial<Record<ChannelKind, Channel>>;

/** SMTP_URL and SMTP_FROM for email; ZALO_ZNS_URL, ZALO_ACCESS_TOKEN and ZALO_ZNS_TEMPLATE_ID for Zalo. */
export function readChannels(env: EnvReader): Channels {
  const channels: Channels = {};
  const smtpUrl = env.url('SMTP_URL', ['smtp', 'smtps']);
  const from = env.string('SMTP_FROM', 'Tổ công nghệ số cộng đồng <no-reply@localhost>');
  if (smtpUrl) channels.EMAIL = new EmailChannel(smtpUrl, from);
  const zaloUrl = env.url('ZALO_ZNS_URL', ['https', 'http']) ?? 'https://business.openapi.zalo.me/message/template';
  const accessToken = env.string('ZALO_ACCESS_TOKEN');
  const templateId = env.string('ZALO_ZNS_TEMPLATE_ID');
  env.require(!accessToken === !templateId, 'ZALO_ACCESS_TOKEN and ZALO_ZNS_TEMPLATE_ID go together: set both to send on Zalo, or neither');
  if (accessToken && templateId) channels.ZALO = new ZaloChannel({ url: zaloUrl, accessToken, templateId });
  return channels;
}

let configured: Channels = {};

/** Sets the process's channels (a subgraph at start; tests). */
export function useChannels(channels: Channels): void {
  configured = channels;
}

/** The process's channels (none until a subgraph starts with some configured). */
export function channels(): Channels {
  return configured;
}

/**
 * Sends through the channel of `kind`, or, when it is not configured (a laptop's `npm start`),
 * logs that the message would have gone, without its address: the reminder counts as delivered.
 */
export async function deliver(kind: ChannelKind, message: OutgoingMessage, about: Record<string, string>): Promise<'sent' | 'logged'> {
  const channel = configured[kind];
  if (!channel) {
    logger.info({ ...about, channel: kind, subject: message.subject, text: message.text }, 'Nhắc việc (chưa cấu hình kênh gửi: chỉ ghi nhật ký)');
    return 'logged';
  }
  await channel.send(message);
  return 'sent';
}
