import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { getNamedType, isInputObjectType, isScalarType, isSpecifiedScalarType, type GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import { enforceRoles, type AuthorizationMatrix } from './authorization';
import type { Context } from './context';
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
  const resolverMap = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolverMap[typeName] = { ...resolverMap[typeName], ...reference } as GraphQLResolverMap<unknown>[string];
  }
  const subgraphSchema = buildSubgraphSchema({
    typeDefs: gql(FEDERATION_LINK + printSchemaWithDirectives(schema)),
    resolvers: resolverMap,
  });
  // Roles first, then the input: a caller who may not call a mutation learns nothing of its rules.
  return enforceRoles(refuseLooseInput(parseCustomScalarDefaults(subgraphSchema)), authorization);
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
