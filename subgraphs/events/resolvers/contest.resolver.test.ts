import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../../common/audit';
import { Role, type HubClaims } from '../../common/auth';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { events } from '..';
import { Contest, ContestEntry, ContestPrize, EventStatus, type Event } from '../entities';
import { fakeContest, fakeEntry, fakeEvent, fakeTree } from '../testing/factories';
import { fakeConsent, GIVEN_CONSENT } from '../../common/testing/consent';
import { ConsentPurpose } from '../../common/consent';
import type { PeersFor } from '../../common/peers';

const tree = fakeTree();
const { callers } = tree;
const provinceOfficer: HubClaims = { sub: 'officer-province', roles: [Role.OFFICER], units: [tree.province.unitCode] };
let subgraph: TestSubgraph;

/** Gift lots as the resources subgraph would answer for them (prize.resolver.test.ts there asks the real one): lot id → the unit holding it. */
const lots = new Map<string, string>();
const resourcesAnswering: PeersFor = () => ({
  entities: async <T>(_peer: string, representations: Record<string, unknown>[]) =>
    representations.map(({ id }) => (lots.has(id as string) ? ({ heldBy: { code: lots.get(id as string) } } as T) : null)),
});

beforeAll(async () => {
  subgraph = await createTestSubgraph(events, tree.units, undefined, resourcesAnswering);
});
afterAll(() => subgraph.close());

async function rowCounts() {
  const { manager } = subgraph.db;
  return Promise.all([Contest, ContestPrize, ContestEntry, AuditEntry].map((entity) => manager.count(entity)));
}

function auditOf(entityId: string) {
  return subgraph.db.manager.find(AuditEntry, { where: { entityId }, order: { at: 'ASC' } });
}

/** Entry times a minute apart, in the order given, so "in order of entry" does not hang on the clock. */
const minute = (n: number) => new Date(Date.UTC(2099, 0, 1, 8, n));

const refusals = [
  ['another event’s organiser', callers.otherOrganiser, 'FORBIDDEN'],
  ['its organiser’s subject without the ORGANISER role', { sub: 'organiser', roles: [Role.TEAM_LEADER], team: tree.teams.village }, 'FORBIDDEN'],
  ['an officer of another commune', callers.officerElsewhere, 'FORBIDDEN'],
  ['a partner', callers.partner, 'FORBIDDEN'],
  ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
] as [string, HubClaims | undefined, string][];

describe('addContest', () => {
  const ADD = /* GraphQL */ `
    mutation ($eventId: ID!, $input: ContestInput!) {
      addContest(eventId: $eventId, input: $input) {
        id kind title
        prizes { rank description gift { id } }
        entries { id }
        winners { rank }
      }
    }
  `;
  const giftId = randomUUID();
  lots.set(giftId, tree.village.unitCode);
  const newContest = (overrides: Record<string, unknown> = {}) => ({
    kind: 'LIVESTREAM_SELLING',
    title: 'Bán hàng livestream nông sản',
    prizes: [
      { rank: 2, description: 'Giải nhì: 01 máy tính bảng' },
      { rank: 1, description: 'Giải nhất: 01 điện thoại thông minh', giftId },
      { rank: 3, description: 'Giải ba: 500.000 đồng', giftId: null },
    ],
    ...overrides,
  });

  it('lets an organiser add a contest with its prizes, one of them an in-kind gift, and audits it', async () => {
    const event = await fakeEvent(subgraph.db, tree.commune);
    const result = await subgraph.execute(ADD, { as: callers.organiser, variables: { eventId: event.id, input: newContest() } });
    expect(result.errors).toBeUndefined();
    const contest = result.data?.addContest;
    expect(contest).toEqual({
      id: expect.any(String),
      kind: 'LIVESTREAM_SELLING',
      title: 'Bán hàng livestream nông sản',
      prizes: [
        { rank: 1, description: 'Giải nhất: 01 điện thoại thông minh', gift: { id: giftId } },
        { rank: 2, description: 'Giải nhì: 01 máy tính bảng', gift: null },
        { rank: 3, description: 'Giải ba: 500.000 đồng', gift: null },
      ],
      entries: [],
      winners: [],
    });
    expect(await subgraph.db.manager.findOneByOrFail(Contest, { id: contest.id })).toMatchObject({ eventId: event.id });
    const prizes = await subgraph.db.manager.find(ContestPrize, { where: { contestId: contest.id }, order: { rank: 'ASC' } });
    expect(prizes.map(({ rank, giftId: gift }) => [rank, gift])).toEqual([
      [1, giftId],
      [2, null],
      [3, null],
    ]);

    const [entry] = await auditOf(contest.id);
    expect(entry).toMatchObject({ actor: 'organiser', action: 'addContest', entityType: 'Contest', unitPath: tree.commune.unitPath });
    expect(JSON.parse(entry.after!)).toMatchObject({ title: 'Bán hàng livestream nông sản' });

    const page = await subgraph.execute(`query ($id: ID!) { event(id: $id) { contests { title prizes { rank } } } }`, { variables: { id: event.id } });
    expect(page.data?.event.contests).toEqual([{ title: 'Bán hàng livestream nông sản', prizes: [{ rank: 1 }, { rank: 2 }, { rank: 3 }] }]);
  });

  it.each([
    ['the officer over its unit', callers.officer],
    ['an officer over the province', provinceOfficer],
  ])('lets %s add one, without prizes, to a draft', async (_who, as) => {
    const event = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.DRAFT });
    const result = await subgraph.execute(ADD, { as, variables: { eventId: event.id, input: newContest({ kind: 'DIGITAL_QUIZ', prizes: undefined }) } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.addContest).toMatchObject({ kind: 'DIGITAL_QUIZ', prizes: [] });
  });

  it.each([
    ['prizes.2.rank', { prizes: [{ rank: 1, description: 'Giải nhất' }, { rank: 2, description: 'Giải nhì' }, { rank: 1, description: 'Giải nhất nữa' }] }],
    ['prizes.0.rank', { prizes: [{ rank: 0, description: 'Giải không' }] }],
    ['prizes.1.description', { prizes: [{ rank: 1, description: 'Giải nhất' }, { rank: 2, description: 'X' }] }],
    ['title', { title: 'X' }],
    ['kind', { kind: 'KARAOKE' }],
  ])('rejects a bad %s, naming it, and writes nothing', async (field, override) => {
    const event = await fakeEvent(subgraph.db, tree.commune);
    const before = await rowCounts();
    const result = await subgraph.execute(ADD, { as: callers.organiser, variables: { eventId: event.id, input: newContest(override) } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe(field);
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['a lot the resources subgraph does not know', () => randomUUID()],
    ['a lot of another commune', () => {
      const elsewhere = randomUUID();
      lots.set(elsewhere, tree.otherCommune.unitCode);
      return elsewhere;
    }],
    ['a lot of the province above the event’s commune', () => {
      const above = randomUUID();
      lots.set(above, tree.province.unitCode);
      return above;
    }],
  ])('refuses a prize from %s, naming it, and writes nothing', async (_which, lot) => {
    const event = await fakeEvent(subgraph.db, tree.commune);
    const before = await rowCounts();
    const prizes = [{ rank: 1, description: 'Giải nhất', giftId }, { rank: 2, description: 'Giải nhì: 01 máy tính bảng', giftId: lot() }];
    const result = await subgraph.execute(ADD, { as: callers.organiser, variables: { eventId: event.id, input: newContest({ prizes }) } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe('prizes.1.giftId');
    expect(result.errors?.[0].message).toMatch(/^Giải thưởng thứ 2, Lô hiện vật: .*lô hiện vật/);
    expect(await rowCounts()).toEqual(before);
  });

  it.each(refusals)('refuses %s and writes nothing', async (_who, as, code) => {
    const event = await fakeEvent(subgraph.db, tree.commune);
    const before = await rowCounts();
    const result = await subgraph.execute(ADD, { as, variables: { eventId: event.id, input: newContest() } });
    expect(errorCodes(result)).toEqual([code]);
    expect(await rowCounts()).toEqual(before);
  });

  it('answers NOT_FOUND for another organiser’s draft and an unknown event, and writes nothing', async () => {
    const draft = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.DRAFT });
    const before = await rowCounts();
    for (const [eventId, as] of [
      [draft.id, callers.otherOrganiser],
      [randomUUID(), callers.admin],
    ] as const) {
      const result = await subgraph.execute(ADD, { as, variables: { eventId, input: newContest() } });
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe('addContestEntry', () => {
  const ENTER = /* GraphQL */ `
    mutation ($contestId: ID!, $input: ContestEntryInput!) {
      addContestEntry(contestId: $contestId, input: $input) { id entrant title score team { id } }
    }
  `;
  let event: Event;
  let contest: Contest;
  beforeEach(async () => {
    event = await fakeEvent(subgraph.db, tree.commune);
    ({ contest } = await fakeContest(subgraph.db, event, {}, 2));
  });

  it('enters once for retries with the same key (the same entry back, one audit), and refuses the key with another entry', async () => {
    const input = { entrant: 'Tổ CNS thôn 3', teamId: tree.teams.village, title: 'Mật ong rừng', idempotencyKey: 'contest-entry-retry-1' };
    const first = await subgraph.execute(ENTER, { as: callers.organiser, variables: { contestId: contest.id, input } });
    const retried = await subgraph.execute(ENTER, { as: callers.organiser, variables: { contestId: contest.id, input } });
    expect(first.errors).toBeUndefined();
    expect(retried.data?.addContestEntry).toEqual(first.data?.addContestEntry);
    expect(await subgraph.db.manager.countBy(ContestEntry, { contestId: contest.id })).toBe(1);
    expect(await auditOf(first.data?.addContestEntry.id)).toHaveLength(1);
    const reused = await subgraph.execute(ENTER, { as: callers.organiser, variables: { contestId: contest.id, input: { ...input, title: 'Chè shan tuyết' } } });
    expect(errorCodes(reused)).toEqual(['CONFLICT']);
    expect(await subgraph.db.manager.countBy(ContestEntry, { contestId: contest.id })).toBe(1);
  });

  it('lets an organiser enter a team’s product, unscored, and audits it', async () => {
    const input = { entrant: 'Tổ CNS thôn 3', teamId: tree.teams.village, title: 'Mật ong rừng' };
    const result = await subgraph.execute(ENTER, { as: callers.organiser, variables: { contestId: contest.id, input } });
    expect(result.errors).toBeUndefined();
    const entry = result.data?.addContestEntry;
    expect(entry).toEqual({ id: expect.any(String), entrant: 'Tổ CNS thôn 3', title: 'Mật ong rừng', score: null, team: { id: tree.teams.village } });
    expect(await subgraph.db.manager.findOneByOrFail(ContestEntry, { id: entry.id })).toMatchObject({
      contestId: contest.id,
      teamId: tree.teams.village,
      score: null,
    });
    const [audited] = await auditOf(entry.id);
    expect(audited).toMatchObject({ actor: 'organiser', action: 'addContestEntry', entityType: 'ContestEntry', unitPath: tree.commune.unitPath });
  });

  it('takes an entrant that is not a team', async () => {
    const result = await subgraph.execute(ENTER, {
      as: callers.officer,
      variables: { contestId: contest.id, input: { entrant: 'HTX Nông nghiệp Tam Quang', title: 'Gạo hữu cơ', consent: GIVEN_CONSENT } },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.addContestEntry).toMatchObject({ entrant: 'HTX Nông nghiệp Tam Quang', team: null });
  });

  it('answers NOT_FOUND for an unknown team and an unknown contest, and writes nothing', async () => {
    const before = await rowCounts();
    const unknownTeam = await subgraph.execute(ENTER, {
      as: callers.organiser,
      variables: { contestId: contest.id, input: { entrant: 'Tổ không có', teamId: randomUUID(), title: 'Mật ong' } },
    });
    expect(errorCodes(unknownTeam)).toEqual(['NOT_FOUND']);
    expect(unknownTeam.errors?.[0].extensions?.type).toBe('Team');
    const unknownContest = await subgraph.execute(ENTER, {
      as: callers.organiser,
      variables: { contestId: randomUUID(), input: { entrant: 'Tổ CNS', title: 'Mật ong' } },
    });
    expect(errorCodes(unknownContest)).toEqual(['NOT_FOUND']);
    expect(unknownContest.errors?.[0].extensions?.type).toBe('Contest');
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['entrant', { entrant: 'X', title: 'Mật ong' }],
    ['title', { entrant: 'Tổ CNS', title: '' }],
  ])('rejects a bad %s, naming it, and writes nothing', async (field, input) => {
    const before = await rowCounts();
    const result = await subgraph.execute(ENTER, { as: callers.organiser, variables: { contestId: contest.id, input } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe(field);
    expect(await rowCounts()).toEqual(before);
  });

  it.each(refusals)('refuses %s and writes nothing', async (_who, as, code) => {
    const before = await rowCounts();
    const result = await subgraph.execute(ENTER, { as, variables: { contestId: contest.id, input: { entrant: 'Tổ CNS', title: 'Mật ong' } } });
    expect(errorCodes(result)).toEqual([code]);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('scoreContestEntry', () => {
  const SCORE = `mutation ($id: ID!, $score: Int!) { scoreContestEntry(entryId: $id, score: $score) { id score } }`;
  let entry: ContestEntry;
  beforeEach(async () => {
    const event = await fakeEvent(subgraph.db, tree.commune);
    const { contest } = await fakeContest(subgraph.db, event, {}, 1);
    entry = await fakeEntry(subgraph.db, contest, { score: 40 });
  });
  const scoreOf = async (id: string) => (await subgraph.db.manager.findOneByOrFail(ContestEntry, { id })).score;

  it.each([0, 100, 73])('lets an organiser give it %i, and audits it', async (score) => {
    const result = await subgraph.execute(SCORE, { as: callers.organiser, variables: { id: entry.id, score } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.scoreContestEntry).toEqual({ id: entry.id, score });
    expect(await scoreOf(entry.id)).toBe(score);
    const [audited] = await auditOf(entry.id);
    expect(audited).toMatchObject({ actor: 'organiser', action: 'scoreContestEntry', unitPath: tree.commune.unitPath });
    expect(JSON.parse(audited.before!)).toEqual({ score: 40 });
    expect(JSON.parse(audited.after!)).toEqual({ score });
  });

  it('lets the officer over its unit score it', async () => {
    const result = await subgraph.execute(SCORE, { as: callers.officer, variables: { id: entry.id, score: 55 } });
    expect(result.errors).toBeUndefined();
    expect(await scoreOf(entry.id)).toBe(55);
  });

  it.each([-1, 101, 1000])('rejects %i, naming score, and changes nothing', async (score) => {
    const before = await rowCounts();
    const result = await subgraph.execute(SCORE, { as: callers.organiser, variables: { id: entry.id, score } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe('score');
    expect(await scoreOf(entry.id)).toBe(40);
    expect(await rowCounts()).toEqual(before);
  });

  it('answers NOT_FOUND for an unknown entry', async () => {
    const result = await subgraph.execute(SCORE, { as: callers.admin, variables: { id: randomUUID(), score: 50 } });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });

  it.each(refusals)('refuses %s and changes nothing', async (_who, as, code) => {
    const before = await rowCounts();
    const result = await subgraph.execute(SCORE, { as, variables: { id: entry.id, score: 99 } });
    expect(errorCodes(result)).toEqual([code]);
    expect(await scoreOf(entry.id)).toBe(40);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('entries and winners', () => {
  const CONTESTS = /* GraphQL */ `
    query ($id: ID!) {
      event(id: $id) {
        contests {
          title
          entries { entrant score }
          winners { rank entry { entrant score } prize { rank description gift { id } } }
        }
      }
    }
  `;
  /** An entry whose entrant consented to be shown with the results (as addContestEntry records it). */
  const consentedEntry = async (contest: Contest, overrides: Partial<ContestEntry> = {}) => {
    const entry = await fakeEntry(subgraph.db, contest, overrides);
    await fakeConsent(subgraph.db, entry, ConsentPurpose.CONTEST_ENTRY, '0912000111');
    return entry;
  };
  const contestsOf = async (event: Event, as?: HubClaims) => {
    const result = await subgraph.execute(CONTESTS, { as, variables: { id: event.id } });
    expect(result.errors).toBeUndefined();
    return result.data?.event.contests;
  };

  it('shows anyone the entries, best score first, and the best entries as the winners of the prizes by rank', async () => {
    const event = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.HELD });
    const giftId = randomUUID();
    const { contest, prizes } = await fakeContest(subgraph.db, event, { title: 'Livestream bán nông sản' }, 3);
    await subgraph.db.manager.update(ContestPrize, { id: prizes[0].id }, { giftId });
    await consentedEntry(contest, { entrant: 'Bảy mươi', score: 70, enteredAt: minute(1) });
    await consentedEntry(contest, { entrant: 'Chưa chấm', score: null, enteredAt: minute(2) });
    await consentedEntry(contest, { entrant: 'Chín lăm', score: 95, enteredAt: minute(3) });
    await consentedEntry(contest, { entrant: 'Sáu mươi', score: 60, enteredAt: minute(4) });
    await consentedEntry(contest, { entrant: 'Tám tám', score: 88, enteredAt: minute(5) });

    expect(await contestsOf(event)).toEqual([
      {
        title: 'Livestream bán nông sản',
        entries: [
          { entrant: 'Chín lăm', score: 95 },
          { entrant: 'Tám tám', score: 88 },
          { entrant: 'Bảy mươi', score: 70 },
          { entrant: 'Sáu mươi', score: 60 },
          { entrant: 'Chưa chấm', score: null },
        ],
        winners: [
          { rank: 1, entry: { entrant: 'Chín lăm', score: 95 }, prize: { rank: 1, description: 'Giải 1', gift: { id: giftId } } },
          { rank: 2, entry: { entrant: 'Tám tám', score: 88 }, prize: { rank: 2, description: 'Giải 2', gift: null } },
          { rank: 3, entry: { entrant: 'Bảy mươi', score: 70 }, prize: { rank: 3, description: 'Giải 3', gift: null } },
        ],
      },
    ]);
  });

  it('never gives a prize to an entry without a score, though a score of 0 may win', async () => {
    const event = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.HELD });
    const { contest } = await fakeContest(subgraph.db, event, {}, 3);
    await consentedEntry(contest, { entrant: 'Chưa chấm 1', score: null, enteredAt: minute(1) });
    await consentedEntry(contest, { entrant: 'Không điểm', score: 0, enteredAt: minute(2) });
    await consentedEntry(contest, { entrant: 'Chưa chấm 2', score: null, enteredAt: minute(3) });
    await consentedEntry(contest, { entrant: 'Năm mươi', score: 50, enteredAt: minute(4) });

    const [shown] = await contestsOf(event);
    expect(shown.winners.map((winner: { rank: number; entry: { entrant: string } }) => [winner.rank, winner.entry.entrant])).toEqual([
      [1, 'Năm mươi'],
      [2, 'Không điểm'],
    ]);
  });

  it('lists equal scores in order of entry, tied for one prize', async () => {
    const event = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.HELD });
    const { contest } = await fakeContest(subgraph.db, event, {}, 2);
    // Saved out of entry order.
    await consentedEntry(contest, { entrant: 'Vào sau', score: 90, enteredAt: minute(30) });
    await consentedEntry(contest, { entrant: 'Vào trước', score: 90, enteredAt: minute(10) });
    await consentedEntry(contest, { entrant: 'Thấp hơn', score: 80, enteredAt: minute(5) });

    const [shown] = await contestsOf(event);
    expect(shown.entries.map((entry: { entrant: string }) => entry.entrant)).toEqual(['Vào trước', 'Vào sau', 'Thấp hơn']);
    expect(shown.winners.map((winner: { rank: number; entry: { entrant: string } }) => [winner.rank, winner.entry.entrant])).toEqual([
      [1, 'Vào trước'],
      [1, 'Vào sau'],
    ]);
  });

  it('has no winners before anything is scored, and gives a prize rank beyond the scored entries to nobody', async () => {
    const event = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.CLOSED });
    const { contest: unscored } = await fakeContest(subgraph.db, event, { title: 'A: chưa chấm' }, 2);
    await consentedEntry(unscored, { score: null });
    const { contest: few } = await fakeContest(subgraph.db, event, { title: 'B: ít bài' }, 3);
    await consentedEntry(few, { entrant: 'Duy nhất', score: 77 });

    const shown = await contestsOf(event, callers.partner);
    expect(shown.map((contest: { title: string; winners: { rank: number }[] }) => [contest.title, contest.winners.map((winner) => winner.rank)])).toEqual([
      ['A: chưa chấm', []],
      ['B: ít bài', [1]],
    ]);
  });

  it('shows a score given through the API among the winners at once', async () => {
    const event = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.HELD });
    const { contest } = await fakeContest(subgraph.db, event, {}, 1);
    await consentedEntry(contest, { entrant: 'Đang dẫn', score: 60, enteredAt: minute(1) });
    const challenger = await consentedEntry(contest, { entrant: 'Vượt lên', score: null, enteredAt: minute(2) });
    const scored = await subgraph.execute(`mutation ($id: ID!) { scoreContestEntry(entryId: $id, score: 61) { id } }`, {
      as: callers.organiser,
      variables: { id: challenger.id },
    });
    expect(scored.errors).toBeUndefined();
    const [shown] = await contestsOf(event);
    expect(shown.winners.map((winner: { entry: { entrant: string } }) => winner.entry.entrant)).toEqual(['Vượt lên']);
  });
});

describe('ties', () => {
  const RANKS = /* GraphQL */ `
    query ($id: ID!) {
      event(id: $id) {
        contests {
          entries { title rank tied }
          winners { rank tied entry { title } }
        }
      }
    }
  `;
  const BREAK = /* GraphQL */ `
    mutation ($input: BreakContestTieInput!) { breakContestTie(input: $input) { id } }
  `;
  const ranksOf = async (event: Event) => {
    const result = await subgraph.execute(RANKS, { variables: { id: event.id } });
    expect(result.errors).toBeUndefined();
    return result.data?.event.contests[0];
  };

  /** A contest with prizes for ranks 1–3 and entries scored 95, 95, 88 and one not scored. */
  async function tiedContest() {
    const event = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.HELD });
    const { contest } = await fakeContest(subgraph.db, event, {}, 3);
    const first = await fakeEntry(subgraph.db, contest, { title: 'A', score: 95, enteredAt: minute(1), teamId: tree.teams.commune });
    const second = await fakeEntry(subgraph.db, contest, { title: 'B', score: 95, enteredAt: minute(2), teamId: tree.teams.village });
    const third = await fakeEntry(subgraph.db, contest, { title: 'C', score: 88, enteredAt: minute(3), teamId: tree.teams.village });
    await fakeEntry(subgraph.db, contest, { title: 'D', score: null, enteredAt: minute(4), teamId: tree.teams.village });
    return { event, contest, first, second, third };
  }

  it('shows entries with the same score at one rank, as tied winners of its prize, and nobody at the rank they fill', async () => {
    const { event } = await tiedContest();
    expect(await ranksOf(event)).toEqual({
      entries: [
        { title: 'A', rank: 1, tied: true },
        { title: 'B', rank: 1, tied: true },
        { title: 'C', rank: 3, tied: false },
        { title: 'D', rank: null, tied: false },
      ],
      winners: [
        { rank: 1, tied: true, entry: { title: 'A' } },
        { rank: 1, tied: true, entry: { title: 'B' } },
        { rank: 3, tied: false, entry: { title: 'C' } },
      ],
    });
  });

  it('lets the organiser break the tie (again, changing nothing), audited; scoring another onto that score ties them again', async () => {
    const { event, contest, first, second, third } = await tiedContest();
    const input = { contestId: contest.id, entryIds: [second.id, first.id] };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const result = await subgraph.execute(BREAK, { as: callers.organiser, variables: { input } });
      expect(result.errors).toBeUndefined();
    }
    expect((await ranksOf(event)).winners).toEqual([
      { rank: 1, tied: false, entry: { title: 'B' } },
      { rank: 2, tied: false, entry: { title: 'A' } },
      { rank: 3, tied: false, entry: { title: 'C' } },
    ]);
    expect((await auditOf(contest.id)).map((entry) => entry.action)).toEqual(['breakContestTie', 'breakContestTie']);

    const rescored = await subgraph.execute(`mutation ($id: ID!) { scoreContestEntry(entryId: $id, score: 95) { id } }`, {
      as: callers.organiser,
      variables: { id: third.id },
    });
    expect(rescored.errors).toBeUndefined();
    expect((await ranksOf(event)).entries.map(({ title, rank, tied }: { title: string; rank: number; tied: boolean }) => [title, rank, tied])).toEqual([
      ['A', 1, true],
      ['B', 1, true],
      ['C', 1, true],
      ['D', null, false],
    ]);
  });

  it('replays a retry with the same key: once the entries tie again, the first order is not given again; the key with another order is refused', async () => {
    const { event, contest, first, second, third } = await tiedContest();
    const input = { contestId: contest.id, entryIds: [second.id, first.id], idempotencyKey: 'tie-break-retry-1' };
    expect((await subgraph.execute(BREAK, { as: callers.organiser, variables: { input } })).errors).toBeUndefined();
    const rescored = await subgraph.execute(`mutation ($id: ID!) { scoreContestEntry(entryId: $id, score: 95) { id } }`, {
      as: callers.organiser,
      variables: { id: third.id },
    });
    expect(rescored.errors).toBeUndefined();

    const retried = await subgraph.execute(BREAK, { as: callers.organiser, variables: { input } });
    expect(retried.errors).toBeUndefined();
    expect(retried.data?.breakContestTie).toEqual({ id: contest.id });
    expect((await ranksOf(event)).entries.filter(({ tied }: { tied: boolean }) => tied)).toHaveLength(3);
    expect((await auditOf(contest.id)).map((entry) => entry.action)).toEqual(['breakContestTie']);

    const reused = await subgraph.execute(BREAK, { as: callers.organiser, variables: { input: { ...input, entryIds: [first.id, second.id, third.id] } } });
    expect(errorCodes(reused)).toEqual(['CONFLICT']);
    expect((await subgraph.db.manager.findBy(ContestEntry, { contestId: contest.id })).map((row) => row.tieBreak)).toEqual([null, null, null, null]);
  });

  it.each([
    ['entryIds', (entries: ContestEntry[]) => [entries[0].id]],
    ['entryIds.1', (entries: ContestEntry[]) => [entries[0].id, entries[0].id]],
    ['entryIds.1', (entries: ContestEntry[]) => [entries[0].id, entries[2].id]],
    ['entryIds.1', (entries: ContestEntry[]) => [entries[0].id, randomUUID()]],
  ])('refuses an order that is not of every entry tied on one score (%s), and changes nothing', async (field, ids) => {
    const { contest, first, second, third } = await tiedContest();
    const result = await subgraph.execute(BREAK, { as: callers.organiser, variables: { input: { contestId: contest.id, entryIds: ids([first, second, third]) } } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe(field);
    const rows = await subgraph.db.manager.findBy(ContestEntry, { contestId: contest.id });
    expect(rows.map((row) => row.tieBreak)).toEqual([null, null, null, null]);
  });

  it.each(refusals)('refuses %s and changes nothing', async (_who, as, code) => {
    const { contest, first, second } = await tiedContest();
    const result = await subgraph.execute(BREAK, { as, variables: { input: { contestId: contest.id, entryIds: [second.id, first.id] } } });
    expect(errorCodes(result)).toEqual([code]);
    expect((await subgraph.db.manager.findBy(ContestEntry, { contestId: contest.id })).map((row) => row.tieBreak)).toEqual([null, null, null, null]);
  });
});
