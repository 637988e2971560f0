import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  validate,
  type ArgumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
} from 'graphql';
import { LRUCache } from 'lru-cache';
import { t } from '../subgraphs/common/messages';

/**
 * Limits on the shape of an operation, checked on the gateway's API schema, so an abusive
 * operation is refused before it is planned or any subgraph is asked: depth and aliases as
 * validation rules, cost and page sizes once the request's variables are known.
 * Fragments are expanded wherever they are spread: they cannot hide depth, aliases or cost.
 */
export interface OperationLimits {
  /** Deepest nesting of fields (`{ a { b } }` is 2 deep). */
  maxDepth: number;
  /** Aliased fields in one operation, counting a fragment once per spread. */
  maxAliases: number;
  /** Estimated fields resolved: each field costs 1 for every item of the lists above it. */
  maxCost: number;
  /** Largest page size a list argument (`first`, `last`, `limit`) may ask for. */
  maxPageSize: number;
  /** Items assumed for a list without a page size (a team's members, an event's stalls). */
  defaultListSize: number;
}

export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 15,
  maxAliases: 30,
  maxCost: 100_000,
  maxPageSize: 100,
  defaultListSize: 10,
};

const PAGE_SIZE_ARGUMENTS = new Set(['first', 'last', 'limit']);

/** Each limit's refusal in the catalogue (in the request's language); `extensions.limit` is the stable name programs read. */
const LIMIT_MESSAGES = { depth: 'gateway.tooDeep', aliases: 'gateway.tooManyAliases', cost: 'gateway.tooCostly' } as const;

function limitExceeded(limit: keyof typeof LIMIT_MESSAGES, max: number, actual: number, node: OperationDefinitionNode): GraphQLError {
  return new GraphQLError(t(LIMIT_MESSAGES[limit], { max, actual }), { nodes: [node], extensions: { limit, max, actual } });
}

/**
 * How a rule folds a selection set into one number: what a field is worth (given `below`, which
 * folds a selection set nested in it), and how the values of one set's selections combine.
 * `Scope` is whatever else a selection set's value depends on: nothing for depth and aliases;
 * for cost, the type it is read on and the page size handed down to it.
 */
interface Folding<Scope> {
  field(field: FieldNode, scope: Scope, below: (selectionSet: SelectionSetNode, scope: Scope) => number): number;
  combine(a: number, b: number): number;
  /** The scope inside a fragment or inline fragment on `typeCondition` (an inline one may have none). */
  within(typeCondition: string | undefined, scope: Scope): Scope;
  /** Names a scope, to remember a fragment's value per scope. */
  key(scope: Scope): string;
}

/**
 * Walks a selection set, fragments expanded wherever they are spread, so they cannot hide depth,
 * aliases or cost; a fragment's value is remembered per scope, so one spread many times is walked once.
 */
function fold<Scope>(
  fragmentNamed: (name: string) => FragmentDefinitionNode | undefined | null,
  folding: Folding<Scope>,
): (selectionSet: SelectionSetNode, scope: Scope) => number {
  const remembered = new Map<string, number>();
  const inProgress = new Set<string>();
  const walk = (selectionSet: SelectionSetNode, scope: Scope): number =>
    selectionSet.selections.reduce((value, selection) => folding.combine(value, valueOf(selection, scope)), 0);
  const valueOf = (selection: SelectionNode, scope: Scope): number => {
    if (selection.kind === Kind.FIELD) return folding.field(selection, scope, walk);
    if (selection.kind === Kind.INLINE_FRAGMENT) return walk(selection.selectionSet, folding.within(selection.typeCondition?.name.value, scope));
    const fragment = fragmentNamed(selection.name.value);
    if (!fragment) return 0;
    const inner = folding.within(fragment.typeCondition.name.value, scope);
    const key = `${fragment.name.value} ${folding.key(inner)}`;
    const known = remembered.get(key);
    if (known !== undefined) return known;
    // A fragment cycle is another rule's error (NoFragmentCycles); here it just ends the walk.
    if (inProgress.has(key)) return 0;
    inProgress.add(key);
    const value = walk(fragment.selectionSet, inner);
    inProgress.delete(key);
    remembered.set(key, value);
    return value;
  };
  return walk;
}

const sum = (a: number, b: number) => a + b;
const noScope = { within: () => undefined, key: () => '' };

/** Refuses operations nested deeper than `maxDepth` fields. */
export function depthLimit(maxDepth: number): ValidationRule {
  return (context) => {
    const depthOf = fold<undefined>((name) => context.getFragment(name), {
      ...noScope,
      field: (field, scope, below) => 1 + (field.selectionSet ? below(field.selectionSet, scope) : 0),
      combine: Math.max,
    });
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet, undefined);
        if (depth > maxDepth) {
          context.reportError(
            limitExceeded('depth', maxDepth, depth, operation),
          );
        }
      },
    };
  };
}

/** Refuses operations with more than `maxAliases` aliased fields (alias bombs). */
export function aliasLimit(maxAliases: number): ValidationRule {
  return (context) => {
    const aliasesIn = fold<undefined>((name) => context.getFragment(name), {
      ...noScope,
      field: (field, scope, below) => (field.alias ? 1 : 0) + (field.selectionSet ? below(field.selectionSet, scope) : 0),
      combine: sum,
    });
    return {
      OperationDefinition(operation) {
        const aliases = aliasesIn(operation.selectionSet, undefined);
        if (aliases > maxAliases) {
          context.reportError(
            limitExceeded('aliases', maxAliases, aliases, operation),
          );
        }
      },
    };
  };
}

/** A request's variables by name, as it sent them (before GraphQL coerces them). */
export type Variables = Readonly<Record<string, unknown>>;

/**
 * The page size a `first`/`last`/`limit` argument asks for, as the request carries it: a literal,
 * a variable's value, or (when the request leaves the variable out) its default. Without the
 * request's variables (validating a document alone), a variable counts at its default, or at the
 * largest page size when it has none. Undefined when the argument asks for nothing (null, or a
 * variable left out without a default: the field's own default applies).
 */
function requestedPageSize(value: ValueNode, operation: OperationDefinitionNode, variables: Variables | undefined, maxPageSize: number): number | undefined {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind !== Kind.VARIABLE) return undefined;
  const name = value.name.value;
  const sent = variables?.[name];
  if (sent !== undefined) return typeof sent === 'number' ? sent : undefined;
  const declared = operation.variableDefinitions?.find(({ variable }) => variable.name.value === name)?.defaultValue;
  if (declared?.kind === Kind.INT) return Number(declared.value);
  return variables ? undefined : maxPageSize;
}

interface CostScope {
  /** The type the selection set is read on. */
  type: GraphQLNamedType | undefined | null;
  /** A connection's page size, handed down to its `nodes` and `edges`. */
  pageSize?: number;
}

/**
 * Refuses operations whose estimated cost is over `maxCost`, and any page size over `maxPageSize`.
 * Each field costs 1 per item of the lists it sits in; a list holds its page size (a connection's
 * `first` applies to its `nodes` and `edges`), or `defaultListSize` when it has none.
 *
 * Both depend on the values the request carries: given its `variables`, a page size in a variable
 * counts at the value sent (see requestedPageSize). The gateway runs this rule once per request,
 * when the variables are known (`costLimitPlugin`).
 */
export function costLimit(
  { maxCost, maxPageSize, defaultListSize }: Pick<OperationLimits, 'maxCost' | 'maxPageSize' | 'defaultListSize'>,
  variables?: Variables,
): ValidationRule {
  return (context) => {
    const schema = context.getSchema();
    // Introspection's own fields are not among a type's fields, but they cost like any other:
    // nested `fields { type { fields … } } }` grows as fast as any list.
    const definitionOf = (parent: CostScope['type'], name: string): GraphQLField<unknown, unknown> | undefined => {
      if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
      if (parent && parent === schema.getQueryType()) {
        if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
        if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
      }
      return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
    };
    // Each argument over the largest page size, refused once however often its fragment is spread.
    const oversized = new Map<ArgumentNode, { field: string; size: number }>();
    const refused = new Set<ArgumentNode>();

    const costOf = (operation: OperationDefinitionNode): number => {
      /** The page size a field asks for, else its argument's default in the schema. */
      const pageSizeOf = (field: FieldNode, definition: GraphQLField<unknown, unknown>): number | undefined => {
        let requested: number | undefined;
        for (const argument of field.arguments ?? []) {
          if (!PAGE_SIZE_ARGUMENTS.has(argument.name.value)) continue;
          const size = requestedPageSize(argument.value, operation, variables, maxPageSize);
          if (size !== undefined && size > maxPageSize) oversized.set(argument, { field: field.name.value, size });
          requested ??= size;
        }
        if (requested !== undefined) return requested;
        const declared = definition.args.find(({ name }) => PAGE_SIZE_ARGUMENTS.has(name));
        return typeof declared?.defaultValue === 'number' ? declared.defaultValue : undefined;
      };
      // Remembered per operation: a variable's default belongs to its operation.
      const walk = fold<CostScope>((name) => context.getFragment(name), {
        within: (typeCondition, scope) => ({ ...scope, type: typeCondition ? schema.getType(typeCondition) : scope.type }),
        key: ({ type, pageSize }) => `${type?.name} ${pageSize}`,
        combine: sum,
        field(field, { type: parent, pageSize }, below) {
          const definition = definitionOf(parent, field.name.value);
          if (!definition) return 0; // unknown fields are another rule's error
          const ownPageSize = pageSizeOf(field, definition);
          if (!field.selectionSet) return 1;
          const type = getNamedType(definition.type);
          if (isListType(getNullableType(definition.type))) {
            return 1 + (ownPageSize ?? pageSize ?? defaultListSize) * below(field.selectionSet, { type });
          }
          return 1 + below(field.selectionSet, { type, pageSize: ownPageSize });
        },
      });
      return walk(operation.selectionSet, { type: schema.getRootType(operation.operation) });
    };

    return {
      OperationDefinition(operation) {
        const cost = costOf(operation);
        // Page sizes first: the gateway answers with the first refusal only, and it is the one to fix.
        const inDocumentOrder = [...oversized].filter(([argument]) => !refused.has(argument)).sort(([a], [b]) => (a.loc?.start ?? 0) - (b.loc?.start ?? 0));
        for (const [argument, { field, size }] of inDocumentOrder) {
          refused.add(argument);
          context.reportError(
            new GraphQLError(t('gateway.pageTooLarge', { field: `${field}(${argument.name.value})`, actual: size, max: maxPageSize }), {
              nodes: [argument],
              extensions: { limit: 'pageSize', max: maxPageSize, actual: size },
            }),
          );
        }
        if (cost > maxCost) {
          context.reportError(
            limitExceeded('cost', maxCost, cost, operation),
          );
        }
      },
    };
  };
}

/** All three rules with these limits, for validating a document alone (variables unknown). */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  return [depthLimit(limits.maxDepth), aliasLimit(limits.maxAliases), costLimit(limits)];
}

/**
 * Refuses a request whose operation, with the variables it carries, costs too much or asks for too
 * large a page: checked once the operation is resolved (before it is planned, or registered as a
 * persisted query), for every request, since Apollo validates a document once and caches it.
 */
export function costLimitPlugin(limits: OperationLimits): ApolloServerPlugin {
  // Apollo keeps each document it has parsed, so a document sent again is the same object, and its
  // cost changes only with the numbers its variables carry (a page size is a number or is not
  // there): what was found within the limits is not walked again. Refusals are, to be said in the
  // request's language.
  const withinLimits = new WeakMap<OperationDefinitionNode, { schema: GraphQLSchema; pageSizes: LRUCache<string, true> }>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo has refused a document without the operation asked for
          const variables = request.variables ?? {};
          const pageSizes = JSON.stringify(Object.entries(variables).map(([name, value]) => [name, typeof value === 'number' ? value : typeof value]));
          let known = withinLimits.get(operation);
          if (known?.schema !== schema) withinLimits.set(operation, (known = { schema, pageSizes: new LRUCache({ max: 100 }) }));
          if (known.pageSizes.has(pageSizes)) return;
          // The operation being run, with the fragments: another operation's variables are not these.
          const definitions = document.definitions.filter((definition) => definition.kind !== Kind.OPERATION_DEFINITION || definition === operation);
          const [refusal] = validate(schema, { ...document, definitions }, [costLimit(limits, variables)]);
          if (refusal) {
            throw new GraphQLError(refusal.message, {
              nodes: refusal.nodes,
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...refusal.extensions, http: { status: 400 } },
            });
          }
          known.pageSizes.set(pageSizes, true);
        },
      };
    },
  };
}

/** The limits for ApolloServer: its `validationRules`, and the plugin that checks cost and page sizes. */
export function operationLimits(limits: OperationLimits): { validationRules: ValidationRule[]; plugin: ApolloServerPlugin } {
  return { validationRules: [depthLimit(limits.maxDepth), aliasLimit(limits.maxAliases)], plugin: costLimitPlugin(limits) };
}
