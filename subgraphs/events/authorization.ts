import { withdrawsConsent, type AuthorizationMatrix, type Rule } from '../common/authorization';

/** An event's organisers: the ORGANISER subjects appointed to it, and officers over its unit. */
const organises: Rule = { officer: 'the event’s unit', organiser: 'the event' };

/** What the subgraph adds to a roll-up: sums, no records. */
const rollUpCounts: Rule = { signedIn: true, note: 'counts of the subtree only: who reads the roll-up itself is the teams subgraph’s row' };

/** Who may do what in the events subgraph; enforced in `access.ts` and the resolvers, tested in `authorization.test.ts`. */
export const eventsAuthorization: AuthorizationMatrix = {
  subgraph: 'events',
  mutations: {
    applyForStall: { anyone: true, note: 'a PARTNER exhibitor only with its own token' },
    approveStallApplication: organises,
    rejectStallApplication: organises,
    waitlistStallApplication: organises,
    cancelStallApplication: { ...organises, partner: 'its own application' },
    withdrawStallApplication: { anyone: true, note: 'with the phone the application was made with and its reference code' },
    withdrawStallApplicationConsent: withdrawsConsent('the event’s unit'),
    withdrawContestEntryConsent: withdrawsConsent('the event’s unit'),
    addContest: organises,
    addContestEntry: organises,
    scoreContestEntry: organises,
    breakContestTie: organises,
    createEvent: { officer: 'the organising unit' },
    setEventStatus: organises,
    addStallCategory: organises,
    recordEventTallies: organises,
  },
  fields: {
    // The person's own data: only they, with a one-time code to their phone.
    'DataSubject.stallApplications': { admin: false, dataSubject: true },
    'DataSubject.contestEntries': { admin: false, dataSubject: true },
    'Event.applications': organises,
    'ContestPrize.awardedTo': { ...organises, note: 'the resources subgraph asks it with the caller’s token when recording a hand-over' },
    'Event.organisers': organises,
    'ContestEntry.entrant': {
      ...organises,
      onlyFor: 'a person entering in their own name without a consent to be shown (never given, or withdrawn), or whose processing is restricted',
      note: 'a team’s entry, or a person’s who consented: anyone',
    },
    'StallApplication.contactName': { ...organises, partner: 'its own application' },
    'StallApplication.contactPhone': { ...organises, partner: 'its own application', note: 'each read recorded; null while the contact’s processing is restricted' },
    'UnitRollUp.residentsHelpedAtEvents': rollUpCounts,
    'Query.eventsPersonalDataReads': { note: 'ADMIN only: who read whose phone or address' },
    'Query.eventsAuditTrail': { officer: 'the unit', note: 'without a unit, the whole trail: ADMIN only' },
  },
};
