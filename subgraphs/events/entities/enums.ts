import { registerEnumType } from 'type-graphql';

export enum EventKind {
  /** Ngày hội / phiên chợ chuyển đổi số: booths, an online market, shows, contests. */
  FAIR = 'FAIR',
  /** e.g. the 1–10 October "door to door" campaign. */
  CAMPAIGN = 'CAMPAIGN',
  TRAINING_DAY = 'TRAINING_DAY',
}

export enum VenueKind {
  SCHOOL = 'SCHOOL',
  CULTURAL_HOUSE = 'CULTURAL_HOUSE',
  MARKET = 'MARKET',
  OTHER = 'OTHER',
}

/** DRAFT → PUBLISHED → OPEN_FOR_APPLICATIONS → CLOSED → HELD; CANCELLED from any but HELD. */
export enum EventStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  OPEN_FOR_APPLICATIONS = 'OPEN_FOR_APPLICATIONS',
  CLOSED = 'CLOSED',
  HELD = 'HELD',
  CANCELLED = 'CANCELLED',
}

export enum StallKind {
  PARTNER_BOOTH = 'PARTNER_BOOTH',
  E_COMMERCE_BOOTH = 'E_COMMERCE_BOOTH',
  LOCAL_PRODUCTS = 'LOCAL_PRODUCTS',
  PUBLIC_SERVICES_DESK = 'PUBLIC_SERVICES_DESK',
  OTHER = 'OTHER',
}

export enum Admission {
  /** Approved at once while stalls remain, waitlisted after. */
  FIRST_COME = 'FIRST_COME',
  /** The organisers approve, reject or waitlist. */
  REVIEWED = 'REVIEWED',
}

export enum ExhibitorKind {
  PARTNER = 'PARTNER',
  BUSINESS = 'BUSINESS',
  COOPERATIVE = 'COOPERATIVE',
  HOUSEHOLD = 'HOUSEHOLD',
}

/** How a household exhibitor is shown on public pages (handbook, seed 000, III §3.1: residents' names are never public). */
export enum HouseholdShownAs {
  /** By the name it trades under ("Mật ong rừng Pù Mát"). */
  ALIAS = 'ALIAS',
  /** By its village only ("Một hộ gia đình ở thôn Phú Nhuận"). */
  VILLAGE = 'VILLAGE',
}

export enum ApplicationStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  WAITLISTED = 'WAITLISTED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}

export enum ContestKind {
  LIVESTREAM_SELLING = 'LIVESTREAM_SELLING',
  DIGITAL_QUIZ = 'DIGITAL_QUIZ',
  BEST_PROPAGANDIST = 'BEST_PROPAGANDIST',
  SHORT_FILM = 'SHORT_FILM',
  OTHER = 'OTHER',
}

registerEnumType(EventKind, {
  name: 'EventKind',
  description: 'What kind of event',
  valuesConfig: {
    FAIR: { description: 'A digital-transformation fair (ngày hội / phiên chợ chuyển đổi số): booths, an online market, shows, contests' },
    CAMPAIGN: { description: 'A campaign, e.g. the 1–10 October door-to-door campaign' },
    TRAINING_DAY: { description: 'A day of training' },
  },
});
registerEnumType(VenueKind, {
  name: 'VenueKind',
  description: 'What kind of place an event is held at',
  valuesConfig: {
    SCHOOL: { description: 'A school' },
    CULTURAL_HOUSE: { description: 'A village cultural house' },
    MARKET: { description: 'A market' },
    OTHER: { description: 'Anywhere else' },
  },
});
registerEnumType(EventStatus, {
  name: 'EventStatus',
  description: 'Where an event stands: DRAFT, PUBLISHED, OPEN_FOR_APPLICATIONS, CLOSED, HELD; CANCELLED from any but HELD',
  valuesConfig: {
    DRAFT: { description: 'Being prepared; not yet announced' },
    PUBLISHED: { description: 'Announced to the public' },
    OPEN_FOR_APPLICATIONS: { description: 'Exhibitors may apply for stalls' },
    CLOSED: { description: 'No more applications' },
    HELD: { description: 'The event took place' },
    CANCELLED: { description: 'The event will not take place' },
  },
});
registerEnumType(StallKind, {
  name: 'StallKind',
  description: 'What the stalls of a category are for',
  valuesConfig: {
    PARTNER_BOOTH: { description: 'A partner enterprise’s booth' },
    E_COMMERCE_BOOTH: { description: 'E-commerce onboarding and cashless payment' },
    LOCAL_PRODUCTS: { description: 'Local products for sale' },
    PUBLIC_SERVICES_DESK: { description: 'Help with online public services' },
    OTHER: { description: 'Anything else' },
  },
});
registerEnumType(Admission, {
  name: 'Admission',
  description: 'How a stall category admits applications',
  valuesConfig: {
    FIRST_COME: { description: 'Approved at once while stalls remain, waitlisted after' },
    REVIEWED: { description: 'The organisers approve, reject or waitlist' },
  },
});
registerEnumType(ExhibitorKind, {
  name: 'ExhibitorKind',
  description: 'Who exhibits at a stall',
  valuesConfig: {
    PARTNER: { description: 'A partner enterprise' },
    BUSINESS: { description: 'A business' },
    COOPERATIVE: { description: 'A co-operative' },
    HOUSEHOLD: { description: 'A household' },
  },
});
registerEnumType(ApplicationStatus, {
  name: 'ApplicationStatus',
  description: 'Where a stall application stands',
  valuesConfig: {
    PENDING: { description: 'Waiting for the organisers' },
    APPROVED: { description: 'Approved: the applicant holds a stall' },
    WAITLISTED: { description: 'Waiting for a stall to become free' },
    REJECTED: { description: 'Turned down by the organisers' },
    CANCELLED: { description: 'Cancelled by the organisers or withdrawn by the applicant: the stall went to the waitlist' },
  },
});
registerEnumType(HouseholdShownAs, {
  name: 'HouseholdShownAs',
  description: 'How a household exhibitor is shown on public pages',
  valuesConfig: { ALIAS: { description: 'Tên gọi do hộ chọn' }, VILLAGE: { description: 'Chỉ nêu thôn, xóm của hộ' } },
});
registerEnumType(ContestKind, {
  name: 'ContestKind',
  description: 'What kind of contest',
  valuesConfig: {
    LIVESTREAM_SELLING: { description: 'Livestream selling of farm produce' },
    DIGITAL_QUIZ: { description: 'A quiz on digital skills' },
    BEST_PROPAGANDIST: { description: 'Best propagandist' },
    SHORT_FILM: { description: 'A short film' },
    OTHER: { description: 'Anything else' },
  },
});
