import { Role } from '../subgraphs/common/auth';
import { post, type GraphQLResponse } from './testing/client';
import { startTestHub, type TestHub } from './testing/hub';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub('reports');
});
afterAll(() => hub?.close());

async function query(source: string, authorization?: string): Promise<GraphQLResponse> {
  return (await post(hub.gateway.url, { query: source }, authorization ? { authorization } : {})).body;
}

const ROLL_UP = /* GraphQL */ `{
  unitRollUp(unitCode: "40", period: "2025") {
    unit { name }
    reportsReceived teamCount
    figures { indicator value }
    trainingsHeld membersTrained onboardings residentsHelpedAtEvents
    ranking(by: GUIDED_ONLINE_PAYMENT) {
      rank value
      rollUp { unitCode reportsReceived trainingsHeld membersTrained onboardings residentsHelpedAtEvents locks { month } }
    }
  }
}`;

describe('a roll-up through the gateway', () => {
  it('joins the teams’ reports with partners’ trainings and onboardings and events’ tallies, for each sub-unit', async () => {
    const body = await query(ROLL_UP, await hub.bearer({ sub: 'officer', roles: [Role.OFFICER], units: ['40'] }));
    expect(body.errors).toBeUndefined();
    const rollUp = body.data?.unitRollUp;
    expect(rollUp).toMatchObject({ unit: { name: 'Tỉnh Nghệ An' }, reportsReceived: 12, teamCount: 7 });
    expect(rollUp.figures.find((figure: { indicator: string }) => figure.indicator === 'GUIDED_ONLINE_PAYMENT').value).toBe(262);
    const [tamQuang, tamThai] = rollUp.ranking;
    expect(tamQuang).toMatchObject({ rank: 1, value: 262, rollUp: { unitCode: '17227', reportsReceived: 12, locks: [{ month: '2025-08' }] } });
    expect(tamThai).toMatchObject({ rank: 2, value: 0, rollUp: { unitCode: '17230', reportsReceived: 0 } });
    // Seeded: three trainings (one for the whole province, attended by Tam Thái's members too), three
    // onboardings by Tam Quang's teams, the 2025 Tam Quang fair's tallies.
    const partnerAndEventCounts = (counts: Record<string, number>) =>
      [counts.trainingsHeld, counts.membersTrained, counts.onboardings, counts.residentsHelpedAtEvents];
    expect(partnerAndEventCounts(rollUp)).toEqual([3, 16, 3, 456]);
    expect(partnerAndEventCounts(tamQuang.rollUp)).toEqual([2, 13, 3, 456]);
    expect(partnerAndEventCounts(tamThai.rollUp)).toEqual([0, 3, 0, 0]);
  });

  it('gives a village leader only their own village, and anonymous callers nothing', async () => {
    const leader = await hub.bearer({ sub: 'leader', roles: [Role.TEAM_LEADER], team: (await teamId('17227.01'))! });
    const own = await query(`{ unitRollUp(unitCode: "17227.01", period: "2025-Q3") { reportsReceived onboardings } }`, leader);
    expect(own.errors).toBeUndefined();
    expect(own.data?.unitRollUp.reportsReceived).toBe(2);
    const commune = await query(`{ unitRollUp(unitCode: "17227", period: "2025-Q3") { reportsReceived } }`, leader);
    expect(commune.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const anonymous = await query(`{ unitRollUp(unitCode: "17227", period: "2025-Q3") { reportsReceived } }`);
    expect(anonymous.errors?.map((error) => error.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});

async function teamId(unitCode: string): Promise<string | undefined> {
  const body = await query(`{ teams(unitCode: "${unitCode}", level: VILLAGE) { nodes { id unit { code } } } }`);
  return body.data?.teams.nodes.find((team: { unit: { code: string } }) => team.unit.code === unitCode)?.id;
}
