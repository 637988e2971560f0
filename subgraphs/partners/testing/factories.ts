import { randomUUID } from 'node:crypto';
import { Role, type HubClaims } from '../../common/auth';
import type { Database } from '../../common/database';
import { BasicSkill } from '../../common/skills';
import { StaticUnitDirectory } from '../../common/testing/unit-directory';
import type { UnitPlace } from '../../common/unit-directory';
import { addDays, todayInVietnam } from '../../common/dates';
import {
  Attendance,
  BranchContact,
  Offer,
  OfferUnit,
  Onboarding,
  OnboardeeKind,
  OnboardingStatus,
  Partner,
  PartnerBranch,
  PartnerSector,
  PartnerUnit,
  Platform,
  PlatformKind,
  Training,
  TrainingFormat,
  WebhookEndpoint,
  WebhookEndpointStatus,
} from '../entities';
import type { DomainEvent } from '../../common/outbox';
import { newSigningSecret } from '../services/webhooks';

/** Test data for the partners subgraph, written straight to the database; every field can be overridden. */

let serial = 0;
const next = () => (serial += 1);

/** A team in the fake tree with its members' ids. */
export interface FakeTeam {
  id: string;
  unit: UnitPlace;
  memberIds: string[];
}

/**
 * A unit tree as the teams subgraph would report it: a province, two communes, a village
 * under the first; a team with three members in each commune and in the village.
 */
export function fakeTree() {
  const units = new StaticUnitDirectory();
  const province = units.addUnit(`P${next()}`);
  const commune = units.addUnit(`C${next()}`, province);
  const otherCommune = units.addUnit(`C${next()}`, province);
  const village = units.addUnit(`V${next()}`, commune);
  const team = (unit: UnitPlace): FakeTeam => {
    const id = randomUUID();
    units.addTeam(id, unit);
    const memberIds = [randomUUID(), randomUUID(), randomUUID()];
    for (const memberId of memberIds) units.addMember(memberId, id);
    return { id, unit, memberIds };
  };
  return {
    units,
    province,
    commune,
    otherCommune,
    village,
    communeTeam: team(commune),
    otherCommuneTeam: team(otherCommune),
    villageTeam: team(village),
  };
}

export type FakeTree = ReturnType<typeof fakeTree>;

/** Tokens' claims for everyone who calls the partners subgraph in tests. */
export function callersFor(tree: FakeTree, partnerId: string, otherPartnerId: string) {
  return {
    admin: { sub: 'admin', roles: [Role.ADMIN] },
    partner: { sub: 'partner-staff', roles: [Role.PARTNER], partner: partnerId },
    otherPartner: { sub: 'other-partner-staff', roles: [Role.PARTNER], partner: otherPartnerId },
    officer: { sub: 'officer', roles: [Role.OFFICER], units: [tree.commune.unitCode] },
    provinceOfficer: { sub: 'province-officer', roles: [Role.OFFICER], units: [tree.province.unitCode] },
    officerElsewhere: { sub: 'officer-elsewhere', roles: [Role.OFFICER], units: [tree.otherCommune.unitCode] },
    villageLeader: { sub: 'village-leader', roles: [Role.TEAM_LEADER], team: tree.villageTeam.id },
    otherLeader: { sub: 'other-leader', roles: [Role.TEAM_LEADER], team: tree.otherCommuneTeam.id },
    organiser: { sub: 'organiser', roles: [Role.ORGANISER] },
  } satisfies Record<string, HubClaims>;
}

export async function fakePartner(
  db: Database,
  overrides: Partial<Partner> = {},
  platforms: [string, PlatformKind][] = [
    ['Ví điện tử', PlatformKind.E_WALLET],
    ['Sàn thương mại', PlatformKind.MARKETPLACE],
  ],
): Promise<{ partner: Partner; wallet: Platform; marketplace: Platform; platforms: Platform[] }> {
  const partner = await db.manager.save(
    db.manager.create(Partner, { name: `Doanh nghiệp đối tác ${next()}`, shortName: `DN${serial}`, sector: PartnerSector.TELECOM, ...overrides }),
  );
  const saved = await db.manager.save(platforms.map(([name, kind]) => db.manager.create(Platform, { partnerId: partner.id, name, kind })));
  return {
    partner,
    platforms: saved,
    wallet: saved.find((platform) => platform.kind === PlatformKind.E_WALLET)!,
    marketplace: saved.find((platform) => platform.kind === PlatformKind.MARKETPLACE)!,
  };
}

/** A row of `logTrainings`' input: an in-person training on online payment held in `unitCode`. */
export function trainingInput(unitCode: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: `training-${randomUUID()}`,
    title: 'Tập huấn thanh toán số',
    skill: 'ONLINE_PAYMENT',
    format: 'IN_PERSON',
    heldOn: '2025-10-02',
    place: 'Nhà văn hoá thôn',
    trainer: 'Nguyễn Văn Giảng',
    unitCode,
    ...overrides,
  };
}

export function fakeTraining(db: Database, partner: Partner, unit: UnitPlace, overrides: Partial<Training> = {}): Promise<Training> {
  return db.manager.save(
    db.manager.create(Training, {
      partnerId: partner.id,
      title: `Tập huấn kỹ năng số ${next()}`,
      skill: BasicSkill.ONLINE_PAYMENT,
      platformId: null,
      format: TrainingFormat.IN_PERSON,
      heldOn: '2025-10-01',
      place: 'Hội trường UBND xã',
      link: null,
      trainer: 'Nguyễn Văn Giảng',
      ...unit,
      ...overrides,
    }),
  );
}

/** Records that `memberIds` of `team` attended `training`. */
export function fakeAttendance(db: Database, training: Training, team: FakeTeam, memberIds = team.memberIds): Promise<Attendance[]> {
  return db.manager.save(
    memberIds.map((memberId) =>
      db.manager.create(Attendance, { trainingId: training.id, memberId, teamId: team.id, teamUnitPath: team.unit.unitPath }),
    ),
  );
}

export function fakeOnboarding(db: Database, platform: Platform, team: FakeTeam, overrides: Partial<Onboarding> = {}): Promise<Onboarding> {
  return db.manager.save(
    db.manager.create(Onboarding, {
      partnerId: platform.partnerId,
      platformId: platform.id,
      onboardeeKind: OnboardeeKind.HOUSEHOLD,
      name: `Hộ gia đình ${next()}`,
      phone: '0912345678',
      address: 'Thôn 1',
      teamId: team.id,
      teamUnitPath: team.unit.unitPath,
      onboardedOn: '2025-10-05',
      status: OnboardingStatus.STARTED,
      productsListed: null,
      ...overrides,
    }),
  );
}

/** A branch of `partner` covering `unit`, with its contacts (personal data). */
export async function fakeBranch(
  db: Database,
  partner: Partner,
  unit: UnitPlace,
  contacts: Partial<BranchContact>[] = [{ fullName: 'Trần Thị Liên', position: 'Giám đốc chi nhánh', phone: '0912345678', email: 'lien@example.vn' }],
): Promise<{ branch: PartnerBranch; contacts: BranchContact[] }> {
  const branch = await db.manager.save(
    db.manager.create(PartnerBranch, { partnerId: partner.id, name: `Chi nhánh ${unit.unitCode} ${next()}`, ...unit }),
  );
  const saved = await db.manager.save(contacts.map((contact) => db.manager.create(BranchContact, { ...contact, branchId: branch.id })));
  return { branch, contacts: saved };
}

/** Makes `partner` serve `units` (with their subtrees). */
export function fakeServedUnits(db: Database, partner: Partner, units: UnitPlace[]): Promise<PartnerUnit[]> {
  return db.manager.save(units.map((unit) => db.manager.create(PartnerUnit, { partnerId: partner.id, ...unit })));
}

/** An offer of `partner` to the teams of `units`, valid from today for 30 days unless overridden. */
export async function fakeOffer(db: Database, partner: Partner, units: UnitPlace[], overrides: Partial<Offer> = {}): Promise<Offer> {
  const today = todayInVietnam();
  const offer = await db.manager.save(
    db.manager.create(Offer, {
      partnerId: partner.id,
      service: `Gói cước data 4G ${next()}`,
      discount: 'Giảm 50% cước 6 tháng đầu',
      discountPercent: 50,
      validFrom: today,
      validUntil: addDays(today, 30),
      ...overrides,
    }),
  );
  await db.manager.save(units.map((unit) => db.manager.create(OfferUnit, { offerId: offer.id, ...unit })));
  return offer;
}

/** A webhook endpoint of `partner` receiving `eventTypes` (a local test receiver's URL needs insecure URLs allowed to be sent to). */
export function fakeWebhookEndpoint(db: Database, partner: Partner, url: string, eventTypes: string[], overrides: Partial<WebhookEndpoint> = {}): Promise<WebhookEndpoint> {
  return db.manager.save(
    db.manager.create(WebhookEndpoint, {
      partnerId: partner.id,
      url,
      description: `Hệ thống nhận sự kiện ${next()}`,
      eventTypeList: eventTypes.join(' '),
      signingSecret: newSigningSecret(),
      status: WebhookEndpointStatus.ENABLED,
      disabledAt: null,
      disabledReason: null,
      failingSince: null,
      createdBy: 'partner-staff',
      ...overrides,
    }),
  );
}

/** A domain event as the outbox hands it to consumers: an onboarding of `partnerId` unless overridden. */
export function fakeDomainEvent(overrides: Partial<DomainEvent> = {}): DomainEvent {
  const subject = randomUUID();
  return {
    id: randomUUID(),
    type: 'onboarding.logged',
    version: 1,
    subject,
    payload: { onboardingId: subject, status: 'STARTED' },
    scope: {},
    source: 'partners',
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}
