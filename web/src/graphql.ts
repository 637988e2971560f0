import { Client, fetchExchange } from 'urql';
import { currentToken } from './auth/session';

/**
 * One GraphQL client for the app, on the gateway's own origin. Answers are not cached between
 * screens (cacheExchange left out): a household's status or an officer's queue must be current,
 * and the app is small enough that asking again is cheap.
 */
export const client = new Client({
  url: '/graphql',
  exchanges: [fetchExchange],
  requestPolicy: 'network-only',
  // POST always: the gateway refuses GET operations without a CSRF header (Apollo's csrfPrevention).
  preferGetMethod: false,
  fetchOptions: () => {
    const token = currentToken();
    // The app is in Vietnamese, so are the hub's messages it shows, whatever the phone's language.
    const headers: Record<string, string> = { 'accept-language': 'vi', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    return { headers };
  },
});
