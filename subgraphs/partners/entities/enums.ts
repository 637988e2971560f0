import { registerEnumType } from 'type-graphql';

export enum PartnerSector {
  TELECOM = 'TELECOM',
  POST = 'POST',
  E_COMMERCE = 'E_COMMERCE',
  E_WALLET = 'E_WALLET',
  BANK = 'BANK',
  OTHER = 'OTHER',
}

export enum PlatformKind {
  /** Shops list products on it (Postmart, Voso): onboardings count products listed. */
  MARKETPLACE = 'MARKETPLACE',
  E_WALLET = 'E_WALLET',
  BANKING = 'BANKING',
  APP = 'APP',
}

export enum TrainingFormat {
  IN_PERSON = 'IN_PERSON',
  ONLINE = 'ONLINE',
}

export enum OnboardeeKind {
  HOUSEHOLD = 'HOUSEHOLD',
  BUSINESS = 'BUSINESS',
  COOPERATIVE = 'COOPERATIVE',
}

export enum OnboardingStatus {
  STARTED = 'STARTED',
  ACTIVE = 'ACTIVE',
  ABANDONED = 'ABANDONED',
}

registerEnumType(PartnerSector, { name: 'PartnerSector' });
registerEnumType(PlatformKind, { name: 'PlatformKind' });
registerEnumType(TrainingFormat, { name: 'TrainingFormat' });
registerEnumType(OnboardeeKind, { name: 'OnboardeeKind', description: 'Who was onboarded: a household, a business or a co-operative' });
registerEnumType(OnboardingStatus, { name: 'OnboardingStatus' });
