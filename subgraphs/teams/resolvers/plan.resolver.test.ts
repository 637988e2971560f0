import { AuditEntry } from '../../common/audit';
import { Role } from '../../common/auth';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { teams } from '..';
import { ActivityPlan, ProgrammeActivity, type Member, type Team } from '../entities';
import { fakeTeam, fakeTwoTierTree } from '../testing/factories';

let subgraph: TestSubgraph;
let tree: Awaited<ReturnType<typeof fakeTwoTierTree>>;
let team: Team;
let member: Member;
let otherTeam: Team;
const leader = () => ({ sub: 'leader', roles: [Role.TEAM_LEADER], team: team.id });
const communeOfficer = () => ({ sub: 'officer', roles: [Role.OFFICER], units: [tree.commune.code] });

beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
  tree = await fakeTwoTierTree(subgraph.db);
  ({ team, members: [member] } = await fakeTeam(subgraph.db, tree.village, { members: 1 }));
  otherTeam = (await fakeTeam(subgraph.db, tree.otherVillage, { members: 1 })).team;
});
afterAll(() => subgraph.close());

const SAVE = /* GraphQL */ `
  mutation ($input: ActivityPlanInput!) {
    saveActivityPlan(input: $input) {
      id year title approvedOn
      themes { quarter skill theme indicator }
      programme { position content time place executor director }
      assignments { id position content deadline done assignee { id } }
    }
  }
`;
const plan = (overrides: Record<string, unknown> = {}) => ({
  teamId: team.id,
  year: 2025,
  title: 'Kế hoạch hoạt động Tổ công nghệ số cộng đồng năm 2025',
  themes: [
    { quarter: 3, skill: 'ONLINE_PAYMENT' },
    { quarter: 4, theme: 'Cao điểm ngày Chuyển đổi số quốc gia 10/10' },
  ],
  programme: [
    { content: 'Đi từng ngõ, gõ từng nhà hướng dẫn cài đặt VNeID', time: 'Tháng 7–9/2025', place: 'Bản Một', executor: 'Tổ công nghệ số', director: 'UBND xã' },
    { content: 'Họp Tổ định kỳ', time: 'Hai lần mỗi tháng' },
  ],
  assignments: [{ content: 'Lập danh sách hộ chưa có tài khoản thanh toán', assigneeId: member.id, deadline: '2025-07-15' }],
  ...overrides,
});

describe('activity plans', () => {
  it('saves a team’s yearly plan with its quarterly themes, programme and assignments; saving again replaces them', async () => {
    const first = await subgraph.execute(SAVE, { as: leader(), variables: { input: plan() } });
    expect(first.errors).toBeUndefined();
    expect(first.data?.saveActivityPlan).toMatchObject({
      year: 2025,
      approvedOn: null,
      themes: [
        { quarter: 3, skill: 'ONLINE_PAYMENT', theme: 'Thanh toán trực tuyến', indicator: 'GUIDED_ONLINE_PAYMENT' },
        { quarter: 4, skill: null, indicator: null },
      ],
      programme: [{ position: 1, place: 'Bản Một', director: 'UBND xã' }, { position: 2 }],
      assignments: [{ position: 1, deadline: '2025-07-15', done: false, assignee: { id: member.id } }],
    });
    const second = await subgraph.execute(SAVE, { as: leader(), variables: { input: plan({ programme: [{ content: 'Chỉ một hoạt động' }] }) } });
    expect(second.data?.saveActivityPlan.id).toBe(first.data?.saveActivityPlan.id);
    expect(await subgraph.db.manager.countBy(ProgrammeActivity, { planId: first.data?.saveActivityPlan.id })).toBe(1);
  });

  it('refuses bad rows naming them, and other teams’ leaders', async () => {
    const twice = await subgraph.execute(SAVE, { as: leader(), variables: { input: plan({ themes: [{ quarter: 1, theme: 'Một' }, { quarter: 1, theme: 'Hai' }] }) } });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'themes.1.quarter' });
    const stranger = await subgraph.execute(SAVE, { as: leader(), variables: { input: plan({ assignments: [{ content: 'Việc', assigneeId: (await fakeTeam(subgraph.db, tree.village, { members: 1 })).members[0].id }] }) } });
    expect(stranger.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'assignments.0.assigneeId' });
    const other = await subgraph.execute(SAVE, { as: { sub: 'x', roles: [Role.TEAM_LEADER], team: otherTeam.id }, variables: { input: plan() } });
    expect(errorCodes(other)).toEqual(['FORBIDDEN']);
  });

  const SECTIONS = `mutation ($input: PlanSectionsInput!) { writePlanSections(input: $input) { purpose timeAndPlace participants content organisers schedule } }`;

  it('writes the sections of form 6.3, leaving those left out; a retry with the same key writes once', async () => {
    const { id: planId } = await subgraph.db.manager.findOneByOrFail(ActivityPlan, { teamId: team.id, year: 2025 });
    const input = {
      planId,
      idempotencyKey: 'plan-sections-0001',
      purpose: 'Giúp người dân trong bản sử dụng thành thạo thanh toán trực tuyến',
      timeAndPlace: 'Từ tháng 7 đến tháng 12/2025, tại nhà văn hóa bản và từng hộ',
      participants: 'Khoảng 120 hộ gia đình; thành viên Tổ và đoàn viên thanh niên',
    };
    const first = await subgraph.execute(SECTIONS, { as: leader(), variables: { input } });
    expect(first.errors).toBeUndefined();
    expect(first.data?.writePlanSections).toEqual({ ...input, planId: undefined, idempotencyKey: undefined, content: null, organisers: null, schedule: null });
    const retried = await subgraph.execute(SECTIONS, { as: leader(), variables: { input } });
    expect(retried.data).toEqual(first.data);
    const reused = await subgraph.execute(SECTIONS, { as: leader(), variables: { input: { ...input, purpose: 'Khác' } } });
    expect(errorCodes(reused)).toEqual(['CONFLICT']);

    const more = await subgraph.execute(SECTIONS, { as: leader(), variables: { input: { planId, organisers: 'Trưởng ban: Chủ tịch UBND xã', participants: '  ' } } });
    expect(more.data?.writePlanSections).toMatchObject({ purpose: input.purpose, participants: null, organisers: 'Trưởng ban: Chủ tịch UBND xã' });
    expect(await subgraph.db.manager.countBy(AuditEntry, { entityId: planId, action: 'writePlanSections' })).toBe(2);
  });

  it('refuses a section too long, naming it and writing nothing, and other teams’ leaders', async () => {
    const { id: planId } = await subgraph.db.manager.findOneByOrFail(ActivityPlan, { teamId: team.id, year: 2025 });
    const long = await subgraph.execute(SECTIONS, { as: leader(), variables: { input: { planId, schedule: 'x'.repeat(5001), content: 'Nội dung' } } });
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'schedule' });
    expect((await subgraph.db.manager.findOneByOrFail(ActivityPlan, { id: planId })).content).toBeNull();
    const other = await subgraph.execute(SECTIONS, { as: { sub: 'x', roles: [Role.TEAM_LEADER], team: otherTeam.id }, variables: { input: { planId, content: 'Nội dung' } } });
    expect(errorCodes(other)).toEqual(['FORBIDDEN']);
  });

  it('is approved by the commune officer, not the leader; then it is final but work can be ticked off', async () => {
    const { id } = await subgraph.db.manager.findOneByOrFail(ActivityPlan, { teamId: team.id, year: 2025 });
    const APPROVE = `mutation ($id: ID!) { approveActivityPlan(id: $id, approvedOn: "2025-06-20") { approvedOn approvedBy } }`;
    expect(errorCodes(await subgraph.execute(APPROVE, { as: leader(), variables: { id } }))).toEqual(['FORBIDDEN']);
    const approved = await subgraph.execute(APPROVE, { as: communeOfficer(), variables: { id } });
    expect(approved.data?.approveActivityPlan).toEqual({ approvedOn: '2025-06-20', approvedBy: 'officer' });
    expect(errorCodes(await subgraph.execute(SAVE, { as: leader(), variables: { input: plan() } }))).toEqual(['CONFLICT']);
    expect(errorCodes(await subgraph.execute(SECTIONS, { as: leader(), variables: { input: { planId: id, content: 'Muộn' } } }))).toEqual(['CONFLICT']);

    const read = await subgraph.execute(`query ($id: ID!) { team(id: $id) { plan(year: 2025) { assignments { id } } } }`, { as: leader(), variables: { id: team.id } });
    const [assignment] = read.data?.team.plan.assignments;
    const done = await subgraph.execute(`mutation ($id: ID!) { setAssignmentDone(id: $id, done: true) { done } }`, { as: leader(), variables: { id: assignment.id } });
    expect(done.data?.setAssignmentDone).toEqual({ done: true });
    expect((await subgraph.db.manager.findBy(AuditEntry, { entityId: id })).map((entry) => entry.action).sort()).toEqual([
      'approveActivityPlan',
      'saveActivityPlan',
      'saveActivityPlan',
      'writePlanSections',
      'writePlanSections',
    ]);
  });

  it('is read by whoever reads the team’s reports', async () => {
    const QUERY = `query ($id: ID!) { team(id: $id) { plan(year: 2025) { title } } }`;
    expect(errorCodes(await subgraph.execute(QUERY, { as: { sub: 'x', roles: [Role.TEAM_LEADER], team: otherTeam.id }, variables: { id: team.id } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.execute(QUERY, { variables: { id: team.id } }))).toEqual(['UNAUTHENTICATED']);
    expect((await subgraph.execute(QUERY, { as: communeOfficer(), variables: { id: team.id } })).data?.team.plan.title).toMatch(/2025/);
  });
});
