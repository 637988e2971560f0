import { randomUUID } from 'node:crypto';
import { Role, type HubClaims } from '../../common/auth';
import type { Database } from '../../common/database';
import { StaticUnitDirectory } from '../../common/testing/unit-directory';
import type { UnitPlace } from '../../common/unit-directory';
import {
  Gift,
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
