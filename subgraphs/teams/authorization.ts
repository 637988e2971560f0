import { withdrawsConsent, type AuthorizationMatrix, type Rule } from '../common/authorization';

/** The chairman who decides on a team: its commune's (a village team's commune, a commune's or district's own). */
const decides: Rule = { officer: 'the commune (or district) that decides on the team' };
const managesTeam: Rule = { officer: 'the team’s unit', leader: 'the team' };
/** Reports go up the tree: a village leader reads only their own team's, a commune team's leaders their villages' too. */
const readsReports: Rule = { officer: 'the team’s unit', leader: 'the team, or a team at a unit above it' };
/** Names: the team's managers, and partners and organisers who work with the team (see common/working-relations.ts). */
const readsNames: Rule = {
  ...managesTeam,
  partner: 'a partner that invited the team to a training or recorded its members at one',
  organiser: 'an event the team takes part in',
};
/** The person's own data: only they, with a one-time code to their phone; nobody else through these fields. */
const theirOwn: Rule = { admin: false, dataSubject: true };
const readsRollUp: Rule = { officer: 'the unit', leader: 'a team at the unit or above it', note: 'VN, the whole country: ADMIN and officers over VN' };

/** Who may do what in the teams subgraph; enforced in `access.ts` and the resolvers, tested in `authorization.test.ts`. */
export const teamsAuthorization: AuthorizationMatrix = {
  subgraph: 'teams',
  mutations: {
    // Reorganising the tree: officers within their own subtrees; a whole level only nationally (the 2025 reform is the state's decision).
    renameAdministrativeUnit: { officer: 'the unit' },
    moveAdministrativeUnit: { officer: 'the unit and its new parent' },
    mergeAdministrativeUnits: { officer: 'both units' },
    dissolveAdministrativeLevel: { note: 'ADMIN only: a level dissolved across a province, as the state decides' },
    createTeam: decides,
    updateTeam: decides,
    appointLeader: decides,
    createSubGroup: managesTeam,
    changeMemberRole: managesTeam,
    updateMemberContact: managesTeam,
    requestToJoin: { anyone: true, note: 'a resident applies' },
    requestToLeave: { ...managesTeam, member: 'themselves (a member asks to leave)' },
    withdrawMembershipRequest: { anyone: true, note: 'with the phone the request was made with and its reference code' },
    withdrawJoinApplicationConsent: withdrawsConsent('the team’s unit'),
    recommendMembershipRequest: managesTeam,
    decideMembershipRequest: decides,
    createAdministrativeUnit: { officer: 'the parent unit', note: 'a province goes under the nation (VN): ADMIN and officers over VN' },
    setMemberLimit: { officer: 'the unit' },
    saveActivityPlan: { ...managesTeam, note: 'until the plan is approved' },
    writePlanSections: { ...managesTeam, note: 'the sections of form 6.3, until the plan is approved' },
    approveActivityPlan: decides,
    setAssignmentDone: managesTeam,
    setTargets: { officer: 'the unit, or the team’s unit for a team’s targets' },
    submitActivityReport: managesTeam,
    correctActivityReport: { ...managesTeam, note: 'until the period is locked' },
    importActivityReport: { ...managesTeam, note: 'a first report or a correction, as submitActivityReport and correctActivityReport' },
    lockPeriod: { officer: 'the unit', note: 'a commune or above' },
    importAdministrativeUnits: { note: 'ADMIN only' },
    uploadImportChunk: { officer: 'the commune, or the province of a province’s file', note: 'the uploader alone may add to the file or import it' },
    checkRosterImport: { officer: 'the commune, or the province of a province’s file' },
    confirmRosterImport: { officer: 'the unit of the import' },
    requestAccessCode: { anyone: true, note: 'to a phone; 3 an hour per phone; on Zalo when configured; refused in production without a channel' },
    verifyAccessCode: { anyone: true, note: 'a code lives 10 minutes, is used once and dies after 5 wrong guesses' },
    requestPersonalDataAction: { admin: false, dataSubject: true, note: 'members too, with the code to their own phone; a retry with the same key files once' },
    handlePersonalDataRequest: { officer: 'the unit the request is addressed to', note: 'once; an erasure done is carried out by every subgraph on its own records' },
    // Emulation and recognition: campaigns, provinces' nominations, rewards proposed up the tree.
    launchEmulationCampaign: { officer: 'the unit' },
    nominateMember: { officer: 'the member’s unit', note: 'within the campaign’s places for the member’s province (2 each in seed 003), held under concurrency' },
    withdrawNomination: { admin: false, officer: 'the member’s unit', note: 'whoever nominated the member only; frees the province’s place' },
    proposeReward: { officer: 'the proposing unit', note: 'below a province: it goes up the tree a level at a time' },
    decideRewardProposal: {
      officer: 'the level the proposal has reached (the proposer’s parent, then each unit above up to the province; VN once the province sent it on)',
      note: 'never whoever proposed it or sent it on; once per level; approved by the province it joins the honour roll, by the national level the national one',
    },
    sendRewardProposalToNation: { officer: 'the province that approved it', note: 'once; the national level’s officers (over VN) then approve it onto the national honour roll or decline it' },
    decideNomination: { officer: 'VN, the national level (the Central Youth Union’s officers)', note: 'once; a reason when not selected; the province can no longer withdraw it' },
    withdrawRewardProposal: { admin: false, officer: 'the proposing unit', note: 'whoever proposed it only, before it is approved at the top or declined' },
    withdrawHonourRollConsent: {
      ...withdrawsConsent('the proposing unit'),
      member: 'themselves (the member the reward names)',
      note: 'only the consent to be named given with that reward, by the phone it was given with or the member’s own; a retry with the same key answers the first withdrawal',
    },
    giveHonourRollConsent: {
      officer: 'the proposing unit, entering the person’s answer',
      member: 'themselves (the member the reward names)',
      dataSubject: true,
      note: 'after the proposal: by the member’s own phone, or the phone of a consent the person withdrew; once while it holds; a retry with the same key answers the first',
    },
    resubmitRewardProposal: { admin: false, officer: 'the proposing unit', note: 'whoever proposed it only, once returned; it starts again from the first level' },
    setMyReminderPreference: { signedIn: true, note: 'each their own, never another’s; officers are reminded of their units, team leaders of their team' },
  },
  fields: {
    'Member.fullName': readsNames,
    'Member.rewards': { admin: false, member: 'themselves, signed in (no one-time code needed)' },
    'Member.processingRestricted': readsNames,
    'Member.phone': { ...managesTeam, note: 'each read recorded' },
    'Member.address': { ...managesTeam, note: 'each read recorded' },
    'MembershipRequest.applicantName': managesTeam,
    'MembershipRequest.applicantPhone': { ...managesTeam, note: 'each read recorded' },
    'MembershipRequest.applicantAddress': { ...managesTeam, note: 'each read recorded' },
    'Query.membershipRequests': managesTeam,
    'Query.activityReport': readsReports,
    'Query.exportActivityReport': readsReports,
    'Query.activityProgrammeFile': readsReports,
    'Query.activityPlanFile': readsReports,
    'Query.workAssignmentsFile': { ...readsReports, note: 'members’ names' },
    'Team.activityReports': readsReports,
    'Team.progress': readsReports,
    'Team.plan': readsReports,
    'Query.unitRollUp': readsRollUp,
    'Query.exportUnitRollUp': readsRollUp,
    'Query.rosterTemplate': { officer: 'the unit', note: 'members’ phones: personal data' },
    'Query.importJob': { officer: 'the unit of the import' },
    'Query.teamsPersonalDataReads': { note: 'ADMIN only: who read whose phone or address' },
    'ReminderPreference.address': { signedIn: true, note: 'only one’s own preference is ever shown (myReminderPreference)' },
    'Query.personalDataReport': theirOwn,
    'DataSubject.memberships': theirOwn,
    'DataSubject.joinApplications': theirOwn,
    'DataSubject.personalDataRequests': theirOwn,
    'Query.personalDataRequests': { officer: 'the unit (requests addressed to it or to units under it)', note: 'with the corrected full name and address a person gave, until handled; each read of the address recorded' },
    'Query.teamsAuditTrail': { officer: 'the unit', note: 'without a unit, the whole trail: ADMIN only' },
    'Query.nominations': { officer: 'the unit', note: 'the nominations of members of its teams' },
    'Query.nominationsFile': { officer: 'the unit', note: 'the information form with names and personal details (PDF or XLSX)' },
    'Query.nominationFigures': { officer: 'the member’s unit', note: 'the team’s reported figures to prefill a nomination form' },
    'Nomination.birthYear': { officer: 'the member’s unit', note: 'personal details of the information form' },
    'Nomination.occupation': { officer: 'the member’s unit', note: 'personal details of the information form' },
    'Query.rewardProposals': { officer: 'the unit', note: 'the proposals of it and the units under it' },
    'RewardProposal.fullName': { officer: 'the proposing unit' },
    'HonourRollEntry.name': { anyone: true, note: 'public: businesses and partners always, members and residents only while their HONOUR_ROLL consent holds (else null, and their achievements too)' },
    'DataSubject.rewards': theirOwn,
  },
};
