import { randomUUID } from 'node:crypto';
import { Role, type HubClaims } from '../../common/auth';
import type { Database } from '../../common/database';
import type { BasicSkill } from '../../common/skills';
import { StaticUnitDirectory } from '../../common/testing/unit-directory';
import type { UnitPlace } from '../../common/unit-directory';
import { phoneExhibitorKey } from '../services/references';
import {
  Admission,
  ApplicationStatus,
  Contest,
  ContestEntry,
  ContestKind,
  ContestPrize,
  Event,
  EventKind,
  EventOrganiser,
  EventStatus,
  EventTally,
  EventTeam,
  ExhibitorKind,
  Stall,
  StallApplication,
  StallCategory,
  StallKind,
  VenueKind,
} from '../entities';

/** Test data for the events subgraph, written straight to the database; every field can be overridden. */

let serial = 0;
const next = () => (serial += 1);

/** A province with two communes, a village and a team in each commune and the village; the callers who act on their events. */
export function fakeTree() {
  const units = new StaticUnitDirectory();
  const province = units.addUnit(`P${next()}`);
  const commune = units.addUnit(`C${next()}`, province);
  const otherCommune = units.addUnit(`C${next()}`, province);
  const village = units.addUnit(`V${next()}`, commune);
  const team = (unit: UnitPlace) => {
    const id = randomUUID();
    units.addTeam(id, unit);
    return id;
  };
  const teams = { commune: team(commune), otherCommune: team(otherCommune), village: team(village) };
  const partnerId = randomUUID();
  const callers = {
    admin: { sub: 'admin', roles: [Role.ADMIN] },
    officer: { sub: 'officer', roles: [Role.OFFICER], units: [commune.unitCode] },
    officerElsewhere: { sub: 'officer-elsewhere', roles: [Role.OFFICER], units: [otherCommune.unitCode] },
    organiser: { sub: 'organiser', roles: [Role.ORGANISER] },
    otherOrganiser: { sub: 'other-organiser', roles: [Role.ORGANISER] },
    partner: { sub: 'partner-staff', roles: [Role.PARTNER], partner: partnerId },
    otherPartner: { sub: 'other-partner-staff', roles: [Role.PARTNER], partner: randomUUID() },
    leader: { sub: 'leader', roles: [Role.TEAM_LEADER], team: teams.village },
  } satisfies Record<string, HubClaims>;
  return { units, province, commune, otherCommune, village, teams, partnerId, callers };
}

/** An event of `place`, organised by the subject `organiser` (the fake tree's organiser by default). */
export async function fakeEvent(
  db: Database,
  place: UnitPlace,
  overrides: Partial<Event> = {},
  { organiser = 'organiser', teamIds = [] as string[] } = {},
): Promise<Event> {
  const event = await db.manager.save(
    db.manager.create(Event, {
      ...place,
      kind: EventKind.FAIR,
      title: `Ngày hội chuyển đổi số ${next()}`,
      description: null,
      venue: 'Trường THCS',
      venueKind: VenueKind.SCHOOL,
      startsOn: '2099-12-12',
      endsOn: '2099-12-12',
      applicationDeadline: null,
      status: EventStatus.OPEN_FOR_APPLICATIONS,
      ...overrides,
    }),
  );
  await db.manager.save(db.manager.create(EventOrganiser, { eventId: event.id, subject: organiser, name: 'Ban tổ chức' }));
  await db.manager.save(teamIds.map((teamId) => db.manager.create(EventTeam, { eventId: event.id, teamId })));
  return event;
}

/** A stall category with `capacity` stalls coded `<prefix>01`, `<prefix>02`… */
export async function fakeCategory(
  db: Database,
  event: Event,
  overrides: Partial<StallCategory> = {},
  prefix = `K${next()}`,
): Promise<{ category: StallCategory; stalls: Stall[] }> {
  const category = await db.manager.save(
    db.manager.create(StallCategory, {
      eventId: event.id,
      name: `Khu gian hàng ${next()}`,
      kind: StallKind.LOCAL_PRODUCTS,
      admission: Admission.FIRST_COME,
      capacity: 3,
      fee: 0,
      size: '3 m × 3 m',
      ...overrides,
    }),
  );
  const stalls = await db.manager.save(
    Array.from({ length: category.capacity }, (_, index) =>
      db.manager.create(Stall, { eventId: event.id, categoryId: category.id, code: `${prefix}${String(index + 1).padStart(2, '0')}` }),
    ),
  );
  return { category, stalls };
}

export function fakeApplication(db: Database, category: StallCategory, overrides: Partial<StallApplication> = {}): Promise<StallApplication> {
  const phone = `09${String(10_000_000 + next()).padStart(8, '0')}`;
  return db.manager.save(
    db.manager.create(StallApplication, {
      eventId: category.eventId,
      categoryId: category.id,
      exhibitorKind: ExhibitorKind.HOUSEHOLD,
      partnerId: null,
      exhibitorName: `Hộ kinh doanh ${serial}`,
      exhibitorKey: phoneExhibitorKey(phone),
      contactName: 'Người liên hệ',
      contactPhone: phone,
      offering: 'Nông sản địa phương',
      status: ApplicationStatus.PENDING,
      stallId: null,
      decidedAt: null,
      ...overrides,
    }),
  );
}

/**
 * A fresh commune (with a village, and a team in each) under the fake tree's province, and an
 * officer over it: lists under it hold only what a test puts there.
 */
export function fakeCommune(tree: ReturnType<typeof fakeTree>) {
  const commune = tree.units.addUnit(`C${next()}`, tree.province);
  const village = tree.units.addUnit(`V${next()}`, commune);
  const teams = { commune: randomUUID(), village: randomUUID() };
  tree.units.addTeam(teams.commune, commune);
  tree.units.addTeam(teams.village, village);
  const officer: HubClaims = { sub: `officer-${commune.unitCode}`, roles: [Role.OFFICER], units: [commune.unitCode] };
  return { commune, village, teams, officer };
}

/** A contest at `event` with a prize for each rank 1…`prizes`. */
export async function fakeContest(
  db: Database,
  event: Event,
  overrides: Partial<Contest> = {},
  prizes = 0,
): Promise<{ contest: Contest; prizes: ContestPrize[] }> {
  const contest = await db.manager.save(
    db.manager.create(Contest, { eventId: event.id, kind: ContestKind.LIVESTREAM_SELLING, title: `Cuộc thi bán hàng livestream ${next()}`, ...overrides }),
  );
  const saved = await db.manager.save(
    Array.from({ length: prizes }, (_, index) =>
      db.manager.create(ContestPrize, { contestId: contest.id, rank: index + 1, description: `Giải ${index + 1}`, giftId: null }),
    ),
  );
  return { contest, prizes: saved };
}

/** An entry in `contest`, not yet scored unless `score` is given. */
export function fakeEntry(db: Database, contest: Contest, overrides: Partial<ContestEntry> = {}): Promise<ContestEntry> {
  return db.manager.save(
    db.manager.create(ContestEntry, {
      contestId: contest.id,
      entrant: `Hợp tác xã ${next()}`,
      teamId: null,
      title: 'Bưởi Thanh Trà',
      score: null,
      ...overrides,
    }),
  );
}

export function fakeTally(db: Database, event: Event, skill: BasicSkill, residentsHelped: number): Promise<EventTally> {
  return db.manager.save(db.manager.create(EventTally, { eventId: event.id, skill, residentsHelped }));
}
