import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { getNamedType, isInputObjectType, isScalarType, isSpecifiedScalarType, Kind, type GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { enforceRoles, type AuthorizationMatrix } from './authorization';
import type { Context } from './context';
import { invalidInput } from './errors';
import { anyOf, t } from './messages';
import { refuseLooseInput, validateArgument } from './validation';

export type ReferenceResolvers = Record<
  string,
  { __resolveReference: (reference: never, context: Context) => unknown }
>;

export interface SchemaParts {
  resolvers: NonEmptyArray<Function>;
  /** Entity types only reachable through `_entities` (no query returns them). */
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type, so other subgraphs can extend it. */
  referenceResolvers?: ReferenceResolvers;
  /** Who may use each mutation and sensitive field; its role checks run before the resolvers. */
  authorization: AuthorizationMatrix;
}

const FEDERATION_LINK = `
  extend schema @link(
    url: "https://specs.apollo.dev/federation/v2.7"
    import: ["@key", "@shareable", "@external", "@requires", "@provides"]
  )
`;

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes: type-graphql makes the
 * schema, @apollo/subgraph adds `_service`, `_entities` and the `@link` to the federation spec.
 */
export async function buildFederatedSchema({ resolvers, orphanedTypes, referenceResolvers = {}, authorization }: SchemaParts): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    orphanedTypes,
    validateFn: validateArgument,
    skipCheck: true, // a subgraph may have no Query of its own
  });
  describeRootTypes(schema);
  const resolverMap = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    const resolveReference = requiringKey(typeName, keysOf(schema, typeName), reference.__resolveReference);
    resolverMap[typeName] = { ...resolverMap[typeName], __resolveReference: resolveReference } as GraphQLResolverMap<unknown>[string];
  }
  const subgraphSchema = buildSubgraphSchema({
    typeDefs: gql(FEDERATION_LINK + printSchemaWithDirectives(schema)),
    resolvers: resolverMap,
  });
  // Roles first, then the input: a caller who may not call a mutation learns nothing of its rules.
  return enforceRoles(refuseLooseInput(parseCustomScalarDefaults(subgraphSchema)), authorization);
}

/** type-graphql takes no description for the root types: every subgraph gives them the same one. */
function describeRootTypes(schema: GraphQLSchema): void {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  if (query) query.description = 'What may be read: teams and their reports, resources, partners and events, each as the caller’s roles allow';
  if (mutation) mutation.description = 'What may be changed: teams, resources, partners and events, each as the caller’s roles allow';
}

/** The field names of each `@key(fields: "…")` of a type (`["unitCode", "period"]`). */
function keysOf(schema: GraphQLSchema, typeName: string): string[][] {
  return (schema.getType(typeName)?.astNode?.directives ?? [])
    .filter((directive) => directive.name.value === 'key')
    .flatMap(({ arguments: args = [] }) => args.filter((arg) => arg.name.value === 'fields' && arg.value.kind === Kind.STRING))
    .map((arg) => (arg.value.kind === Kind.STRING ? arg.value.value.trim().split(/\s+/) : []));
}

/**
 * `_entities` is public on a subgraph: a representation without its key (`{ __typename: "Team" }`)
 * would reach the loaders as `undefined` and fail inside them. Refuse it with the key named.
 */
function requiringKey(typeName: string, keys: string[][], resolve: ReferenceResolvers[string]['__resolveReference']) {
  const hasKey = (reference: Record<string, unknown>) =>
    keys.some((fields) => fields.every((field) => typeof reference[field] === 'string' || typeof reference[field] === 'number'));
  return (reference: Record<string, unknown>, context: Context) => {
    if (keys.length > 0 && !hasKey(reference)) {
      throw invalidInput('representations', t('problems.representationNeedsKey', { typeName, keys: anyOf(keys.map((fields) => fields.join(' + '))) }));
    }
    return resolve(reference as never, context);
  };
}

/**
 * The subgraph schema is rebuilt from SDL, where a custom scalar's default (`fee: Money! = "0"`) is
 * read before the scalar's own parser is attached: it would reach resolvers and validation as the
 * text "0". Parse such defaults with their scalar, so an omitted field holds what a sent one would.
 */
function parseCustomScalarDefaults(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInputObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const scalar = getNamedType(field.type);
      if (field.defaultValue === undefined || field.defaultValue === null || !isScalarType(scalar) || isSpecifiedScalarType(scalar)) continue;
      field.defaultValue = scalar.parseValue(field.defaultValue);
    }
  }
  return schema;
}
