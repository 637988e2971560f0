import { registerEnumType } from 'type-graphql';

export enum SponsorKind {
  ORGANISATION = 'ORGANISATION',
  INDIVIDUAL = 'INDIVIDUAL',
}

export enum SponsorStatus {
  PROSPECT = 'PROSPECT',
  ACTIVE = 'ACTIVE',
  LAPSED = 'LAPSED',
}

/** Keeping in touch with sponsors (handbook II §5: thank-you letters, memoranda, holiday greetings). */
export enum InteractionKind {
  NOTE = 'NOTE',
  MEETING = 'MEETING',
  THANK_YOU_LETTER = 'THANK_YOU_LETTER',
  MEMORANDUM = 'MEMORANDUM',
  HOLIDAY_GREETING = 'HOLIDAY_GREETING',
}

export enum ProgrammeKind {
  CAMPAIGN = 'CAMPAIGN',
  FAIR = 'FAIR',
  QUARTERLY_THEME = 'QUARTERLY_THEME',
  OTHER = 'OTHER',
}

export enum BudgetSide {
  INCOME = 'INCOME',
  EXPENSE = 'EXPENSE',
}

export enum ResourceKind {
  CASH = 'CASH',
  IN_KIND = 'IN_KIND',
}

export enum PledgeStatus {
  PLEDGED = 'PLEDGED',
  PARTLY_FULFILLED = 'PARTLY_FULFILLED',
  FULFILLED = 'FULFILLED',
  CANCELLED = 'CANCELLED',
  OVERDUE = 'OVERDUE',
  /** Nothing more is expected: the rest of its instalments was written off. */
  WRITTEN_OFF = 'WRITTEN_OFF',
}

export enum InstalmentStatus {
  DUE = 'DUE',
  PARTLY_PAID = 'PARTLY_PAID',
  PAID = 'PAID',
  OVERDUE = 'OVERDUE',
  WRITTEN_OFF = 'WRITTEN_OFF',
}

export enum InstalmentFrequency {
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
}

/** Where money comes from (handbook II §5.1–5.2): mobilised from sponsors and benefactors, the state budget, or the team fund of members' contributions. */
export enum FundingSource {
  MOBILISED = 'MOBILISED',
  STATE_BUDGET = 'STATE_BUDGET',
  TEAM_FUND = 'TEAM_FUND',
}

export enum PaymentMethod {
  CASH = 'CASH',
  BANK_TRANSFER = 'BANK_TRANSFER',
  E_WALLET = 'E_WALLET',
}

export enum ItemKind {
  DEVICE = 'DEVICE',
  SIM_CARD = 'SIM_CARD',
  MODEM = 'MODEM',
  CONNECTIVITY = 'CONNECTIVITY',
  PHONE = 'PHONE',
  GIFT_ITEM = 'GIFT_ITEM',
  LICENCE_KEY = 'LICENCE_KEY',
  DISCOUNT_CODE = 'DISCOUNT_CODE',
}

export enum RecipientKind {
  TEAM = 'TEAM',
  EVENT = 'EVENT',
  HOUSEHOLD = 'HOUSEHOLD',
}

export enum ExpenseStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

/** Where logged hours stand: only approved hours count in totals. */
export enum HoursStatus {
  /** Logged by the volunteer, waiting for the programme's officer or team leader. */
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  /** Approved with other hours than logged; the reason is kept. */
  CORRECTED = 'CORRECTED',
  DECLINED = 'DECLINED',
}

/** What the programme's manager does with hours a volunteer logged (never deleting them). */
export enum HoursDecision {
  APPROVE = 'APPROVE',
  CORRECT = 'CORRECT',
  DECLINE = 'DECLINE',
}

registerEnumType(SponsorKind, { name: 'SponsorKind' });
registerEnumType(SponsorStatus, { name: 'SponsorStatus' });
registerEnumType(InteractionKind, { name: 'InteractionKind' });
registerEnumType(ProgrammeKind, { name: 'ProgrammeKind' });
registerEnumType(BudgetSide, { name: 'BudgetSide' });
registerEnumType(ResourceKind, { name: 'ResourceKind' });
registerEnumType(PledgeStatus, { name: 'PledgeStatus' });
registerEnumType(InstalmentStatus, { name: 'InstalmentStatus' });
registerEnumType(InstalmentFrequency, { name: 'InstalmentFrequency' });
registerEnumType(FundingSource, { name: 'FundingSource' });
registerEnumType(PaymentMethod, { name: 'PaymentMethod' });
registerEnumType(ItemKind, { name: 'ItemKind' });
registerEnumType(RecipientKind, { name: 'RecipientKind' });
registerEnumType(ExpenseStatus, { name: 'ExpenseStatus' });
registerEnumType(HoursStatus, {
  name: 'HoursStatus',
  valuesConfig: {
    PENDING: { description: 'Waiting for approval (chờ duyệt)' },
    APPROVED: { description: 'Approved as logged (đã duyệt)' },
    CORRECTED: { description: 'Approved with corrected hours (đã duyệt, có điều chỉnh)' },
    DECLINED: { description: 'Not approved (không duyệt); kept, never counted' },
  },
});
registerEnumType(HoursDecision, { name: 'HoursDecision' });
