import type { Database } from '../common/database';
import { demoId } from '../common/demo';
import { BasicSkill } from '../common/skills';
import {
  ActivityPlan,
  AdministrativeUnit,
  Indicator,
  PeriodLock,
  PlanTheme,
  ProgrammeActivity,
  Target,
  Team,
  WorkAssignment,
  indicatorDefinition,
  noFigures,
  unitScope,
} from './entities';
import { storeReport } from './services/reports';
import { logger } from '../common/logging';

/**
 * Demo plans and reports for the Tam Quang teams (seed 004): the commune team's 2025 plan,
 * approved, with Q3 = online payment; targets for the commune; monthly reports from July
 * 2025 (the commune team was set up on 15 July, the village teams on 1 August), Bản Khe Chóng's
 * September missing; August locked.
 */

const OFFICER = 'dev-officer';
const COMMUNE = '17227';
const VILLAGES = ['17227.01', '17227.02', '17227.03'];

/** [payment, public services, VNeID, dossiers, accounts, shops, visits, meetings] per month. */
type Row = [number, number, number, number, number, number, number, number];
const VILLAGE_MONTHS: Record<string, Record<string, Row>> = {
  '17227.01': { '2025-08': [42, 15, 20, 6, 18, 2, 60, 2], '2025-09': [55, 12, 14, 9, 25, 3, 72, 2], '2025-10': [30, 40, 35, 22, 10, 1, 80, 3] },
  '17227.02': { '2025-08': [25, 10, 12, 4, 9, 1, 38, 2], '2025-09': [31, 8, 9, 5, 14, 2, 45, 2], '2025-10': [18, 26, 22, 12, 6, 0, 50, 2] },
  '17227.03': { '2025-08': [12, 6, 8, 2, 5, 0, 25, 1], '2025-10': [10, 21, 15, 9, 4, 0, 33, 2] },
};
const COMMUNE_MONTHS: Record<string, Row> = {
  '2025-07': [6, 8, 3, 5, 2, 1, 8, 1],
  '2025-08': [10, 20, 5, 15, 4, 3, 12, 2],
  '2025-09': [14, 18, 4, 12, 6, 5, 10, 2],
  '2025-10': [9, 35, 6, 30, 3, 2, 15, 3],
};
const ROW_INDICATORS = [
  Indicator.GUIDED_ONLINE_PAYMENT,
  Indicator.GUIDED_ONLINE_PUBLIC_SERVICES,
  Indicator.VNEID_ACTIVATIONS,
  Indicator.ONLINE_DOSSIERS,
  Indicator.ACCOUNTS_OPENED,
  Indicator.SHOPS_ONBOARDED,
  Indicator.HOUSEHOLD_VISITS,
  Indicator.MEETINGS_HELD,
];

const figuresOf = (row: Row) => {
  const figures = noFigures();
  ROW_INDICATORS.forEach((indicator, index) => (figures[indicatorDefinition(indicator).column] = row[index]));
  return figures;
};

const PROGRAMME = [
  {
    content: 'Tuyên truyền, hướng dẫn người dân cài đặt, kích hoạt VNeID mức độ 2',
    details: 'Đi từng ngõ, gõ từng nhà; phối hợp Công an xã',
    time: 'Tháng 8–10/2025',
    place: 'Các bản trên địa bàn xã',
    executor: 'Tổ công nghệ số cộng đồng các bản',
    director: 'Công an xã',
  },
  {
    content: 'Hướng dẫn mở tài khoản ngân hàng, ví điện tử và quét mã QR thanh toán',
    details: 'Viettel Money, VNPT Money; thanh toán hóa đơn điện, nước',
    time: 'Quý III/2025',
    place: 'Nhà văn hóa các bản, chợ xã',
    executor: 'Tổ công nghệ số cộng đồng xã',
    director: 'UBND xã Tam Quang',
    note: 'Chủ đề trọng tâm quý III',
  },
  {
    content: 'Hướng dẫn hộ sản xuất đưa sản phẩm địa phương lên sàn Postmart, Vỏ Sò',
    time: 'Tháng 9–12/2025',
    place: 'Hợp tác xã, hộ kinh doanh',
    executor: 'Tổ công nghệ số cộng đồng xã; Bưu điện huyện',
    director: 'UBND xã Tam Quang',
  },
  { content: 'Sinh hoạt Tổ định kỳ, tổng hợp báo cáo tháng gửi UBND xã', time: 'Hai lần mỗi tháng', place: 'Trụ sở UBND xã', executor: 'Tổ trưởng', director: 'Phòng Văn hóa – Xã hội' },
];

export async function seedActivityDemo(db: Database): Promise<void> {
  if ((await db.manager.count(ActivityPlan)) > 0) return;
  const commune = await db.manager.findOneBy(AdministrativeUnit, { code: COMMUNE });
  if (!commune) return;

  await db.transaction(async (manager) => {
    const communeTeam = await manager.findOneByOrFail(Team, { id: demoId(`team:${COMMUNE}`) });
    const plan = await manager.save(
      manager.create(ActivityPlan, {
        teamId: communeTeam.id,
        year: 2025,
        title: 'Kế hoạch tổ chức hoạt động Tổ công nghệ số cộng đồng trên địa bàn xã Tam Quang năm 2025',
        approvedBy: OFFICER,
        approvedOn: '2025-07-25',
        // Form 6.3's sections, as the handbook lists them (seed 000, chapter II §6.3).
        purpose:
          'Đưa các nền tảng số đến với người dân, hộ kinh doanh trên địa bàn xã; giúp người dân biết sử dụng dịch vụ công trực tuyến, thanh toán trực tuyến và tự bảo vệ mình trên môi trường mạng.',
        timeAndPlace: 'Từ tháng 7 đến tháng 12 năm 2025; tại nhà văn hóa các bản, trụ sở UBND xã và từng hộ gia đình.',
        participants: 'Người dân, hộ kinh doanh, hợp tác xã trên địa bàn xã (khoảng 1.200 hộ); thành viên các Tổ công nghệ số cộng đồng và đoàn viên thanh niên.',
        content:
          'Hướng dẫn theo nhóm đối tượng: người cao tuổi (VNeID, dịch vụ công), hộ kinh doanh (mở gian hàng trên sàn thương mại điện tử, thanh toán không dùng tiền mặt), học sinh (an toàn trên mạng); theo từng bản, lần lượt từ gần đến xa.',
        organisers: 'Ban chỉ đạo: Phó Chủ tịch UBND xã (Trưởng ban), Bí thư Đoàn xã (Phó ban). Ban tổ chức: Tổ trưởng, Tổ phó Tổ công nghệ số cộng đồng xã.',
        schedule: 'Tháng 7: lập danh sách hộ; tháng 8–9: hướng dẫn tại các bản; tháng 10: Ngày hội chuyển đổi số; tháng 11–12: tổng kết, báo cáo UBND xã.',
      }),
    );
    await manager.save([
      manager.create(PlanTheme, { planId: plan.id, quarter: 3, skill: BasicSkill.ONLINE_PAYMENT, theme: 'Thanh toán trực tuyến' }),
      manager.create(PlanTheme, { planId: plan.id, quarter: 4, skill: BasicSkill.ONLINE_PUBLIC_SERVICES, theme: 'Dịch vụ công trực tuyến – cao điểm Ngày Chuyển đổi số quốc gia 10/10' }),
    ]);
    await manager.save(PROGRAMME.map((row, index) => manager.create(ProgrammeActivity, { note: null, details: null, ...row, planId: plan.id, position: index + 1 })));
    await manager.save([
      manager.create(WorkAssignment, { planId: plan.id, position: 1, content: 'Lập danh sách hộ chưa có tài khoản thanh toán', assigneeId: demoId(`member:${COMMUNE}:1`), deadline: '2025-08-15', done: true, note: null }),
      manager.create(WorkAssignment, { planId: plan.id, position: 2, content: 'Tổng hợp báo cáo quý III gửi UBND xã', assigneeId: demoId(`member:${COMMUNE}:0`), deadline: '2025-10-05', done: true, note: null }),
      manager.create(WorkAssignment, { planId: plan.id, position: 3, content: 'Chuẩn bị gian hàng hướng dẫn dịch vụ công tại Ngày hội chuyển đổi số', assigneeId: demoId(`member:${COMMUNE}:2`), deadline: '2025-10-10', done: false, note: null }),
    ]);

    const target = (unitCode: string, period: string, indicator: Indicator, value: number) =>
      manager.create(Target, { scope: unitScope(unitCode), unitCode, teamId: null, period, indicator, value, setBy: OFFICER });
    await manager.save([
      target(COMMUNE, '2025-Q3', Indicator.GUIDED_ONLINE_PAYMENT, 250),
      target(COMMUNE, '2025-Q3', Indicator.ACCOUNTS_OPENED, 120),
      target(COMMUNE, '2025-Q3', Indicator.HOUSEHOLD_VISITS, 400),
      target(COMMUNE, '2025-Q4', Indicator.GUIDED_ONLINE_PUBLIC_SERVICES, 300),
      target(COMMUNE, '2025-Q4', Indicator.ONLINE_DOSSIERS, 150),
      target(COMMUNE, '2025', Indicator.VNEID_ACTIVATIONS, 500),
      target('17227.01', '2025-Q3', Indicator.GUIDED_ONLINE_PAYMENT, 100),
      target('17227.02', '2025-Q3', Indicator.GUIDED_ONLINE_PAYMENT, 60),
      target('17227.03', '2025-Q3', Indicator.GUIDED_ONLINE_PAYMENT, 50),
    ]);

    const units = await manager.findBy(AdministrativeUnit, { parentCode: COMMUNE });
    const report = (unit: AdministrativeUnit, month: string, row: Row) =>
      storeReport(db, manager, {
        existing: null,
        teamId: demoId(`team:${unit.code}`),
        unit,
        month,
        figures: figuresOf(row),
        note: null,
        reason: null,
        by: demoId(`member:${unit.code}:0`),
      });
    for (const [month, row] of Object.entries(COMMUNE_MONTHS)) await report(commune, month, row);
    for (const code of VILLAGES) {
      const unit = units.find((candidate) => candidate.code === code)!;
      for (const [month, row] of Object.entries(VILLAGE_MONTHS[code])) await report(unit, month, row);
    }
    await manager.save(manager.create(PeriodLock, { unitCode: COMMUNE, month: '2025-08', lockedBy: OFFICER }));
  });
  logger.info('Seeded demo reports: the Tam Quang 2025 plan, targets, reports of July to October 2025 (August locked)');
}
