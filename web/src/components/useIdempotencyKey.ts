import { useState } from 'react';

/**
 * The idempotency key of the write a form is about to send: kept while the same write is retried
 * (a double tap or a resend after a lost answer is answered with the first result), renewed once it is saved.
 */
export function useIdempotencyKey(): [string, () => void] {
  const [key, setKey] = useState(() => crypto.randomUUID());
  return [key, () => setKey(crypto.randomUUID())];
}
