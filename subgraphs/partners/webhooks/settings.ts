import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { EnvReader } from '../../common/env';
import { t } from '../../common/messages';

/** How the partners subgraph delivers webhooks (WEBHOOK_* settings). */
export interface WebhookSettings {
  /**
   * Lets endpoints be plain http and on loopback or private addresses: for a receiver on the
   * developer's machine or in a test only. Production requires https to public addresses.
   */
  allowInsecureUrls: boolean;
  /** How often the delivery worker looks for deliveries due (0: no worker in this process). */
  pollMs: number;
  /** How long a partner's receiver may take to answer one attempt. */
  timeoutMs: number;
}

export const WEBHOOK_DEFAULTS: WebhookSettings = { allowInsecureUrls: false, pollMs: 1000, timeoutMs: 10_000 };

export function readWebhookSettings(source: NodeJS.ProcessEnv = process.env): WebhookSettings {
  const env = new EnvReader(source);
  const allowInsecureUrls = env.boolean('WEBHOOK_ALLOW_INSECURE_URLS', WEBHOOK_DEFAULTS.allowInsecureUrls);
  // Only where NODE_ENV says development or test outright (a test hub with a JWT secret counts as production otherwise).
  env.require(
    !allowInsecureUrls || ['development', 'test'].includes(env.string('NODE_ENV') ?? ''),
    'WEBHOOK_ALLOW_INSECURE_URLS is for development and tests only (NODE_ENV=development or test): production sends webhooks to https URLs on public addresses',
  );
  const settings = {
    allowInsecureUrls,
    pollMs: env.int('WEBHOOK_POLL_MS', WEBHOOK_DEFAULTS.pollMs, { max: 60_000 }),
    timeoutMs: env.int('WEBHOOK_TIMEOUT_MS', WEBHOOK_DEFAULTS.timeoutMs, { min: 100, max: 60_000 }),
  };
  env.done();
  return settings;
}

let current: WebhookSettings = WEBHOOK_DEFAULTS;

/** Sets this process's webhook settings (the subgraph at start; tests that allow local receivers). */
export function useWebhookSettings(settings: Partial<WebhookSettings>): void {
  current = { ...WEBHOOK_DEFAULTS, ...settings };
}

export function webhookSettings(): WebhookSettings {
  return current;
}

/**
 * Loopback, private, link-local, carrier-grade NAT and unique-local addresses: never a partner's
 * public receiver. (IPv4-mapped IPv6 addresses are checked against the IPv4 rules by BlockList itself.)
 */
const internal = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  internal.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  internal.addSubnet(network, prefix, 'ipv6');
}

function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  return family !== 0 && internal.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** Why `raw` cannot be a webhook endpoint (in Vietnamese), or null when it can. */
export function endpointUrlProblem(raw: string, { allowInsecureUrls } = current): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return t('problems.urlInvalid');
  }
  if (url.username || url.password) return t('problems.urlCredentials');
  if (allowInsecureUrls) return ['https:', 'http:'].includes(url.protocol) ? null : t('problems.urlHttpsOrHttp');
  if (url.protocol !== 'https:') return t('problems.urlHttps');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || isInternalAddress(host)) return t('problems.urlPublic');
  return null;
}

/**
 * At send time the name is resolved again: a public name may point at an internal address (or be
 * made to later). Refused here, unless insecure URLs are allowed. (A name could still change
 * between this check and the connection; the egress firewall is the last line.)
 */
export async function sendingProblem(raw: string, settings = current): Promise<string | null> {
  const problem = endpointUrlProblem(raw, settings);
  if (problem || settings.allowInsecureUrls) return problem;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return null;
  try {
    const addresses = await lookup(host, { all: true });
    return addresses.some(({ address }) => isInternalAddress(address)) ? 'tên miền trỏ tới địa chỉ nội bộ' : null;
  } catch {
    return 'không tìm thấy tên miền';
  }
}
