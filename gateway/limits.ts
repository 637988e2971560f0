import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
} from 'graphql';

/**
 * Limits on the shape of an operation, checked as validation rules on the gateway's API schema,
 * so an abusive operation is refused before it is planned or any subgraph is asked.
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

function limitExceeded(limit: string, max: number, actual: number, message: string, node: OperationDefinitionNode): GraphQLError {
  return new GraphQLError(message, { nodes: [node], extensions: { limit, max, actual } });
}

/**
 * Walks an operation's selections, fragments expanded, computing one number per selection set;
 * a fragment's result is remembered per `key`, so a fragment spread many times costs one walk.
 */
function fold<T>(
  combine: (selectionSet: SelectionSetNode, recurse: (selectionSet: SelectionSetNode, fragmentKey?: string) => T) => T,
  empty: T,
): (selectionSet: SelectionSetNode) => T {
  const remembered = new Map<string, T>();
  const inProgress = new Set<string>();
  const recurse = (selectionSet: SelectionSetNode, fragmentKey?: string): T => {
    if (fragmentKey === undefined) return combine(selectionSet, recurse);
    const known = remembered.get(fragmentKey);
    if (known !== undefined) return known;
    // A fragment cycle is another rule's error (NoFragmentCycles); here it just ends the walk.
    if (inProgress.has(fragmentKey)) return empty;
    inProgress.add(fragmentKey);
    const result = combine(selectionSet, recurse);
    inProgress.delete(fragmentKey);
    remembered.set(fragmentKey, result);
    return result;
  };
  return (selectionSet) => recurse(selectionSet);
}

/** The selection set each selection stands for: a field's own, or a fragment's (by name, for remembering). */
function eachSelection(
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  visit: (field: FieldNode | null, selectionSet: SelectionSetNode | undefined, fragmentName?: string) => void,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) visit(selection, selection.selectionSet);
    else if (selection.kind === Kind.INLINE_FRAGMENT) visit(null, selection.selectionSet);
    else {
      const fragment = context.getFragment(selection.name.value);
      if (fragment) visit(null, fragment.selectionSet, selection.name.value);
    }
  }
}

/** Refuses operations nested deeper than `maxDepth` fields. */
export function depthLimit(maxDepth: number): ValidationRule {
  return (context) => {
    const depthOf = fold<number>(
      (selectionSet, recurse) => {
        let deepest = 0;
        eachSelection(context, selectionSet, (field, children, fragmentName) => {
          const below = children ? recurse(children, fragmentName) : 0;
          deepest = Math.max(deepest, field ? 1 + below : below);
        });
        return deepest;
      },
      0,
    );
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet);
        if (depth > maxDepth) {
          context.reportError(
            limitExceeded('depth', maxDepth, depth, `The operation is ${depth} fields deep; the maximum depth is ${maxDepth}`, operation),
          );
        }
      },
    };
  };
}

/** Refuses operations with more than `maxAliases` aliased fields (alias bombs). */
export function aliasLimit(maxAliases: number): ValidationRule {
  return (context) => {
    const aliasesIn = fold<number>(
      (selectionSet, recurse) => {
        let count = 0;
        eachSelection(context, selectionSet, (field, children, fragmentName) => {
          if (field?.alias) count += 1;
          if (children) count += recurse(children, fragmentName);
        });
        return count;
      },
      0,
    );
    return {
      OperationDefinition(operation) {
        const aliases = aliasesIn(operation.selectionSet);
        if (aliases > maxAliases) {
          context.reportError(
            limitExceeded('aliases', maxAliases, aliases, `The operation has ${aliases} aliases; the maximum is ${maxAliases}`, operation),
          );
        }
      },
    };
  };
}

/**
 * The page size a field asks for: its literal `first`/`last`/`limit`, a variable's default
 * (or, without one, the largest allowed: variables are not known when validating), or the
 * argument's default in the schema.
 */
function pageSizeOf(field: FieldNode, definition: GraphQLField<unknown, unknown>, operation: OperationDefinitionNode, maxPageSize: number): number | undefined {
  for (const argument of field.arguments ?? []) {
    if (!PAGE_SIZE_ARGUMENTS.has(argument.name.value)) continue;
    const { value } = argument;
    if (value.kind === Kind.INT) return Number(value.value);
    if (value.kind === Kind.VARIABLE) {
      const declared = operation.variableDefinitions?.find(({ variable }) => variable.name.value === value.name.value);
      const fallback = declared?.defaultValue ? valueFromASTUntyped(declared.defaultValue) : undefined;
      return typeof fallback === 'number' ? fallback : maxPageSize;
    }
  }
  const declared = definition.args.find((argument) => PAGE_SIZE_ARGUMENTS.has(argument.name));
  return typeof declared?.defaultValue === 'number' ? declared.defaultValue : undefined;
}

/**
 * Refuses operations whose estimated cost is over `maxCost`, and any page size over `maxPageSize`.
 * Each field costs 1 per item of the lists it sits in; a list holds its page size (a connection's
 * `first` applies to its `nodes`), or `defaultListSize` when it has none.
 */
export function costLimit({ maxCost, maxPageSize, defaultListSize }: Pick<OperationLimits, 'maxCost' | 'maxPageSize' | 'defaultListSize'>): ValidationRule {
  return (context) => {
    const schema = context.getSchema();
    // Introspection's own fields are not among a type's fields, but they cost like any other:
    // nested `fields { type { fields … } } }` grows as fast as any list.
    const definitionOf = (parent: GraphQLNamedType | undefined | null, name: string): GraphQLField<unknown, unknown> | undefined => {
      if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
      if (parent && parent === schema.getQueryType()) {
        if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
        if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
      }
      return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
    };

    const costOf = (operation: OperationDefinitionNode): number => {
      // A fragment's cost depends on the type it is read on and the page size handed down to it.
      const remembered = new Map<string, number>();
      const inProgress = new Set<string>();
      const walk = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined | null, pageSize?: number): number => {
        let cost = 0;
        for (const selection of selectionSet.selections) {
          if (selection.kind === Kind.INLINE_FRAGMENT) {
            const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
            cost += walk(selection.selectionSet, type, pageSize);
          } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
            const fragment = context.getFragment(selection.name.value);
            if (!fragment) continue;
            const key = `${fragment.name.value}:${pageSize}`;
            if (inProgress.has(key)) continue;
            if (!remembered.has(key)) {
              inProgress.add(key);
              remembered.set(key, walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value), pageSize));
              inProgress.delete(key);
            }
            cost += remembered.get(key)!;
          } else {
            const definition = definitionOf(parent, selection.name.value);
            if (!definition) continue; // unknown fields are another rule's error
            cost += 1;
            if (!selection.selectionSet) continue;
            const ownPageSize = pageSizeOf(selection, definition, operation, maxPageSize);
            const type = getNamedType(definition.type);
            if (isListType(getNullableType(definition.type))) {
              cost += (ownPageSize ?? pageSize ?? defaultListSize) * walk(selection.selectionSet, type);
            } else {
              cost += walk(selection.selectionSet, type, ownPageSize);
            }
          }
        }
        return cost;
      };
      const root = schema.getRootType(operation.operation);
      return walk(operation.selectionSet, root);
    };

    return {
      Field(field) {
        for (const argument of field.arguments ?? []) {
          if (!PAGE_SIZE_ARGUMENTS.has(argument.name.value) || argument.value.kind !== Kind.INT) continue;
          const size = Number(argument.value.value);
          if (size > maxPageSize) {
            context.reportError(
              new GraphQLError(`${field.name.value}(${argument.name.value}: ${size}) asks for more than the largest page size, ${maxPageSize}`, {
                nodes: [argument],
                extensions: { limit: 'pageSize', max: maxPageSize, actual: size },
              }),
            );
          }
        }
      },
      OperationDefinition(operation) {
        const cost = costOf(operation);
        if (cost > maxCost) {
          context.reportError(
            limitExceeded('cost', maxCost, cost, `The operation's estimated cost is ${cost}; the maximum is ${maxCost}`, operation),
          );
        }
      },
    };
  };
}

/** All three rules with these limits, for ApolloServer's `validationRules`. */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  return [depthLimit(limits.maxDepth), aliasLimit(limits.maxAliases), costLimit(limits)];
}
