import type { Context } from '../../common/context';
import { todayInVietnam } from '../../common/dates';
import { formatMoney, placeName, shortDate, type Paper, type PaperHeading, type TableCell } from '../../common/papers';
import { totalOf, type Total } from '../../common/money';
import type { BudgetLine, Gift, Programme, Receipt, Sponsor, SponsorContact, TeamFundRules, Volunteer, VolunteerShift } from '../entities';
import { BudgetSide, FundingSource, ItemKind, PaymentMethod, ResourceKind } from '../entities';
import { SOURCE_LABELS, type Disclosure } from './ledger';

/** The resources' printable papers (see common/papers): receipts, thank-you letters, the budget estimate (form 6.4), the public ledger, the sponsor contact list. */

const METHOD_WORDS: Record<PaymentMethod, string> = {
  [PaymentMethod.CASH]: 'tiền mặt',
  [PaymentMethod.BANK_TRANSFER]: 'chuyển khoản',
  [PaymentMethod.E_WALLET]: 'ví điện tử',
};

const ITEM_WORDS: Record<ItemKind, string> = {
  [ItemKind.DEVICE]: 'Thiết bị',
  [ItemKind.SIM_CARD]: 'Thẻ SIM',
  [ItemKind.MODEM]: 'Bộ phát wifi',
  [ItemKind.CONNECTIVITY]: 'Gói cước kết nối',
  [ItemKind.PHONE]: 'Điện thoại',
  [ItemKind.GIFT_ITEM]: 'Quà tặng',
  [ItemKind.LICENCE_KEY]: 'Mã bản quyền phần mềm',
  [ItemKind.DISCOUNT_CODE]: 'Mã giảm giá',
};

/**
 * The heading of a paper a unit issues: the unit's team (issuer) under the unit above it, the
 * place from the unit's name; names from the teams subgraph through the unit directory.
 */
export async function headingOf(ctx: Context, place: { unitCode: string; unitPath: string }, number?: string, date = todayInVietnam()): Promise<PaperHeading> {
  const codes = place.unitPath.split('/').filter(Boolean);
  const parentCode = codes.length > 1 ? codes[codes.length - 2] : null;
  const [name, parentName] = await Promise.all([ctx.units.unitName(place.unitCode), parentCode ? ctx.units.unitName(parentCode) : null]);
  return { superior: parentName ?? undefined, issuer: `Tổ công nghệ số cộng đồng ${name}`, number, place: placeName(name), date };
}

function payer(receipt: Receipt, sponsor: Sponsor | null): string {
  if (receipt.source !== FundingSource.MOBILISED) return SOURCE_LABELS[receipt.source];
  return sponsor?.name ?? 'Nhà hảo tâm';
}

const GIFT_COLUMNS = [
  { heading: 'STT', width: 0.6, align: 'center' as const },
  { heading: 'Tên hiện vật', width: 3.4 },
  { heading: 'Loại', width: 1.4 },
  { heading: 'Số lượng', width: 1, align: 'right' as const },
  { heading: 'Đơn giá ước tính (đồng)', width: 1.6, align: 'right' as const },
  { heading: 'Thành tiền (đồng)', width: 1.6, align: 'right' as const },
];

function giftRows(gifts: Gift[]): { rows: TableCell[][]; total: Total } {
  const rows: TableCell[][] = gifts.map((gift, index) => [
    String(index + 1),
    gift.description,
    ITEM_WORDS[gift.itemKind],
    gift.quantity,
    gift.unitValue,
    BigInt(gift.unitValue) * BigInt(gift.quantity),
  ]);
  const total = totalOf(gifts.map((gift) => BigInt(gift.unitValue) * BigInt(gift.quantity)));
  return { rows: [...rows, ['', 'Tổng cộng', '', '', '', total]], total };
}

/** A receipt as the paper given to whoever gave: a cash receipt (phiếu thu) or an in-kind receipt (biên nhận hiện vật). Gifts' codes are never printed. */
export function receiptPaper(heading: PaperHeading, receipt: Receipt, programme: Programme, sponsor: Sponsor | null, gifts: Gift[], fundRules: TeamFundRules | null = null): Paper {
  const from = payer(receipt, sponsor);
  const common = [
    { label: receipt.kind === ResourceKind.CASH ? 'Họ tên người nộp' : 'Bên trao tặng', value: from },
    { label: 'Chương trình', value: programme.name },
    { label: 'Ngày nhận', value: shortDate(receipt.receivedOn) },
  ];
  if (receipt.kind === ResourceKind.CASH) {
    return {
      heading,
      title: 'Phiếu thu',
      blocks: [
        ...common,
        { label: 'Lý do nộp', value: receipt.note ?? `Đóng góp cho ${programme.name}` },
        { label: 'Hình thức', value: METHOD_WORDS[receipt.method ?? PaymentMethod.CASH] },
        { label: 'Số tiền', value: `${formatMoney(receipt.amount)} đồng` },
        // A team-fund receipt says which of the team's rules it was collected under (handbook II §5.2).
        ...(fundRules ? [{ label: 'Theo quy chế quỹ tổ', value: `bản ${fundRules.version}, thông qua ngày ${shortDate(fundRules.adoptedOn)}: ${fundRules.rules}` }] : []),
      ],
      signatures: [{ title: 'Người nộp tiền' }, { title: 'Người lập phiếu' }, { title: 'Thủ quỹ' }],
    };
  }
  const { rows } = giftRows(gifts);
  return {
    heading,
    title: 'Biên nhận hiện vật',
    blocks: [
      ...common,
      ...(receipt.note ? [{ label: 'Ghi chú', value: receipt.note }] : []),
      { columns: GIFT_COLUMNS, rows, bold: [rows.length - 1] },
      { label: 'Giá trị ước tính', value: `${formatMoney(receipt.amount)} đồng` },
    ],
    signatures: [{ title: 'Bên trao tặng' }, { title: 'Bên nhận' }],
  };
}

/** The thank-you letter to a sponsor for one receipt (handbook II §5: keeping sponsors close). */
export function thankYouLetter(heading: PaperHeading, receipt: Receipt, programme: Programme, sponsor: Sponsor, gifts: Gift[]): Paper {
  const given =
    receipt.kind === ResourceKind.CASH
      ? `số tiền ${formatMoney(receipt.amount)} đồng`
      : `${gifts.map((gift) => `${gift.quantity} ${gift.description}`).join(', ')} (giá trị ước tính ${formatMoney(receipt.amount)} đồng)`;
  return {
    heading,
    title: 'Thư cảm ơn',
    blocks: [
      { paragraph: `Kính gửi: ${sponsor.name}`, font: 'bold', align: 'center' },
      {
        paragraph: `${heading.issuer} trân trọng cảm ơn ${sponsor.name} đã đồng hành cùng chương trình “${programme.name}”, trao tặng ${given} ngày ${shortDate(receipt.receivedOn)} (biên nhận số ${receipt.receiptNumber}).`,
      },
      {
        paragraph:
          'Sự hỗ trợ quý báu này giúp Tổ tiếp tục đến từng hộ gia đình, hướng dẫn người dân sử dụng các kỹ năng số cơ bản và các dịch vụ công trực tuyến. Mọi khoản đóng góp đều được ghi sổ và công khai theo quy định.',
      },
      { paragraph: `Kính chúc ${sponsor.name} sức khỏe, thành công và mong tiếp tục nhận được sự đồng hành trong thời gian tới.` },
    ],
    signatures: [{ title: `TM. ${heading.issuer}` }],
  };
}

/** Hours as a Vietnamese reader writes them: `2,5`. */
function hoursText(minutes: number): string {
  return String(minutes / 60).replace('.', ',');
}

/** A certificate of a volunteer's approved hours: each day's work, then the total (only approved and corrected hours count). */
export function volunteerCertificate(heading: PaperHeading, volunteer: Volunteer, counted: VolunteerShift[], programmes: Programme[]): Paper {
  const total = counted.reduce((sum, hours) => sum + hours.minutes, 0);
  const rows: TableCell[][] = counted.map((hours, index) => [
    String(index + 1),
    shortDate(hours.workedOn),
    programmes[index]?.name ?? '',
    hours.activity ?? '',
    hoursText(hours.minutes),
  ]);
  rows.push(['', '', 'Tổng cộng', '', hoursText(total)]);
  return {
    heading,
    title: 'Giấy chứng nhận',
    subtitle: 'Thời gian tham gia hoạt động tình nguyện',
    blocks: [
      { paragraph: `${heading.issuer} chứng nhận:`, font: 'bold' },
      { label: 'Ông/Bà', value: volunteer.fullName },
      { label: 'Kỹ năng', value: volunteer.skills },
      { paragraph: `đã tham gia hoạt động tình nguyện hỗ trợ chuyển đổi số cộng đồng với tổng thời gian ${hoursText(total)} giờ, được xác nhận như sau:` },
      {
        columns: [
          { heading: 'STT', width: 0.6, align: 'center' },
          { heading: 'Ngày', width: 1.3, align: 'center' },
          { heading: 'Chương trình', width: 3 },
          { heading: 'Công việc', width: 3 },
          { heading: 'Số giờ', width: 1, align: 'right' },
        ],
        rows,
        bold: [rows.length - 1],
      },
    ],
    signatures: [{ title: `TM. ${heading.issuer}` }],
  };
}

const ESTIMATE_COLUMNS = [
  { heading: 'STT', width: 0.7, align: 'center' as const },
  { heading: 'Nội dung', width: 3.4 },
  { heading: 'Đơn vị tính', width: 1.2, align: 'center' as const },
  { heading: 'Đơn giá (đồng)', width: 1.5, align: 'right' as const },
  { heading: 'Số lượng', width: 1, align: 'right' as const },
  { heading: 'Thành tiền (đồng)', width: 1.7, align: 'right' as const },
  { heading: 'Ghi chú', width: 1.6 },
];

/** A programme's budget estimate in the handbook's form 6.4: income (I. Thu), expense (II. Chi), each with its total, then the difference. */
export function budgetEstimatePaper(heading: PaperHeading, programme: Programme, lines: BudgetLine[]): Paper {
  const rows: TableCell[][] = [];
  const bold: number[] = [];
  const section = (roman: string, title: string, side: BudgetSide): Total => {
    const ofSide = lines.filter((line) => line.side === side);
    bold.push(rows.length);
    rows.push([roman, title, '', '', '', '', '']);
    ofSide.forEach((line, index) => rows.push([String(index + 1), line.item, line.unit, line.unitPrice, line.quantity, line.amount, line.note ?? '']));
    const total = totalOf(ofSide.map((line) => line.amount));
    bold.push(rows.length);
    rows.push(['', `Cộng ${title.toLowerCase()}`, '', '', '', total, '']);
    return total;
  };
  const income = section('I', 'Thu', BudgetSide.INCOME);
  const expense = section('II', 'Chi', BudgetSide.EXPENSE);
  bold.push(rows.length);
  rows.push(['', 'Chênh lệch thu – chi', '', '', '', income - expense, '']);
  return {
    heading,
    title: 'Dự toán kinh phí',
    subtitle: `Chương trình: ${programme.name} (từ ${shortDate(programme.startsOn)}, ${programme.horizonMonths} tháng)`,
    blocks: [{ columns: ESTIMATE_COLUMNS, rows, bold }],
    signatures: [{ title: 'Người lập dự toán' }, { title: 'Tổ trưởng' }, { title: 'Phê duyệt của cấp trên' }],
  };
}

/** The public ledger of a period: income (sponsors named only with consent), spending, totals by funding source. No personal data, no codes. */
export function ledgerPaper(heading: PaperHeading, scopeName: string, ledger: Disclosure): Paper {
  const incomeRows: TableCell[][] = ledger.income.map((entry, index) => [
    String(index + 1),
    shortDate(entry.date),
    entry.receiptNumber ?? '',
    entry.donor ?? '',
    `${entry.programme}: ${entry.description}`,
    entry.amount,
  ]);
  incomeRows.push(['', '', '', '', 'Tổng thu', ledger.totalIncome]);
  const spendingRows: TableCell[][] = ledger.spending.map((entry, index) => [String(index + 1), shortDate(entry.date), entry.programme, entry.description, entry.amount]);
  spendingRows.push(['', '', '', 'Tổng chi', ledger.totalSpending]);
  return {
    heading,
    title: 'Công khai thu chi',
    subtitle: `${scopeName}, từ ${shortDate(ledger.from)} đến ${shortDate(ledger.to)}`,
    blocks: [
      { paragraph: 'I. Các khoản thu', font: 'bold', align: 'left' },
      {
        columns: [
          { heading: 'STT', width: 0.6, align: 'center' },
          { heading: 'Ngày', width: 1.3 },
          { heading: 'Số biên nhận', width: 1.7 },
          { heading: 'Người đóng góp', width: 2 },
          { heading: 'Nội dung', width: 3 },
          { heading: 'Số tiền (đồng)', width: 1.6, align: 'right' },
        ],
        rows: incomeRows,
        bold: [incomeRows.length - 1],
      },
      { label: 'Trong đó vận động tài trợ', value: `${formatMoney(ledger.totalMobilised)} đồng` },
      { label: 'Ngân sách nhà nước', value: `${formatMoney(ledger.totalFromStateBudget)} đồng` },
      { label: 'Quỹ tổ (đóng góp của thành viên)', value: `${formatMoney(ledger.totalFromTeamFund)} đồng` },
      { paragraph: 'II. Các khoản chi (đã được duyệt)', font: 'bold', align: 'left' },
      {
        columns: [
          { heading: 'STT', width: 0.6, align: 'center' },
          { heading: 'Ngày', width: 1.3 },
          { heading: 'Chương trình', width: 2.4 },
          { heading: 'Nội dung chi', width: 4.3 },
          { heading: 'Số tiền (đồng)', width: 1.6, align: 'right' },
        ],
        rows: spendingRows,
        bold: [spendingRows.length - 1],
      },
      { label: 'Còn lại (thu – chi)', value: `${formatMoney(ledger.totalIncome - ledger.totalSpending)} đồng` },
    ],
    signatures: [{ title: 'Người lập' }, { title: 'Tổ trưởng' }, { title: 'Đại diện UBND xã giám sát' }],
  };
}

export interface SponsorOfCampaign {
  sponsor: Sponsor;
  contacts: SponsorContact[];
  pledged: Total;
  received: Total;
}

/** After a campaign, its sponsors with their contacts, what each pledged and gave: for officers (personal data). */
export function sponsorContactPaper(heading: PaperHeading, programme: Programme, sponsors: SponsorOfCampaign[]): Paper {
  const rows: TableCell[][] = [];
  sponsors.forEach(({ sponsor, contacts, pledged, received }, index) => {
    const people = contacts.length > 0 ? contacts : [null];
    people.forEach((contact, position) =>
      rows.push([
        position === 0 ? String(index + 1) : '',
        position === 0 ? sponsor.name : '',
        position === 0 ? (sponsor.taxCode ?? '') : '',
        contact?.fullName ?? '',
        contact?.position ?? '',
        contact?.phone ?? '',
        contact?.email ?? '',
        position === 0 ? pledged : '',
        position === 0 ? received : '',
      ]),
    );
  });
  return {
    heading,
    title: 'Danh sách liên hệ nhà tài trợ',
    subtitle: `Chương trình: ${programme.name}`,
    blocks: [
      {
        columns: [
          { heading: 'STT', width: 0.6 },
          { heading: 'Nhà tài trợ', width: 2.5 },
          { heading: 'Mã số thuế', width: 1.5 },
          { heading: 'Người liên hệ', width: 2 },
          { heading: 'Chức vụ', width: 1.5 },
          { heading: 'Điện thoại', width: 1.5 },
          { heading: 'Thư điện tử', width: 2.2 },
          { heading: 'Đã cam kết (đồng)', width: 1.7 },
          { heading: 'Đã nhận (đồng)', width: 1.7 },
        ],
        rows,
      },
    ],
    signatures: [{ title: 'Người lập' }],
  };
}
