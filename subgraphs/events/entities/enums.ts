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

registerEnumType(EventKind, { name: 'EventKind' });
registerEnumType(VenueKind, { name: 'VenueKind' });
registerEnumType(EventStatus, { name: 'EventStatus' });
registerEnumType(StallKind, { name: 'StallKind' });
registerEnumType(Admission, { name: 'Admission', description: 'How a stall category admits applications' });
registerEnumType(ExhibitorKind, { name: 'ExhibitorKind' });
registerEnumType(ApplicationStatus, { name: 'ApplicationStatus' });
registerEnumType(HouseholdShownAs, {
  name: 'HouseholdShownAs',
  description: 'How a household exhibitor is shown on public pages',
  valuesConfig: { ALIAS: { description: 'Tên gọi do hộ chọn' }, VILLAGE: { description: 'Chỉ nêu thôn, xóm của hộ' } },
});
registerEnumType(ContestKind, { name: 'ContestKind' });
