/**
 * The subgraphs' names, in the order they start and compose. What the gateway needs of them, without
 * loading them: their entities, resolvers and libraries (TypeORM, spreadsheets, PDFs) would cost the
 * gateway about a second at every start and about 30 MB it never uses.
 */
export const SUBGRAPH_NAMES = ['teams', 'resources', 'partners', 'events'] as const;

export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];
