import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { currentRequestId } from '../subgraphs/common/http';

/**
 * Codes whose messages are written for the caller: the hub's domain errors, GraphQL's own
 * refusals, the gateway's limits. Anything else (INTERNAL_SERVER_ERROR, an unknown code, none)
 * may carry SQL, stack traces or internal addresses, and is masked in production.
 */
const CALLER_FACING_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'BAD_REQUEST',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_ALLOWED',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
]);

/** Extensions a caller may see; the rest (stack traces, exceptions) stay in the logs. */
const CALLER_FACING_EXTENSIONS = new Set(['code', 'field', 'problems', 'type', 'id', 'serviceName', 'limit', 'max', 'actual', 'retryAfterSeconds']);

/**
 * Every error carries the request id (`extensions.requestId`, also the `x-request-id` header), so a
 * caller can quote it and we can find its log lines. In production, errors not meant for the
 * caller become "Internal server error" and are logged in full.
 */
export function gatewayErrorFormatter(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const requestId = currentRequestId();
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    if (!production) return { ...formatted, extensions: { ...formatted.extensions, requestId } };

    const extensions = Object.fromEntries(
      Object.entries(formatted.extensions ?? {}).filter(([name]) => CALLER_FACING_EXTENSIONS.has(name)),
    );
    if (CALLER_FACING_CODES.has(code)) return { ...formatted, extensions: { ...extensions, requestId } };
    console.error(`[request ${requestId}] ${code}:`, unwrapResolverError(error));
    return {
      message: `Internal server error (request ${requestId})`,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...(extensions.serviceName ? { serviceName: extensions.serviceName } : {}), requestId },
    };
  };
}
