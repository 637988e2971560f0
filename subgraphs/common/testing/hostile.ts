import {
  getNamedType,
  GraphQLID,
  GraphQLString,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  Kind,
  parse,
  print,
  valueFromASTUntyped,
  type FieldNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { HubClaims } from '../auth';
import { Money } from '../money';
import { MAX_TEXT_LENGTH } from '../validation';
import type { Operation } from './authorization';
import { errorCodes, type TestSubgraph } from './subgraph';

/**
 * The hostile-input table: for every mutation, every Money, date, text, id and list its schema
 * takes (nested inputs and list elements included) gets the values an attacker would send; each
 * must be refused with BAD_USER_INPUT naming that field, and write nothing. The rows come from the
 * schema, so a mutation or field added later is covered without a line here; each mutation's valid
 * baseline is its authorization probe (a probe is required for every mutation).
 */

/** One hostile value at one place of a mutation's arguments, and the field its refusal must name. */
export interface HostileRow {
  /** Where in the arguments: [argument, field, index, …]. */
  at: (string | number)[];
  value: unknown;
  /** What the refusal must name (or a field inside it: `codes.1` for `codes`). */
  field: string;
  why: string;
}

const LOCAL_DATE = 'LocalDate';
const TOO_LONG = 'x'.repeat(MAX_TEXT_LENGTH + 1);

/** The hostile values for one leaf, by its type. */
function hostileLeaves(type: GraphQLInputType, required: boolean, defaultValue: unknown): [string, unknown][] {
  const named = getNamedType(type);
  const blank: [string, unknown][] = required && defaultValue !== '' ? [['blank', '   ']] : [];
  if (named.name === Money.name) {
    return [['negative', '-1'], ['over any bound', '100000000000000'], ['beyond 2^53', '9007199254740993'], ['decimals', '1.5']];
  }
  if (named.name === LOCAL_DATE) return [['year 1', '0001-01-01'], ['year 5026', '5026-01-01'], ['before 2020', '1999-12-31']];
  if (named === GraphQLString) return [['a NUL byte', 'Tổ\u0000số'], ['a control character', 'Tổ\u001bsố'], ['too long', TOO_LONG], ...blank];
  if (named === GraphQLID) return [['too long for an id', 'x'.repeat(37)], ['not an id', 'id; DROP TABLE'], ['a NUL byte', 'ab\u0000cd'], ...blank];
  return [];
}

/** A valid-looking element for a list the baseline left empty (to repeat it). */
function sampleOf(type: GraphQLInputType): unknown {
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0].name;
  return named === GraphQLID ? '7d1c1c1e-0000-4000-8000-000000000001' : 'MA-0001';
}

/** Every hostile row for a value of `type` at `at`, given the baseline's value there. */
export function hostileRows(type: GraphQLInputType, at: (string | number)[], present: unknown, defaultValue?: unknown): HostileRow[] {
  const required = isNonNullType(type);
  const inner = required ? type.ofType : type;
  // Fields are named inside the argument (`budget.0.unitPrice`); a scalar argument by its own name.
  const field = at.length > 1 ? at.slice(1).join('.') : String(at[0]);
  if (isListType(inner)) {
    const element = inner.ofType;
    const items = Array.isArray(present) ? present : [];
    if (isLeafType(getNamedType(element))) {
      const first = items[0] ?? sampleOf(element);
      return [
        { at, value: [first, first], field, why: 'a repeated element' },
        ...hostileLeaves(element, true, undefined).map(([why, value]) => ({ at, value: [value, ...items.slice(1)], field, why: `an element with ${why}` })),
      ];
    }
    return items.length > 0 ? hostileRows(element, [...at, 0], items[0]) : [];
  }
  if (isInputObjectType(inner)) {
    if (present === null || typeof present !== 'object') return []; // no valid object to spoil
    return Object.values(inner.getFields()).flatMap((inputField) =>
      hostileRows(inputField.type, [...at, inputField.name], (present as Record<string, unknown>)[inputField.name], inputField.defaultValue),
    );
  }
  return hostileLeaves(inner, required, defaultValue).map(([why, value]) => ({ at, value, field, why }));
}

/**
 * A probe's operation rewritten so every argument of its mutation is a variable named as the
 * argument (literals and the probe's own variables become their values), absent ones declared too.
 */
export function asVariables(schema: GraphQLSchema, operation: Operation): { name: string; query: string; variables: Record<string, unknown> } {
  const definition = parse(operation.query).definitions.find((node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION)!;
  const selection = definition.selectionSet.selections.find((node): node is FieldNode => node.kind === Kind.FIELD)!;
  const name = selection.name.value;
  const field = schema.getMutationType()!.getFields()[name];
  const given = new Map((selection.arguments ?? []).map((argument) => [argument.name.value, valueFromASTUntyped(argument.value, operation.variables)]));
  // An argument with a default may be left out: its variable is declared nullable, so leaving it out leaves the default.
  const typeOf = (argument: (typeof field.args)[number]) =>
    isNonNullType(argument.type) && argument.defaultValue !== undefined ? argument.type.ofType : argument.type;
  const declared = field.args.map((argument) => `$${argument.name}: ${String(typeOf(argument))}`).join(', ');
  const passed = field.args.map((argument) => `${argument.name}: $${argument.name}`).join(', ');
  const selected = selection.selectionSet ? print(selection.selectionSet) : '';
  return {
    name,
    query: `mutation Hostile${field.args.length > 0 ? `(${declared})` : ''} { ${name}${field.args.length > 0 ? `(${passed})` : ''} ${selected} }`,
    variables: Object.fromEntries([...given].filter(([, value]) => value !== undefined)),
  };
}

/** `variables` with `value` put at `at`. */
function withValueAt(variables: Record<string, unknown>, at: (string | number)[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(variables);
  let parent: any = copy;
  for (const step of at.slice(0, -1)) parent = parent[step];
  parent[at[at.length - 1]] = value;
  return copy;
}

/** The row count of every table, in one statement. */
export async function rowCounts(subgraph: TestSubgraph): Promise<unknown> {
  const { driver, entityMetadatas } = subgraph.db.dataSource;
  const counts = entityMetadatas.map((entity, index) => `(SELECT COUNT(*) FROM ${driver.escape(entity.tableName)}) AS c${index}`);
  const [row] = await subgraph.db.manager.query(`SELECT ${counts.join(', ')}`);
  return Object.values(row).map(Number);
}

/** Runs every hostile row of one mutation; returns what was not refused as it should be. */
export async function refusalsOf(subgraph: TestSubgraph, operation: Operation, as: HubClaims | undefined): Promise<string[]> {
  const { name, query, variables } = asVariables(subgraph.schema, operation);
  const field = subgraph.schema.getMutationType()!.getFields()[name];
  const rows = field.args.flatMap((argument) => hostileRows(argument.type, [argument.name], variables[argument.name], argument.defaultValue));
  const wrong: string[] = [];
  for (const row of rows) {
    const before = await rowCounts(subgraph);
    const result = await subgraph.execute(query, { as, variables: withValueAt(variables, row.at, row.value) });
    const named = String(result.errors?.[0]?.extensions?.field ?? '');
    const refused = errorCodes(result).join() === 'BAD_USER_INPUT' && (named === row.field || named.startsWith(`${row.field}.`));
    const unchanged = JSON.stringify(await rowCounts(subgraph)) === JSON.stringify(before);
    if (!refused || !unchanged) {
      const outcome = result.errors ? `${errorCodes(result).join()} naming "${named}": ${result.errors[0].message.slice(0, 120)}` : 'accepted';
      wrong.push(`${name} ${row.field} (${row.why}): ${outcome}${unchanged ? '' : ', and rows were written'}`);
    }
  }
  return wrong;
}
