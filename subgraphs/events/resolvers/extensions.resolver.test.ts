import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../../common/audit';
import { Role, type HubClaims } from '../../common/auth';
import { addDays, todayInVietnam } from '../../common/dates';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { events } from '..';
import { ApplicationStatus, EventStatus, ExhibitorKind, type Event } from '../entities';
import { fakeApplication, fakeCategory, fakeCommune, fakeEvent, fakeTree } from '../testing/factories';

const tree = fakeTree();
const { callers } = tree;
const today = todayInVietnam();
let subgraph: TestSubgraph;

beforeAll(async () => {
  subgraph = await createTestSubgraph(events, tree.units);
});
afterAll(() => subgraph.close());

const teamRef = (id: string) => ({ __typename: 'Team', id });
const TEAM_EVENTS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Team { id events { title } } } }`;

describe('Team.events', () => {
  const corner = fakeCommune(tree);
  const team = corner.teams.village;

  beforeAll(async () => {
    const { db } = subgraph;
    const teamIds = [team];
    // Saved out of date order.
    await fakeEvent(db, corner.commune, { title: 'Hội chợ tháng 5', startsOn: '2099-05-01', endsOn: '2099-05-01', status: EventStatus.PUBLISHED }, { teamIds });
    await fakeEvent(db, corner.commune, { title: 'Chiến dịch tháng 3', startsOn: '2099-03-01', endsOn: '2099-03-10', status: EventStatus.OPEN_FOR_APPLICATIONS }, {
      teamIds: [corner.teams.commune, team],
    });
    await fakeEvent(db, corner.commune, { title: 'Bản nháp tháng 4', startsOn: '2099-04-01', endsOn: '2099-04-01', status: EventStatus.DRAFT }, { teamIds });
    await fakeEvent(db, corner.commune, { title: 'Đã tổ chức 2024', startsOn: '2024-06-01', endsOn: '2024-06-01', status: EventStatus.HELD }, { teamIds });
    await fakeEvent(db, corner.commune, { title: 'Đã huỷ tháng 6', startsOn: '2099-06-01', endsOn: '2099-06-01', status: EventStatus.CANCELLED }, { teamIds });
    await fakeEvent(db, corner.village, { title: 'Không tham gia', startsOn: '2099-02-01', endsOn: '2099-02-01', status: EventStatus.PUBLISHED }, {
      teamIds: [corner.teams.commune],
    });
  });

  const published = ['Đã tổ chức 2024', 'Chiến dịch tháng 3', 'Hội chợ tháng 5', 'Đã huỷ tháng 6'];
  const withDraft = ['Đã tổ chức 2024', 'Chiến dịch tháng 3', 'Bản nháp tháng 4', 'Hội chợ tháng 5', 'Đã huỷ tháng 6'];
  const titles = (events: { title: string }[]) => events.map((event) => event.title);

  it.each([
    ['an anonymous caller', undefined],
    ['another event’s organiser', callers.otherOrganiser],
    ['its organiser’s subject without the ORGANISER role', { sub: 'organiser', roles: [Role.TEAM_LEADER], team }],
    ['an officer of another commune', callers.officerElsewhere],
  ] as [string, HubClaims | undefined][])('lists to %s the events the team takes part in, soonest first, without drafts', async (_who, as) => {
    const result = await subgraph.execute(TEAM_EVENTS, { as, variables: { r: [teamRef(team)] } });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ id: team, events: published.map((title) => ({ title })) }]);
  });

  it.each([
    ['the draft’s organiser', callers.organiser],
    ['the officer over the unit', corner.officer],
    ['an admin', callers.admin],
  ])('shows the draft to %s', async (_who, as) => {
    const result = await subgraph.execute(TEAM_EVENTS, { as, variables: { r: [teamRef(team)] } });
    expect(result.errors).toBeUndefined();
    expect(titles(result.data?._entities[0].events)).toEqual(withDraft);
  });

  it('answers for several teams at once, with no events for a team without any', async () => {
    const unknown = randomUUID();
    const result = await subgraph.execute(TEAM_EVENTS, { variables: { r: [teamRef(corner.teams.commune), teamRef(unknown), teamRef(team)] } });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { id: corner.teams.commune, events: [{ title: 'Không tham gia' }, { title: 'Chiến dịch tháng 3' }] },
      { id: unknown, events: [] },
      { id: team, events: published.map((title) => ({ title })) },
    ]);
  });
});

describe('AdministrativeUnit.upcomingEvents', () => {
  const UPCOMING = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on AdministrativeUnit { code upcomingEvents { title } } } }`;
  const unitRef = (code: string) => ({ __typename: 'AdministrativeUnit', code });
  // A province of its own, so its list holds only these events.
  const province = tree.units.addUnit(`UP${randomUUID().slice(0, 6)}`);
  const commune = tree.units.addUnit(`${province.unitCode}C`, province);
  const village = tree.units.addUnit(`${province.unitCode}V`, commune);
  const otherCommune = tree.units.addUnit(`${province.unitCode}O`, province);
  const communeOfficer: HubClaims = { sub: 'officer-up', roles: [Role.OFFICER], units: [commune.unitCode] };

  beforeAll(async () => {
    const at = (title: string, status: EventStatus, from: number, to: number, place = commune) =>
      fakeEvent(subgraph.db, place, { title, status, startsOn: addDays(today, from), endsOn: addDays(today, to) });
    // Saved out of date order.
    await at('Đã công bố', EventStatus.PUBLISHED, 20, 21);
    await at('Đang nhận đơn', EventStatus.OPEN_FOR_APPLICATIONS, 10, 10);
    await at('Đã đóng đơn', EventStatus.CLOSED, 5, 6);
    await at('Kết thúc hôm nay', EventStatus.PUBLISHED, -2, 0);
    await at('Kết thúc hôm qua', EventStatus.PUBLISHED, -3, -1);
    await at('Bản nháp', EventStatus.DRAFT, 3, 3);
    await at('Đã huỷ', EventStatus.CANCELLED, 4, 4);
    await at('Đã tổ chức, chưa hết', EventStatus.HELD, -1, 1);
    await at('Của thôn', EventStatus.OPEN_FOR_APPLICATIONS, 7, 7, village);
    await at('Của xã khác', EventStatus.PUBLISHED, 1, 1, otherCommune);
  });

  const upcoming = async (code: string, as?: HubClaims) => {
    const result = await subgraph.execute(UPCOMING, { as, variables: { r: [unitRef(code)] } });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities[0].code).toBe(code);
    return result.data?._entities[0].upcomingEvents.map((event: { title: string }) => event.title);
  };

  it('lists the published, open and closed events under the unit that have not ended, soonest first', async () => {
    expect(await upcoming(commune.unitCode)).toEqual(['Kết thúc hôm nay', 'Đã đóng đơn', 'Của thôn', 'Đang nhận đơn', 'Đã công bố']);
    expect(await upcoming(village.unitCode)).toEqual(['Của thôn']);
    expect(await upcoming(otherCommune.unitCode)).toEqual(['Của xã khác']);
    expect(await upcoming(province.unitCode)).toEqual(['Kết thúc hôm nay', 'Của xã khác', 'Đã đóng đơn', 'Của thôn', 'Đang nhận đơn', 'Đã công bố']);
  });

  it('leaves drafts out even for the officer over the unit', async () => {
    expect(await upcoming(commune.unitCode, communeOfficer)).not.toContain('Bản nháp');
    expect(await upcoming(commune.unitCode, callers.admin)).toHaveLength(5);
  });

  it('answers NOT_FOUND for an unknown unit', async () => {
    const result = await subgraph.execute(UPCOMING, { variables: { r: [unitRef('NO-SUCH-UNIT')] } });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });
});

describe('Partner.stalls', () => {
  const STALLS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Partner { id stalls { exhibitorName status stallCode } } } }`;
  const partnerRef = (id: string) => ({ __typename: 'Partner', id });
  const minute = (n: number) => new Date(Date.UTC(2099, 0, 1, 8, n));
  let event: Event;

  beforeAll(async () => {
    const { db } = subgraph;
    event = await fakeEvent(db, tree.commune);
    const { category, stalls } = await fakeCategory(db, event, { capacity: 3 }, 'DT');
    const { category: other } = await fakeCategory(db, event, { capacity: 3 }, 'NS');
    const apply = (name: string, status: ApplicationStatus, appliedAt: Date, fields: Record<string, unknown> = {}) =>
      fakeApplication(db, category, {
        exhibitorKind: ExhibitorKind.PARTNER,
        partnerId: tree.partnerId,
        exhibitorName: name,
        status,
        appliedAt,
        ...fields,
      });
    // Saved out of order.
    await apply('Đối tác: chờ duyệt', ApplicationStatus.PENDING, minute(3));
    await apply('Đối tác: đã duyệt', ApplicationStatus.APPROVED, minute(1), { stallId: stalls[0].id });
    await apply('Đối tác: chờ chỗ', ApplicationStatus.WAITLISTED, minute(4), { categoryId: other.id });
    await apply('Đối tác: bị từ chối', ApplicationStatus.REJECTED, minute(2), { categoryId: other.id });
    await apply('Đối tác: đã huỷ', ApplicationStatus.CANCELLED, minute(5));
    await apply('Đối tác khác: đã duyệt', ApplicationStatus.APPROVED, minute(6), { partnerId: callers.otherPartner.partner, stallId: stalls[1].id });
    await fakeApplication(db, category, { exhibitorName: 'Hộ kinh doanh: đã duyệt', status: ApplicationStatus.APPROVED, stallId: stalls[2].id });
  });

  const approvedOnly = [{ exhibitorName: 'Đối tác: đã duyệt', status: 'APPROVED', stallCode: 'DT01' }];

  it.each([
    ['an anonymous caller', undefined],
    ['another partner', callers.otherPartner],
    ['the officer over the event’s unit', callers.officer],
    ['the event’s organiser', callers.organiser],
  ] as [string, HubClaims | undefined][])('shows %s only the partner’s approved stalls', async (_who, as) => {
    const result = await subgraph.execute(STALLS, { as, variables: { r: [partnerRef(tree.partnerId)] } });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ id: tree.partnerId, stalls: approvedOnly }]);
  });

  it('shows the partner itself all its applications, in order of application', async () => {
    const result = await subgraph.execute(STALLS, { as: callers.partner, variables: { r: [partnerRef(tree.partnerId)] } });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      {
        id: tree.partnerId,
        stalls: [
          { exhibitorName: 'Đối tác: đã duyệt', status: 'APPROVED', stallCode: 'DT01' },
          { exhibitorName: 'Đối tác: bị từ chối', status: 'REJECTED', stallCode: null },
          { exhibitorName: 'Đối tác: chờ duyệt', status: 'PENDING', stallCode: null },
          { exhibitorName: 'Đối tác: chờ chỗ', status: 'WAITLISTED', stallCode: null },
          { exhibitorName: 'Đối tác: đã huỷ', status: 'CANCELLED', stallCode: null },
        ],
      },
    ]);
  });

  it('answers for several partners at once, with no stalls for a partner without any', async () => {
    const stranger = randomUUID();
    const result = await subgraph.execute(STALLS, { variables: { r: [partnerRef(stranger), partnerRef(callers.otherPartner.partner), partnerRef(tree.partnerId)] } });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { id: stranger, stalls: [] },
      { id: callers.otherPartner.partner, stalls: [{ exhibitorName: 'Đối tác khác: đã duyệt', status: 'APPROVED', stallCode: 'DT02' }] },
      { id: tree.partnerId, stalls: approvedOnly },
    ]);
  });
});

describe('Event references', () => {
  const EVENTS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Event { id title status } } }`;
  const eventRef = (id: string) => ({ __typename: 'Event', id });
  let published: Event;
  let draft: Event;

  beforeAll(async () => {
    published = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.PUBLISHED });
    draft = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.DRAFT });
  });

  it.each([
    ['an anonymous caller', undefined],
    ['another event’s organiser', callers.otherOrganiser],
    ['an officer of another commune', callers.officerElsewhere],
  ] as [string, HubClaims | undefined][])('resolves a draft to null for %s', async (_who, as) => {
    const result = await subgraph.execute(EVENTS, { as, variables: { r: [eventRef(published.id), eventRef(draft.id), eventRef(randomUUID())] } });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ id: published.id, title: published.title, status: 'PUBLISHED' }, null, null]);
  });

  it.each([
    ['its organiser', callers.organiser],
    ['the officer over its unit', callers.officer],
  ])('resolves it for %s', async (_who, as) => {
    const result = await subgraph.execute(EVENTS, { as, variables: { r: [eventRef(draft.id), eventRef(published.id)] } });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      { id: draft.id, title: draft.title, status: 'DRAFT' },
      { id: published.id, title: published.title, status: 'PUBLISHED' },
    ]);
  });
});

describe('eventsAuditTrail', () => {
  const TRAIL = `query ($unit: String!, $first: Int) { eventsAuditTrail(unitCode: $unit, first: $first) { actor action entityType entityId } }`;
  const corner = fakeCommune(tree);
  const elsewhere = fakeCommune(tree);
  const provinceOfficer: HubClaims = { sub: 'officer-province', roles: [Role.OFFICER], units: [tree.province.unitCode] };
  let communeEvent: Event;
  let villageEvent: Event;
  let elsewhereEvent: Event;

  beforeAll(async () => {
    communeEvent = await fakeEvent(subgraph.db, corner.commune, { status: EventStatus.DRAFT });
    villageEvent = await fakeEvent(subgraph.db, corner.village, { status: EventStatus.PUBLISHED });
    elsewhereEvent = await fakeEvent(subgraph.db, elsewhere.commune, { status: EventStatus.PUBLISHED });
    const SET = `mutation ($id: ID!, $status: EventStatus!) { setEventStatus(id: $id, status: $status) { id } }`;
    for (const [id, status, as] of [
      [communeEvent.id, 'PUBLISHED', corner.officer],
      [villageEvent.id, 'OPEN_FOR_APPLICATIONS', callers.organiser],
      [elsewhereEvent.id, 'CANCELLED', elsewhere.officer],
    ] as const) {
      const result = await subgraph.execute(SET, { as, variables: { id, status } });
      expect(result.errors).toBeUndefined();
    }
  });

  const trail = async (unit: string, as: HubClaims, first?: number) => {
    const result = await subgraph.execute(TRAIL, { as, variables: first === undefined ? { unit } : { unit, first } });
    expect(result.errors).toBeUndefined();
    return result.data?.eventsAuditTrail as { actor: string; action: string; entityType: string; entityId: string }[];
  };
  const byEntity = (a: { entityId: string }, b: { entityId: string }) => (a.entityId < b.entityId ? -1 : 1);

  it('shows the officer over the unit the changes to events under it, and only those', async () => {
    const entries = await trail(corner.commune.unitCode, corner.officer);
    expect([...entries].sort(byEntity)).toEqual(
      [
        { actor: corner.officer.sub, action: 'setEventStatus', entityType: 'Event', entityId: communeEvent.id },
        { actor: 'organiser', action: 'setEventStatus', entityType: 'Event', entityId: villageEvent.id },
      ].sort(byEntity),
    );
    expect(await trail(corner.village.unitCode, corner.officer)).toEqual([
      { actor: 'organiser', action: 'setEventStatus', entityType: 'Event', entityId: villageEvent.id },
    ]);
    const province = await trail(tree.province.unitCode, provinceOfficer, 100);
    expect(province.map((entry) => entry.entityId)).toEqual(expect.arrayContaining([communeEvent.id, villageEvent.id, elsewhereEvent.id]));
  });

  it('lists the newest first, as many as asked for', async () => {
    const place = fakeCommune(tree);
    const at = (n: number) => new Date(Date.UTC(2030, 0, 1, 8, n));
    for (const [action, minute] of [
      ['oldest', 1],
      ['newest', 3],
      ['middle', 2],
    ] as const) {
      await subgraph.db.manager.save(
        subgraph.db.manager.create(AuditEntry, { actor: 'x', action, entityType: 'Event', entityId: randomUUID(), unitPath: place.commune.unitPath, at: at(minute) }),
      );
    }
    expect((await trail(place.commune.unitCode, place.officer)).map((entry) => entry.action)).toEqual(['newest', 'middle', 'oldest']);
    expect((await trail(place.commune.unitCode, place.officer, 2)).map((entry) => entry.action)).toEqual(['newest', 'middle']);
  });

  it.each([
    ['an officer of another commune', () => elsewhere.officer, 'FORBIDDEN'],
    ['an officer of a village below the unit', () => ({ sub: 'officer-village', roles: [Role.OFFICER], units: [corner.village.unitCode] }), 'FORBIDDEN'],
    ['the organiser of an event there', () => callers.organiser, 'FORBIDDEN'],
    ['a partner', () => callers.partner, 'FORBIDDEN'],
    ['an anonymous caller', () => undefined, 'UNAUTHENTICATED'],
  ] as [string, () => HubClaims | undefined, string][])('refuses %s', async (_who, as, code) => {
    const result = await subgraph.execute(TRAIL, { as: as(), variables: { unit: corner.commune.unitCode } });
    expect(errorCodes(result)).toEqual([code]);
    expect(result.data).toBeNull();
  });

  it('answers NOT_FOUND for an unknown unit', async () => {
    const result = await subgraph.execute(TRAIL, { as: callers.admin, variables: { unit: 'NO-SUCH-UNIT' } });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });
});

describe('N+1', () => {
  it.each([
    ['an anonymous caller', undefined, 1],
    ['the drafts’ organiser', callers.organiser, 2],
  ] as [string, HubClaims | undefined, number][])('resolves Team references for %s with as many SQL queries for 8 teams as for 2', async (_who, as, seen) => {
    const run = async (count: number) => {
      const place = fakeCommune(tree);
      const teams: string[] = [];
      for (let index = 0; index < count; index += 1) {
        const village = tree.units.addUnit(`${place.commune.unitCode}-${index}`, place.commune);
        const team = randomUUID();
        tree.units.addTeam(team, village);
        teams.push(team);
        await fakeEvent(subgraph.db, place.commune, { status: EventStatus.PUBLISHED }, { teamIds: [team] });
        await fakeEvent(subgraph.db, village, { status: EventStatus.DRAFT }, { teamIds: [team] });
      }
      let result: any;
      const queries = await subgraph.countQueries(async () => {
        result = await subgraph.execute(TEAM_EVENTS, { as, variables: { r: teams.map(teamRef) } });
      });
      expect(result.errors).toBeUndefined();
      expect(result.data._entities).toHaveLength(count);
      for (const entity of result.data._entities) expect(entity.events).toHaveLength(seen);
      return queries;
    };
    const few = await run(2);
    const many = await run(8);
    expect(many).toBe(few);
  });
});

it('answers upcomingEvents for any number of units in the same number of SQL queries', async () => {
  const units = [tree.province, tree.commune, tree.otherCommune, tree.village];
  for (const unit of units) await fakeEvent(subgraph.db, unit, { status: EventStatus.PUBLISHED, endsOn: addDays(todayInVietnam(), 30) });
  const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on AdministrativeUnit { code upcomingEvents { title } } } }`;
  const count = (some: typeof units) =>
    subgraph.countQueries(() =>
      subgraph.execute(query, { variables: { r: some.map((unit) => ({ __typename: 'AdministrativeUnit', code: unit.unitCode })) } }),
    );
  expect(await count(units.slice(1, 2))).toBe(await count(units));

  const result = await subgraph.execute(query, { variables: { r: units.map((unit) => ({ __typename: 'AdministrativeUnit', code: unit.unitCode })) } });
  const [province, commune, , village] = result.data?._entities;
  // A unit's list holds its whole subtree: the province's has every one of the commune's.
  expect(province.upcomingEvents.length).toBeGreaterThan(commune.upcomingEvents.length);
  expect(commune.upcomingEvents).toEqual(expect.arrayContaining(village.upcomingEvents));
});

describe('Team.worksWithCallingOrganiser (what the teams subgraph asks before showing members’ names)', () => {
  const corner = fakeCommune(tree);
  const WORKS = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Team { id works: worksWithCallingOrganiser } } }`;

  beforeAll(async () => {
    await fakeEvent(subgraph.db, corner.commune, { status: EventStatus.PUBLISHED }, { organiser: 'organiser-of-fair', teamIds: [corner.teams.village] });
  });

  it.each([
    ['the organiser of an event the team takes part in', { sub: 'organiser-of-fair', roles: [Role.ORGANISER] }, [true, false]],
    ['another organiser', { sub: 'organiser-elsewhere', roles: [Role.ORGANISER] }, [false, false]],
    ['a caller with the subject but not the role', { sub: 'organiser-of-fair', roles: [Role.TEAM_LEADER], team: corner.teams.village }, [false, false]],
  ] as [string, HubClaims, boolean[]][])('answers for %s', async (_, as, expected) => {
    const result = await subgraph.execute(WORKS, { as, variables: { r: [teamRef(corner.teams.village), teamRef(corner.teams.commune)] } });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((team: { works: boolean }) => team.works)).toEqual(expected);
  });
});
