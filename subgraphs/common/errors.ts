import { GraphQLError } from 'graphql';

/** Errors a client can act on; each carries a stable `extensions.code`. */

export function invalidInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, {
    extensions: { code: 'BAD_USER_INPUT', field },
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
export function conflict(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'CONFLICT' } });
}
