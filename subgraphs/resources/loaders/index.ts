import DataLoader from 'dataloader';
import type { Database } from '../../common/database';
import { rowsById, rowsOf } from '../../common/loaders';
import {
  Allocation,
  AllocationCode,
  BudgetLine,
  BudgetRevision,
  Expense,
  Gift,
  Pledge,
  PledgeInstalment,
  Programme,
  Receipt,
  Sponsor,
  SponsorContact,
  SponsorInteraction,
  SponsorshipPackage,
  PlannedShift,
  TeamFundRules,
  ShiftSignup,
  Volunteer,
  VolunteerShift,
} from '../entities';
import { LineSpending, spendingByBudgetLine } from '../services/budget';
import { fundsByProgrammeGroup, FundsSummary } from '../services/funds';
import { approvedMinutesOf } from '../services/volunteering';

/** Per-request loaders of the resources subgraph. */

export const programmeById = rowsById(Programme);
export const sponsorById = rowsById(Sponsor);
export const pledgeById = rowsById(Pledge);
export const giftById = rowsById(Gift);
export const receiptById = rowsById(Receipt);
export const budgetLineById = rowsById(BudgetLine);
export const volunteerById = rowsById(Volunteer);
export const plannedShiftById = rowsById(PlannedShift);

export const programmesOfTeam = rowsOf(Programme, 'teamId', { startsOn: 'DESC' });
export const programmesOfEvent = rowsOf(Programme, 'eventId', { startsOn: 'DESC' });
export const budgetLinesOfProgramme = rowsOf(BudgetLine, 'programmeId', { side: 'DESC', position: 'ASC' });
export const revisionsOfProgramme = rowsOf(BudgetRevision, 'programmeId', { number: 'ASC' });
export const packagesOfProgramme = rowsOf(SponsorshipPackage, 'programmeId', { name: 'ASC' });
export const pledgesOfProgramme = rowsOf(Pledge, 'programmeId', { createdAt: 'ASC' });
export const receiptsOfProgramme = rowsOf(Receipt, 'programmeId', { receivedOn: 'ASC' });
export const instalmentsOfPledge = rowsOf(PledgeInstalment, 'pledgeId', { position: 'ASC' });
export const expensesOfProgramme = rowsOf(Expense, 'programmeId', { spentOn: 'ASC' });
export const giftsOfReceipt = rowsOf(Gift, 'receiptId', { itemKind: 'ASC', description: 'ASC' });
export const allocationsOfGift = rowsOf(Allocation, 'giftId', { issuedOn: 'ASC' });
export const allocationsOfPrize = rowsOf(Allocation, 'prizeId', { issuedOn: 'ASC' });
export const codesOfAllocation = rowsOf(AllocationCode, 'allocationId', { code: 'ASC' });
export const contactsOfSponsor = rowsOf(SponsorContact, 'sponsorId', { fullName: 'ASC' });
export const interactionsOfSponsor = rowsOf(SponsorInteraction, 'sponsorId', { occurredOn: 'DESC' });
export const pledgesOfSponsor = rowsOf(Pledge, 'sponsorId', { createdAt: 'DESC' });
export const shiftsOfProgramme = rowsOf(VolunteerShift, 'programmeId', { workedOn: 'ASC' });
export const shiftsOfVolunteer = rowsOf(VolunteerShift, 'volunteerId', { workedOn: 'ASC' });
export const signupsOfVolunteer = rowsOf(ShiftSignup, 'volunteerId', { signedUpAt: 'ASC' });
export const signupsOfShift = rowsOf(ShiftSignup, 'shiftId', { signedUpAt: 'ASC' });
/** Every version of a team's fund rules, newest first. */
export const fundRulesOfTeam = rowsOf(TeamFundRules, 'teamId', { version: 'DESC' });

/** Approved (and corrected) minutes of each volunteer: what their totals and certificates count. */
export const approvedMinutesOfVolunteer = (db: Database) =>
  new DataLoader<string, number>(async (ids) => {
    const minutes = await approvedMinutesOf(db.manager, ids);
    return ids.map((id) => minutes.get(id) ?? 0);
  });

/** Names of the sponsors who pledged or gave to each event's programmes and agreed to be named publicly. */
export const namedSponsorsOfEvent = (db: Database) =>
  new DataLoader<string, string[]>(async (eventIds) => {
    const named = (source: typeof Pledge | typeof Receipt) =>
      db.manager
        .createQueryBuilder(source, 'gift')
        .innerJoin(Programme, 'programme', 'programme.id = gift.programmeId')
        .innerJoin(Sponsor, 'sponsor', 'sponsor.id = gift.sponsorId AND sponsor.publiclyNamed = :named', { named: true })
        .select('programme.eventId', 'eventId')
        .addSelect('sponsor.name', 'name')
        .distinct(true)
        .where('programme.eventId IN (:...eventIds)', { eventIds })
        .getRawMany<{ eventId: string; name: string }>();
    const rows = [...(await named(Pledge)), ...(await named(Receipt))];
    return eventIds.map((eventId) => [...new Set(rows.filter((row) => row.eventId === eventId).map((row) => row.name))].sort());
  });

const fundsOf = (groupBy: 'id' | 'teamId') => (db: Database) =>
  new DataLoader<string, FundsSummary>(async (keys) => {
    const funds = await fundsByProgrammeGroup(db, groupBy, { where: `programme.${groupBy} IN (:...keys)`, parameters: { keys } });
    return keys.map((key) => funds.get(key) ?? new FundsSummary());
  });

export const fundsOfProgramme = fundsOf('id');
export const fundsOfTeam = fundsOf('teamId');

/** Funds of each unit's whole subtree, keyed by unit path: one round of queries for all of them. */
export const fundsUnderUnitPath = (db: Database) =>
  new DataLoader<string, FundsSummary>(async (paths) => {
    const where = paths.map((_, index) => `programme.unitPath LIKE :path${index}`).join(' OR ');
    const parameters = Object.fromEntries(paths.map((path, index) => [`path${index}`, `${path}%`]));
    const byPath = await fundsByProgrammeGroup(db, 'unitPath', { where: `(${where})`, parameters });
    return paths.map((path) => {
      const total = new FundsSummary();
      for (const [unitPath, funds] of byPath) if (unitPath.startsWith(path)) total.add(funds);
      return total;
    });
  });

/** Approved and pending spending of each budget line. */
export const spendingOfBudgetLine = (db: Database) =>
  new DataLoader<string, LineSpending>(async (lineIds) => {
    const spending = await spendingByBudgetLine(db, lineIds);
    return lineIds.map((id) => spending.get(id) ?? new LineSpending());
  });
