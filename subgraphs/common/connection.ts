/**
 * A connection that failed before the other service answered: refused (a replica stopping, still
 * in its load balancer for a moment) or closed under the request (a keep-alive connection the
 * other side closed at the same instant, a replica cut). Timeouts are not among them: a retry
 * would double the wait.
 */
const CONNECTION_FAILURES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

/** Whether `fetch` failed for one of those reasons (its `cause` carries the code). */
export function failedToConnect(error: unknown): boolean {
  const { cause } = (error as { cause?: { code?: unknown } } | undefined) ?? {};
  return typeof cause?.code === 'string' && CONNECTION_FAILURES.has(cause.code);
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
