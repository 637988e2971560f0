import { registerEnumType } from 'type-graphql';

/** The five basic digital skills the teams teach residents (shared by every subgraph that counts them). */
export enum BasicSkill {
  ONLINE_PUBLIC_SERVICES = 'ONLINE_PUBLIC_SERVICES',
  ONLINE_SHOPPING = 'ONLINE_SHOPPING',
  ONLINE_PAYMENT = 'ONLINE_PAYMENT',
  ONLINE_SAFETY = 'ONLINE_SAFETY',
  OTHER_PLATFORMS = 'OTHER_PLATFORMS',
}
registerEnumType(BasicSkill, {
  name: 'BasicSkill',
  description: 'Public services, shopping, payment, safety online, and other local platforms',
  valuesConfig: {
    ONLINE_PUBLIC_SERVICES: { description: 'Using online public services (the national and provincial public-service portals, VNeID)' },
    ONLINE_SHOPPING: { description: 'Shopping online' },
    ONLINE_PAYMENT: { description: 'Paying online (bank apps, e-wallets)' },
    ONLINE_SAFETY: { description: 'Protecting oneself online (scams, personal data)' },
    OTHER_PLATFORMS: { description: 'Using other local digital platforms' },
  },
});
