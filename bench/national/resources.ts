import {
  BudgetLine,
  BudgetSide,
  Expense,
  ExpenseStatus,
  Gift,
  InteractionKind,
  ItemKind,
  PaymentMethod,
  Pledge,
  PledgeInstalment,
  Programme,
  ProgrammeKind,
  Receipt,
  ReceiptCounter,
  ResourceKind,
  Sponsor,
  SponsorContact,
  SponsorInteraction,
  SponsorKind,
  SponsorStatus,
} from '../../subgraphs/resources/entities';
import { addDays } from '../../subgraphs/common/dates';
import type { EventsPlan } from './events';
import { personName, placeName, shortProvinceName } from './names';
import type { CommunePlan, GenerationContext, PlacedUnit, ProvincePlan } from './rows';

const EXPENSE_ITEMS: [string, string, number][] = [
  ['Thuê âm thanh, loa đài', 'buổi', 1_500_000],
  ['In băng rôn, phông nền', 'cái', 350_000],
  ['Nước uống cho người dân', 'thùng', 120_000],
  ['Tài liệu hướng dẫn kỹ năng số', 'bộ', 15_000],
  ['Hỗ trợ xăng xe tổ viên', 'người', 100_000],
];
const GIFTS: [ItemKind, string, number][] = [
  [ItemKind.SIM_CARD, 'Thẻ SIM 4G kèm gói cước 3 tháng', 50_000],
  [ItemKind.PHONE, 'Điện thoại thông minh cho hộ nghèo', 1_800_000],
  [ItemKind.MODEM, 'Bộ phát Wi-Fi cho nhà văn hóa', 900_000],
  [ItemKind.GIFT_ITEM, 'Áo đồng phục tổ công nghệ số', 120_000],
  [ItemKind.DISCOUNT_CODE, 'Mã giảm giá mua sắm trực tuyến', 50_000],
];

interface PlannedProgramme {
  id: string;
  unit: PlacedUnit;
  startsOn: string;
  expenseLineIds: string[];
}

interface PlannedReceipt {
  row: Partial<Receipt> & { unitCode: string; receivedOn: string };
  gifts: Partial<Gift>[];
}

/**
 * The resources subgraph's rows of one province: per commune ~3 sponsors (with a contact and
 * history), ~4 programmes owned by the commune or its teams (budget lines), pledges, receipts
 * numbered per unit and year in date order (in-kind ones with their gift lots), and spending.
 */
export function generateResources(context: GenerationContext, plan: ProvincePlan, events: EventsPlan): void {
  const counters = new Map<string, number>();
  for (const commune of plan.communes) generateCommune(context, commune, events, counters);
  for (const [key, lastNumber] of counters) {
    const [unitCode, year] = key.split(':');
    context.rows.resources.add(ReceiptCounter, { unitCode, year: Number(year), lastNumber });
  }
}

function generateCommune(context: GenerationContext, commune: CommunePlan, events: EventsPlan, counters: Map<string, number>): void {
  const { random, today, province, rows } = context;
  const resources = rows.resources;
  const at = (date: string) => new Date(`${date}T08:00:00Z`);

  const programmes: PlannedProgramme[] = [];
  const addProgramme = (unit: PlacedUnit, teamId: string | null, eventId: string | null, name: string, kind: ProgrammeKind, horizonMonths: number) => {
    const startsOn = addDays(today, -random.int(30, 1000));
    const programme = { id: random.uuid(), unitCode: unit.code, unitPath: unit.path, teamId, eventId, name, kind, horizonMonths, startsOn, description: null, createdAt: at(addDays(startsOn, -10)) };
    resources.add(Programme, programme);
    resources.add(BudgetLine, { id: random.uuid(), programmeId: programme.id, side: BudgetSide.INCOME, position: 1, item: 'Tài trợ của doanh nghiệp, nhà hảo tâm', unit: 'đợt', unitPrice: random.money(5_000_000, 40_000_000), quantity: 1, note: null });
    const expenseLineIds = random.sample(EXPENSE_ITEMS, random.int(2, 3)).map(([item, measure, unitPrice], index) => {
      const id = random.uuid();
      resources.add(BudgetLine, { id, programmeId: programme.id, side: BudgetSide.EXPENSE, position: index + 2, item, unit: measure, unitPrice, quantity: random.int(1, 20), note: null });
      return id;
    });
    programmes.push({ id: programme.id, unit, startsOn, expenseLineIds });
  };
  const [communeTeam, ...villageTeams] = commune.teams;
  const fairId = events.fairByCommune.get(commune.unit.code) ?? null;
  addProgramme(commune.unit, null, fairId, fairId ? `Phiên chợ chuyển đổi số ${commune.unit.name}` : `Chiến dịch phổ cập kỹ năng số ${commune.unit.name}`, fairId ? ProgrammeKind.FAIR : ProgrammeKind.CAMPAIGN, 12);
  addProgramme(commune.unit, communeTeam.id, null, `Chủ đề quý: dịch vụ công trực tuyến`, ProgrammeKind.QUARTERLY_THEME, 3);
  for (const team of random.sample(villageTeams, random.int(1, 2))) {
    addProgramme(team.unit, team.id, null, `Hỗ trợ thiết bị số ${team.unit.name}`, ProgrammeKind.OTHER, random.pick([1, 3, 6]));
  }

  const receipts: PlannedReceipt[] = [];
  const addReceipt = (programme: PlannedProgramme, sponsorId: string | null, pledgeId: string | null, kind: ResourceKind, amount: number, receivedOn: string) => {
    const gifts: Partial<Gift>[] = [];
    if (kind === ResourceKind.IN_KIND) {
      const [itemKind, description, unitValue] = random.pick(GIFTS);
      const quantity = Math.max(1, Math.round(amount / unitValue));
      gifts.push({ itemKind, description, quantity, unitValue, codes: null });
      amount = quantity * unitValue;
    }
    const method = kind === ResourceKind.CASH ? random.pick(Object.values(PaymentMethod)) : null;
    receipts.push({
      row: { unitCode: programme.unit.code, unitPath: programme.unit.path, programmeId: programme.id, sponsorId, pledgeId, kind, receivedOn, method, amount, note: null, recordedBy: `officer-${commune.unit.code}` },
      gifts,
    });
  };

  const names = new Set<string>();
  for (let index = random.int(2, 4); index > 0; index -= 1) {
    const organisation = random.chance(0.7);
    const partner = organisation && random.chance(0.15) ? random.pick(context.partners) : null;
    const name = partner
      ? `${partner.shortName} ${shortProvinceName(province.name)}`
      : organisation
        ? `${random.pick(['Công ty TNHH', 'Công ty Cổ phần', 'Hợp tác xã', 'Doanh nghiệp tư nhân'])} ${placeName(random, names)}`
        : personName(random);
    const status = random.chance(0.75) ? SponsorStatus.ACTIVE : random.chance(0.6) ? SponsorStatus.PROSPECT : SponsorStatus.LAPSED;
    const since = addDays(today, -random.int(200, 1200));
    const sponsor = {
      id: random.uuid(),
      unitCode: commune.unit.code,
      unitPath: commune.unit.path,
      kind: organisation ? SponsorKind.ORGANISATION : SponsorKind.INDIVIDUAL,
      name,
      taxCode: organisation ? String(random.int(1_000_000_000, 9_999_999_999)) : null,
      partnerId: partner?.id ?? null,
      status,
      publiclyNamed: random.chance(0.7),
      createdAt: at(since),
    };
    resources.add(Sponsor, sponsor);
    if (organisation) {
      resources.add(SponsorContact, { id: random.uuid(), sponsorId: sponsor.id, fullName: personName(random), position: random.pick(['Giám đốc', 'Phó giám đốc', 'Chủ nhiệm']), phone: random.phone(), email: null });
    }
    resources.add(SponsorInteraction, {
      id: random.uuid(),
      sponsorId: sponsor.id,
      kind: random.pick([InteractionKind.MEETING, InteractionKind.THANK_YOU_LETTER, InteractionKind.MEMORANDUM]),
      occurredOn: addDays(since, random.int(0, 100)),
      validUntil: null,
      summary: 'Trao đổi về hỗ trợ thiết bị và phần quà cho người dân',
      recordedBy: `officer-${commune.unit.code}`,
    });
    if (status === SponsorStatus.PROSPECT) continue;

    for (let count = random.int(1, 4); count > 0; count -= 1) {
      const programme = random.pick(programmes);
      const kind = random.chance(0.7) ? ResourceKind.CASH : ResourceKind.IN_KIND;
      const amount = random.money(1_000_000, 30_000_000);
      const pledgedOn = addDays(programme.startsOn, random.int(0, 20));
      const cancelled = random.chance(0.03);
      const pledge = {
        id: random.uuid(),
        programmeId: programme.id,
        sponsorId: sponsor.id,
        packageId: null,
        kind,
        amount,
        description: kind === ResourceKind.IN_KIND ? 'Hiện vật hỗ trợ người dân' : null,
        cancelledAt: cancelled ? at(addDays(pledgedOn, 10)) : null,
        createdAt: at(pledgedOn),
      };
      resources.add(Pledge, pledge);
      // One instalment, filled by the receipts below.
      const instalment = { id: random.uuid(), pledgeId: pledge.id, position: 1, dueOn: addDays(pledgedOn, random.int(30, 120)), amount, received: 0, writtenOffAt: null };
      const receive = (share: number, on: string) => {
        addReceipt(programme, sponsor.id, pledge.id, kind, share, on);
        instalment.received += share;
      };
      const receivedOn = addDays(pledgedOn, random.int(1, 30));
      const split = random.chance(0.3);
      const secondOn = addDays(receivedOn, random.int(10, 60));
      if (!cancelled && !random.chance(0.2) && receivedOn <= today) {
        receive(split ? Math.round(amount / 2) : amount, receivedOn);
        if (split && secondOn <= today) receive(amount - Math.round(amount / 2), secondOn);
      }
      resources.add(PledgeInstalment, instalment);
    }
  }
  // A benefactor who gave cash without a pledge (shown as "Nhà hảo tâm" unless named).
  const programme = random.pick(programmes);
  addReceipt(programme, null, null, ResourceKind.CASH, random.money(500_000, 5_000_000), addDays(today, -random.int(1, 365)));

  // Numbers run per unit and year, in the order the money came in.
  receipts.sort((a, b) => a.row.receivedOn.localeCompare(b.row.receivedOn));
  for (const { row, gifts } of receipts) {
    const year = Number(row.receivedOn.slice(0, 4));
    const key = `${row.unitCode}:${year}`;
    const number = (counters.get(key) ?? 0) + 1;
    counters.set(key, number);
    const id = random.uuid();
    resources.add(Receipt, { id, ...row, year, number, createdAt: at(row.receivedOn) });
    for (const gift of gifts) resources.add(Gift, { id: random.uuid(), receiptId: id, ...gift });
  }

  for (const planned of programmes) {
    for (const budgetLineId of planned.expenseLineIds) {
      const spentOn = addDays(planned.startsOn, random.int(5, 90));
      if (spentOn > today) continue;
      const status = random.chance(0.8) ? ExpenseStatus.APPROVED : random.chance(0.75) ? ExpenseStatus.PENDING : ExpenseStatus.REJECTED;
      resources.add(Expense, {
        id: random.uuid(),
        programmeId: planned.id,
        budgetLineId,
        amount: random.money(300_000, 5_000_000, 10_000),
        spentOn,
        description: 'Chi phục vụ hoạt động hướng dẫn người dân',
        evidence: `Hóa đơn số ${String(random.int(1, 9_999_999)).padStart(7, '0')}`,
        status,
        decidedBy: status === ExpenseStatus.PENDING ? null : `officer-${commune.unit.code}`,
        createdAt: at(spentOn),
      });
    }
  }
}
