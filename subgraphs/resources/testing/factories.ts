import { randomUUID } from 'node:crypto';
import { Role, type HubClaims } from '../../common/auth';
import type { Database } from '../../common/database';
import { StaticUnitDirectory } from '../../common/testing/unit-directory';
import type { UnitPlace } from '../../common/unit-directory';
import {
  Gift,
  HoursStatus,
  ItemKind,
  PaymentMethod,
  Pledge,
  PledgeInstalment,
  Programme,
  ProgrammeKind,
  Receipt,
  ResourceKind,
  Sponsor,
  SponsorKind,
  SponsorStatus,
  PlannedShift,
  ShiftSignup,
  Volunteer,
  VolunteerShift,
} from '../entities';

/** Test data for the resources subgraph, written straight to the database; every field can be overridden. */

let serial = 0;
const next = () => (serial += 1);

/**
 * A unit tree as the teams subgraph would report it (province > two communes > a village with
 * a team), with tokens' claims for an officer of the first commune, one of the other, and the team's leader.
 */
export function fakeTree() {
  const units = new StaticUnitDirectory();
  const province = units.addUnit(`P${next()}`, undefined, 'Tỉnh Nghệ An');
  const commune = units.addUnit(`C${next()}`, province, 'Xã Tam Quang');
  const otherCommune = units.addUnit(`C${next()}`, province, 'Xã Châu Khê');
  const village = units.addUnit(`V${next()}`, commune, 'Bản Xốp Cháo');
  const teamId = randomUUID();
  units.addTeam(teamId, village);
  const callers = {
    officer: { sub: 'officer', roles: [Role.OFFICER], units: [commune.unitCode] },
    officerElsewhere: { sub: 'officer-elsewhere', roles: [Role.OFFICER], units: [otherCommune.unitCode] },
    /** A second officer of the first commune: spending one officer records, another approves. */
    otherOfficer: { sub: 'other-officer', roles: [Role.OFFICER], units: [commune.unitCode] },
    leader: { sub: 'leader', roles: [Role.TEAM_LEADER], team: teamId },
  } satisfies Record<string, HubClaims>;
  return { units, province, commune, otherCommune, village, teamId, callers };
}

export function fakeSponsor(db: Database, place: UnitPlace, overrides: Partial<Sponsor> = {}): Promise<Sponsor> {
  return db.manager.save(
    db.manager.create(Sponsor, {
      ...place,
      kind: SponsorKind.ORGANISATION,
      name: `Doanh nghiệp ${next()}`,
      taxCode: '0101234567',
      partnerId: null,
      status: SponsorStatus.ACTIVE,
      publiclyNamed: true,
      ...overrides,
    }),
  );
}

export function fakeProgramme(db: Database, place: UnitPlace, overrides: Partial<Programme> = {}): Promise<Programme> {
  return db.manager.save(
    db.manager.create(Programme, {
      ...place,
      teamId: null,
      eventId: null,
      name: `Chương trình ${next()}`,
      kind: ProgrammeKind.CAMPAIGN,
      horizonMonths: 3,
      startsOn: '2025-09-01',
      description: null,
      ...overrides,
    }),
  );
}

/** A pledge with its instalments (by default one for the whole amount, with no due date). */
export async function fakePledge(
  db: Database,
  programme: Programme,
  sponsor: Sponsor,
  overrides: Partial<Pledge> = {},
  instalments: Partial<PledgeInstalment>[] = [{}],
): Promise<Pledge> {
  const pledge = await db.manager.save(
    db.manager.create(Pledge, {
      programmeId: programme.id,
      sponsorId: sponsor.id,
      packageId: null,
      kind: ResourceKind.CASH,
      amount: 10_000_000,
      description: null,
      cancelledAt: null,
      ...overrides,
    }),
  );
  const share = Math.floor(pledge.amount / instalments.length);
  await db.manager.save(
    instalments.map((instalment, index) =>
      db.manager.create(PledgeInstalment, { pledgeId: pledge.id, position: index + 1, dueOn: null, amount: share, received: 0, writtenOffAt: null, ...instalment }),
    ),
  );
  return pledge;
}

/** A receipt of 2025 for a programme (numbered outside the counter: tests only). */
function fakeReceipt(db: Database, programme: Programme, fields: Pick<Receipt, 'kind' | 'method' | 'amount'>): Promise<Receipt> {
  return db.manager.save(
    db.manager.create(Receipt, {
      unitCode: programme.unitCode,
      unitPath: programme.unitPath,
      year: 2025,
      number: 9000 + next(),
      programmeId: programme.id,
      sponsorId: null,
      pledgeId: null,
      receivedOn: '2025-09-20',
      note: null,
      recordedBy: 'test',
      ...fields,
    }),
  );
}

/** Cash received for a programme. */
export function fakeCashReceipt(db: Database, programme: Programme, amount: number): Promise<Receipt> {
  return fakeReceipt(db, programme, { kind: ResourceKind.CASH, method: PaymentMethod.BANK_TRANSFER, amount });
}

/** An in-kind receipt with one gift lot of `quantity` items. */
export async function fakeGiftLot(db: Database, programme: Programme, quantity = 10, overrides: Partial<Gift> = {}): Promise<Gift> {
  const receipt = await fakeReceipt(db, programme, { kind: ResourceKind.IN_KIND, method: null, amount: quantity * 50_000 });
  return db.manager.save(
    db.manager.create(Gift, {
      receiptId: receipt.id,
      itemKind: ItemKind.SIM_CARD,
      description: 'SIM 4G',
      quantity,
      unitValue: 50_000,
      codes: null,
      ...overrides,
    }),
  );
}

export function fakeVolunteer(db: Database, place: UnitPlace, overrides: Partial<Volunteer> = {}): Promise<Volunteer> {
  return db.manager.save(
    db.manager.create(Volunteer, { ...place, fullName: `Tình nguyện viên ${next()}`, phone: null, memberId: null, skills: 'hướng dẫn cài ứng dụng', ...overrides }),
  );
}

/** A shift of the programme, by default under way now (started 10 minutes ago, two hours long), with room for 5. */
export function fakePlannedShift(db: Database, programme: Programme, overrides: Partial<PlannedShift> = {}): Promise<PlannedShift> {
  const startsAt = new Date(Date.now() - 10 * 60_000);
  return db.manager.save(
    db.manager.create(PlannedShift, {
      programmeId: programme.id,
      unitPath: programme.unitPath,
      eventId: null,
      title: 'Hướng dẫn cài VNeID tại nhà văn hoá',
      place: null,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 60 * 60_000),
      capacity: 5,
      signedUp: 0,
      ...overrides,
    }),
  );
}

/** A place on the shift, counted in its seats. */
export async function fakeSignup(db: Database, shift: PlannedShift, volunteer: Volunteer, overrides: Partial<ShiftSignup> = {}): Promise<ShiftSignup> {
  await db.manager.increment(PlannedShift, { id: shift.id }, 'signedUp', 1);
  return db.manager.save(
    db.manager.create(ShiftSignup, { shiftId: shift.id, volunteerId: volunteer.id, checkedInAt: null, checkedOutAt: null, cancelledAt: null, ...overrides }),
  );
}

/** Hours the volunteer logged themselves, waiting for approval. */
export function fakePendingHours(db: Database, programme: Programme, volunteer: Volunteer, overrides: Partial<VolunteerShift> = {}): Promise<VolunteerShift> {
  return db.manager.save(
    db.manager.create(VolunteerShift, {
      volunteerId: volunteer.id,
      programmeId: programme.id,
      workedOn: '2025-10-01',
      minutes: 180,
      activity: 'Hướng dẫn người dân cài VNeID',
      status: HoursStatus.PENDING,
      loggedMinutes: null,
      decisionReason: null,
      loggedBy: 'volunteer',
      decidedBy: null,
      plannedShiftId: null,
      ...overrides,
    }),
  );
}
