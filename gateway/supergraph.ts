import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse, printSchema } from 'graphql';
import { buildFederatedSchema } from '../subgraphs/common/schema';
import type { SubgraphDefinition } from '../subgraphs/common/server';

/** Where `npm run compose` writes the API schema, relative to the repository root. */
export const API_SCHEMA_PATH = 'client/schema.graphql';

export interface Composition {
  /** Each subgraph's SDL, by name. */
  subgraphSdl: Record<string, string>;
  supergraphSdl: string;
  /** What clients see: the supergraph without federation's join__/link__ types and directives. */
  apiSchemaSdl: string;
}

/** Composes the supergraph from the subgraphs' code, with @apollo/composition (no binary). */
export async function composeSupergraph(definitions: SubgraphDefinition[]): Promise<Composition> {
  const subgraphSdl: Record<string, string> = {};
  for (const definition of definitions) {
    subgraphSdl[definition.name] = printSubgraphSchema(await buildFederatedSchema(definition));
  }
  const result = composeServices(
    definitions.map(({ name, port }) => ({
      name,
      url: `http://localhost:${port}/graphql`,
      typeDefs: parse(subgraphSdl[name]),
    })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`);
  }
  return { subgraphSdl, supergraphSdl: result.supergraphSdl, apiSchemaSdl: apiSchemaOf(result.supergraphSdl) };
}

/** The public API schema of a supergraph (the client SDK's codegen schema, what schema checks compare). */
export function apiSchemaOf(supergraphSdl: string): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema()) + '\n';
}
