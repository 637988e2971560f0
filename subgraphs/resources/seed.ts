import { Viewer } from '../common/auth';
import { ConsentChannel, ConsentPurpose, recordConsent } from '../common/consent';
import type { Database } from '../common/database';
import { addDays, todayInVietnam } from '../common/dates';
import { demoId } from '../common/demo';
import type { UnitDirectory } from '../common/unit-directory';
import {
  Allocation,
  AllocationCode,
  BudgetLine,
  BudgetSide,
  Expense,
  ExpenseStatus,
  FundingSource,
  Gift,
  HoursStatus,
  InteractionKind,
  ItemKind,
  PaymentMethod,
  PlannedShift,
  Pledge,
  PledgeInstalment,
  Programme,
  ProgrammeKind,
  Receipt,
  RecipientKind,
  ResourceKind,
  ShiftSignup,
  Sponsor,
  SponsorContact,
  SponsorInteraction,
  SponsorKind,
  SponsorshipPackage,
  SponsorStatus,
  TeamFundRules,
  Volunteer,
  VolunteerShift,
} from './entities';
import { nextReceiptNumber } from './services/receipts';
import { keepRevision } from './services/budget-revisions';
import { logger } from '../common/logging';

/**
 * Demo data for Xã Tam Quang (seeded by the teams subgraph): Viettel gives SIM cards, a local
 * co-operative sponsors the digital fair, volunteers give hours. Invented people and numbers.
 */
export async function seedDemoData(db: Database, units: UnitDirectory): Promise<void> {
  if ((await db.manager.count(Programme)) > 0) return;
  const commune = await units.unit('17227');
  const village = await units.unit('17227.01');

  await db.transaction(async (manager) => {
    const save = <T extends object>(entity: new () => T, fields: Partial<T>) => manager.save(manager.create(entity, fields as T));

    const viettel = await save(Sponsor, {
      ...commune,
      kind: SponsorKind.ORGANISATION,
      name: 'Viettel Nghệ An',
      taxCode: '0100109106-035',
      partnerId: demoId('partner:viettel'), // the partners subgraph seeds Viettel with this id
      status: SponsorStatus.ACTIVE,
      publiclyNamed: true,
    });
    await save(SponsorContact, { sponsorId: viettel.id, fullName: 'Trần Văn Hải', position: 'Phó Giám đốc chi nhánh', phone: '0983123456', email: null });
    await save(SponsorInteraction, {
      sponsorId: viettel.id,
      kind: InteractionKind.MEMORANDUM,
      occurredOn: '2025-09-05',
      validUntil: '2026-09-04',
      summary: 'Ký biên bản ghi nhớ hỗ trợ SIM 4G và tập huấn Viettel Money cho các tổ',
      recordedBy: 'seed',
    });
    await save(SponsorInteraction, {
      sponsorId: viettel.id,
      kind: InteractionKind.THANK_YOU_LETTER,
      occurredOn: '2025-10-15',
      validUntil: null,
      summary: 'Gửi thư cảm ơn sau Ngày hội chuyển đổi số',
      recordedBy: 'seed',
    });
    const cooperative = await save(Sponsor, {
      ...commune,
      kind: SponsorKind.ORGANISATION,
      name: 'Hợp tác xã Nông nghiệp Tam Quang',
      taxCode: '2901234567',
      partnerId: null,
      status: SponsorStatus.ACTIVE,
      publiclyNamed: true,
    });
    const bank = await save(Sponsor, {
      ...commune,
      kind: SponsorKind.ORGANISATION,
      name: 'Ngân hàng TMCP Quân đội – Chi nhánh Nghệ An',
      taxCode: '0100283873-012',
      partnerId: null,
      status: SponsorStatus.ACTIVE,
      publiclyNamed: true,
    });
    await save(SponsorContact, { sponsorId: bank.id, fullName: 'Lê Thị Hồng Nhung', position: 'Trưởng phòng khách hàng cá nhân', phone: '0912456789', email: null });
    // Dated from the day of seeding, so the follow-up list shows a memorandum ending soon.
    await save(SponsorInteraction, {
      sponsorId: bank.id,
      kind: InteractionKind.MEMORANDUM,
      occurredOn: addDays(todayInVietnam(), -345),
      validUntil: addDays(todayInVietnam(), 20),
      summary: 'Ký biên bản ghi nhớ hỗ trợ mở tài khoản ngân hàng số cho người dân',
      recordedBy: 'seed',
    });
    const benefactor = await save(Sponsor, {
      ...commune,
      kind: SponsorKind.INDIVIDUAL,
      name: 'Ông Lô Văn Thắng',
      taxCode: null,
      partnerId: null,
      status: SponsorStatus.PROSPECT,
      publiclyNamed: false,
    });

    const fair = await save(Programme, {
      ...commune,
      teamId: null,
      eventId: demoId('event:17227:2025'), // the events subgraph seeds the fair with this id
      name: 'Ngày hội chuyển đổi số xã Tam Quang 2025',
      kind: ProgrammeKind.FAIR,
      horizonMonths: 3,
      startsOn: '2025-09-01',
      description: 'Gian hàng thanh toán không dùng tiền mặt, hướng dẫn cài VNeID, chợ phiên trực tuyến',
    });
    const lines: [BudgetSide, string, string, number, number][] = [
      [BudgetSide.INCOME, 'Tài trợ của doanh nghiệp', 'gói', 15_000_000, 1],
      [BudgetSide.INCOME, 'Đóng góp của thành viên tổ', 'người', 100_000, 6],
      [BudgetSide.EXPENSE, 'Phông bạt, sân khấu', 'bộ', 5_000_000, 1],
      [BudgetSide.EXPENSE, 'Quà tặng người dân tham gia', 'phần', 30_000, 200],
      [BudgetSide.EXPENSE, 'Nước uống', 'chai', 10_000, 300],
    ];
    const positions = { [BudgetSide.INCOME]: 0, [BudgetSide.EXPENSE]: 0 };
    const budget: BudgetLine[] = [];
    for (const [side, item, unit, unitPrice, quantity] of lines) {
      positions[side] += 1;
      budget.push(await save(BudgetLine, { programmeId: fair.id, side, position: positions[side], item, unit, unitPrice, quantity, note: null }));
    }
    // The estimate as drawn up, awaiting the approval of an officer over the commune (revision 1).
    await keepRevision(manager, fair, budget, null, 'seed');
    const partnerPackage = await save(SponsorshipPackage, {
      programmeId: fair.id,
      name: 'Gói Đồng hành',
      contribution: 'Hiện vật hoặc tiền tương đương 10.000.000 đồng',
      benefits: 'Gian hàng riêng tại ngày hội, logo trên phông chính',
      mediaExposure: 'Đưa tin trên trang Đoàn xã và nhóm Zalo các bản',
      value: 10_000_000,
    });

    /** A pledge and its instalments: [amount, due date, received by the receipts below]. */
    const pledge = async (fields: Partial<Pledge>, instalments: [number, string, number][]) => {
      const promised = await save(Pledge, { programmeId: fair.id, packageId: null, description: null, cancelledAt: null, ...fields });
      for (const [index, [amount, dueOn, received]] of instalments.entries()) {
        await save(PledgeInstalment, { pledgeId: promised.id, position: index + 1, amount, dueOn, received, writtenOffAt: null });
      }
      return promised;
    };
    const simPledge = await pledge(
      { sponsorId: viettel.id, packageId: partnerPackage.id, kind: ResourceKind.IN_KIND, amount: 10_000_000, description: '200 SIM 4G trả trước' },
      [[10_000_000, '2025-10-01', 10_000_000]],
    );
    const cashPledge = await pledge({ sponsorId: cooperative.id, kind: ResourceKind.CASH, amount: 5_000_000 }, [[5_000_000, '2025-09-30', 5_000_000]]);
    // Three monthly instalments: two paid, the last one overdue (the commune's officers are reminded of it).
    const bankPledge = await pledge({ sponsorId: bank.id, kind: ResourceKind.CASH, amount: 9_000_000 }, [
      [3_000_000, '2025-09-15', 3_000_000],
      [3_000_000, '2025-10-15', 3_000_000],
      [3_000_000, '2025-11-15', 0],
    ]);

    const receipt = async (fields: Partial<Receipt>) =>
      save(Receipt, {
        ...commune,
        year: 2025,
        number: await nextReceiptNumber(db, manager, commune.unitCode, 2025),
        programmeId: fair.id,
        method: null,
        note: null,
        recordedBy: 'seed',
        pledgeId: null,
        ...fields,
      });
    const sims = await receipt({ sponsorId: viettel.id, pledgeId: simPledge.id, kind: ResourceKind.IN_KIND, receivedOn: '2025-09-28', amount: 10_000_000 });
    const simLot = await save(Gift, {
      receiptId: sims.id,
      itemKind: ItemKind.SIM_CARD,
      description: 'SIM Viettel 4G trả trước',
      quantity: 200,
      unitValue: 50_000,
      // One ICCID per card, as a lot's codes must number its quantity.
      codes: Array.from({ length: 200 }, (_, index) => `89840480001234${50001 + index}`).join('\n'),
    });
    await receipt({ sponsorId: cooperative.id, pledgeId: cashPledge.id, kind: ResourceKind.CASH, receivedOn: '2025-09-25', method: PaymentMethod.BANK_TRANSFER, amount: 5_000_000 });
    await receipt({ sponsorId: bank.id, pledgeId: bankPledge.id, kind: ResourceKind.CASH, receivedOn: '2025-09-14', method: PaymentMethod.BANK_TRANSFER, amount: 3_000_000 });
    await receipt({ sponsorId: bank.id, pledgeId: bankPledge.id, kind: ResourceKind.CASH, receivedOn: '2025-10-16', method: PaymentMethod.BANK_TRANSFER, amount: 3_000_000 });
    await receipt({ kind: ResourceKind.CASH, source: FundingSource.STATE_BUDGET, receivedOn: '2025-09-20', method: PaymentMethod.BANK_TRANSFER, amount: 3_000_000, note: 'UBND xã cấp kinh phí hỗ trợ ngày hội' });
    await receipt({ sponsorId: benefactor.id, kind: ResourceKind.CASH, receivedOn: '2025-10-02', method: PaymentMethod.CASH, amount: 1_000_000 });

    // Each allocation says which cards (ICCIDs) it issued, in the lot's order.
    const simCodes = simLot.codes!.split('\n');
    let nextSim = 0;
    const issueSims = async (fields: Partial<Allocation> & { quantity: number }) => {
      const allocation = await save(Allocation, { giftId: simLot.id, recipientId: null, household: null, ...fields });
      const codes = simCodes.slice(nextSim, (nextSim += fields.quantity));
      await manager.save(codes.map((code) => manager.create(AllocationCode, { giftId: simLot.id, allocationId: allocation.id, code })));
    };
    await issueSims({ quantity: 50, recipientKind: RecipientKind.TEAM, recipientId: demoId('team:17227.01'), issuedOn: '2025-10-03' });
    await issueSims({ quantity: 2, recipientKind: RecipientKind.HOUSEHOLD, household: 'Hộ ông Vi Văn Pấn, bản Xốp Cháo', issuedOn: '2025-10-05' });
    await issueSims({ quantity: 1, recipientKind: RecipientKind.HOUSEHOLD, household: 'Hộ bà Lò Thị Xuân, bản Xốp Cháo', issuedOn: '2025-10-05' });
    // The bank's two tablets, with their serials: the fair's contest prizes (the events subgraph names the lot by this id).
    const tablets = await receipt({ sponsorId: bank.id, kind: ResourceKind.IN_KIND, receivedOn: '2025-10-20', amount: 7_000_000, note: 'Tặng giải thưởng cuộc thi tại ngày hội' });
    await save(Gift, {
      id: demoId('gift:17227:tablets'),
      receiptId: tablets.id,
      itemKind: ItemKind.DEVICE,
      description: 'Máy tính bảng Samsung Galaxy Tab A9',
      quantity: 2,
      unitValue: 3_500_000,
      codes: ['R9XT20A1B2C', 'R9XT20A1B3D'].join('\n'),
    });
    await save(Expense, {
      programmeId: fair.id,
      budgetLineId: budget[2].id,
      amount: 5_000_000,
      spentOn: '2025-10-01',
      description: 'Thuê phông bạt, sân khấu',
      evidence: 'Hóa đơn số 0001234',
      status: ExpenseStatus.APPROVED,
      recordedBy: 'seed',
      decidedBy: 'seed',
      createdAt: new Date('2025-10-01T03:00:00Z'),
    });
    // Over the stage line's estimate of 5 000 000: the budget flags it.
    await save(Expense, {
      programmeId: fair.id,
      budgetLineId: budget[2].id,
      amount: 600_000,
      spentOn: '2025-10-01',
      description: 'Thuê thêm đèn chiếu sáng sân khấu',
      evidence: 'Hóa đơn số 0001241',
      status: ExpenseStatus.APPROVED,
      decidedBy: 'seed',
      createdAt: new Date('2025-10-01T04:00:00Z'),
    });
    await save(Expense, {
      programmeId: fair.id,
      budgetLineId: budget[4].id,
      amount: 1_200_000,
      spentOn: '2025-10-02',
      description: 'Mua nước uống cho ngày hội',
      evidence: 'Phiếu mua hàng ngày 02/10/2025',
      status: ExpenseStatus.PENDING,
      recordedBy: 'seed',
      decidedBy: null,
      // Recorded when it was spent and still waiting: the commune's officers are reminded of it (README, reminders).
      createdAt: new Date('2025-10-02T03:00:00Z'),
    });

    // A village team's own campaign, so the team's funds show through the gateway.
    const campaign = await save(Programme, {
      ...village,
      teamId: demoId('team:17227.01'),
      name: 'Chiến dịch “Đi từng ngõ, gõ từng nhà” tháng 10 – bản Xốp Cháo',
      kind: ProgrammeKind.CAMPAIGN,
      horizonMonths: 1,
      startsOn: '2025-10-01',
      description: 'Hướng dẫn người dân kích hoạt VNeID mức 2 và mở ví điện tử',
    });
    await save(Receipt, {
      ...village,
      year: 2025,
      number: await nextReceiptNumber(db, manager, village.unitCode, 2025),
      programmeId: campaign.id,
      sponsorId: null,
      pledgeId: null,
      kind: ResourceKind.CASH,
      receivedOn: '2025-10-01',
      method: PaymentMethod.CASH,
      amount: 500_000,
      source: FundingSource.TEAM_FUND,
      note: 'Quỹ tổ: mỗi thành viên đóng 100.000 đồng/quý theo quy chế tổ đã thống nhất',
      recordedBy: 'seed',
    });
    // The rules each team agreed for its fund (handbook II §5.2), versions kept: the receipt above
    // was collected under Xốp Cháo's second version; Tân Hương (the demo leader's team) has one.
    const rules = (teamId: string, unitPath: string, version: number, adoptedOn: string, text: string) =>
      save(TeamFundRules, { teamId, unitPath, version, adoptedOn, rules: text, recordedBy: 'seed' });
    await rules(demoId('team:17227.01'), village.unitPath, 1, '2025-01-12',
      'Mỗi thành viên đóng 50.000 đồng/quý, nộp cho tổ phó giữ quỹ trước ngày 10 tháng đầu quý. Quỹ dùng mua thẻ cào 4G cho buổi hướng dẫn tại nhà dân và thăm hỏi thành viên ốm đau. Tổ trưởng báo cáo thu chi tại buổi sinh hoạt cuối quý.');
    await rules(demoId('team:17227.01'), village.unitPath, 2, '2025-09-20',
      'Mỗi thành viên đóng 100.000 đồng/quý (cuộc họp tổ ngày 20/9/2025 thống nhất tăng để in tài liệu hướng dẫn VNeID), nộp cho tổ phó giữ quỹ trước ngày 10 tháng đầu quý. Quỹ dùng mua thẻ cào 4G, in tài liệu hướng dẫn và thăm hỏi thành viên ốm đau. Chi trên 500.000 đồng phải được cả tổ đồng ý. Tổ trưởng báo cáo thu chi tại buổi sinh hoạt cuối quý.');
    await rules(demoId('team:17227.02'), (await units.unit('17227.02')).unitPath, 1, '2025-03-08',
      'Mỗi thành viên đóng 30.000 đồng/tháng, tổ trưởng giữ quỹ và ghi sổ. Quỹ dùng sạc dự phòng, thẻ cào 4G khi đi hỗ trợ bà con ở các điểm xa và hỗ trợ thành viên có việc hiếu hỷ. Sổ quỹ công khai cho thành viên xem bất cứ lúc nào.');

    // The student signs in as the demo volunteer (gateway/demo-users.ts): her id is fixed.
    const student = await save(Volunteer, { id: demoId('volunteer:17227:student'), ...commune, fullName: 'Nguyễn Thị Thu Trang', phone: '0971234567', memberId: null, skills: 'livestream, thiết kế' });
    const engineer = await save(Volunteer, { ...commune, fullName: 'Hoàng Minh Đức', phone: null, memberId: null, skills: 'sửa chữa điện thoại, máy tính' });
    // Both signed the commune's volunteer form (its notice of 2026-01).
    for (const volunteer of [student, engineer]) {
      await recordConsent(manager, Viewer.anonymous, volunteer, ConsentPurpose.VOLUNTEERING, { noticeVersion: '2026-01', channel: ConsentChannel.PAPER_FORM }, volunteer.phone);
    }
    const approved = { status: HoursStatus.APPROVED, loggedBy: 'seed', decidedBy: 'seed' };
    await save(VolunteerShift, { ...approved, volunteerId: student.id, programmeId: fair.id, workedOn: '2025-10-01', minutes: 240, activity: 'Livestream bán nông sản' });
    await save(VolunteerShift, { ...approved, volunteerId: engineer.id, programmeId: fair.id, workedOn: '2025-10-01', minutes: 210, activity: 'Sửa điện thoại miễn phí cho người dân' });
    // Hours the volunteers logged themselves, waiting for the commune's officer.
    const pending = { status: HoursStatus.PENDING, loggedBy: 'dev-volunteer', decidedBy: null };
    await save(VolunteerShift, { ...pending, volunteerId: student.id, programmeId: fair.id, workedOn: '2025-10-02', minutes: 150, activity: 'Hướng dẫn người dân cài VNeID mức 2' });
    await save(VolunteerShift, { ...pending, loggedBy: 'seed', volunteerId: engineer.id, programmeId: fair.id, workedOn: '2025-10-02', minutes: 180, activity: 'Cài ứng dụng ngân hàng cho người cao tuổi' });
    // Shifts planned for the coming weeks, one already half full.
    const inDays = (days: number, hour: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + days, hour - 7));
    const shift = (days: number, title: string, capacity: number) =>
      save(PlannedShift, { programmeId: fair.id, unitPath: fair.unitPath, eventId: fair.eventId, title, place: 'Nhà văn hoá xã Tam Quang', startsAt: inDays(days, 7), endsAt: inDays(days, 11), capacity, signedUp: 0 });
    const doorToDoor = await shift(3, 'Đi từng ngõ, gõ từng nhà: hướng dẫn cài VNeID', 6);
    await shift(10, 'Trực gian hàng số tại ngày hội', 4);
    await save(ShiftSignup, { shiftId: doorToDoor.id, volunteerId: engineer.id, checkedInAt: null, checkedOutAt: null, cancelledAt: null });
    await manager.increment(PlannedShift, { id: doorToDoor.id }, 'signedUp', 1);
  });
  logger.info('Seeded demo resources: Viettel SIM cards, the Tam Quang digital fair, volunteers');
}
