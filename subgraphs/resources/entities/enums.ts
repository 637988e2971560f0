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

registerEnumType(SponsorKind, {
  name: 'SponsorKind',
  description: 'Whether a sponsor is an organisation or a person',
  valuesConfig: {
    ORGANISATION: { description: 'An organisation: an enterprise, a co-operative, an association' },
    INDIVIDUAL: { description: 'A person' },
  },
});
registerEnumType(SponsorStatus, {
  name: 'SponsorStatus',
  description: 'Where the relationship with a sponsor stands',
  valuesConfig: {
    PROSPECT: { description: 'Approached, not yet giving' },
    ACTIVE: { description: 'Giving' },
    LAPSED: { description: 'No longer giving' },
  },
});
registerEnumType(InteractionKind, {
  name: 'InteractionKind',
  description: 'How the team kept in touch with a sponsor (thank-you letters, memoranda, holiday greetings)',
  valuesConfig: {
    NOTE: { description: 'A note' },
    MEETING: { description: 'A meeting' },
    THANK_YOU_LETTER: { description: 'A thank-you letter' },
    MEMORANDUM: { description: 'A memorandum of cooperation' },
    HOLIDAY_GREETING: { description: 'Greetings for a holiday' },
  },
});
registerEnumType(ProgrammeKind, {
  name: 'ProgrammeKind',
  description: 'What a programme mobilises resources for',
  valuesConfig: {
    CAMPAIGN: { description: 'A campaign, e.g. the 1–10 October door-to-door campaign' },
    FAIR: { description: 'A digital-transformation fair' },
    QUARTERLY_THEME: { description: 'A quarter’s theme, e.g. online payment' },
    OTHER: { description: 'Anything else' },
  },
});
registerEnumType(BudgetSide, {
  name: 'BudgetSide',
  description: 'Whether a budget line is income or expense',
  valuesConfig: {
    INCOME: { description: 'Money expected in' },
    EXPENSE: { description: 'Money expected out' },
  },
});
registerEnumType(ResourceKind, {
  name: 'ResourceKind',
  description: 'Whether a pledge or donation is cash or in kind',
  valuesConfig: {
    CASH: { description: 'Cash (tài lực)' },
    IN_KIND: { description: 'Items (vật lực), valued in đồng' },
  },
});
registerEnumType(PledgeStatus, {
  name: 'PledgeStatus',
  description: 'Where a pledge stands',
  valuesConfig: {
    PLEDGED: { description: 'Promised; nothing received yet' },
    PARTLY_FULFILLED: { description: 'Part of it was received' },
    FULFILLED: { description: 'Received in full' },
    CANCELLED: { description: 'Cancelled: nothing more is expected' },
    OVERDUE: { description: 'An instalment is past its due date and not received in full' },
    WRITTEN_OFF: { description: 'Nothing more is expected: the rest of its instalments was written off' },
  },
});
registerEnumType(InstalmentStatus, {
  name: 'InstalmentStatus',
  description: 'Where an instalment of a pledge stands',
  valuesConfig: {
    DUE: { description: 'Not yet paid and not yet late' },
    PARTLY_PAID: { description: 'Part of it was received' },
    PAID: { description: 'Received in full' },
    OVERDUE: { description: 'Past its due date and not received in full' },
    WRITTEN_OFF: { description: 'An officer stopped expecting the rest of it' },
  },
});
registerEnumType(InstalmentFrequency, {
  name: 'InstalmentFrequency',
  description: 'How far apart the instalments of a schedule are',
  valuesConfig: {
    MONTHLY: { description: 'One a month' },
    QUARTERLY: { description: 'One a quarter' },
  },
});
registerEnumType(FundingSource, {
  name: 'FundingSource',
  description: 'Where money comes from: mobilised from sponsors and benefactors, the state budget, or the team fund of members’ contributions',
  valuesConfig: {
    MOBILISED: { description: 'Mobilised from sponsors and benefactors' },
    STATE_BUDGET: { description: 'Allocated from the state budget' },
    TEAM_FUND: { description: 'The team fund of members’ contributions' },
  },
});
registerEnumType(PaymentMethod, {
  name: 'PaymentMethod',
  description: 'How cash was paid',
  valuesConfig: {
    CASH: { description: 'In cash' },
    BANK_TRANSFER: { description: 'By bank transfer' },
    E_WALLET: { description: 'By e-wallet' },
  },
});
registerEnumType(ItemKind, {
  name: 'ItemKind',
  description: 'What kind of in-kind item',
  valuesConfig: {
    DEVICE: { description: 'A computer or other device' },
    SIM_CARD: { description: 'SIM cards' },
    MODEM: { description: 'Modems' },
    CONNECTIVITY: { description: 'Internet connectivity' },
    PHONE: { description: 'Phones' },
    GIFT_ITEM: { description: 'Small gifts (hats, raincoats, pens)' },
    LICENCE_KEY: { description: 'App licence keys' },
    DISCOUNT_CODE: { description: 'Discount codes' },
  },
});
registerEnumType(RecipientKind, {
  name: 'RecipientKind',
  description: 'Who received items from a gift lot',
  valuesConfig: {
    TEAM: { description: 'A team' },
    EVENT: { description: 'An event' },
    HOUSEHOLD: { description: 'A resident household' },
  },
});
registerEnumType(ExpenseStatus, {
  name: 'ExpenseStatus',
  description: 'Whether an officer approved an expense',
  valuesConfig: {
    PENDING: { description: 'Waiting for an officer’s approval' },
    APPROVED: { description: 'Approved: it counts in the spending' },
    REJECTED: { description: 'Not approved: it is kept, never counted' },
  },
});
registerEnumType(HoursStatus, {
  name: 'HoursStatus',
  description: 'Where logged hours stand: only approved hours count in totals',
  valuesConfig: {
    PENDING: { description: 'Waiting for approval (chờ duyệt)' },
    APPROVED: { description: 'Approved as logged (đã duyệt)' },
    CORRECTED: { description: 'Approved with corrected hours (đã duyệt, có điều chỉnh)' },
    DECLINED: { description: 'Not approved (không duyệt); kept, never counted' },
  },
});
registerEnumType(HoursDecision, {
  name: 'HoursDecision',
  description: 'What a programme’s manager does with hours a volunteer logged (never deleting them)',
  valuesConfig: {
    APPROVE: { description: 'Approve the hours as logged' },
    CORRECT: { description: 'Approve the hours corrected' },
    DECLINE: { description: 'Do not approve the hours: they are kept, never counted' },
  },
});
