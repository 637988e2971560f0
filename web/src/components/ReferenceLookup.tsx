import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useSearchParams } from 'react-router';
import type { CombinedError } from 'urql';
import { z } from 'zod';
import { shownError } from '../errors';
import { phone, referenceCode } from '../forms';
import { Field } from './Field';
import { Alert } from './Page';

const schema = z.object({ phone, referenceCode });
export type ReferenceInput = z.output<typeof schema>;

/**
 * Looking a request up by phone and reference code, for people without an account (a stall
 * application, a request to join a team): `find` asks the API, `errors` says its refusals in words.
 * Keeps what was found and the input that found it (a withdrawal sends it again).
 */
export function useReferenceLookup<T>(find: (input: ReferenceInput) => Promise<{ found?: T; error?: CombinedError }>, errors: Record<string, string>) {
  const [found, setFound] = useState<T>();
  const [error, setError] = useState<CombinedError>();
  const [input, setInput] = useState<ReferenceInput>();
  const lookUp = async (values: ReferenceInput) => {
    const answer = await find(values);
    setError(answer.error);
    setFound(answer.found);
    setInput(values);
  };
  return { found, input, lookUp, problem: error && shownError(error, errors) };
}

/** The phone + reference code form (the code prefilled from `?ma=`), and a refusal that names no field. */
export function ReferenceLookupForm({ onLookUp, problem }: { onLookUp: (values: ReferenceInput) => Promise<void>; problem?: { field?: string; message: string } }) {
  const [search] = useSearchParams();
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof schema>, unknown, ReferenceInput>({ resolver: zodResolver(schema), defaultValues: { referenceCode: search.get('ma') ?? '', phone: '' } });
  return (
    <>
      <form onSubmit={handleSubmit(onLookUp)} noValidate>
        <Field label="Số điện thoại" error={errors.phone?.message ?? (problem?.field === 'phone' ? problem.message : undefined)}>
          {(props) => <input {...props} type="tel" inputMode="tel" autoComplete="tel" {...register('phone')} />}
        </Field>
        <Field label="Mã tra cứu" error={errors.referenceCode?.message ?? (problem?.field === 'referenceCode' ? problem.message : undefined)}>
          {(props) => <input {...props} autoCapitalize="characters" autoComplete="off" {...register('referenceCode')} />}
        </Field>
        <button type="submit" disabled={isSubmitting}>
          Tra cứu
        </button>
      </form>
      {problem && !problem.field && <Alert>{problem.message}</Alert>}
    </>
  );
}
