import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { graphqlErrors, operationDuration, operationLabel } from './metrics';
import { currentRequestScope } from './request-scope';

/** Codes that mean the caller asked for something wrong, not that the service failed. */
const CALLER_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Per GraphQL operation: puts its name on the request's scope (for the access log line),
 * logs its errors unless told not to (failures of the service at `error` with their stack, callers' mistakes at
 * `info`), counts errors by code and times the operation by name and outcome.
 */
export function telemetryPlugin<TContext extends BaseContext>({ logErrors = true } = {}): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const stop = operationDuration.startTimer();
      // Named only once the document parsed and validated: refused documents never add a label.
      let operation = 'unresolved';
      let failed = false;
      return {
        async didResolveOperation({ operationName }) {
          operation = operationLabel(operationName);
          const scope = currentRequestScope();
          if (scope && operationName) scope.operationName = operationName;
        },
        async didEncounterErrors({ errors }) {
          failed = true;
          const scope = currentRequestScope();
          for (const error of errors) {
            const code = String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
            graphqlErrors.inc({ code });
            const fields = { code, path: error.path?.join('.'), operationName: scope?.operationName };
            const log = scope?.log;
            if (!log || !logErrors) continue;
            if (CALLER_CODES.has(code)) log.info(fields, error.message);
            else log.error({ ...fields, err: error.originalError ?? error }, error.message);
          }
        },
        async willSendResponse() {
          stop({ operation, outcome: failed ? 'error' : 'ok' });
        },
      };
    },
  };
}
