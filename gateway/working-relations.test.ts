import { Role, type HubClaims } from '../subgraphs/common/auth';
import { demoId } from '../subgraphs/common/demo';
import { post, type GraphQLResponse } from './testing/client';
import { startTestHub, type TestHub } from './testing/hub';

/**
 * Members' names for partners and organisers (issue 15, minimum necessary), end to end: teams asks
 * partners and events over HTTP whether the caller works with each team (common/working-relations.ts),
 * and the gateway's answer holds the names of those teams' members only. Demo data: Viettel invited
 * the teams of Xã Tam Quang, Bản Xốp Cháo and Bản Tân Hương to its training; the demo organiser's
 * fairs have every team of Xã Tam Quang taking part; nobody works with Xã Châu Kim's teams.
 */

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub('relations', {}, { workingRelations: true });
}, 120_000); // the whole hub, seeded, teams started twice, on a shared machine
afterAll(() => hub?.close());

const TEAMS = '{ teams(unitCode: "40", first: 100) { nodes { unit { code } members { fullName phone } } } }';

interface Answer {
  /** Per team's unit code: whether its members' names were shown. */
  names: Record<string, boolean>;
  errors: GraphQLResponse['errors'];
}

async function namesSeenBy(claims: HubClaims): Promise<Answer> {
  const { body } = await post(hub.gateway.url, { query: TEAMS }, { authorization: await hub.bearer(claims) });
  const teams = (body.data?.teams as { nodes: { unit: { code: string }; members: { fullName: string | null; phone: string | null }[] }[] }).nodes;
  // Every seeded team has members: a team without any would say nothing either way.
  expect(teams.every((team) => team.members.length > 0)).toBe(true);
  // All of a team's names or none: the rule is per team.
  for (const team of teams) expect(new Set(team.members.map((member) => member.fullName !== null)).size).toBe(1);
  // Phones are never theirs, whatever the relation.
  expect(teams.flatMap((team) => team.members).every((member) => member.phone === null)).toBe(true);
  return { names: Object.fromEntries(teams.map((team) => [team.unit.code, team.members[0].fullName !== null])), errors: body.errors };
}

const TEAMS_OF_TAM_QUANG = ['17227', '17227.01', '17227.02', '17227.03'];
const TEAMS_OF_CHAU_KIM = ['17230', '17230.01', '17230.02'];
const only = (codes: readonly string[]) => Object.fromEntries([...TEAMS_OF_TAM_QUANG, ...TEAMS_OF_CHAU_KIM].map((code) => [code, codes.includes(code)]));

it('shows a partner the names of the members of the teams it invited to a training, and of no other team', async () => {
  const { names, errors } = await namesSeenBy({ sub: 'viettel-staff', roles: [Role.PARTNER], partner: demoId('partner:viettel') });
  expect(names).toEqual(only(['17227', '17227.01', '17227.02']));
  // A hidden name is null with FORBIDDEN on that field, never a silent gap.
  expect(errors?.length).toBeGreaterThan(0);
  expect(errors!.every((error) => error.extensions?.code === 'FORBIDDEN' && error.path?.at(-1) !== undefined)).toBe(true);
});

it('shows an organiser the names of the members of the teams taking part in its events, and of no other team', async () => {
  const { names } = await namesSeenBy({ sub: 'dev-organiser', roles: [Role.ORGANISER] });
  expect(names).toEqual(only(TEAMS_OF_TAM_QUANG));
});

it('shows no names to a partner or an organiser who works with none of the teams', async () => {
  expect((await namesSeenBy({ sub: 'shopee-staff', roles: [Role.PARTNER], partner: demoId('partner:no-such-partner') })).names).toEqual(only([]));
  expect((await namesSeenBy({ sub: 'organiser-elsewhere', roles: [Role.ORGANISER] })).names).toEqual(only([]));
});
