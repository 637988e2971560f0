import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../../common/audit';
import { addDays, todayInVietnam } from '../../common/dates';
import { pdfText } from '../../common/testing/papers';
import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import { resources } from '..';
import { FundingSource, Receipt, TeamFundRules } from '../entities';
import { fakeCashReceipt, fakeProgramme, fakeTree } from '../testing/factories';

/** A team's fund of members' contributions and the rules it agreed (handbook II §5.2), every version kept. */
let subgraph: TestSubgraph;
const tree = fakeTree();
const { officer, leader, officerElsewhere } = tree.callers;

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
});
afterAll(() => subgraph.close());

function ok<T>(result: OperationResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const ADOPT = `mutation ($input: TeamFundRulesInput!) { adoptTeamFundRules(input: $input) { id version rules adoptedOn } }`;
const TEAMS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Team { id fundRules { version rules } fundRulesVersions { version adoptedOn } } }
}`;
const asTeams = (ids: string[]) => ({ representations: ids.map((id) => ({ __typename: 'Team', id })) });
const RECEIPTS = `query ($id: ID!) { programme(id: $id) { receipts { id source teamFundRules { version rules } } } }`;

/** A team of its own under the village, so each test counts its own versions. */
function aTeam(): { teamId: string; leader: typeof leader } {
  const teamId = randomUUID();
  tree.units.addTeam(teamId, tree.village);
  return { teamId, leader: { ...leader, sub: `leader-${teamId.slice(0, 8)}`, team: teamId } };
}

const adopt = (as: object, input: Record<string, unknown>) => subgraph.execute(ADOPT, { as: as as never, variables: { input: { idempotencyKey: randomUUID(), ...input } } });

it('keeps every version the team’s leader or the officer over its unit records; the latest adopted is in force; a retry writes nothing', async () => {
  const team = aTeam();
  const first = { teamId: team.teamId, rules: 'Mỗi thành viên đóng 100.000 đồng mỗi quý; quỹ chi thăm hỏi, mua thẻ cào 4G.', adoptedOn: '2025-01-15', idempotencyKey: randomUUID() };
  const v1 = ok(await adopt(team.leader, first)).adoptTeamFundRules;
  expect(v1).toMatchObject({ version: 1, adoptedOn: '2025-01-15' });
  // The same write again (a resend after a lost answer): the first answer, nothing more written.
  expect(ok(await adopt(team.leader, first)).adoptTeamFundRules).toEqual(v1);
  const v2 = ok(await adopt(officer, { teamId: team.teamId, rules: '  Mỗi thành viên đóng 150.000 đồng mỗi quý, nộp cho tổ phó giữ quỹ.  ', adoptedOn: '2025-07-01' })).adoptTeamFundRules;
  expect(v2).toMatchObject({ version: 2, rules: 'Mỗi thành viên đóng 150.000 đồng mỗi quý, nộp cho tổ phó giữ quỹ.' });

  const [found] = ok(await subgraph.execute(TEAMS, { variables: asTeams([team.teamId]) }))._entities;
  expect(found.fundRules).toEqual({ version: 2, rules: v2.rules });
  expect(found.fundRulesVersions).toEqual([
    { version: 2, adoptedOn: '2025-07-01' },
    { version: 1, adoptedOn: '2025-01-15' },
  ]);
  const entries = await subgraph.db.manager.findBy(AuditEntry, { action: 'adoptTeamFundRules', entityId: v2.id });
  expect(entries).toHaveLength(1);
  expect(JSON.parse(entries[0].after!)).toMatchObject({ teamId: team.teamId, version: 2, rules: v2.rules });
  expect(JSON.parse(entries[0].before!)).toMatchObject({ version: 1 });
});

it('refuses other teams’ leaders and officers elsewhere, and a version dated before the one in force, naming adoptedOn; nothing is written', async () => {
  const team = aTeam();
  ok(await adopt(team.leader, { teamId: team.teamId, rules: 'Mỗi thành viên đóng 50.000 đồng mỗi tháng.', adoptedOn: '2025-03-01' }));
  for (const caller of [leader, officerElsewhere]) {
    expect(errorCodes(await adopt(caller, { teamId: team.teamId, rules: 'Quy chế của người ngoài tổ', adoptedOn: '2025-04-01' }))).toEqual(['FORBIDDEN']);
  }
  const earlier = await adopt(officer, { teamId: team.teamId, rules: 'Bản ghi lùi ngày so với bản đang áp dụng', adoptedOn: '2025-02-01' });
  expect(errorCodes(earlier)).toEqual(['BAD_USER_INPUT']);
  expect(earlier.errors?.[0].extensions?.field).toBe('adoptedOn');
  expect(earlier.errors?.[0].message).toContain('01/03/2025');
  const tooShort = await adopt(officer, { teamId: team.teamId, rules: 'ngắn', adoptedOn: '2025-04-01' });
  expect(tooShort.errors?.[0].extensions?.field).toBe('rules');
  const future = await adopt(officer, { teamId: team.teamId, rules: 'Quy chế thông qua ở một cuộc họp chưa diễn ra', adoptedOn: addDays(todayInVietnam(), 30) });
  expect(future.errors?.[0].extensions?.field).toBe('adoptedOn');
  expect(await subgraph.db.manager.countBy(TeamFundRules, { teamId: team.teamId })).toBe(1);
});

it('shows on a team-fund receipt the rules in force the day it was received, and prints them on its phiếu thu', async () => {
  const team = aTeam();
  const programme = await fakeProgramme(subgraph.db, tree.village, { teamId: team.teamId });
  const receiptOn = async (receivedOn: string, source: FundingSource) => {
    const receipt = await fakeCashReceipt(subgraph.db, programme, 600_000);
    await subgraph.db.manager.update(Receipt, receipt.id, { receivedOn, source });
    return receipt.id;
  };
  const beforeAny = await receiptOn('2025-01-10', FundingSource.TEAM_FUND);
  const underFirst = await receiptOn('2025-04-01', FundingSource.TEAM_FUND);
  const underSecond = await receiptOn('2025-08-01', FundingSource.TEAM_FUND);
  const sponsored = await receiptOn('2025-08-01', FundingSource.MOBILISED);
  ok(await adopt(team.leader, { teamId: team.teamId, rules: 'Mỗi thành viên đóng 100.000 đồng mỗi quý.', adoptedOn: '2025-02-01' }));
  ok(await adopt(team.leader, { teamId: team.teamId, rules: 'Mỗi thành viên đóng 150.000 đồng mỗi quý.', adoptedOn: '2025-07-01' }));

  const { receipts } = ok(await subgraph.execute(RECEIPTS, { as: team.leader as never, variables: { id: programme.id } })).programme;
  const rulesOf = (id: string) => receipts.find((receipt: { id: string }) => receipt.id === id).teamFundRules;
  expect(rulesOf(beforeAny)).toBeNull();
  expect(rulesOf(underFirst)).toEqual({ version: 1, rules: 'Mỗi thành viên đóng 100.000 đồng mỗi quý.' });
  expect(rulesOf(underSecond)).toEqual({ version: 2, rules: 'Mỗi thành viên đóng 150.000 đồng mỗi quý.' });
  expect(rulesOf(sponsored)).toBeNull();

  const paper = ok(await subgraph.execute(`query ($id: ID!) { receiptPaper(receiptId: $id) { contentType base64 } }`, { as: officer, variables: { id: underFirst } })).receiptPaper;
  const text = (await pdfText(paper)).replace(/\s+/g, ' ');
  expect(text).toContain('Theo quy chế quỹ tổ');
  expect(text).toContain('bản 1, thông qua ngày 01/02/2025: Mỗi thành viên đóng 100.000 đồng mỗi quý.');
});

it('reads the rules of any number of teams in the same number of queries', async () => {
  const teams = Array.from({ length: 6 }, () => aTeam());
  for (const team of teams) ok(await adopt(team.leader, { teamId: team.teamId, rules: 'Mỗi thành viên đóng 20.000 đồng mỗi tháng.', adoptedOn: '2025-05-01' }));
  const read = (count: number) => () => subgraph.execute(TEAMS, { variables: asTeams(teams.slice(0, count).map((team) => team.teamId)) });
  const few = await subgraph.countQueries(read(2));
  expect(await subgraph.countQueries(read(6))).toBe(few);
});
