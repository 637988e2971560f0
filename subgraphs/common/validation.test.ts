import { getMetadataStorage, Length, ValidateNested } from 'class-validator';
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

describe('each class’s rules, looked up once', () => {
  class Figure {
    @Length(1, 20)
    indicator!: string;
  }
  class Report {
    @ValidateNested({ each: true })
    figures!: Figure[];
  }

  const problemsIn = (report: Report) =>
    validateArgument(report).then(
      () => [],
      (error: GraphQLError) => (error.extensions.problems as { field: string }[]).map((problem) => problem.field),
    );
  const report = (...indicators: string[]) => Object.assign(new Report(), { figures: indicators.map((indicator) => Object.assign(new Figure(), { indicator })) });

  it('answers the same rules again without scanning every class', () => {
    const storage = getMetadataStorage();
    expect(storage.getTargetValidationMetadatas(Figure, '', false, false)).toBe(storage.getTargetValidationMetadatas(Figure, '', false, false));
    expect(storage.getTargetValidationMetadatas(Figure, '', true, false)).not.toBe(storage.getTargetValidationMetadatas(Figure, '', false, false));
  });

  it('still checks every nested object, and a class defined after its parent was checked gets both its rules and its parent’s', async () => {
    expect(await problemsIn(report('HOUSEHOLD_VISITS', '', 'x'.repeat(21)))).toEqual(['figures.1.indicator', 'figures.2.indicator']);
    class NotedReport extends Report {
      @Length(1, 5)
      note!: string;
    }
    const noted = Object.assign(new NotedReport(), { figures: report('').figures, note: 'too long a note' });
    expect((await problemsIn(noted)).sort()).toEqual(['figures.0.indicator', 'note']);
  });
});
