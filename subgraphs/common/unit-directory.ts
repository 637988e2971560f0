import { notFound } from './errors';

export interface UnitPlace {
  unitCode: string;
  /** Materialised path of unit codes from the root: `/40/17227/`. */
  unitPath: string;
}

/**
 * Where units and teams sit in the administrative tree, which the teams subgraph owns.
 * Other subgraphs store a unit's path beside their rows (units do not move) so that
 * officers' scopes and subtree totals are local queries.
 */
export interface UnitDirectory {
  unit(code: string): Promise<UnitPlace>;
  team(id: string): Promise<UnitPlace>;
}

interface EntitiesResponse {
  data?: { _entities: ({ code: string; path: string } | { id: string; unit: { code: string; path: string } } | null)[] };
  errors?: { message: string }[];
}

/**
 * Asks the teams subgraph through federation entity references (`_entities`), never its
 * tables, and remembers the answers for the life of the process.
 */
export function federatedUnitDirectory(teamsUrl: string): UnitDirectory {
  const cache = new Map<string, Promise<UnitPlace>>();

  async function lookup(representation: Record<string, string>, kind: string, id: string): Promise<UnitPlace> {
    const response = await fetch(teamsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `query ($representations: [_Any!]!) {
          _entities(representations: $representations) {
            ... on AdministrativeUnit { code path }
            ... on Team { id unit { code path } }
          }
        }`,
        variables: { representations: [representation] },
      }),
    });
    const body = (await response.json()) as EntitiesResponse;
    const [entity] = body.data?._entities ?? [];
    if (!entity) {
      if (body.errors?.length) throw new Error(`Teams subgraph: ${body.errors[0].message}`);
      throw notFound(kind, id);
    }
    const unit = 'unit' in entity ? entity.unit : entity;
    return { unitCode: unit.code, unitPath: unit.path };
  }

  const cached = (cacheKey: string, load: () => Promise<UnitPlace>) => {
    let place = cache.get(cacheKey);
    if (!place) {
      place = load();
      cache.set(cacheKey, place);
      place.catch(() => cache.delete(cacheKey)); // do not remember failures
    }
    return place;
  };

  return {
    unit: (code) => cached(`unit:${code}`, () => lookup({ __typename: 'AdministrativeUnit', code }, 'AdministrativeUnit', code)),
    team: (id) => cached(`team:${id}`, () => lookup({ __typename: 'Team', id }, 'Team', id)),
  };
}
