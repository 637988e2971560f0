import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Role, Viewer } from './auth';
import { federatedWorkingRelations } from './working-relations';

/** A stand-in for the partners subgraph's `_entities`: it works with team "t1" for the token "Bearer vnpt" only. */
let server: Server;
let url: string;
const requests: { authorization?: string; teamIds: string[]; query: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const { query, variables } = JSON.parse(body) as { query: string; variables: { representations: { id: string }[] } };
      const teamIds = variables.representations.map((representation) => representation.id);
      requests.push({ authorization: request.headers.authorization, teamIds, query });
      const works = (id: string) => request.headers.authorization === 'Bearer vnpt' && id === 't1';
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ data: { _entities: teamIds.map((id) => ({ works: works(id) })) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => (requests.length = 0));

const partner = Viewer.fromClaims({ sub: 'p', roles: [Role.PARTNER], partner: 'vnpt' });

it('asks the partners subgraph with the caller’s own token, all of a request’s teams in one call', async () => {
  const relations = federatedWorkingRelations({ partners: url, events: 'http://127.0.0.1:1/graphql' })(partner, 'Bearer vnpt');
  expect(await Promise.all(['t1', 't2', 't1'].map((id) => relations.worksWithTeam(id)))).toEqual([true, false, true]);
  expect(requests).toEqual([{ authorization: 'Bearer vnpt', teamIds: ['t1', 't2'], query: expect.stringContaining('worksWithCallingPartner') }]);
});

it('answers for the token, not for a claim: another partner’s token works with no team', async () => {
  const relations = federatedWorkingRelations({ partners: url, events: url })(partner, 'Bearer viettel');
  expect(await relations.worksWithTeam('t1')).toBe(false);
});

it('asks nobody for callers who are neither partners nor organisers', async () => {
  const leader = Viewer.fromClaims({ sub: 'l', roles: [Role.TEAM_LEADER], team: 't1' });
  expect(await federatedWorkingRelations({ partners: url, events: url })(leader, 'Bearer vnpt').worksWithTeam('t1')).toBe(false);
  expect(requests).toEqual([]);
});

it('fails closed when the owner cannot answer: the name stays hidden', async () => {
  const organiser = Viewer.fromClaims({ sub: 'e', roles: [Role.ORGANISER] });
  const relations = federatedWorkingRelations({ partners: url, events: 'http://127.0.0.1:1/graphql' }, 1_000)(organiser, 'Bearer vnpt');
  expect(await relations.worksWithTeam('t1')).toBe(false);
});
