import type { FieldValues, Resolver } from 'react-hook-form';
import type { ZodType } from 'zod';

/**
 * A react-hook-form resolver whose zod schema, zod itself and the zod resolver load when the form is
 * first checked (or `preload` is called, e.g. when the person starts filling it in), not with the page:
 * evaluating zod took about 100 ms of a slowed phone's start-up on the stall application form
 * (Lighthouse's total blocking time, issue 16), for rules needed only once something is typed or sent.
 */
export function lazyZodResolver<Input extends FieldValues, Output>(load: () => Promise<ZodType<Output, Input>>) {
  let loaded: Promise<Resolver<Input, unknown, Output>> | undefined;
  const preload = () =>
    (loaded ??= Promise.all([load(), import('@hookform/resolvers/zod')]).then(([schema, { zodResolver }]) => zodResolver(schema)));
  const resolver: Resolver<Input, unknown, Output> = async (values, context, options) => (await preload())(values, context, options);
  return { resolver, preload: () => void preload() };
}
