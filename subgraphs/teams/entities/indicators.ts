import { registerEnumType } from 'type-graphql';
import { Column } from 'typeorm';
import { BasicSkill } from '../../common/skills';

/** What teams count and are given targets for (seed 004: residents guided per skill, households, accounts…). */
export enum Indicator {
  GUIDED_ONLINE_PUBLIC_SERVICES = 'GUIDED_ONLINE_PUBLIC_SERVICES',
  GUIDED_ONLINE_SHOPPING = 'GUIDED_ONLINE_SHOPPING',
  GUIDED_ONLINE_PAYMENT = 'GUIDED_ONLINE_PAYMENT',
  GUIDED_ONLINE_SAFETY = 'GUIDED_ONLINE_SAFETY',
  GUIDED_OTHER_PLATFORMS = 'GUIDED_OTHER_PLATFORMS',
  PROFICIENT_HOUSEHOLDS = 'PROFICIENT_HOUSEHOLDS',
  VNEID_ACTIVATIONS = 'VNEID_ACTIVATIONS',
  ONLINE_DOSSIERS = 'ONLINE_DOSSIERS',
  ACCOUNTS_OPENED = 'ACCOUNTS_OPENED',
  SHOPS_ONBOARDED = 'SHOPS_ONBOARDED',
  PEOPLE_TRAINED = 'PEOPLE_TRAINED',
  HOUSEHOLD_VISITS = 'HOUSEHOLD_VISITS',
  MEETINGS_HELD = 'MEETINGS_HELD',
}
registerEnumType(Indicator, {
  name: 'Indicator',
  description: 'A figure teams report and are given targets for',
  valuesConfig: {
    GUIDED_ONLINE_PUBLIC_SERVICES: { description: 'Residents guided to use online public services' },
    GUIDED_ONLINE_SHOPPING: { description: 'Residents guided to shop online' },
    GUIDED_ONLINE_PAYMENT: { description: 'Residents guided to pay online' },
    GUIDED_ONLINE_SAFETY: { description: 'Residents guided to protect themselves online' },
    GUIDED_OTHER_PLATFORMS: { description: 'Residents guided to use other local digital platforms' },
    PROFICIENT_HOUSEHOLDS: { description: 'Households with at least one person proficient in all five basic skills' },
    VNEID_ACTIVATIONS: { description: 'VNeID electronic identification accounts activated' },
    ONLINE_DOSSIERS: { description: 'Public-service dossiers submitted online' },
    ACCOUNTS_OPENED: { description: 'Bank or e-wallet accounts opened' },
    SHOPS_ONBOARDED: { description: 'Household businesses and shops put onto e-commerce platforms' },
    PEOPLE_TRAINED: { description: 'People trained' },
    HOUSEHOLD_VISITS: { description: 'Visits to households, door to door' },
    MEETINGS_HELD: { description: 'Meetings and gatherings the team held' },
  },
});

/**
 * One count per indicator, as columns (embedded in reports, their revisions and the roll-up
 * totals), so a sum over many rows is one aggregate query.
 */
export class Figures {
  @Column({ type: 'integer', default: 0 })
  guidedOnlinePublicServices: number;

  @Column({ type: 'integer', default: 0 })
  guidedOnlineShopping: number;

  @Column({ type: 'integer', default: 0 })
  guidedOnlinePayment: number;

  @Column({ type: 'integer', default: 0 })
  guidedOnlineSafety: number;

  @Column({ type: 'integer', default: 0 })
  guidedOtherPlatforms: number;

  @Column({ type: 'integer', default: 0 })
  proficientHouseholds: number;

  @Column({ type: 'integer', default: 0 })
  vneidActivations: number;

  @Column({ type: 'integer', default: 0 })
  onlineDossiers: number;

  @Column({ type: 'integer', default: 0 })
  accountsOpened: number;

  @Column({ type: 'integer', default: 0 })
  shopsOnboarded: number;

  @Column({ type: 'integer', default: 0 })
  peopleTrained: number;

  @Column({ type: 'integer', default: 0 })
  householdVisits: number;

  @Column({ type: 'integer', default: 0 })
  meetingsHeld: number;
}

export type FigureColumn = keyof Figures;

interface IndicatorDefinition {
  indicator: Indicator;
  column: FigureColumn;
  /** The row's wording on the paper forms. */
  label: string;
}

/** Every indicator in the order of the paper forms, with its column and Vietnamese wording. */
export const INDICATORS: readonly IndicatorDefinition[] = [
  { indicator: Indicator.GUIDED_ONLINE_PUBLIC_SERVICES, column: 'guidedOnlinePublicServices', label: 'Số người dân được hướng dẫn sử dụng dịch vụ công trực tuyến' },
  { indicator: Indicator.GUIDED_ONLINE_SHOPPING, column: 'guidedOnlineShopping', label: 'Số người dân được hướng dẫn mua sắm trực tuyến' },
  { indicator: Indicator.GUIDED_ONLINE_PAYMENT, column: 'guidedOnlinePayment', label: 'Số người dân được hướng dẫn thanh toán trực tuyến' },
  { indicator: Indicator.GUIDED_ONLINE_SAFETY, column: 'guidedOnlineSafety', label: 'Số người dân được hướng dẫn bảo vệ bản thân trên môi trường mạng' },
  { indicator: Indicator.GUIDED_OTHER_PLATFORMS, column: 'guidedOtherPlatforms', label: 'Số người dân được hướng dẫn sử dụng các nền tảng số khác của địa phương' },
  { indicator: Indicator.PROFICIENT_HOUSEHOLDS, column: 'proficientHouseholds', label: 'Số hộ gia đình có ít nhất 01 người thành thạo 05 kỹ năng số cơ bản' },
  { indicator: Indicator.VNEID_ACTIVATIONS, column: 'vneidActivations', label: 'Số tài khoản định danh điện tử (VNeID) được kích hoạt' },
  { indicator: Indicator.ONLINE_DOSSIERS, column: 'onlineDossiers', label: 'Số hồ sơ dịch vụ công nộp trực tuyến' },
  { indicator: Indicator.ACCOUNTS_OPENED, column: 'accountsOpened', label: 'Số tài khoản ví điện tử, tài khoản ngân hàng được mở' },
  { indicator: Indicator.SHOPS_ONBOARDED, column: 'shopsOnboarded', label: 'Số hộ kinh doanh, cửa hàng được đưa lên sàn thương mại điện tử' },
  { indicator: Indicator.PEOPLE_TRAINED, column: 'peopleTrained', label: 'Số người được tập huấn' },
  { indicator: Indicator.HOUSEHOLD_VISITS, column: 'householdVisits', label: 'Số lượt đến từng hộ gia đình' },
  { indicator: Indicator.MEETINGS_HELD, column: 'meetingsHeld', label: 'Số buổi họp, sinh hoạt của Tổ' },
];

export const FIGURE_COLUMNS: readonly FigureColumn[] = INDICATORS.map((definition) => definition.column);

export const indicatorDefinition = (indicator: Indicator): IndicatorDefinition =>
  INDICATORS.find((definition) => definition.indicator === indicator)!;

/** The indicator counting residents guided in a basic skill (a quarter's theme points at it). */
export const GUIDED_IN: Record<BasicSkill, Indicator> = {
  [BasicSkill.ONLINE_PUBLIC_SERVICES]: Indicator.GUIDED_ONLINE_PUBLIC_SERVICES,
  [BasicSkill.ONLINE_SHOPPING]: Indicator.GUIDED_ONLINE_SHOPPING,
  [BasicSkill.ONLINE_PAYMENT]: Indicator.GUIDED_ONLINE_PAYMENT,
  [BasicSkill.ONLINE_SAFETY]: Indicator.GUIDED_ONLINE_SAFETY,
  [BasicSkill.OTHER_PLATFORMS]: Indicator.GUIDED_OTHER_PLATFORMS,
};

/** Figures of all zeros. */
export function noFigures(): Figures {
  return Object.assign(new Figures(), Object.fromEntries(FIGURE_COLUMNS.map((column) => [column, 0])));
}

/** `after − before`, column by column (what a correction changes in the totals above it). */
export function difference(after: Figures, before: Figures): Figures {
  return Object.assign(new Figures(), Object.fromEntries(FIGURE_COLUMNS.map((column) => [column, after[column] - before[column]])));
}
