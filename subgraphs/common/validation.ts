import { Matches, validate, type ValidationError } from 'class-validator';
import { invalidInput, invalidInputs, type Problem } from './errors';

function problemsOf(errors: ValidationError[], prefix = ''): Problem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      // class-validator starts its messages with the property name; we lead with the full path instead.
      message: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
    }));
    return [...own, ...problemsOf(error.children ?? [], field)];
  });
}

/**
 * type-graphql's `validateFn`: validates every input object and argument class with
 * class-validator and reports every problem, each naming its field (`leader.phone`).
 */
export async function validateArgument(value: unknown): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  const items: unknown[] = Array.isArray(value) ? value : [value];
  const problems: Problem[] = [];
  for (const [index, item] of items.entries()) {
    if (item === null || typeof item !== 'object') continue;
    const errors = await validate(item, { forbidUnknownValues: false });
    problems.push(...problemsOf(errors, Array.isArray(value) ? String(index) : ''));
  }
  if (problems.length > 0) throw invalidInputs(problems);
}

/** A Vietnamese phone number: 0 or +84, then 9 or 10 digits (mobiles and landlines). */
export function IsVietnamesePhone(): PropertyDecorator {
  return Matches(/^(0|\+84)\d{9,10}$/, { message: 'must be a Vietnamese phone number such as 0912345678 or +84912345678' });
}

/** The fields a partial-update input sets: null and absent both mean "leave as it is". */
export function changesFrom<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined && value !== null)) as Partial<T>;
}

/** The positions of the values that repeat an earlier one: `[a, b, a]` → `[2]`. */
export function repeatedAt<T>(values: readonly T[]): number[] {
  const seen = new Set<T>();
  return values.flatMap((value, index) => (seen.has(value) ? [index] : (seen.add(value), [])));
}

/** Refuses the first value that repeats an earlier one, naming it: `field(index)`, `message(value)`. */
export function insistDistinct<T>(values: readonly T[], field: (index: number) => string, message: (value: T) => string): void {
  const [index] = repeatedAt(values);
  if (index !== undefined) throw invalidInput(field(index), message(values[index]));
}
