import type { ApolloServerPlugin } from '@apollo/server';
import { getMetadataStorage, Matches, registerDecorator, validate, type MetadataStorage, type ValidationError } from 'class-validator';
import {
  coerceInputValue,
  defaultFieldResolver,
  getNamedType,
  GraphQLError,
  GraphQLID,
  GraphQLString,
  isInputObjectType,
  isInputType,
  isLeafType,
  isListType,
  isNonNullType,
  typeFromAST,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { outsideRange, type DateRange } from './dates';
import { invalidInput, invalidInputs, type Problem } from './errors';
import { coercionProblem } from './graphql-messages';
import { t } from './messages';
import { vi } from './messages/vi';

/** The bounds each class-validator check takes, by the names its catalogue text uses. */
const CHECK_BOUNDS: Record<string, string[]> = {
  isLength: ['min', 'max'],
  maxLength: ['max'],
  min: ['min'],
  max: ['max'],
  arrayMinSize: ['min'],
  arrayMaxSize: ['max'],
  minDate: ['date'],
  maxDate: ['date'],
  isIn: ['values'],
};
type CheckName = keyof (typeof vi)['checks'];

/**
 * A failed check in the request's language: a declaration's own message (a function of the
 * catalogue) as it is, class-validator's English defaults replaced by the catalogue's `checks`.
 */
function checkInWords(error: ValidationError, check: string, message: string): string {
  const declared = error.target
    ? getMetadataStorage()
        .getTargetValidationMetadatas(error.target.constructor, '', true, false)
        .find((metadata) => metadata.propertyName === error.property && metadata.name === check)
    : undefined;
  if (!declared || declared.message !== undefined || !(check in vi.checks)) return message;
  const bounds = Object.fromEntries((CHECK_BOUNDS[check] ?? []).map((name, index) => [name, declared.constraints?.[index]]));
  return t(`checks.${check === 'isLength' && bounds.max === undefined ? 'minLength' : (check as CheckName)}`, bounds);
}

function problemsOf(errors: ValidationError[], prefix = ''): Problem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([check, message]) => ({ field, message: checkInWords(error, check, message) }));
    return [...own, ...problemsOf(error.children ?? [], field)];
  });
}

/**
 * class-validator finds a class's rules by scanning every class it knows, for every object it
 * validates (typestack/class-validator#2686, open): a monthly report and its 13 figures scanned
 * them 14 times, 2 % of the teams subgraph's CPU. A class's rules are complete once it is defined
 * (its decorators have run) and classes defined later never change them, so each lookup is
 * remembered per class and options.
 */
function rememberEachClassRules(storage: MetadataStorage): void {
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const remembered = new WeakMap<Function, Map<string, ReturnType<typeof lookUp>>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const options = JSON.stringify([schema, always, strictGroups, groups]);
    let ofTarget = remembered.get(target);
    if (!ofTarget) remembered.set(target, (ofTarget = new Map()));
    let rules = ofTarget.get(options);
    if (!rules) ofTarget.set(options, (rules = lookUp(target, schema, always, strictGroups, groups)));
    return rules;
  };
}
rememberEachClassRules(getMetadataStorage());

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
  return Matches(/^(0|\+84)\d{9,10}$/, { message: () => t('checks.phone') });
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

/** C0 controls other than tab and line breaks, DEL and C1 controls: never part of a name, a note or a code. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** The longest text any input takes (a spreadsheet in base64); each field declares its own, shorter bound too. */
export const MAX_TEXT_LENGTH = 5_000_000;
/** Every id the hub gives out is a UUID; anything longer or with other characters is not one. */
const ID_FORMAT = /^[\w-]{1,36}$/;

/**
 * Checks and tidies every value a mutation is sent, whatever its input class, before its resolver
 * runs (so no class can forget): text is trimmed, at most MAX_TEXT_LENGTH long and must hold no control characters; text left
 * blank is refused where the schema requires it and read as absent where it is optional (unless
 * its default is blank); an ID must look like one; a list of plain values (ids, codes, unit codes,
 * enums) must not repeat one. Problems name their field as class-validator's do (`gifts.0.codes.1`).
 */
export function refuseLooseInput(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args: Record<string, unknown>, ctx, info) => {
      const problems: Problem[] = [];
      for (const argument of field.args) {
        if (args[argument.name] === undefined) continue;
        const tidy = (value: unknown, type: GraphQLInputType, path: string[], defaultValue?: unknown): unknown => {
          const where = path.length > 0 ? path.join('.') : argument.name;
          if (value === null || value === undefined) return value;
          if (isNonNullType(type)) {
            const tidied = tidy(value, type.ofType, path, defaultValue);
            if (tidied === null) problems.push({ field: where, message: t('checks.blank') });
            return tidied === null ? value : tidied;
          }
          if (isListType(type)) {
            if (!Array.isArray(value)) return value;
            const tidied = value.map((item, index) => tidy(item, type.ofType, [...path, String(index)]));
            if (isLeafType(getNamedType(type))) {
              for (const index of repeatedAt(tidied)) problems.push({ field: [...path, String(index)].join('.') || argument.name, message: t('checks.repeats', { value: JSON.stringify(tidied[index]) }) });
            }
            return tidied;
          }
          if (isInputObjectType(type)) {
            if (typeof value !== 'object') return value;
            const object = value as Record<string, unknown>;
            for (const [name, inner] of Object.entries(type.getFields())) {
              if (object[name] !== undefined) object[name] = tidy(object[name], inner.type, [...path, name], inner.defaultValue);
            }
            return object;
          }
          if (typeof value !== 'string' || (type !== GraphQLString && type !== GraphQLID)) return value;
          const text = value.trim();
          if (text.length > MAX_TEXT_LENGTH) problems.push({ field: where, message: t('checks.maxLength', { max: MAX_TEXT_LENGTH }) });
          else if (CONTROL_CHARACTERS.test(text)) problems.push({ field: where, message: t('checks.controlCharacters') });
          else if (text === '') return defaultValue === '' ? '' : null;
          else if (type === GraphQLID && !ID_FORMAT.test(text)) problems.push({ field: where, message: t('checks.id') });
          return text;
        };
        args[argument.name] = tidy(args[argument.name], argument.type, []);
      }
      if (problems.length > 0) throw invalidInputs(problems);
      return resolve(source, args, ctx, info);
    };
  }
  return schema;
}

/** A date inside `range` (see DATE_RANGES): one declaration per date field of every input. */
export function DateWithin(range: DateRange): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'dateWithin',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [range],
      // Its own words, with the range's dates: checkInWords replaces only messages left to defaults.
      options: { message: (args) => outsideRange(String(args.value), range) ?? '' },
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || outsideRange(value, range) === null,
      },
    });
}

/** The same rule for a date sent as a mutation's own argument. */
export function insistDateWithin(date: string | null | undefined, range: DateRange, field: string): void {
  const problem = date ? outsideRange(date, range) : null;
  if (problem) throw invalidInput(field, problem);
}

/**
 * Names the field of a variable GraphQL cannot coerce (a Money with decimals, a bad date or enum)
 * from the path coercion reports, as every other input error does: `budget.0.unitPrice`, or the
 * variable itself when its whole value was refused. Runs GraphQL's own coercion, before execution.
 */
export const nameUncoercibleVariables: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ schema, operation, request }) {
        const problems: Problem[] = [];
        for (const definition of operation?.variableDefinitions ?? []) {
          const name = definition.variable.name.value;
          const type = typeFromAST(schema, definition.type);
          const value = request.variables?.[name];
          if (!type || !isInputType(type) || value === undefined) continue; // a missing variable: GraphQL's own error
          coerceInputValue(value, type, (path, _invalid, error) => {
            const field = path.length > 0 ? path.join('.') : name;
            problems.push(coercionProblem(field, error.message) ?? { field, message: error.message });
          });
        }
        if (problems.length > 0) {
          const refused = invalidInputs(problems);
          throw new GraphQLError(refused.message, { extensions: { ...refused.extensions, http: { status: 400 } } });
        }
      },
    };
  },
};
