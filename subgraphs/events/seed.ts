import type { Database } from '../common/database';
import { Viewer } from '../common/auth';
import { ConsentChannel, ConsentPurpose, recordConsent } from '../common/consent';
import { demoId } from '../common/demo';
import { BasicSkill } from '../common/skills';
import type { UnitDirectory } from '../common/unit-directory';
import { phoneExhibitorKey } from './services/references';
import {
  Admission,
  ApplicationStatus,
  Contest,
  ContestEntry,
  ContestKind,
  ContestPrize,
  Event,
  EventKind,
  EventOrganiser,
  EventStatus,
  EventTally,
  EventTeam,
  ExhibitorKind,
  Stall,
  StallApplication,
  StallCategory,
  StallKind,
  VenueKind,
} from './entities';
import { logger } from '../common/logging';

/**
 * Demo data: the 2025 digital fair at Tam Quang's secondary school (held, with partner booths,
 * local-products stalls, a livestream-selling contest and its tallies) and the 2026 fair, open
 * for stall applications. Partner and team ids are derived as the other subgraphs' seeds derive
 * them. Invented people and numbers.
 */
export async function seedDemoData(db: Database, units: UnitDirectory): Promise<void> {
  if ((await db.manager.count(Event)) > 0) return;
  const tamQuang = await units.unit('17227');
  const team = (unitCode: string) => demoId(`team:${unitCode}`);

  await db.transaction(async (manager) => {
    const save = <T extends object>(entity: new () => T, fields: Partial<T>) => manager.save(manager.create(entity, fields as T));
    const fair = async (fields: Partial<Event>) => {
      const event = await save(Event, {
        kind: EventKind.FAIR,
        venue: 'Trường THCS Tam Quang',
        venueKind: VenueKind.SCHOOL,
        description: 'Gian hàng doanh nghiệp viễn thông, ví điện tử, ngân hàng; chợ phiên nông sản có thanh toán không dùng tiền mặt; hướng dẫn dịch vụ công trực tuyến.',
        ...tamQuang,
        ...fields,
      });
      for (const unitCode of ['17227', '17227.01', '17227.02', '17227.03']) await save(EventTeam, { eventId: event.id, teamId: team(unitCode) });
      await save(EventOrganiser, { eventId: event.id, subject: 'dev-organiser', name: 'Lương Thị Thu Hà' });
      const category = async (name: string, kind: StallKind, admission: Admission, capacity: number, prefix: string) => {
        const saved = await save(StallCategory, { eventId: event.id, name, kind, admission, capacity, fee: 0, size: '3 m × 3 m' });
        const stalls = [];
        for (let number = 1; number <= capacity; number += 1) {
          stalls.push(await save(Stall, { eventId: event.id, categoryId: saved.id, code: `${prefix}${String(number).padStart(2, '0')}` }));
        }
        return { category: saved, stalls };
      };
      return {
        event,
        booths: await category('Gian hàng doanh nghiệp viễn thông, ví điện tử, ngân hàng', StallKind.PARTNER_BOOTH, Admission.REVIEWED, 4, 'A'),
        produce: await category('Gian hàng nông sản, sản phẩm OCOP của hợp tác xã và hộ dân', StallKind.LOCAL_PRODUCTS, Admission.FIRST_COME, 6, 'B'),
        desk: await category('Bàn hướng dẫn dịch vụ công trực tuyến, VNeID', StallKind.PUBLIC_SERVICES_DESK, Admission.REVIEWED, 1, 'C'),
      };
    };
    const apply = (
      where: { category: StallCategory; stalls: Stall[] },
      stallIndex: number | null,
      fields: Partial<StallApplication> & { exhibitorName: string; exhibitorKey: string },
    ) =>
      save(StallApplication, {
        eventId: where.category.eventId,
        categoryId: where.category.id,
        exhibitorKind: ExhibitorKind.HOUSEHOLD,
        partnerId: null,
        contactName: 'Người liên hệ',
        contactPhone: '0912000000',
        offering: 'Nông sản địa phương',
        status: stallIndex === null ? ApplicationStatus.PENDING : ApplicationStatus.APPROVED,
        stallId: stallIndex === null ? null : where.stalls[stallIndex].id,
        decidedAt: stallIndex === null ? null : new Date('2025-09-20T02:00:00Z'),
        ...fields,
      });
    const partner = (key: string, name: string, offering: string) => ({
      exhibitorKind: ExhibitorKind.PARTNER,
      partnerId: demoId(`partner:${key}`),
      exhibitorName: name,
      exhibitorKey: `partner:${demoId(`partner:${key}`)}`,
      offering,
    });

    const held = await fair({
      id: demoId('event:17227:2025'), // the resources subgraph's fair programme points at it
      title: 'Ngày hội chuyển đổi số xã Tam Quang 2025',
      startsOn: '2025-09-27',
      endsOn: '2025-09-27',
      applicationDeadline: '2025-09-20',
      status: EventStatus.HELD,
      accountsOpened: 86,
      shopsOnboarded: 7,
    });
    await apply(held.booths, 0, { ...partner('viettel', 'Viettel Nghệ An', 'Mở ví Viettel Money, đổi SIM 4G'), contactName: 'Trần Văn Hải', contactPhone: '0983123456' });
    await apply(held.booths, 1, { ...partner('vnpost', 'Bưu điện tỉnh Nghệ An – Postmart', 'Mở gian hàng trên Postmart'), contactName: 'Lê Văn Minh', contactPhone: '0238384400' });
    await apply(held.produce, 0, {
      exhibitorKind: ExhibitorKind.COOPERATIVE,
      exhibitorName: 'Hợp tác xã Nông nghiệp Tam Quang',
      exhibitorKey: phoneExhibitorKey('0238389123'),
      contactName: 'Vi Văn Tuấn',
      contactPhone: '0238389123',
      offering: 'Chè, gạo nếp, mật ong rừng; thanh toán bằng mã QR',
    });
    await apply(held.produce, 1, {
      exhibitorName: 'Hộ ông Lô Văn Khăm',
      exhibitorKey: phoneExhibitorKey('0971234567'),
      contactName: 'Lô Văn Khăm',
      contactPhone: '0971234567',
      offering: 'Mật ong rừng, măng khô',
    });
    for (const [skill, residentsHelped] of [
      [BasicSkill.ONLINE_PUBLIC_SERVICES, 142],
      [BasicSkill.ONLINE_PAYMENT, 118],
      [BasicSkill.ONLINE_SHOPPING, 64],
      [BasicSkill.ONLINE_SAFETY, 97],
      [BasicSkill.OTHER_PLATFORMS, 35],
    ] as const) {
      await save(EventTally, { eventId: held.event.id, skill, residentsHelped });
    }
    const contest = await save(Contest, { eventId: held.event.id, kind: ContestKind.LIVESTREAM_SELLING, title: 'Livestream bán nông sản' });
    // The first prize is a tablet of the lot the bank donated (the resources subgraph seeds it with this id); the organisers hand it over.
    await save(ContestPrize, { contestId: contest.id, rank: 1, description: 'Giải nhất: 01 máy tính bảng Samsung Galaxy Tab A9', giftId: demoId('gift:17227:tablets') });
    await save(ContestPrize, { contestId: contest.id, rank: 2, description: 'Giải nhì: 01 bộ phát wifi', giftId: null });
    await save(ContestEntry, { contestId: contest.id, entrant: 'Tổ công nghệ số bản Xốp Cháo', teamId: team('17227.01'), title: 'Mật ong rừng Xốp Cháo', score: 92 });
    await save(ContestEntry, { contestId: contest.id, entrant: 'Tổ công nghệ số bản Tân Hương', teamId: team('17227.02'), title: 'Gạo nếp cẩm', score: 85 });
    await save(ContestEntry, { contestId: contest.id, entrant: 'Tổ công nghệ số bản Khe Chóng', teamId: team('17227.03'), title: 'Măng khô', score: 78 });
    // A tie on the score, shown as one until the organisers break it.
    const quiz = await save(Contest, { eventId: held.event.id, kind: ContestKind.DIGITAL_QUIZ, title: 'Rung chuông vàng kỹ năng số' });
    await save(ContestPrize, { contestId: quiz.id, rank: 1, description: 'Giải nhất: 01 máy tính bảng Samsung Galaxy Tab A9', giftId: demoId('gift:17227:tablets') });
    await save(ContestEntry, { contestId: quiz.id, entrant: 'Tổ công nghệ số bản Tân Hương', teamId: team('17227.02'), title: 'Đội Tân Hương', score: 90 });
    await save(ContestEntry, { contestId: quiz.id, entrant: 'Tổ công nghệ số bản Khe Chóng', teamId: team('17227.03'), title: 'Đội Khe Chóng', score: 90 });

    const open = await fair({
      title: 'Phiên chợ chuyển đổi số xã Tam Quang 2026',
      startsOn: '2026-12-12',
      endsOn: '2026-12-13',
      applicationDeadline: '2026-12-05',
      status: EventStatus.OPEN_FOR_APPLICATIONS,
    });
    await apply(open.booths, 0, { ...partner('viettel', 'Viettel Nghệ An', 'Ví Viettel Money, gói cước cho hộ kinh doanh'), contactName: 'Trần Văn Hải', contactPhone: '0983123456' });
    await apply(open.booths, null, { ...partner('vnpt', 'VNPT Nghệ An', 'VNPT Money, chữ ký số cho hộ kinh doanh'), contactName: 'Nguyễn Thị Thu Hà', contactPhone: '0912876543' });
    await apply(open.produce, 0, {
      exhibitorKind: ExhibitorKind.COOPERATIVE,
      exhibitorName: 'Hợp tác xã Nông nghiệp Tam Quang',
      exhibitorKey: phoneExhibitorKey('0238389123'),
      contactName: 'Vi Văn Tuấn',
      contactPhone: '0238389123',
      offering: 'Chè, gạo nếp, mật ong rừng',
    });
    // Approved as the hub starts, with the household's consent to be contacted: its Zalo reminder is due.
    const household = await apply(open.produce, 1, {
      exhibitorName: 'Hộ bà Lương Thị Hoa',
      exhibitorKey: phoneExhibitorKey('0987654321'),
      contactName: 'Lương Thị Hoa',
      contactPhone: '0987654321',
      offering: 'Rau rừng, cá suối sấy; thanh toán bằng mã QR',
      decidedAt: new Date(),
    });
    await recordConsent(manager, Viewer.anonymous, household, ConsentPurpose.STALL_APPLICATION, { noticeVersion: '2026-01', channel: ConsentChannel.PAPER_FORM }, household.contactPhone);
  });
  logger.info('Seeded demo events: the Tam Quang digital fairs of 2025 (held) and 2026 (open for stalls)');
}
