import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { currentRequestId } from './http';
import { currentLogger } from './request-scope';
import { t } from './messages';
import { graphqlErrorInWords, SUGGESTION } from './graphql-messages';

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

/** Extensions that are for the logs, never for callers. */
const INTERNAL_EXTENSIONS = new Set(['stacktrace', 'exception']);

/**
 * GraphQL's suggestions (`Did you mean "issuePartnerCredential"?`) map the schema for whoever
 * probes it. Apollo's hideSchemaDetailsFromClientErrors drops them from validation errors; in
 * production this drops them from the rest (a misspelt enum value or input field in the
 * variables) before the sentence is said in the caller's language, which would say them again.
 */
function withoutSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  return SUGGESTION.test(formatted.message) ? { ...formatted, message: formatted.message.replace(SUGGESTION, '') } : formatted;
}

/**
 * Every error carries the request id (`extensions.requestId`, also the `x-request-id` header), so a
 * caller can quote it and we can find its log lines. In production, errors not meant for the
 * caller become "Internal server error (request <id>)" and are logged in full with that id, and
 * no message suggests names from the schema. GraphQL's own refusals are said in the caller's
 * language (graphql-messages.ts). The gateway and every subgraph format errors so.
 */
export function maskingErrorFormatter(production: boolean) {
  return (original: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = graphqlErrorInWords(production ? withoutSuggestions(original) : original);
    const requestId = currentRequestId();
    const code = String(formatted.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
    if (!production) return { ...formatted, extensions: { ...formatted.extensions, requestId } };

    if (CALLER_FACING_CODES.has(code)) {
      const extensions = Object.entries(formatted.extensions ?? {})
        .filter(([name]) => !INTERNAL_EXTENSIONS.has(name))
        // A subgraph's refusal may reach the gateway with graphql-js's sentence already kept.
        .map(([name, value]) => [name, name === 'graphqlMessage' ? String(value).replace(SUGGESTION, '') : value]);
      return { ...formatted, extensions: { ...Object.fromEntries(extensions), requestId } };
    }
    currentLogger().error({ code, err: unwrapResolverError(error) }, 'internal error masked');
    const serviceName = formatted.extensions?.serviceName;
    return {
      message: t('internalError', { requestId }),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...(serviceName ? { serviceName } : {}), requestId },
    };
  };
}
