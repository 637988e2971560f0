import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { buildFederatedSchema } from '../subgraphs/common/schema';
import type { SubgraphDefinition } from '../subgraphs/common/server';

export interface Composition {
  /** Each subgraph's SDL, by name. */
  subgraphSdl: Record<string, string>;
  supergraphSdl: string;
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
  return { subgraphSdl, supergraphSdl: result.supergraphSdl };
}
