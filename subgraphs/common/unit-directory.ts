import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import { readOnceMoreOnConnectionFailure } from './connection';
import { notFound } from './errors';
import { currentRequestId } from './request-scope';

export interface UnitPlace {
  unitCode: string;
  /** Materialised path of unit codes from the root: `/40/17227/`. */
  unitPath: string;
}

/** A team member and where their team sits. */
export interface MemberPlace extends UnitPlace {
  memberId: string;
  teamId: string;
}

/**
 * Where units, teams and members sit in the administrative tree, which the teams subgraph
 * owns. Other subgraphs store a unit's path beside their rows (units do not move, members
 * do not change team) so that officers' scopes and subtree totals are local queries.
 * Each lookup throws NOT_FOUND for an id the teams subgraph does not know.
 */
export interface UnitDirectory {
  unit(code: string): Promise<UnitPlace>;
  /** The unit's name as printed on papers it issues, e.g. `Xã Tam Quang`. */
  unitName(code: string): Promise<string>;
  team(id: string): Promise<UnitPlace>;
  member(id: string): Promise<MemberPlace>;
  /**
   * The codes a token's unit claims stand for now: each code itself, and for a code no longer
   * in use (a merged or dissolved unit) the units that cover its area (see Viewer.oversees).
   */
  currentCodes(codes: readonly string[]): Promise<string[]>;
}

/** Every cache of places in this process, emptied together when the tree changes (forgetUnitPlaces). */
const caches = new Set<{ clear(): void }>();

/** Forgets every place this process remembers: units' events say the tree changed. */
export function forgetUnitPlaces(): void {
  for (const cache of caches) cache.clear();
}

type Representation = { __typename: 'AdministrativeUnit'; code: string } | { __typename: 'Team' | 'Member'; id: string };

interface PlacedUnit {
  code: string;
  path: string;
  name?: string;
}
type Entity = PlacedUnit | { id: string; unit: PlacedUnit } | { id: string; team: { id: string; unit: PlacedUnit } } | null;

interface EntitiesResponse {
  data?: { _entities: Entity[] };
  errors?: { message: string }[];
}

const CURRENT_CODES_QUERY = `query ($codes: [String!]!) { unitCodesNow(codes: $codes) { code currentCodes } }`;

interface CurrentCodesResponse {
  data?: { unitCodesNow: { code: string; currentCodes: string[] }[] };
  errors?: { message: string }[];
}

const ENTITIES_QUERY = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on AdministrativeUnit { code path name }
    ... on Team { id unit { code path } }
    ... on Member { id team { id unit { code path } } }
  }
}`;

type Place = UnitPlace | MemberPlace | NamedUnit;
interface NamedUnit extends UnitPlace {
  unitName: string;
}

function placeOf(entity: NonNullable<Entity>): Place {
  if ('team' in entity) {
    const { unit } = entity.team;
    return { memberId: entity.id, teamId: entity.team.id, unitCode: unit.code, unitPath: unit.path };
  }
  if ('unit' in entity) return { unitCode: entity.unit.code, unitPath: entity.unit.path };
  return { unitCode: entity.code, unitPath: entity.path, unitName: entity.name ?? entity.code };
}

export interface UnitDirectoryOptions {
  /** Most places remembered (the least recently used are forgotten first). */
  maxEntries?: number;
  /** How long a place is remembered. */
  ttlMs?: number;
  /** How long the teams subgraph may take to answer one batch. */
  timeoutMs?: number;
}

export const UNIT_DIRECTORY_DEFAULTS = { maxEntries: 50_000, ttlMs: 60 * 60_000, timeoutMs: 5_000 } as const;

/**
 * Asks the teams subgraph through federation entity references (`_entities`), never its
 * tables: the lookups of one tick go out as one request (with the id of the request that
 * asked first, for the logs), and answers are remembered in a bounded cache (failures are not).
 */
export function federatedUnitDirectory(
  teamsUrl: string,
  { maxEntries = UNIT_DIRECTORY_DEFAULTS.maxEntries, ttlMs = UNIT_DIRECTORY_DEFAULTS.ttlMs, timeoutMs = UNIT_DIRECTORY_DEFAULTS.timeoutMs }: UnitDirectoryOptions = {},
): UnitDirectory {
  const ask = async <T>(query: string, variables: object): Promise<{ response: Response; body: T }> => {
    const requestId = currentRequestId();
    const response = await readOnceMoreOnConnectionFailure(() =>
      fetch(teamsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(requestId ? { 'x-request-id': requestId } : {}) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      }),
    );
    return { response, body: (await response.json()) as T };
  };
  const cacheMap = new LRUCache<string, Promise<Place>>({ max: maxEntries, ttl: ttlMs });
  const codesNow = new LRUCache<string, Promise<string[]>>({ max: maxEntries, ttl: ttlMs });
  caches.add(cacheMap).add(codesNow);
  const places = new DataLoader<Representation, Place, string>(
    async (representations) => {
      const { response, body } = await ask<EntitiesResponse>(ENTITIES_QUERY, { representations });
      const entities = body.data?._entities;
      if (!entities) throw new Error(`Teams subgraph: ${body.errors?.[0]?.message ?? `HTTP ${response.status}`}`);
      return representations.map((representation, index) => {
        const entity = entities[index];
        if (entity) return placeOf(entity);
        const id = 'code' in representation ? representation.code : representation.id;
        return notFound(representation.__typename, id);
      });
    },
    {
      cacheKeyFn: (representation) => JSON.stringify(representation),
      cacheMap,
      maxBatchSize: 100,
    },
  );
  const remembered = async <T>(representation: Representation): Promise<T> => {
    try {
      return (await places.load(representation)) as T;
    } catch (error) {
      places.clear(representation);
      throw error;
    }
  };

  const namedUnit = (code: string) => remembered<NamedUnit>({ __typename: 'AdministrativeUnit', code });
  return {
    unit: async (code) => {
      const { unitCode, unitPath } = await namedUnit(code);
      return { unitCode, unitPath };
    },
    unitName: async (code) => (await namedUnit(code)).unitName,
    team: (id) => remembered({ __typename: 'Team', id }),
    member: (id) => remembered({ __typename: 'Member', id }),
    currentCodes: async (codes) => {
      const key = [...codes].sort().join(',');
      let answer = codesNow.get(key);
      if (!answer) {
        answer = ask<CurrentCodesResponse>(CURRENT_CODES_QUERY, { codes }).then(({ response, body }) => {
          const units = body.data?.unitCodesNow;
          if (!units) throw new Error(`Teams subgraph: ${body.errors?.[0]?.message ?? `HTTP ${response.status}`}`);
          return [...new Set(units.flatMap((unit) => [unit.code, ...unit.currentCodes]))];
        });
        codesNow.set(key, answer);
        answer.catch(() => codesNow.delete(key));
      }
      return answer;
    },
  };
}
