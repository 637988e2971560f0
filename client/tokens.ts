import { HubClient, type HubClientOptions } from './client';
import { PartnerAccessTokenDocument, type PartnerAccessTokenMutation } from './generated/graphql';

export interface PartnerTokenOptions extends Omit<HubClientOptions, 'token'> {
  /** The partner's API key (from an admin's `issuePartnerCredential`). */
  apiKey: string;
  /** Exchange the key again this long before the token expires. Default 60 s. */
  refreshBeforeSeconds?: number;
  /** Told of every token obtained (e.g. to log which partner the key belongs to). */
  onToken?: (token: PartnerAccessTokenMutation['partnerAccessToken']) => void;
}

/**
 * A token source for a partner's system: exchanges its API key for a short-lived PARTNER token
 * (`partnerAccessToken`, 15 minutes) and again shortly before that expires. Concurrent requests
 * share one exchange.
 */
export function partnerTokenProvider({ apiKey, refreshBeforeSeconds = 60, onToken, ...options }: PartnerTokenOptions): () => Promise<string> {
  const hub = new HubClient(options);
  let current: { token: string; refreshAt: number } | undefined;
  let exchanging: Promise<string> | undefined;

  const exchange = async () => {
    const { partnerAccessToken } = await hub.request(PartnerAccessTokenDocument, { apiKey });
    onToken?.(partnerAccessToken);
    current = { token: partnerAccessToken.token, refreshAt: Date.now() + (partnerAccessToken.expiresInSeconds - refreshBeforeSeconds) * 1000 };
    return current.token;
  };

  return async () => {
    if (current && Date.now() < current.refreshAt) return current.token;
    exchanging ??= exchange().finally(() => {
      exchanging = undefined;
    });
    return exchanging;
  };
}
