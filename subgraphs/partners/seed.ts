import type { Database } from '../common/database';
import { demoId } from '../common/demo';
import { BasicSkill } from '../common/skills';
import type { UnitDirectory } from '../common/unit-directory';
import {
  Attendance,
  BranchContact,
  Offer,
  OfferUnit,
  Onboarding,
  OnboardeeKind,
  OnboardingStatus,
  Partner,
  PartnerBranch,
  PartnerSector,
  PartnerUnit,
  Platform,
  PlatformKind,
  Training,
  TrainingFormat,
  TrainingInvitation,
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookEndpointStatus,
} from './entities';
import { newSigningSecret } from './services/webhooks';
import { logger } from '../common/logging';

/**
 * Demo data: Viettel, VNPT and Vietnam Post working with the teams of Nghệ An (seeded by the
 * teams subgraph, whose demo member ids are derived the same way). Invented people and numbers.
 */
export async function seedDemoData(db: Database, units: UnitDirectory): Promise<void> {
  let moneyTrainingId = '';
  if ((await db.manager.count(Partner)) > 0) return;
  const province = await units.unit('40');
  const tamQuang = await units.unit('17227');
  const team = (unitCode: string) => demoId(`team:${unitCode}`);
  const members = (unitCode: string, count: number) =>
    Promise.all(Array.from({ length: count }, (_, index) => units.member(demoId(`member:${unitCode}:${index}`))));
  const attendees = [...(await members('17227', 4)), ...(await members('17227.01', 3)), ...(await members('17230', 3))];
  const teamPath = async (unitCode: string) => (await units.team(team(unitCode))).unitPath;

  await db.transaction(async (manager) => {
    const save = <T extends object>(entity: new () => T, fields: Partial<T>) => manager.save(manager.create(entity, fields as T));
    const partner = async (key: string, fields: Partial<Partner>, platforms: [string, PlatformKind][], branch: [string, string, string]) => {
      const saved = await save(Partner, { id: demoId(`partner:${key}`), ...fields });
      await save(PartnerUnit, { partnerId: saved.id, ...province });
      const [branchName, contactName, phone] = branch;
      const { id: branchId } = await save(PartnerBranch, { partnerId: saved.id, name: branchName, ...province });
      await save(BranchContact, { branchId, fullName: contactName, position: 'Phụ trách chuyển đổi số', phone, email: null });
      const rows = [];
      for (const [name, kind] of platforms) rows.push(await save(Platform, { partnerId: saved.id, name, kind }));
      return { partner: saved, platforms: rows };
    };

    const viettel = await partner(
      'viettel',
      { name: 'Tập đoàn Công nghiệp - Viễn thông Quân đội', shortName: 'Viettel', sector: PartnerSector.TELECOM },
      [['Viettel Money', PlatformKind.E_WALLET], ['My Viettel', PlatformKind.APP]],
      ['Viettel Nghệ An', 'Trần Văn Hải', '0983123456'],
    );
    const vnpt = await partner(
      'vnpt',
      { name: 'Tập đoàn Bưu chính Viễn thông Việt Nam', shortName: 'VNPT', sector: PartnerSector.TELECOM },
      [['VNPT Money', PlatformKind.E_WALLET], ['My VNPT', PlatformKind.APP]],
      ['VNPT Nghệ An', 'Nguyễn Thị Thu Hà', '0912876543'],
    );
    const vnpost = await partner(
      'vnpost',
      { name: 'Tổng công ty Bưu điện Việt Nam', shortName: 'Vietnam Post', sector: PartnerSector.POST },
      [['Postmart', PlatformKind.MARKETPLACE]],
      ['Bưu điện tỉnh Nghệ An', 'Lê Văn Minh', '0238384400'],
    );

    const training = async (fields: Partial<Training>, invited: string[], who: typeof attendees) => {
      const saved = await save(Training, fields);
      for (const unitCode of invited) await save(TrainingInvitation, { trainingId: saved.id, teamId: team(unitCode) });
      for (const member of who) {
        await save(Attendance, { trainingId: saved.id, memberId: member.memberId, teamId: member.teamId, teamUnitPath: member.unitPath });
      }
      return saved;
    };
    const moneyTraining = await training(
      {
        partnerId: viettel.partner.id,
        title: 'Tập huấn mở và sử dụng ví Viettel Money cho tổ công nghệ số',
        skill: null,
        platformId: viettel.platforms[0].id,
        format: TrainingFormat.IN_PERSON,
        heldOn: '2025-09-12',
        place: 'Hội trường UBND xã Tam Quang',
        link: null,
        trainer: 'Trần Văn Hải',
        ...tamQuang,
      },
      ['17227', '17227.01', '17227.02'],
      attendees.slice(0, 7),
    );
    moneyTrainingId = moneyTraining.id;
    await training(
      {
        partnerId: vnpt.partner.id,
        title: 'Kỹ năng an toàn trên không gian mạng, nhận diện lừa đảo trực tuyến',
        skill: BasicSkill.ONLINE_SAFETY,
        platformId: null,
        format: TrainingFormat.ONLINE,
        heldOn: '2025-10-03',
        place: null,
        link: 'https://meet.vnpt.vn/tap-huan-an-toan-mang-nghe-an',
        trainer: 'Nguyễn Thị Thu Hà',
        ...province,
      },
      ['17227', '17230'],
      [...attendees.slice(0, 2), ...attendees.slice(7)],
    );
    await training(
      {
        partnerId: vnpost.partner.id,
        title: 'Hướng dẫn mở gian hàng nông sản trên sàn Postmart',
        skill: null,
        platformId: vnpost.platforms[0].id,
        format: TrainingFormat.IN_PERSON,
        heldOn: '2025-10-20',
        place: 'Bưu điện văn hóa xã Tam Quang',
        link: null,
        trainer: 'Lê Văn Minh',
        ...tamQuang,
      },
      ['17227'],
      attendees.slice(0, 4),
    );

    const postmart = vnpost.platforms[0];
    const onboarded = (fields: Partial<Onboarding>) => save(Onboarding, { partnerId: fields.partnerId ?? vnpost.partner.id, ...fields });
    await onboarded({
      platformId: postmart.id,
      onboardeeKind: OnboardeeKind.COOPERATIVE,
      name: 'Hợp tác xã Nông nghiệp Tam Quang',
      phone: '0238389123',
      address: 'Xã Tam Quang, Tỉnh Nghệ An',
      teamId: team('17227'),
      teamUnitPath: await teamPath('17227'),
      onboardedOn: '2025-10-25',
      status: OnboardingStatus.ACTIVE,
      productsListed: 12,
    });
    await onboarded({
      platformId: postmart.id,
      onboardeeKind: OnboardeeKind.HOUSEHOLD,
      name: 'Hộ ông Lô Văn Khăm (mật ong rừng)',
      phone: '0971234567',
      address: 'Bản Xốp Cháo, xã Tam Quang',
      teamId: team('17227.01'),
      teamUnitPath: await teamPath('17227.01'),
      onboardedOn: '2025-11-02',
      status: OnboardingStatus.STARTED,
      productsListed: 2,
    });
    await onboarded({
      partnerId: viettel.partner.id,
      platformId: viettel.platforms[0].id,
      onboardeeKind: OnboardeeKind.HOUSEHOLD,
      name: 'Hộ bà Vi Thị Nga',
      phone: '0962345678',
      address: 'Bản Tân Hương, xã Tam Quang',
      teamId: team('17227.02'),
      teamUnitPath: await teamPath('17227.02'),
      onboardedOn: '2025-10-01',
      status: OnboardingStatus.ACTIVE,
      productsListed: null,
    });

    const offer = async (fields: Partial<Offer>, unitCodes: string[]) => {
      const saved = await save(Offer, fields);
      for (const code of unitCodes) await save(OfferUnit, { offerId: saved.id, ...(await units.unit(code)) });
    };
    await offer(
      {
        partnerId: viettel.partner.id,
        service: 'Gói cước data 4G cho tổ viên tổ công nghệ số',
        discount: 'Giảm 50% cước 6 tháng đầu',
        discountPercent: 50,
        validFrom: '2025-10-01',
        validUntil: '2027-12-31',
      },
      ['40'],
    );
    await offer(
      {
        partnerId: vnpt.partner.id,
        service: 'SIM VinaPhone cho tổ viên',
        discount: 'Miễn phí SIM, tặng 3GB/ngày trong 3 tháng',
        discountPercent: null,
        validFrom: '2026-01-01',
        validUntil: '2027-06-30',
      },
      ['17227'],
    );
  });
  await seedViettelWebhooks(db, demoId('partner:viettel'), moneyTrainingId);
  logger.info('Seeded demo data: Viettel, VNPT and Vietnam Post (Postmart) with the teams of Nghệ An');
}

/**
 * Viettel's CRM receives its trainings and onboardings by webhook (an example address: deliveries
 * to it fail and are retried, as they would to a receiver that is down); the log shows the Viettel
 * Money training delivered on the second attempt.
 */
async function seedViettelWebhooks(db: Database, partnerId: string, trainingId: string): Promise<void> {
  const at = (iso: string) => new Date(iso);
  await db.transaction(async (manager) => {
    const endpoint = await manager.save(
      manager.create(WebhookEndpoint, {
        id: demoId('webhook-endpoint:viettel'),
        partnerId,
        url: 'https://crm.viettel.example.vn/hub/webhooks',
        description: 'CRM Viettel Nghệ An',
        eventTypeList: 'training.logged onboarding.logged unit.renamed unit.moved unit.merged',
        signingSecret: newSigningSecret(),
        status: WebhookEndpointStatus.ENABLED,
        disabledAt: null,
        disabledReason: null,
        failingSince: null,
        createdBy: 'admin',
      }),
    );
    const eventId = demoId('event:training.logged:viettel-money');
    const delivery = await manager.save(
      manager.create(WebhookDelivery, {
        endpointId: endpoint.id,
        partnerId,
        eventId,
        eventType: 'training.logged',
        payload: JSON.stringify({
          id: eventId,
          type: 'training.logged',
          version: 1,
          timestamp: '2025-09-12T10:00:00.000Z',
          data: { trainingId, partnerId, unitCode: '17227', heldOn: '2025-09-12', format: 'IN_PERSON', skill: null, attendeeCount: 7 },
        }),
        status: WebhookDeliveryStatus.DELIVERED,
        attempts: 2,
        nextAttemptAt: null,
        roundStartedAt: at('2025-09-12T10:00:01Z'),
        deliveredAt: at('2025-09-12T10:01:02Z'),
        lastResponseStatus: 200,
        lastError: null,
        createdAt: at('2025-09-12T10:00:01Z'),
      }),
    );
    await manager.save([
      manager.create(WebhookAttempt, { deliveryId: delivery.id, attemptedAt: at('2025-09-12T10:00:01Z'), responseStatus: 503, durationMs: 184, error: 'Địa chỉ nhận trả lời HTTP 503' }),
      manager.create(WebhookAttempt, { deliveryId: delivery.id, attemptedAt: at('2025-09-12T10:01:02Z'), responseStatus: 200, durationMs: 96, error: null }),
    ]);
  });
}
