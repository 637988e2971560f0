import { useState } from 'react';

/** A fresh idempotency key: one per intended write, so sending it again after a timeout never writes twice. */
export const newIdempotencyKey = (): string => crypto.randomUUID();

/**
 * The idempotency key of the write a form is about to send: kept while the same write is retried
 * (a double tap or a resend after a lost answer is answered with the first result), renewed once it is saved.
 */
export function useIdempotencyKey(): [string, () => void] {
  const [key, setKey] = useState(newIdempotencyKey);
  return [key, () => setKey(newIdempotencyKey())];
}
