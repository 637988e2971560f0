import { GraphQLError } from 'graphql';
import { t } from './messages';
import { vi } from './messages/vi';

/** Errors a client can act on; each carries a stable `extensions.code`. */

/** A record's GraphQL type name, for NOT_FOUND; its name for people is in the catalogue. */
export type RecordType = keyof (typeof vi)['types'];

/** An input field or argument with a name for people in the catalogue (`amount` → "Số tiền"). */
type FieldName = keyof (typeof vi)['fields'];
const { fields } = vi;

/**
 * A field's path in words a person reads: `trainings.3.attendeeIds.1` → "Buổi tập huấn thứ 4,
 * Người tham dự thứ 2"; the argument wrapping a mutation's fields (`input`) goes unsaid.
 */
export function fieldInWords(path: string): string {
  const segments = path.split('.');
  const words: string[] = [];
  for (const [index, segment] of segments.entries()) {
    if (/^\d+$/.test(segment)) words.push(t('input.item', { label: words.pop() ?? t('input.row'), number: Number(segment) + 1 }));
    else if (segment !== 'input' || index === segments.length - 1) words.push(segment in fields ? t(`fields.${segment as FieldName}`) : segment);
  }
  return words.join(', ');
}

export function invalidInput(field: string, message: string): GraphQLError {
  return new GraphQLError(t('input.problem', { field: fieldInWords(field), message }), {
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
  const firstProblem = t('input.problem', { field: fieldInWords(first.field), message: first.message });
  const message = problems.length > 1 ? t('input.moreProblems', { first: firstProblem, count: problems.length - 1 }) : firstProblem;
  return new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', field: first.field, problems },
  });
}

export function unauthenticated(): GraphQLError {
  return new GraphQLError(t('refusals.signIn'), {
    extensions: { code: 'UNAUTHENTICATED' },
  });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

export function notFound(type: RecordType, id: string): GraphQLError {
  return new GraphQLError(t('notFound', { type: t(`types.${type}`), id }), {
    extensions: { code: 'NOT_FOUND', type, id },
  });
}

/** The request is valid but conflicts with the current state (a rule of the domain). */
export function conflict(message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'CONFLICT', ...details } });
}
