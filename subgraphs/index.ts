import type { SubgraphDefinition } from './common/server';
import { events } from './events';
import { SUBGRAPH_NAMES, type SubgraphName } from './names';
import { partners } from './partners';
import { resources } from './resources';
import { teams } from './teams';

const byName: Record<SubgraphName, SubgraphDefinition> = { teams, resources, partners, events };

/** Every subgraph of the hub, in the order they start and compose (SUBGRAPH_NAMES). */
export const subgraphs: SubgraphDefinition[] = SUBGRAPH_NAMES.map((name) => byName[name]);
