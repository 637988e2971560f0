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
  const subgraphSdl = await subgraphSdlOf(definitions);
  const supergraphSdl = composeSubgraphSdl(definitions, subgraphSdl);
  return { subgraphSdl, supergraphSdl, apiSchemaSdl: apiSchemaOf(supergraphSdl) };
}

/** Each subgraph's SDL, by name, from its code. */
export async function subgraphSdlOf(definitions: SubgraphDefinition[]): Promise<Record<string, string>> {
  const subgraphSdl: Record<string, string> = {};
  for (const definition of definitions) {
    subgraphSdl[definition.name] = printSubgraphSchema(await buildFederatedSchema(definition));
  }
  return subgraphSdl;
}

/** The supergraph SDL composed from the subgraphs' SDL (by name); throws what composition found wrong. */
export function composeSubgraphSdl(definitions: SubgraphDefinition[], subgraphSdl: Record<string, string>): string {
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
  return result.supergraphSdl;
}

/** The public API schema of a supergraph (the client SDK's codegen schema, what schema checks compare). */
export function apiSchemaOf(supergraphSdl: string): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema()) + '\n';
}
