import { BasicSkill } from '../../subgraphs/common/skills';
import {
  Admission,
  ApplicationStatus,
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
} from '../../subgraphs/events/entities';
import { addDays } from '../../subgraphs/common/dates';
import { phoneExhibitorKey } from '../../subgraphs/events/services/references';
import { personName, placeName, shortProvinceName } from './names';
import type { GenerationContext, PlacedTeam, PlacedUnit, ProvincePlan } from './rows';

interface CategoryTemplate {
  name: string;
  kind: StallKind;
  admission: Admission;
  offering: string;
}

const CATEGORIES: CategoryTemplate[] = [
  { name: 'Gian hàng doanh nghiệp viễn thông, bưu chính', kind: StallKind.PARTNER_BOOTH, admission: Admission.REVIEWED, offering: 'Đăng ký SIM chính chủ, mở ví điện tử' },
  { name: 'Gian hàng thương mại điện tử', kind: StallKind.E_COMMERCE_BOOTH, admission: Admission.FIRST_COME, offering: 'Hướng dẫn mở gian hàng trực tuyến' },
  { name: 'Sản phẩm OCOP và đặc sản địa phương', kind: StallKind.LOCAL_PRODUCTS, admission: Admission.FIRST_COME, offering: 'Mật ong, chè, nước mắm, gạo đặc sản' },
  { name: 'Bàn hướng dẫn dịch vụ công trực tuyến', kind: StallKind.PUBLIC_SERVICES_DESK, admission: Admission.REVIEWED, offering: 'Kích hoạt VNeID, nộp hồ sơ trực tuyến' },
];
const LOCAL_EXHIBITORS: [ExhibitorKind, string][] = [
  [ExhibitorKind.COOPERATIVE, 'Hợp tác xã'],
  [ExhibitorKind.BUSINESS, 'Cửa hàng'],
  [ExhibitorKind.HOUSEHOLD, 'Hộ kinh doanh'],
];

/** What the resources generator needs to know of the events: the fairs its programmes pay for. */
export interface EventsPlan {
  fairByCommune: Map<string, string>;
}

/**
 * The events subgraph's rows of one province: a fair in most communes (held in the past, or open
 * for stall applications), campaigns, their categories, stalls, applications and tallies; and
 * the province's own fair, open for applications with a large first-come category (the
 * benchmark's stall applications go there).
 */
export function generateEvents(context: GenerationContext, plan: ProvincePlan): EventsPlan {
  const { random, today, province } = context;
  const fairByCommune = new Map<string, string>();
  const shopNames = new Set<string>();

  const addEvent = (
    unit: PlacedUnit,
    teams: PlacedTeam[],
    kind: EventKind,
    title: string,
    startsOn: string,
    categories: { template: CategoryTemplate; capacity: number }[],
  ): string => {
    const endsOn = addDays(startsOn, kind === EventKind.CAMPAIGN ? 30 : random.int(0, 1));
    const held = endsOn < today;
    const deadline = kind === EventKind.FAIR ? addDays(startsOn, -5) : null;
    const status = held ? EventStatus.HELD : deadline && deadline >= today ? EventStatus.OPEN_FOR_APPLICATIONS : EventStatus.PUBLISHED;
    const event = {
      id: random.uuid(),
      kind,
      title,
      description: null,
      unitCode: unit.code,
      unitPath: unit.path,
      venue: random.pick([`Trường THCS ${unit.name.replace(/^\S+ /, '')}`, `Nhà văn hóa ${unit.name}`, `Chợ ${unit.name.replace(/^\S+ /, '')}`]),
      venueKind: random.pick([VenueKind.SCHOOL, VenueKind.CULTURAL_HOUSE, VenueKind.MARKET]),
      startsOn,
      endsOn,
      applicationDeadline: deadline,
      status,
      accountsOpened: held ? random.int(10, 400) : 0,
      shopsOnboarded: held ? random.int(0, 60) : 0,
      createdAt: new Date(`${addDays(startsOn, -random.int(20, 60))}T08:00:00Z`),
    };
    const events = context.rows.events;
    events.add(Event, event);
    events.add(EventOrganiser, { id: random.uuid(), eventId: event.id, subject: `organiser-${unit.code}`, name: personName(random) });
    for (const team of teams) events.add(EventTeam, { id: random.uuid(), eventId: event.id, teamId: team.id });
    if (held && kind === EventKind.FAIR) {
      for (const skill of Object.values(BasicSkill)) {
        events.add(EventTally, { id: random.uuid(), eventId: event.id, skill, residentsHelped: random.int(10, 300) });
      }
    }

    categories.forEach(({ template, capacity }, categoryIndex) => {
      const category = {
        id: random.uuid(),
        eventId: event.id,
        name: template.name,
        kind: template.kind,
        admission: template.admission,
        capacity,
        fee: random.chance(0.5) ? 0 : random.money(100_000, 500_000, 50_000),
        size: random.pick(['3 m × 3 m', '2 m × 3 m', '3 m × 4 m']),
      };
      events.add(StallCategory, category);
      const stalls = Array.from({ length: capacity }, (_, index) => ({
        id: random.uuid(),
        eventId: event.id,
        categoryId: category.id,
        code: `${'ABCDEFGH'[categoryIndex]}${String(index + 1).padStart(2, '0')}`,
      }));
      for (const stall of stalls) events.add(Stall, stall);
      // Held fairs were mostly full; open ones are filling up (a partner applies once per category).
      const approved = Math.floor(capacity * (held ? random.int(60, 100) : random.int(0, 40)) / 100);
      const partners = random.sample(context.partners, template.kind === StallKind.PARTNER_BOOTH ? approved : 0);
      for (let index = 0; index < approved + (held ? random.int(0, 2) : 0); index += 1) {
        const partner = partners[index];
        const [exhibitorKind, prefix] = partner ? [ExhibitorKind.PARTNER, ''] : random.pick(LOCAL_EXHIBITORS);
        const phone = random.phone();
        const appliedOn = addDays(event.createdAt.toISOString().slice(0, 10), random.int(1, 15));
        const stall = index < approved ? stalls[index] : null;
        events.add(StallApplication, {
          id: random.uuid(),
          eventId: event.id,
          categoryId: category.id,
          exhibitorKind,
          partnerId: partner?.id ?? null,
          exhibitorName: partner ? `${partner.shortName} ${shortProvinceName(province.name)}` : `${prefix} ${placeName(random, shopNames)}`,
          exhibitorKey: partner ? `partner:${partner.id}` : phoneExhibitorKey(phone),
          contactName: personName(random),
          contactPhone: phone,
          offering: template.offering,
          status: stall ? ApplicationStatus.APPROVED : ApplicationStatus.REJECTED,
          stallId: stall?.id ?? null,
          appliedAt: new Date(`${appliedOn}T09:00:00Z`),
          decidedAt: new Date(`${appliedOn}T15:00:00Z`),
        });
      }
    });
    return event.id;
  };

  const year = today.slice(0, 4);
  addEvent(
    plan.unit,
    plan.communes.slice(0, 5).map((commune) => commune.teams[0]),
    EventKind.FAIR,
    `Ngày hội chuyển đổi số ${shortProvinceName(province.name)} ${year}`,
    addDays(today, 45),
    [
      { template: CATEGORIES[2], capacity: 300 },
      { template: CATEGORIES[0], capacity: 12 },
      { template: CATEGORIES[3], capacity: 8 },
    ],
  );
  for (const commune of plan.communes) {
    const teams = [commune.teams[0], ...random.sample(commune.teams.slice(1), random.int(1, 3))];
    if (random.chance(0.6)) {
      const categories = random.sample(CATEGORIES, random.int(2, 4)).map((template) => ({ template, capacity: random.int(4, 16) }));
      const fairId = addEvent(commune.unit, teams, EventKind.FAIR, `Phiên chợ chuyển đổi số ${commune.unit.name}`, addDays(today, random.int(-900, 90)), categories);
      fairByCommune.set(commune.unit.code, fairId);
    }
    if (random.chance(0.4)) {
      addEvent(commune.unit, teams, EventKind.CAMPAIGN, `Chiến dịch "Mỗi nhà một tài khoản định danh" ${commune.unit.name}`, addDays(today, random.int(-300, 20)), []);
    }
  }
  return { fairByCommune };
}
