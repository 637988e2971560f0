import { BasicSkill } from '../../subgraphs/common/skills';
import {
  Attendance,
  BranchContact,
  Partner,
  PartnerBranch,
  PartnerSector,
  PartnerUnit,
  Platform,
  PlatformKind,
  Training,
  TrainingFormat,
  TrainingInvitation,
} from '../../subgraphs/partners/entities';
import { addDays } from '../../subgraphs/common/dates';
import { Random } from '../random';
import { personName, shortProvinceName } from './names';
import type { GenerationContext, PartnerPlan, ProvincePlan, TableRows } from './rows';

const PARTNERS: { name: string; shortName: string; sector: PartnerSector; platforms: [string, PlatformKind][] }[] = [
  { name: 'Tập đoàn Công nghiệp - Viễn thông Quân đội', shortName: 'Viettel', sector: PartnerSector.TELECOM, platforms: [['Viettel Money', PlatformKind.E_WALLET], ['My Viettel', PlatformKind.APP]] },
  { name: 'Tập đoàn Bưu chính Viễn thông Việt Nam', shortName: 'VNPT', sector: PartnerSector.TELECOM, platforms: [['VNPT Money', PlatformKind.E_WALLET], ['VNPT SmartCA', PlatformKind.APP]] },
  { name: 'Tổng công ty Viễn thông MobiFone', shortName: 'MobiFone', sector: PartnerSector.TELECOM, platforms: [['MobiFone Money', PlatformKind.E_WALLET]] },
  { name: 'Tổng công ty Bưu điện Việt Nam', shortName: 'Vietnam Post', sector: PartnerSector.POST, platforms: [['Postmart', PlatformKind.MARKETPLACE]] },
  { name: 'Tổng công ty Cổ phần Bưu chính Viettel', shortName: 'Viettel Post', sector: PartnerSector.POST, platforms: [['Voso', PlatformKind.MARKETPLACE]] },
  { name: 'Công ty Cổ phần Dịch vụ Di động Trực tuyến', shortName: 'MoMo', sector: PartnerSector.E_WALLET, platforms: [['Ví MoMo', PlatformKind.E_WALLET]] },
  { name: 'Công ty Cổ phần ZION', shortName: 'ZaloPay', sector: PartnerSector.E_WALLET, platforms: [['ZaloPay', PlatformKind.E_WALLET]] },
  { name: 'Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam', shortName: 'Agribank', sector: PartnerSector.BANK, platforms: [['Agribank Plus', PlatformKind.BANKING]] },
  { name: 'Ngân hàng TMCP Công Thương Việt Nam', shortName: 'VietinBank', sector: PartnerSector.BANK, platforms: [['VietinBank iPay', PlatformKind.BANKING]] },
  { name: 'Ngân hàng TMCP Đầu tư và Phát triển Việt Nam', shortName: 'BIDV', sector: PartnerSector.BANK, platforms: [['BIDV SmartBanking', PlatformKind.BANKING]] },
  { name: 'Công ty TNHH Shopee', shortName: 'Shopee', sector: PartnerSector.E_COMMERCE, platforms: [['Shopee', PlatformKind.MARKETPLACE]] },
  { name: 'Công ty Cổ phần Ti Ki', shortName: 'Tiki', sector: PartnerSector.E_COMMERCE, platforms: [['Tiki', PlatformKind.MARKETPLACE]] },
];

/** The national partner enterprises and their platforms (the same in every province). */
export function generatePartners(seed: number, partners: TableRows, since: string): PartnerPlan[] {
  const random = new Random(seed, 'partners');
  return PARTNERS.map((template) => {
    const id = random.uuid();
    partners.add(Partner, { id, name: template.name, shortName: template.shortName, sector: template.sector, createdAt: new Date(`${since}T00:00:00Z`) });
    const platformIds = template.platforms.map(([name, kind]) => {
      const platformId = random.uuid();
      partners.add(Platform, { id: platformId, partnerId: id, name, kind });
      return platformId;
    });
    const everywhere = template.sector === PartnerSector.TELECOM || template.sector === PartnerSector.POST;
    return { id, name: template.name, shortName: template.shortName, everywhere, platformIds };
  });
}

const SKILLS = Object.values(BasicSkill);
const SKILL_TITLES: Record<BasicSkill, string> = {
  [BasicSkill.ONLINE_PUBLIC_SERVICES]: 'Hướng dẫn nộp hồ sơ trên Cổng dịch vụ công quốc gia',
  [BasicSkill.ONLINE_SHOPPING]: 'Mua sắm trực tuyến an toàn',
  [BasicSkill.ONLINE_PAYMENT]: 'Thanh toán không dùng tiền mặt',
  [BasicSkill.ONLINE_SAFETY]: 'Nhận diện lừa đảo trên không gian mạng',
  [BasicSkill.OTHER_PLATFORMS]: 'Cài đặt và sử dụng VNeID mức 2',
};

/**
 * The partners subgraph's rows of one province: which partners serve it (with a branch and its
 * contact), and ~15 trainings per commune with the teams invited and the members who came.
 */
export function generatePartnerWork(context: GenerationContext, plan: ProvincePlan): void {
  const { random, province, today, rows } = context;
  const serving = context.partners.filter((partner) => partner.everywhere || random.chance(0.5));
  for (const partner of serving) {
    rows.partners.add(PartnerUnit, { id: random.uuid(), partnerId: partner.id, unitCode: plan.unit.code, unitPath: plan.unit.path });
    const branchId = random.uuid();
    rows.partners.add(PartnerBranch, {
      id: branchId,
      partnerId: partner.id,
      name: `${partner.shortName} ${shortProvinceName(province.name)}`,
      unitCode: plan.unit.code,
      unitPath: plan.unit.path,
    });
    rows.partners.add(BranchContact, { id: random.uuid(), branchId, fullName: personName(random), position: 'Trưởng phòng khách hàng', phone: random.phone(), email: null });
  }

  for (const commune of plan.communes) {
    const trainingCount = random.int(10, 20);
    for (let index = 0; index < trainingCount; index += 1) {
      const partner = random.pick(serving);
      const onPlatform = random.chance(0.4);
      const platformId = onPlatform ? random.pick(partner.platformIds) : null;
      const skill = onPlatform ? null : random.pick(SKILLS);
      const online = random.chance(0.25);
      const heldOn = addDays(today, -random.int(1, 1095));
      const training = {
        id: random.uuid(),
        partnerId: partner.id,
        title: skill ? SKILL_TITLES[skill] : `Tập huấn sử dụng nền tảng của ${partner.shortName}`,
        skill,
        platformId,
        format: online ? TrainingFormat.ONLINE : TrainingFormat.IN_PERSON,
        heldOn,
        place: online ? null : random.chance(0.5) ? `Hội trường UBND ${commune.unit.name}` : `Nhà văn hóa ${random.pick(commune.villages).name}`,
        link: online ? `https://meet.${partner.shortName.toLowerCase().replace(/\s+/g, '')}.vn/${random.int(100_000, 999_999)}` : null,
        trainer: personName(random),
        unitCode: commune.unit.code,
        unitPath: commune.unit.path,
        loggedAt: new Date(`${addDays(heldOn, 1)}T10:00:00Z`),
      };
      rows.partners.add(Training, training);
      // The commune's team usually, and a few village teams.
      const invited = random.chance(0.7) ? [commune.teams[0], ...random.sample(commune.teams.slice(1), random.int(0, 3))] : random.sample(commune.teams, random.int(1, 3));
      for (const team of invited) {
        rows.partners.add(TrainingInvitation, { id: random.uuid(), trainingId: training.id, teamId: team.id });
        const attendees = random.sample(team.members.filter((member) => member.active), random.int(1, 3));
        for (const member of attendees) {
          rows.partners.add(Attendance, { id: random.uuid(), trainingId: training.id, memberId: member.id, teamId: team.id, teamUnitPath: team.unit.path });
        }
      }
    }
  }
}
