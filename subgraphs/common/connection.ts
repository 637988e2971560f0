/**
 * A connection that failed before the other service answered: refused (a replica stopping, still
 * in its load balancer for a moment) or closed under the request (a keep-alive connection the
 * other side closed at the same instant, a replica cut). Timeouts are not among them: a retry
 * would double the wait.
 */
const CONNECTION_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** A failed request's error code: undici's `request` throws the socket's error, `fetch` puts it in its `cause`. */
export function connectionFailureCode(error: unknown): string | undefined {
  const { code, cause } = (error as { code?: unknown; cause?: { code?: unknown } } | undefined) ?? {};
  const found = code ?? cause?.code;
  return typeof found === 'string' ? found : undefined;
}

/** Whether a request failed for one of those reasons. */
export function failedToConnect(error: unknown): boolean {
  return CONNECTION_FAILURES.has(connectionFailureCode(error) ?? '');
}

/**
 * Sends a read, and once more if its connection failed before an answer (through the load
 * balancer: most likely to another replica), so a rolling restart costs no answer. Only for
 * reads: a write may have been applied.
 */
export async function readOnceMoreOnConnectionFailure<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!failedToConnect(error)) throw error;
    return send();
  }
}
