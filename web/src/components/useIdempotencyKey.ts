import { useRef, useState } from 'react';

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

/**
 * Idempotency keys for the writes a screen makes on several records (a decision on each row): one
 * per record and action, kept while that write is retried, forgotten once it is saved.
 */
export function useIdempotencyKeys(): { keyFor: (write: string) => string; saved: (write: string) => void } {
  const keys = useRef(new Map<string, string>());
  return {
    keyFor: (write) => {
      const key = keys.current.get(write) ?? newIdempotencyKey();
      keys.current.set(write, key);
      return key;
    },
    saved: (write) => void keys.current.delete(write),
  };
}
