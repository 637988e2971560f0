import { withdrawsConsent, type AuthorizationMatrix, type Rule } from '../common/authorization';

/** A programme's managers: officers over its unit, and the owning team's leaders. */
const managesProgramme: Rule = { officer: 'the programme’s unit', leader: 'the programme’s team' };
const managesSponsor: Rule = { officer: 'the sponsor’s unit' };
const managesVolunteers: Rule = { officer: 'the unit', leader: 'a team at that very unit' };
/** A volunteer's own record: its managers, and the volunteer themselves. */
const seesVolunteer: Rule = { ...managesVolunteers, volunteer: 'themselves' };
/** What a volunteer does for themselves (their token names their record; admins have none). */
const ownVolunteering: Rule = { admin: false, volunteer: 'themselves, on shifts and programmes of their unit, above or below it' };

/** Who may do what in the resources subgraph; enforced in `access.ts` and the resolvers, tested in `authorization.test.ts`. */
export const resourcesAuthorization: AuthorizationMatrix = {
  subgraph: 'resources',
  mutations: {
    recordPledge: managesProgramme,
    cancelPledge: managesProgramme,
    writeOffPledgeInstalment: { officer: 'the programme’s unit', note: 'the commune supervises money: not the team' },
    recordCashDonation: managesProgramme,
    recordInKindDonation: managesProgramme,
    allocateGift: managesProgramme,
    handOverPrize: { officer: 'the event’s unit', organiser: 'the event', note: 'the events subgraph says so, asked with the caller’s token (ContestPrize.awardedTo)' },
    withdrawGiftConsent: withdrawsConsent('the programme’s unit'),
    recordExpense: managesProgramme,
    decideExpense: { officer: 'the programme’s unit', note: 'the commune supervises money: not the team' },
    createProgramme: { officer: 'the owning unit', leader: 'the owning team' },
    reviseBudget: { ...managesProgramme, note: 'until the estimate is approved' },
    approveBudget: { officer: 'the programme’s unit', note: 'never the author of its last revision; the commune supervises money: not the team' },
    createSponsorshipPackage: managesProgramme,
    createSponsor: managesSponsor,
    updateSponsor: managesSponsor,
    addSponsorContact: managesSponsor,
    recordSponsorInteraction: managesSponsor,
    registerVolunteer: managesVolunteers,
    logVolunteerShift: managesProgramme,
    planShift: managesProgramme,
    signUpForShift: ownVolunteering,
    cancelShiftSignup: ownVolunteering,
    checkIntoShift: ownVolunteering,
    checkOutOfShift: ownVolunteering,
    logMyVolunteerHours: ownVolunteering,
    decideVolunteerHours: { ...managesProgramme, note: 'never hours they logged themselves' },
    adoptTeamFundRules: { officer: 'the team’s unit', leader: 'the team', note: 'a new version: earlier ones are kept' },
  },
  fields: {
    // The person's own data: only they, with a one-time code to their phone.
    'DataSubject.giftsReceived': { admin: false, dataSubject: true },
    'Programme.pledges': managesProgramme,
    'Programme.receipts': managesProgramme,
    'Programme.expenses': managesProgramme,
    'Expense.recordedByMe': managesProgramme,
    'Programme.volunteerShifts': managesProgramme,
    'BudgetLine.pendingSpending': managesProgramme,
    'Gift.codes': managesProgramme,
    'Gift.allocations': { ...managesProgramme, note: 'a lot is reachable by reference (a contest prize names it): what it is and how many are on hand are public' },
    'Query.stockCounts': { officer: 'the unit (its whole subtree)' },
    'Query.giftLots': { officer: 'the unit (its whole subtree)', note: 'each lot’s allocations and codes: the programme’s managers' },
    'Allocation.household': managesProgramme,
    'Allocation.codes': { ...managesProgramme, note: 'serials and keys: never public' },
    'Query.sponsors': managesSponsor,
    'Query.sponsor': managesSponsor,
    'Sponsor.contacts': managesSponsor,
    'Query.pledgeFollowUp': { officer: 'the unit (its whole subtree)' },
    'InstalmentToFollowUp.sponsorContacts': { ...managesSponsor, note: 'null for anyone else' },
    'MemorandumEnding.sponsorContacts': { ...managesSponsor, note: 'null for anyone else' },
    'Sponsor.history': managesSponsor,
    'Sponsor.pledges': managesSponsor,
    'Query.volunteers': managesVolunteers,
    'Query.volunteer': seesVolunteer,
    'Volunteer.fullName': seesVolunteer,
    'Volunteer.phone': { ...seesVolunteer, note: 'each read recorded' },
    'Volunteer.shifts': seesVolunteer,
    'Volunteer.signups': seesVolunteer,
    'Query.myVolunteerRecord': { admin: false, volunteer: 'themselves' },
    'Query.volunteerCertificate': seesVolunteer,
    'Query.volunteerHoursToApprove': { officer: 'the unit', leader: 'their team’s programmes in it' },
    'PlannedShift.signups': managesProgramme,
    'Query.receiptPaper': managesProgramme,
    'Query.thankYouLetter': managesProgramme,
    'Query.budgetEstimateFile': { anyone: true, note: 'public like the programme’s budget' },
    'Query.ledgerFile': { anyone: true, note: 'the public ledger: no personal data, no codes' },
    'Query.sponsorContactList': { officer: 'the programme’s unit', note: 'sponsors’ contacts: personal data' },
    'Query.resourcesPersonalDataReads': { note: 'ADMIN only: who read whose phone or address' },
    'Query.resourcesAuditTrail': { officer: 'the unit', note: 'without a unit, the whole trail: ADMIN only' },
  },
};
