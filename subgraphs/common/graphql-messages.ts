import type { GraphQLFormattedError } from 'graphql';
import { fieldInWords, type Problem } from './errors';
import { t, type MessageKey } from './messages';
import { vi } from './messages/vi';

/**
 * GraphQL's own refusals (validation of the query, coercion of its variables) are English
 * sentences from graphql-js, which gives them no codes: the sentences of graphql 16 are matched
 * here and said again in the catalogue's words, naming the field as the hub's input errors do
 * ("Số tiền: phải là một số nguyên"). A sentence not matched stays as graphql-js wrote it.
 */

type Said = { message: string; field?: string };
const problem = (field: string, message: string): Said => ({ message: t('input.problem', { field: fieldInWords(field), message }), field });

/** A record type's name for people (`Event` → "Sự kiện"), else as the schema names it. */
const typeInWords = (type: string) => (type in vi.types ? t(`types.${type as keyof typeof vi.types}`) : type);

/** What is wrong with a value (coercion's inner sentence, or a scalar's own), or undefined. */
const VALUE_PROBLEMS: [RegExp, (match: RegExpExecArray) => [MessageKey, Record<string, string>?]][] = [
  [/^Value "(.*)" does not exist in "\w+" enum\./s, ([, value]) => ['graphql.unknownEnumValue', { value }]],
  [/^Enum "\w+" cannot represent non-enum value: (.*)\.( Did you mean.*)?$/s, ([, value]) => ['graphql.unknownEnumValue', { value: value.replace(/^"|"$/g, '') }]],
  [/^Int cannot represent /, () => ['graphql.notInteger']],
  [/^Float cannot represent /, () => ['graphql.notNumber']],
  [/^String cannot represent /, () => ['graphql.notText']],
  [/^Boolean cannot represent /, () => ['graphql.notBoolean']],
  [/^ID cannot represent /, () => ['graphql.notId']],
  [/^Expected type "\w+" to be an object\.$/, () => ['graphql.notObject']],
  [/^Expected non-nullable type ".+" not to be null\.$/, () => ['graphql.notNull']],
  [/^Field "(\w+)" is not defined by type "\w+"\./, ([, name]) => ['graphql.unknownInputField', { name }]],
  [/^Value is not a valid (LocalDate|Date)\b/, () => ['graphql.notDate']],
  [/^Expected value of type ".+", found .*\.$/s, () => ['graphql.wrongValue']],
];

function valueProblem(sentence: string): string | undefined {
  // "Expected type "Int". Int cannot represent…": the scalar's own sentence says more.
  const inner = /^Expected type "\w+"\. (.+)$/s.exec(sentence)?.[1];
  if (inner) return valueProblem(inner) ?? t('graphql.wrongValue');
  if (/^Expected type "\w+"\.$/.test(sentence)) return t('graphql.wrongValue');
  for (const [pattern, say] of VALUE_PROBLEMS) {
    const match = pattern.exec(sentence);
    if (match) {
      const [key, params] = say(match);
      return t(key, params);
    }
  }
  return undefined;
}

/** `input.items[0].amount` (graphql-js) → `input.items.0.amount` (the hub's paths). */
const hubPath = (path: string) => path.replace(/\[(\d+)\]/g, '.$1');

/** A required input field coercion found missing: the field is under `path`. */
const MISSING_INNER_FIELD = /^Field "(\w+)" of required type ".+" was not provided\.$/;

/** What coercion found wrong with a variable's value at `path` (the hub's path), in words; undefined for a sentence not known. */
export function coercionProblem(path: string, sentence: string): Problem | undefined {
  const missing = MISSING_INNER_FIELD.exec(sentence);
  if (missing) return { field: `${path}.${missing[1]}`, message: t('graphql.required') };
  const message = valueProblem(sentence);
  return message === undefined ? undefined : { field: path, message };
}

function variableProblem(path: string, sentence: string): Said | undefined {
  const found = coercionProblem(path, sentence);
  return found && problem(found.field, found.message);
}

const SENTENCES: [RegExp, (match: RegExpExecArray) => Said | undefined][] = [
  [/^Variable "\$(\w+)" got invalid value .*?(?: at "([^"]+)")?; (.+)$/s, ([, name, at, inner]) => variableProblem(hubPath(at ?? name), inner)],
  [/^Variable "\$(\w+)" of required type ".+" was not provided\.$/, ([, name]) => problem(name, t('graphql.required'))],
  [/^Variable "\$(\w+)" of non-null type ".+" must not be null\.$/, ([, name]) => problem(name, t('graphql.notNull'))],
  [/^Field "\w+" argument "(\w+)" of type ".+" is required, but it was not provided\.$/, ([, name]) => problem(name, t('graphql.required'))],
  [/^Field "\w+\.(\w+)" of required type ".+" was not provided\.$/, ([, name]) => problem(name, t('graphql.required'))],
  [/^Cannot query field "(\w+)" on type "(Query|Mutation|Subscription)"\./, ([, name]) => ({ message: t('graphql.unknownOperation', { name }) })],
  [/^Cannot query field "(\w+)" on type "(\w+)"\./, ([, name, type]) => ({ message: t('graphql.unknownField', { name, type: typeInWords(type) }) })],
  [/^Unknown argument "(\w+)" on field "\w+\.(\w+)"\./, ([, name, field]) => ({ message: t('graphql.unknownArgument', { name, field }) })],
  [/^Unknown argument "(\w+)" on directive "(@\w+)"\./, ([, name, field]) => ({ message: t('graphql.unknownArgument', { name, field }) })],
  [/^Variable "\$(\w+)" of type "(.+)" used in position expecting type "(.+)"\.$/, ([, name, given, expected]) => problem(name, t('graphql.variableTypeMismatch', { given, expected }))],
  [/^Variable "\$(\w+)" is not defined( by operation "\w+")?\.$/, ([, name]) => ({ message: t('graphql.variableNotDeclared', { name }) })],
  [/^Variable "\$(\w+)" is never used( in operation "\w+")?\.$/, ([, name]) => ({ message: t('graphql.variableNotUsed', { name }) })],
  [/^Unknown type "(\w+)"\.$/, ([, name]) => ({ message: t('graphql.unknownType', { name }) })],
  [/^Unknown directive "@(\w+)"\.$/, ([, name]) => ({ message: t('graphql.unknownDirective', { name }) })],
  [/^Field "(\w+)" must not have a selection since type ".+" has no subfields\.$/, ([, name]) => ({ message: t('graphql.noSubfields', { name }) })],
  [/^Field "(\w+)" of type ".+" must have a selection of subfields\./, ([, name]) => ({ message: t('graphql.needsSubfields', { name }) })],
  [/^Fields "(\w+)" conflict because /, ([, name]) => ({ message: t('graphql.fieldsConflict', { name }) })],
  [/^There can be only one [\w ]+ named "(.+)"\.$/, ([, name]) => ({ message: t('graphql.writtenTwice', { name }) })],
  [/^Unknown fragment "(\w+)"\.$/, ([, name]) => ({ message: t('graphql.unknownFragment', { name }) })],
  [/^Fragment "(\w+)" is never used\.$/, ([, name]) => ({ message: t('graphql.fragmentNotUsed', { name }) })],
  [/^This anonymous operation must be the only defined operation\.$/, () => ({ message: t('graphql.anonymousNotAlone') })],
  // Execution's choice of the operation (Apollo's OPERATION_RESOLUTION_FAILURE).
  [/^Must provide operation name if query contains multiple operations\.$/, () => ({ message: t('graphql.operationNameNeeded') })],
  [/^GraphQL introspection is not allowed/, () => ({ message: t('graphql.introspectionOff') })],
  [/^Unknown operation named "(\w+)"\.$/, ([, name]) => ({ message: t('graphql.unknownOperationName', { name }) })],
  // The parser's own: its token limit (the gateway's maxTokens; graphql 16 writes "more that"), and any other syntax error (graphqlMessage says where).
  [/^Syntax Error: Document contains more tha[nt] (\d+) tokens\. Parsing aborted\.$/, ([, max]) => ({ message: t('gateway.tooManyTokens', { max }) })],
  [/^Syntax Error: /, () => ({ message: t('gateway.syntax') })],
];

/** The codes under which GraphQL's own refusals reach a caller. */
const GRAPHQL_REFUSALS = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_USER_INPUT', 'OPERATION_RESOLUTION_FAILURE']);
/**
 * The codes only graphql-js's refusals carry (the gateway's own limits set `limit`): a sentence of
 * theirs not known above is still graphql-js's English, so the caller gets the general words.
 */
const GRAPHQL_ONLY = new Set(['GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED']);

/**
 * graphql-js's suggestions of names at the end of a sentence (its didYouMean: ` Did you mean "a",
 * "b", or "c"?`, ` Did you mean the enum value "X"?`). Production drops them (masking.ts: they map
 * the schema); development says them in the caller's language after the sentence.
 */
export const SUGGESTION = / ?Did you mean .+\?$/s;
// Names only: "must have a selection of subfields. Did you mean "x { ... }"?" is the sentence's own advice, said by it.
const SUGGESTED_NAMES = /^ ?Did you mean (?:the enum value )?("\w+"(?:,? (?:or )?"\w+")*)\?$/;

function suggestionOf(message: string): { sentence: string; names?: string } {
  const found = SUGGESTION.exec(message);
  if (!found) return { sentence: message };
  const names = SUGGESTED_NAMES.exec(found[0])?.[1].match(/"[^"]+"/g);
  return { sentence: message.slice(0, found.index), names: names?.map((name) => `“${name.slice(1, -1)}”`).join(', ') };
}

/**
 * A formatted error of GraphQL's own in the caller's language, naming its field (also as
 * `extensions.field`, as the hub's input errors do), graphql-js's sentence kept for programs and
 * developers in `extensions.graphqlMessage`; its code, and every other error, unchanged.
 */
export function graphqlErrorInWords(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!GRAPHQL_REFUSALS.has(String(formatted.extensions?.code))) return formatted;
  const { sentence, names } = suggestionOf(formatted.message);
  const graphqlOnly = GRAPHQL_ONLY.has(String(formatted.extensions?.code)) && formatted.extensions?.limit === undefined;
  const said = sayGraphqlSentence(sentence, formatted.extensions?.field === undefined) ?? (graphqlOnly ? { message: t('graphql.otherRefusal') } : undefined);
  if (!said) return formatted;
  const message = names ? `${said.message}. ${t('graphql.didYouMean', { names })}` : said.message;
  const named = said.field && formatted.extensions?.field === undefined ? { field: said.field } : {};
  return { ...formatted, message, extensions: { ...formatted.extensions, ...named, graphqlMessage: formatted.message } };
}

/** A graphql-js sentence (its suggestion taken off) in the catalogue's words, or undefined when not known. */
function sayGraphqlSentence(sentence: string, mayBeValue: boolean): Said | undefined {
  for (const [pattern, say] of SENTENCES) {
    const match = pattern.exec(sentence);
    const said = match ? say(match) : undefined;
    if (said) return said;
  }
  const value = mayBeValue ? valueProblem(sentence) : undefined;
  return value === undefined ? undefined : { message: value.charAt(0).toUpperCase() + value.slice(1) };
}
