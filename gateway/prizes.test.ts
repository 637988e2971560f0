import { Role, signToken, type HubClaims } from '../subgraphs/common/auth';
import { demoId } from '../subgraphs/common/demo';
import { TEST_JWT_SECRET } from '../subgraphs/common/testing/subgraph';
import { post } from './testing/client';
import { startTestHub, type TestHub } from './testing/hub';

/**
 * Issue 17's contest prizes from in-kind stock through the gateway, on the demo data: a prize shows
 * its lot (resources) beside the contest (events), the quiz's tie stands until the organisers break
 * it, and a hand-over (resources, asking events) shows on the contest at once.
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub('prizes');
}, 240_000);
afterAll(() => hub?.close());

const officer: HubClaims = { sub: 'officer-17227', roles: [Role.OFFICER], units: ['17227'] };
const ask = async (query: string, variables: Record<string, unknown>, as: HubClaims = officer) =>
  (await post(hub.gateway.url, { query, variables }, { authorization: `Bearer ${await signToken(as, TEST_JWT_SECRET)}` })).body;

const CONTESTS = `query ($id: ID!) { event(id: $id) { contests { id title
  prizes { id rank gift { description onHand } handover { recipientKind issuedOn } }
  entries { id entrant rank tied }
  winners { rank tied entry { entrant } } } } }`;

it('shows the prizes’ lot and the tie, breaks it, and hands the tablet over from the lot', async () => {
  const eventId = demoId('event:17227:2025');
  const before = await ask(CONTESTS, { id: eventId });
  expect(before.errors).toBeUndefined();
  const [livestream, quiz] = before.data.event.contests;
  expect(livestream.prizes[0]).toMatchObject({ rank: 1, gift: { description: 'Máy tính bảng Samsung Galaxy Tab A9', onHand: 2 }, handover: null });
  expect(quiz.winners).toEqual([
    { rank: 1, tied: true, entry: { entrant: 'Tổ công nghệ số bản Tân Hương' } },
    { rank: 1, tied: true, entry: { entrant: 'Tổ công nghệ số bản Khe Chóng' } },
  ]);

  const HAND_OVER = `mutation ($input: HandOverPrizeInput!) { handOverPrize(input: $input) { id } }`;
  const tied = await ask(HAND_OVER, { input: { prizeId: quiz.prizes[0].id, issuedOn: '2025-11-20', codes: ['R9XT20A1B3D'], idempotencyKey: 'prizes-test-quiz-1' } });
  expect(tied.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });

  const khe = quiz.entries.find((entry: { entrant: string }) => entry.entrant.endsWith('Khe Chóng'));
  const tan = quiz.entries.find((entry: { entrant: string }) => entry.entrant.endsWith('Tân Hương'));
  const broken = await ask(`mutation ($input: BreakContestTieInput!) { breakContestTie(input: $input) { id } }`, { input: { contestId: quiz.id, entryIds: [khe.id, tan.id] } });
  expect(broken.errors).toBeUndefined();
  const handed = await ask(HAND_OVER, { input: { prizeId: livestream.prizes[0].id, issuedOn: '2025-11-20', codes: ['R9XT20A1B2C'], idempotencyKey: 'prizes-test-livestream-1' } });
  expect(handed.errors).toBeUndefined();

  const after = (await ask(CONTESTS, { id: eventId })).data.event.contests;
  expect(after[0].prizes[0]).toMatchObject({ gift: { onHand: 1 }, handover: { recipientKind: 'TEAM', issuedOn: '2025-11-20' } });
  expect(after[1].winners).toEqual([{ rank: 1, tied: false, entry: { entrant: 'Tổ công nghệ số bản Khe Chóng' } }]);
});
