import type { SubgraphDefinition } from './common/server';
import { events } from './events';
import { partners } from './partners';
import { resources } from './resources';
import { teams } from './teams';

/** Every subgraph of the hub, in the order they start and compose. */
export const subgraphs: SubgraphDefinition[] = [teams, resources, partners, events];
