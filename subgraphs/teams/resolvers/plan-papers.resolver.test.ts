import { BasicSkill } from '../../common/skills';
import { Role } from '../../common/auth';
import { codeLikeHeadings, pdfText, workbookRows } from '../../common/testing/papers';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { teams } from '..';
import { ActivityPlan, PlanTheme, ProgrammeActivity, WorkAssignment, type Member, type Team } from '../entities';
import { fakeTeam, fakeTwoTierTree } from '../testing/factories';

/** A team's plan printed in the handbook's forms 6.3, 6.2 and 6.5, read back. */
let subgraph: TestSubgraph;
let tree: Awaited<ReturnType<typeof fakeTwoTierTree>>;
let team: Team;
let members: Member[];
const leader = () => ({ sub: 'leader', roles: [Role.TEAM_LEADER], team: team.id });

beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
  tree = await fakeTwoTierTree(subgraph.db);
  ({ team, members } = await fakeTeam(subgraph.db, tree.village, { members: 2 }));
  const { manager } = subgraph.db;
  const plan = await manager.save(
    manager.create(ActivityPlan, {
      teamId: team.id,
      year: 2025,
      title: 'Kế hoạch hoạt động năm 2025',
      approvedBy: 'officer',
      approvedOn: '2025-06-20',
      purpose: 'Giúp người dân sử dụng thành thạo thanh toán trực tuyến',
      timeAndPlace: 'Từ tháng 7 đến tháng 12/2025, tại nhà văn hóa bản',
      participants: 'Khoảng 120 hộ gia đình trong bản',
      content: 'Hướng dẫn theo từng nhóm: người cao tuổi, hộ kinh doanh',
      organisers: 'Trưởng ban chỉ đạo: Phó Chủ tịch UBND xã',
      schedule: null,
    }),
  );
  await manager.save(manager.create(PlanTheme, { planId: plan.id, quarter: 3, skill: BasicSkill.ONLINE_PAYMENT, theme: 'Thanh toán trực tuyến' }));
  await manager.save([
    manager.create(ProgrammeActivity, { planId: plan.id, position: 1, content: 'Đi từng ngõ, gõ từng nhà', details: 'Hướng dẫn cài đặt VNeID', time: 'Tháng 7–9/2025', place: 'Nhà văn hóa bản', executor: 'Tổ công nghệ số', director: 'UBND xã', note: 'Mang theo loa' }),
    manager.create(ProgrammeActivity, { planId: plan.id, position: 2, content: 'Họp Tổ định kỳ', details: null, time: 'Hai lần mỗi tháng', place: null, executor: null, director: null, note: null }),
  ]);
  await manager.save([
    manager.create(WorkAssignment, { planId: plan.id, position: 1, content: 'Lập danh sách hộ chưa có tài khoản thanh toán', assigneeId: members[0].id, deadline: '2025-07-15', done: true, note: null }),
    manager.create(WorkAssignment, { planId: plan.id, position: 2, content: 'Chuẩn bị gian hàng ngày hội', assigneeId: null, deadline: null, done: false, note: 'Cần người nhận' }),
  ]);
});
afterAll(() => subgraph.close());

const PROGRAMME = `query ($id: ID!, $format: PaperFormat) { activityProgrammeFile(teamId: $id, year: 2025, format: $format) { filename contentType base64 } }`;
const ASSIGNMENTS = `query ($id: ID!, $format: PaperFormat) { workAssignmentsFile(teamId: $id, year: 2025, format: $format) { filename contentType base64 } }`;

const PLAN = `query ($id: ID!, $format: PaperFormat) { activityPlanFile(teamId: $id, year: 2025, format: $format) { filename contentType base64 } }`;

it('exports the plan in form 6.3: number and date, its six sections in order, the themes and the programme’s timing, signatures', async () => {
  const { data, errors } = await subgraph.execute(PLAN, { as: leader(), variables: { id: team.id } });
  expect(errors).toBeUndefined();
  expect(data!.activityPlanFile).toMatchObject({ contentType: 'application/pdf', filename: expect.stringMatching(/^ke-hoach-hoat-dong-2025-.*\.pdf$/) });
  const text = (await pdfText(data!.activityPlanFile)).replace(/\s+/g, ' ');
  for (const line of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập – Tự do – Hạnh phúc', team.name.toUpperCase(), 'Số: 2025/KH-TCNSCĐ', 'ngày 20 tháng 06 năm 2025', 'KẾ HOẠCH HOẠT ĐỘNG NĂM 2025', 'TỔ TRƯỞNG']) {
    expect(text).toContain(line);
  }
  const sections = ['I. Mục đích ý nghĩa', 'II. Thời gian - địa điểm', 'III. Đối tượng - số lượng - thành phần', 'IV. Nội dung', 'V. Ban chỉ đạo, ban tổ chức', 'VI. Tiến độ thực hiện'];
  const positions = sections.map((section) => text.indexOf(section));
  expect(positions.every((position) => position >= 0)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  expect(text.indexOf('Giúp người dân sử dụng thành thạo thanh toán trực tuyến')).toBeGreaterThan(positions[0]);
  expect(text.slice(positions[3], positions[4])).toContain('Quý 3: Thanh toán trực tuyến');
  // The schedule not written yet says so; the programme's rows give its timing.
  expect(text.slice(positions[5])).toContain('(Chưa ghi)');
  expect(text.slice(positions[5])).toContain('Họp Tổ định kỳ Hai lần mỗi tháng');

  const xlsx = await subgraph.execute(PLAN, { as: leader(), variables: { id: team.id, format: 'XLSX' } });
  expect(await codeLikeHeadings(xlsx.data!.activityPlanFile)).toEqual([]);
  const rows = (await workbookRows(xlsx.data!.activityPlanFile)).flat();
  expect(rows).toEqual(expect.arrayContaining(['KẾ HOẠCH HOẠT ĐỘNG NĂM 2025', 'V. Ban chỉ đạo, ban tổ chức', 'Trưởng ban chỉ đạo: Phó Chủ tịch UBND xã']));
});

it('exports the activity programme in form 6.2’s columns, under the national heading', async () => {
  const result = await subgraph.execute(PROGRAMME, { as: leader(), variables: { id: team.id } });
  expect(result.errors).toBeUndefined();
  expect(await codeLikeHeadings(result.data!.activityProgrammeFile)).toEqual([]);
  const rows = await workbookRows(result.data!.activityProgrammeFile);
  expect(rows[0]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  expect(rows.flat()).toContain('CHƯƠNG TRÌNH HOẠT ĐỘNG NĂM 2025');
  const heading = rows.findIndex((row) => row[0] === 'STT');
  expect(rows[heading]).toEqual(['STT', 'Nội dung', 'Chi tiết', 'Thời gian', 'Địa điểm', 'Phân công thực hiện', 'Phân công chỉ đạo', 'Ghi chú']);
  expect(rows[heading + 1]).toEqual(['1', 'Đi từng ngõ, gõ từng nhà', 'Hướng dẫn cài đặt VNeID', 'Tháng 7–9/2025', 'Nhà văn hóa bản', 'Tổ công nghệ số', 'UBND xã', 'Mang theo loa']);
  expect(rows[heading + 2]).toEqual(['2', 'Họp Tổ định kỳ', '', 'Hai lần mỗi tháng', '', '', '', '']);
});

it('exports the work assignments in form 6.5 with the members’ names, as XLSX and PDF', async () => {
  const { data, errors } = await subgraph.execute(ASSIGNMENTS, { as: leader(), variables: { id: team.id } });
  expect(errors).toBeUndefined();
  expect(await codeLikeHeadings(data!.workAssignmentsFile)).toEqual([]);
  const rows = await workbookRows(data!.workAssignmentsFile);
  const heading = rows.findIndex((row) => row[0] === 'STT');
  expect(rows[heading]).toEqual(['STT', 'Nội dung', 'Phân công', 'Tiến độ hoàn thành', 'Tình trạng', 'Ghi chú']);
  const name = (await subgraph.execute(`query ($id: ID!) { member(id: $id) { fullName } }`, { as: leader(), variables: { id: members[0].id } })).data!.member.fullName;
  expect(rows[heading + 1]).toEqual(['1', 'Lập danh sách hộ chưa có tài khoản thanh toán', name, '15/07/2025', 'Đã xong', '']);
  expect(rows[heading + 2]).toEqual(['2', 'Chuẩn bị gian hàng ngày hội', '', '', 'Chưa xong', 'Cần người nhận']);

  const pdf = await subgraph.execute(ASSIGNMENTS, { as: leader(), variables: { id: team.id, format: 'PDF' } });
  const text = (await pdfText(pdf.data!.workAssignmentsFile)).replace(/\s+/g, ' ');
  expect(text).toContain('BẢNG PHÂN CÔNG CÔNG VIỆC');
  expect(text).toContain('Đã được phê duyệt ngày 20/06/2025');
  expect(text).toContain(name);
  expect(text).toContain(team.name.toUpperCase());
});

it('refuses callers who may not read the team’s plan, and a year with no plan, naming it', async () => {
  const stranger = { sub: 'x', roles: [Role.TEAM_LEADER], team: (await fakeTeam(subgraph.db, tree.otherVillage, { members: 1 })).team.id };
  expect(errorCodes(await subgraph.execute(PROGRAMME, { as: stranger, variables: { id: team.id } }))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await subgraph.execute(PLAN, { as: stranger, variables: { id: team.id } }))).toEqual(['FORBIDDEN']);
  const none = await subgraph.execute(`query ($id: ID!) { activityProgrammeFile(teamId: $id, year: 2019) { filename } }`, { as: leader(), variables: { id: team.id } });
  expect(errorCodes(none)).toEqual(['NOT_FOUND']);
});
