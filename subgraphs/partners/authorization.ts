import { withdrawsConsent, type AuthorizationMatrix, type Rule } from '../common/authorization';

const adminOnly: Rule = {};
/** The partner itself: its staff, or its systems through an API key that is still valid. */
const ownRecords: Rule = { partner: 'the partner itself' };
/** Residents' details: data protection keeps them with those who helped, not even admins. */
/** A team's partner work: each signed-in caller gets the part it may see (a team's leaders and officers over it all, a partner its own). */
const teamWork: Rule = { signedIn: true, note: 'filtered: the team’s leaders and officers over it see all, a partner its own, others nothing' };
/** Lists of work: a partner's own records (`partnerId`), or a unit's subtree (`unitCode`). */
const partnerOrUnitWork: Rule = { officer: 'the unitCode given', partner: 'the partnerId given' };
const residentDetails: Rule = { admin: false, partner: 'the partner that onboarded them', leader: 'the team that helped' };

/** What the subgraph adds to a roll-up: sums, no records. */
const rollUpCounts: Rule = { signedIn: true, note: 'counts of the subtree only: who reads the roll-up itself is the teams subgraph’s row' };

/** Who may do what in the partners subgraph; enforced in `access.ts` and the resolvers, tested in `authorization.test.ts`. */
export const partnersAuthorization: AuthorizationMatrix = {
  subgraph: 'partners',
  mutations: {
    issuePartnerCredential: adminOnly,
    revokePartnerCredential: adminOnly,
    partnerAccessToken: { anyone: true, note: 'holding a valid API key' },
    createOffer: ownRecords,
    withdrawOffer: ownRecords,
    logOnboardings: ownRecords,
    updateOnboarding: ownRecords,
    withdrawOnboardingConsent: withdrawsConsent('the helping team’s unit'),
    createPartner: adminOnly,
    updatePartner: ownRecords,
    addPlatform: ownRecords,
    addPartnerBranch: ownRecords,
    logTrainings: { ...ownRecords, note: 'a member whose processing is restricted is refused as an attendee' },
    recordAttendance: { ...ownRecords, note: 'a member whose processing is restricted is refused' },
    registerWebhookEndpoint: ownRecords,
    updateWebhookEndpoint: ownRecords,
    disableWebhookEndpoint: ownRecords,
    enableWebhookEndpoint: ownRecords,
    rotateWebhookSigningSecret: ownRecords,
    deleteWebhookEndpoint: ownRecords,
    sendTestWebhook: ownRecords,
    redeliverWebhook: ownRecords,
  },
  fields: {
    // The person's own data: only they, with a one-time code to their phone.
    'DataSubject.platformOnboardings': { admin: false, dataSubject: true },
    'Query.partnerCredentials': adminOnly,
    'Query.webhookEndpoints': ownRecords,
    'Query.webhookDeliveries': { partner: 'the partner whose endpoint it is' },
    'Query.partnerNotices': ownRecords,
    'PartnerBranch.contacts': { officer: 'the branch’s unit', partner: 'the partner itself' },
    'Query.training': { officer: 'the training’s unit', partner: 'the partner itself', leader: 'an invited team' },
    'Query.trainings': partnerOrUnitWork,
    'Query.onboardings': partnerOrUnitWork,
    'Team.trainingsAttended': teamWork,
    'Team.onboardingsHelped': teamWork,
    'Member.trainingsAttended': teamWork,
    'Query.onboarding': { officer: 'the helping team’s unit', partner: 'the partner itself', leader: 'the team that helped' },
    'Onboarding.name': { ...residentDetails, onlyFor: 'a household', note: 'a business’s or co-operative’s: whoever sees the onboarding' },
    'Onboarding.phone': { ...residentDetails, note: 'each read recorded' },
    'Onboarding.address': { ...residentDetails, note: 'each read recorded' },
    'UnitRollUp.trainingsHeld': rollUpCounts,
    'UnitRollUp.membersTrained': rollUpCounts,
    'UnitRollUp.onboardings': rollUpCounts,
    'Query.partnersPersonalDataReads': { note: 'ADMIN only: who read whose phone or address' },
    'Query.partnersAuditTrail': { officer: 'the unit', note: 'without a unit, the whole trail, partner-level changes included: ADMIN only' },
  },
};
