import { Role } from '../auth';
import type { WorkingRelationsFor } from '../working-relations';

/**
 * Which teams partners and organisers work with, fixed for a test (as the partners and events
 * subgraphs would answer): by partner id and by organiser subject.
 */
export function staticWorkingRelations({ partners = {}, organisers = {} }: { partners?: Record<string, string[]>; organisers?: Record<string, string[]> }): WorkingRelationsFor {
  return (viewer) => ({
    worksWithTeam: async (teamId) =>
      (viewer.has(Role.PARTNER) && (partners[viewer.partnerId ?? ''] ?? []).includes(teamId)) ||
      (viewer.has(Role.ORGANISER) && (organisers[viewer.subject ?? ''] ?? []).includes(teamId)),
  });
}
