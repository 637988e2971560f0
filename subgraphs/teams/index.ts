import type { Context } from '../common/context';
import type { SubgraphDefinition } from '../common/server';
import { teamsAuthorization } from './authorization';
import { entities } from './entities';
import { memberById, teamById, unitByCode } from './loaders';
import { CreateTeams1763900000000 } from './migrations/1763900000000-CreateTeams';
import { AuditTrail1796160957526 } from './migrations/1796160957526-AuditTrail';
import { MemberResolver } from './resolvers/member.resolver';
import { MembershipRequestResolver } from './resolvers/membership-request.resolver';
import { TeamResolver } from './resolvers/team.resolver';
import { AdministrativeUnitResolver } from './resolvers/unit.resolver';
import { seedDemoData } from './seed';

/** Administrative units, teams, members and membership requests. */
export const teams: SubgraphDefinition = {
  name: 'teams',
  port: 4001,
  entities,
  authorization: teamsAuthorization,
  migrations: [CreateTeams1763900000000, AuditTrail1796160957526],
  resolvers: [AdministrativeUnitResolver, TeamResolver, MemberResolver, MembershipRequestResolver],
  referenceResolvers: {
    AdministrativeUnit: {
      __resolveReference: ({ code }: { code: string }, ctx: Context) => ctx.loaders.get(unitByCode).load(code),
    },
    Team: {
      __resolveReference: ({ id }: { id: string }, ctx: Context) => ctx.loaders.get(teamById).load(id),
    },
    Member: {
      __resolveReference: ({ id }: { id: string }, ctx: Context) => ctx.loaders.get(memberById).load(id),
    },
  },
  seed: seedDemoData,
};
