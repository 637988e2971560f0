import { useEffect } from 'react';
import type { FieldPath, FieldValues, UseFormReturn } from 'react-hook-form';
import type { CombinedError } from 'urql';
import { shownError, type ShownError } from '../errors';
import { Alert } from './Page';

/**
 * The API's refusal of a write, in Vietnamese: the form field it names is marked with the API's
 * own sentence about it and focused (`fields` maps the input's nesting, e.g. `contacts.0.fullName` to the form's `contact.fullName`), otherwise a
 * sentence above the form (`overrides`: what a code means on this form, as for shownError).
 */
export function useRefusal<Form extends FieldValues>(
  // Only what it marks the field with: any form of these values will do, whatever its submit handler gets.
  form: Pick<UseFormReturn<Form>, 'getValues' | 'setError' | 'setFocus'>,
  error: CombinedError | undefined,
  fields: Record<string, FieldPath<Form>> = {},
  overrides: Partial<Record<string, string>> = {},
) {
  const problem: ShownError | undefined = error ? shownError(error, overrides) : undefined;
  const field = problem?.field ? (fields[problem.field] ?? (problem.field in form.getValues() ? (problem.field as FieldPath<Form>) : undefined)) : undefined;
  const message = problem?.fieldMessage;
  const { setError, setFocus } = form;
  useEffect(() => {
    if (!field) return;
    setError(field, { message });
    setFocus(field);
  }, [field, message, setError, setFocus]);
  return problem && !field ? <Alert>{problem.message}</Alert> : null;
}
