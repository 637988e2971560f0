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

registerEnumType(PartnerSector, {
  name: 'PartnerSector',
  description: 'What a partner enterprise does',
  valuesConfig: {
    TELECOM: { description: 'Telecommunications, e.g. Viettel, VNPT, MobiFone' },
    POST: { description: 'Postal services, e.g. Vietnam Post' },
    E_COMMERCE: { description: 'E-commerce, e.g. Postmart, Voso' },
    E_WALLET: { description: 'E-wallets, e.g. MoMo, ZaloPay' },
    BANK: { description: 'A bank' },
    OTHER: { description: 'Anything else' },
  },
});
registerEnumType(PlatformKind, {
  name: 'PlatformKind',
  description: 'What kind of platform a partner offers',
  valuesConfig: {
    MARKETPLACE: { description: 'Shops list products on it (Postmart, Voso): onboardings count products listed' },
    E_WALLET: { description: 'An e-wallet, e.g. Viettel Money' },
    BANKING: { description: 'A bank’s app' },
    APP: { description: 'Another app' },
  },
});
registerEnumType(TrainingFormat, {
  name: 'TrainingFormat',
  description: 'How a training was held',
  valuesConfig: {
    IN_PERSON: { description: 'In person' },
    ONLINE: { description: 'Online' },
  },
});
registerEnumType(OnboardeeKind, {
  name: 'OnboardeeKind',
  description: 'Who was onboarded: a household, a business or a co-operative',
  valuesConfig: {
    HOUSEHOLD: { description: 'A household' },
    BUSINESS: { description: 'A business' },
    COOPERATIVE: { description: 'A co-operative' },
  },
});
registerEnumType(OnboardingStatus, {
  name: 'OnboardingStatus',
  description: 'Whether someone onboarded uses the platform',
  valuesConfig: {
    STARTED: { description: 'The account or shop was started' },
    ACTIVE: { description: 'They use it' },
    ABANDONED: { description: 'They stopped using it' },
  },
});
