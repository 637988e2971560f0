import { GraphQLError } from 'graphql';

/** Errors a client can act on; each carries a stable `extensions.code`. */

export function invalidInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', field },
  });
}

export interface Problem {
  /** Path of the bad value in the input: `trainings.3.attendeeIds.1`. */
  field: string;
  message: string;
}

/** Every problem with an input at once (a batch's bad rows), led by the first. */
export function invalidInputs(problems: Problem[]): GraphQLError {
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return new GraphQLError(`${first.field}: ${first.message}${more}`, {
    extensions: { code: 'BAD_USER_INPUT', field: first.field, problems },
  });
}

export function unauthenticated(): GraphQLError {
  return new GraphQLError('Sign in to do this: send a valid token in the Authorization header', {
    extensions: { code: 'UNAUTHENTICATED' },
  });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

export function notFound(type: string, id: string): GraphQLError {
  return new GraphQLError(`${type} ${id} does not exist`, {
    extensions: { code: 'NOT_FOUND', type, id },
  });
}

/** The request is valid but conflicts with the current state (a rule of the domain). */
export function conflict(message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'CONFLICT', ...details } });
}
