import type { Random } from '../random';
import type { PROVINCES } from './names';

export const SUBGRAPH_NAMES = ['teams', 'resources', 'partners', 'events'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export type EntityClass<E extends object = object> = new () => E;

/** Rows for one subgraph's tables, by entity, in the order tables were first added (parents first). */
export class TableRows {
  readonly tables = new Map<EntityClass, object[]>();

  add<E extends object>(entity: EntityClass<E>, row: Partial<E>): void {
    const rows = this.tables.get(entity) ?? this.tables.set(entity, []).get(entity)!;
    rows.push(row);
  }

  get count(): number {
    let total = 0;
    for (const rows of this.tables.values()) total += rows.length;
    return total;
  }
}

export type SubgraphRows = Record<SubgraphName, TableRows>;

export function emptyRows(): SubgraphRows {
  return { teams: new TableRows(), resources: new TableRows(), partners: new TableRows(), events: new TableRows() };
}

/** A unit as the other subgraphs store it: its code and materialised path. */
export interface PlacedUnit {
  code: string;
  name: string;
  path: string;
}

export interface PlacedMember {
  id: string;
  active: boolean;
}

export interface PlacedTeam {
  id: string;
  unit: PlacedUnit;
  members: PlacedMember[];
  /** Its establishment decision's date: it reports from that month. */
  decisionDate: string;
  /** Active, not suspended: it owes reports. */
  active: boolean;
}

export interface CommunePlan {
  unit: PlacedUnit;
  villages: PlacedUnit[];
  /** The commune's own team first, then the village teams. */
  teams: PlacedTeam[];
}

/**
 * What the teams data of one province defines, handed to the other subgraphs' generators so
 * their rows carry the same unit paths and team/member ids (no reading across databases).
 */
export interface ProvincePlan {
  unit: PlacedUnit;
  communes: CommunePlan[];
}

export interface PartnerPlan {
  id: string;
  name: string;
  shortName: string;
  /** Telecoms and the post serve every province; banks and e-wallets some. */
  everywhere: boolean;
  platformIds: string[];
}

/** What every province generator gets. */
export interface GenerationContext {
  /** The data set's seed, for streams of a part's own (the province's stream is `random`). */
  seed: number;
  random: Random;
  province: (typeof PROVINCES)[number];
  communeCount: number;
  /** `YYYY-MM-DD`: dates are spread around it (history before, upcoming fairs after). */
  today: string;
  partners: PartnerPlan[];
  rows: SubgraphRows;
}
