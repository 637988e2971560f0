import { GraphQLError } from 'graphql';
import { DATE_RANGES, todayInVietnam } from './dates';
import { DateWithin, validateArgument } from './validation';

class Handover {
  @DateWithin(DATE_RANGES.happened)
  handedOverOn!: string;
}

it('refuses a date outside its range naming the range’s own dates, not the catalogue’s placeholders', async () => {
  const handover = Object.assign(new Handover(), { handedOverOn: '2019-12-31' });
  const refusal = await validateArgument(handover).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(refusal).toBeInstanceOf(GraphQLError);
  const [problem] = (refusal as GraphQLError).extensions.problems as { field: string; message: string }[];
  expect(problem.field).toBe('handedOverOn');
  expect(problem.message).toContain('2020-01-01');
  expect(problem.message).not.toMatch(/\{\{|\}\}/);
  await expect(validateArgument(Object.assign(new Handover(), { handedOverOn: todayInVietnam() }))).resolves.toBeUndefined();
});
