import type { GraphQLFormattedError } from 'graphql';

/** A bad value in an input, by its path: `trainings.3.attendeeIds.1`. */
export interface Problem {
  field: string;
  message: string;
}

/**
 * The hub's stable error codes (`extensions.code`), plus the SDK's own for a request that never
 * got a GraphQL answer (NETWORK_ERROR: no response; HTTP_ERROR: a response that is not GraphQL).
 */
export type HubErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'NETWORK_ERROR'
  | 'HTTP_ERROR'
  | (string & {});

export interface HubErrorDetails {
  code: HubErrorCode;
  /** Every error of the response (the first one names this error). */
  errors?: GraphQLFormattedError[];
  /** What the hub answered besides the errors (null fields where an error was), if anything. */
  data?: unknown;
  status?: number;
  requestId?: string;
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** Any error the hub answered with, or a request that could not reach it. */
export class HubError extends Error {
  readonly code: HubErrorCode;
  /** The input field the error is about (BAD_USER_INPUT), e.g. `trainings.3.attendeeIds.1`. */
  readonly field?: string;
  /** Every problem with the input (a batch's bad rows), led by `field`. */
  readonly problems: Problem[];
  readonly errors: GraphQLFormattedError[];
  readonly data?: unknown;
  /** The HTTP status of the response, if there was one. */
  readonly status?: number;
  /** The hub's id for the request (to quote when asking for help), if it sent one. */
  readonly requestId?: string;

  constructor(message: string, details: HubErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = details.code;
    this.errors = details.errors ?? [];
    this.data = details.data;
    this.status = details.status;
    const [first] = this.errors;
    const extensions = (first?.extensions ?? {}) as { field?: unknown; problems?: unknown; requestId?: unknown };
    this.field = typeof extensions.field === 'string' ? extensions.field : undefined;
    this.problems = Array.isArray(extensions.problems) ? (extensions.problems as Problem[]) : this.field ? [{ field: this.field, message }] : [];
    this.requestId = details.requestId ?? (typeof extensions.requestId === 'string' ? extensions.requestId : undefined);
  }
}

/** No token, or one the hub refused (expired, revoked, forged): get a new one. */
export class UnauthenticatedError extends HubError {}
/** The caller may not do or see this. */
export class ForbiddenError extends HubError {}
/** The input is wrong: `field` and `problems` say where; nothing was written. */
export class BadUserInputError extends HubError {}
export class NotFoundError extends HubError {}
/** A rule of the domain refuses it (e.g. an idempotency key reused for other content). */
export class ConflictError extends HubError {}
/** Too many requests: wait `retryAfterSeconds` (the hub's Retry-After) before sending again. */
export class RateLimitedError extends HubError {
  readonly retryAfterSeconds?: number;

  constructor(message: string, details: HubErrorDetails) {
    super(message, details);
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

const byCode: Record<string, typeof HubError> = {
  UNAUTHENTICATED: UnauthenticatedError,
  FORBIDDEN: ForbiddenError,
  BAD_USER_INPUT: BadUserInputError,
  NOT_FOUND: NotFoundError,
  CONFLICT: ConflictError,
  RATE_LIMITED: RateLimitedError,
};

/** The typed error for a response's errors: its class and `code` come from the first error. */
export function hubError(message: string, details: HubErrorDetails): HubError {
  const ErrorClass = byCode[details.code] ?? HubError;
  return new ErrorClass(message, details);
}

export function fromGraphQLErrors(errors: GraphQLFormattedError[], details: Omit<HubErrorDetails, 'code' | 'errors'>): HubError {
  const code = (errors[0].extensions?.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR';
  return hubError(errors.map((error) => error.message).join('; '), { ...details, code, errors });
}
