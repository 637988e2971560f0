import { buildSchema, graphql } from 'graphql';
import { Role, Viewer } from './auth';
import { allowedCallers, describeRule, enforceRoles, type AuthorizationMatrix } from './authorization';

const viewer = (roles: Role[]) =>
  Viewer.fromClaims({ sub: 'someone', roles, units: ['40'], team: 'team-1', partner: 'partner-1' });

describe('a rule', () => {
  it('reads in domain terms, ADMIN first unless the row says not even admins', () => {
    expect(describeRule({ officer: 'the team’s unit', leader: 'the team' })).toBe('ADMIN; OFFICER over the team’s unit; TEAM_LEADER of the team');
    expect(describeRule({ admin: false, partner: 'the partner itself' })).toBe('PARTNER: the partner itself; not ADMIN');
    expect(describeRule({ anyone: true, note: 'a resident applies' })).toBe('anyone, no sign-in needed (a resident applies)');
  });

  it('lets through the caller kinds it names, and admins unless it says not', () => {
    expect([...allowedCallers({ officer: 'the unit' })].sort()).toEqual(['admin', 'officer']);
    expect([...allowedCallers({ admin: false, leader: 'the team' })]).toEqual(['leader']);
    expect(allowedCallers({ signedIn: true }).has('anonymous')).toBe(false);
    expect(allowedCallers({ anyone: true }).has('anonymous')).toBe(true);
  });
});

describe('enforceRoles', () => {
  const matrix: AuthorizationMatrix = {
    subgraph: 'test',
    mutations: { approve: { officer: 'the unit' }, apply: { anyone: true } },
    fields: { 'Query.secret': { admin: false, partner: 'the partner itself' }, 'Query.name': { signedIn: true } },
  };
  // Resolvers that let everyone through: whatever is refused below, the matrix refused.
  const schema = enforceRoles(buildSchema('type Query { secret: String, name: String } type Mutation { approve: String, apply: String }'), matrix);
  const run = async (source: string, roles: Role[] | null) => {
    const result = await graphql({
      schema,
      source,
      rootValue: { secret: 'key', name: 'Lan', approve: 'done', apply: 'sent' },
      contextValue: { viewer: roles ? viewer(roles) : Viewer.anonymous },
    });
    return { data: result.data, codes: (result.errors ?? []).map((error) => error.extensions.code) };
  };

  it('refuses anonymous callers and roles a row does not name before the resolver runs', async () => {
    expect(await run('mutation { approve }', null)).toEqual({ data: { approve: null }, codes: ['UNAUTHENTICATED'] });
    expect(await run('mutation { approve }', [Role.TEAM_LEADER, Role.PARTNER])).toEqual({ data: { approve: null }, codes: ['FORBIDDEN'] });
    expect(await run('{ secret }', [Role.ADMIN])).toEqual({ data: { secret: null }, codes: ['FORBIDDEN'] });
  });

  it('passes the roles a row names on to the resolver, which checks their scope', async () => {
    expect(await run('mutation { approve }', [Role.OFFICER])).toEqual({ data: { approve: 'done' }, codes: [] });
    expect(await run('mutation { approve }', [Role.ADMIN])).toEqual({ data: { approve: 'done' }, codes: [] });
    expect(await run('{ secret name }', [Role.PARTNER])).toEqual({ data: { secret: 'key', name: 'Lan' }, codes: [] });
    expect(await run('mutation { apply }', null)).toEqual({ data: { apply: 'sent' }, codes: [] });
    expect(await run('{ name }', null)).toEqual({ data: { name: null }, codes: ['UNAUTHENTICATED'] });
  });
});
