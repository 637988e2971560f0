import DataLoader from 'dataloader';
import { Role, type Viewer } from './auth';
import { postEntities } from './peers';
import { currentLogger } from './request-scope';

/**
 * Whether the caller works with a team, asked of the subgraphs that hold the relation: a
 * PARTNER works with the teams it invited to a training or whose members it recorded at one
 * (partners subgraph), an ORGANISER with the teams taking part in its events (events subgraph).
 *
 * Why this design: the teams subgraph may not read those tables, and it cannot trust a relation
 * handed to it in an entity representation (`@requires`), because `_entities` is public on a
 * subgraph and a caller could send one forged. So teams asks the owner through its
 * `_entities` (`Team.worksWithCallingPartner`, `Team.worksWithCallingOrganiser`), forwarding the caller's own token: the owner verifies
 * the token and answers for that caller only. Every other role works with no team this way.
 */
export interface WorkingRelations {
  worksWithTeam(teamId: string): Promise<boolean>;
}

/** Builds the per-request WorkingRelations of a caller from their verified viewer and raw Authorization header. */
export type WorkingRelationsFor = (viewer: Viewer, authorization: string | undefined) => WorkingRelations;

export const noWorkingRelations: WorkingRelationsFor = () => ({ worksWithTeam: async () => false });

const worksWithQuery = (field: string) => `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Team { works: ${field} } } }`;

/**
 * Asks the owners over HTTP, one request per owner for all the teams of a request (DataLoader),
 * and fails closed: an owner that cannot answer means no relation (the name stays hidden).
 */
export function federatedWorkingRelations(urls: { partners: string; events: string }, timeoutMs = 5_000): WorkingRelationsFor {
  return (viewer, authorization) => {
    const owners = [
      ...(viewer.has(Role.PARTNER) ? [{ url: urls.partners, query: worksWithQuery('worksWithCallingPartner') }] : []),
      ...(viewer.has(Role.ORGANISER) ? [{ url: urls.events, query: worksWithQuery('worksWithCallingOrganiser') }] : []),
    ];
    if (owners.length === 0 || !authorization) return noWorkingRelations(viewer, authorization);
    const ask = ({ url, query }: (typeof owners)[number]) =>
      new DataLoader<string, boolean>(async (teamIds) => {
        try {
          const representations = teamIds.map((id) => ({ __typename: 'Team', id }));
          const entities = (await postEntities<{ works: boolean }>(url, query, representations, authorization, timeoutMs)).data?._entities ?? [];
          return teamIds.map((_, index) => entities[index]?.works === true);
        } catch (error) {
          currentLogger().warn({ err: error, url }, 'working relations unavailable: names stay hidden');
          return teamIds.map(() => false);
        }
      }, { maxBatchSize: 100 });
    const loaders = owners.map(ask);
    return {
      async worksWithTeam(teamId) {
        return (await Promise.all(loaders.map((loader) => loader.load(teamId)))).some(Boolean);
      },
    };
  };
}
