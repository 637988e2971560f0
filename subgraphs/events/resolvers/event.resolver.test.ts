import { todayInVietnam } from '../../common/dates';
import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../../common/audit';
import { Role, type HubClaims } from '../../common/auth';
import { BasicSkill } from '../../common/skills';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { events } from '..';
import {
  ApplicationStatus,
  Event,
  EventKind,
  EventOrganiser,
  EventStatus,
  EventTally,
  EventTeam,
  Stall,
  StallCategory,
} from '../entities';
import { fakeApplication, fakeCategory, fakeCommune, fakeContest, fakeEntry, fakeEvent, fakeTally, fakeTree } from '../testing/factories';

/** Events are planned within a few years of today (DATE_RANGES.planned). */
const NEXT_YEAR = Number(todayInVietnam().slice(0, 4)) + 1;

const tree = fakeTree();
const { callers } = tree;
const provinceOfficer: HubClaims = { sub: 'officer-province', roles: [Role.OFFICER], units: [tree.province.unitCode] };
/** Carries the organiser's subject but not the ORGANISER role. */
const organiserWithoutRole: HubClaims = { sub: 'organiser', roles: [Role.TEAM_LEADER], team: tree.teams.village };
let subgraph: TestSubgraph;

beforeAll(async () => {
  subgraph = await createTestSubgraph(events, tree.units);
});
afterAll(() => subgraph.close());

async function rowCounts() {
  const { manager } = subgraph.db;
  return Promise.all([Event, EventTeam, EventOrganiser, StallCategory, Stall, EventTally, AuditEntry].map((entity) => manager.count(entity)));
}

function auditOf(entityId: string) {
  return subgraph.db.manager.find(AuditEntry, { where: { entityId }, order: { at: 'ASC' } });
}

const titlesOf = (result: { data?: any }) => result.data?.events.nodes.map((node: { title: string }) => node.title);

describe('createEvent', () => {
  const CREATE = /* GraphQL */ `
    mutation ($input: CreateEventInput!) {
      createEvent(input: $input) {
        id kind title description unitCode venue venueKind startsOn endsOn applicationDeadline status
        accountsOpened residentsHelped
        unit { code }
        teams { id }
        organisers { subject name }
      }
    }
  `;
  let serial = 0;
  const newEvent = (overrides: Record<string, unknown> = {}) => ({
    unitCode: tree.commune.unitCode,
    kind: 'FAIR',
    title: `Ngày hội chuyển đổi số xã ${(serial += 1)}`,
    venue: 'Trường THCS Tam Quang',
    venueKind: 'SCHOOL',
    startsOn: `${NEXT_YEAR}-10-10`,
    endsOn: `${NEXT_YEAR}-10-11`,
    applicationDeadline: `${NEXT_YEAR}-10-01`,
    teamIds: [tree.teams.village, tree.teams.commune],
    organisers: [{ subject: 'organiser', name: 'Ban tổ chức xã' }],
    ...overrides,
  });

  it('lets an officer over the unit create a draft with its teams and organisers, and audits it', async () => {
    const input = newEvent({ title: 'Phiên chợ số Tam Quang', description: 'Gian hàng nông sản và ví điện tử' });
    const result = await subgraph.execute(CREATE, { as: callers.officer, variables: { input } });
    expect(result.errors).toBeUndefined();
    const created = result.data?.createEvent;
    expect(created).toEqual({
      id: expect.any(String),
      kind: 'FAIR',
      title: 'Phiên chợ số Tam Quang',
      description: 'Gian hàng nông sản và ví điện tử',
      unitCode: tree.commune.unitCode,
      venue: 'Trường THCS Tam Quang',
      venueKind: 'SCHOOL',
      startsOn: `${NEXT_YEAR}-10-10`,
      endsOn: `${NEXT_YEAR}-10-11`,
      applicationDeadline: `${NEXT_YEAR}-10-01`,
      status: 'DRAFT',
      accountsOpened: 0,
      residentsHelped: 0,
      unit: { code: tree.commune.unitCode },
      teams: [tree.teams.village, tree.teams.commune].sort().map((id) => ({ id })),
      organisers: [{ subject: 'organiser', name: 'Ban tổ chức xã' }],
    });

    const { manager } = subgraph.db;
    expect(await manager.findOneByOrFail(Event, { id: created.id })).toMatchObject({
      unitCode: tree.commune.unitCode,
      unitPath: tree.commune.unitPath,
      status: EventStatus.DRAFT,
    });
    expect((await manager.findBy(EventTeam, { eventId: created.id })).map((row) => row.teamId).sort()).toEqual(
      [tree.teams.village, tree.teams.commune].sort(),
    );
    expect(await manager.findBy(EventOrganiser, { eventId: created.id })).toEqual([
      expect.objectContaining({ subject: 'organiser', name: 'Ban tổ chức xã' }),
    ]);

    const entries = await auditOf(created.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actor: 'officer', action: 'createEvent', entityType: 'Event', unitPath: tree.commune.unitPath, before: null });
    expect(JSON.parse(entries[0].after!)).toMatchObject({ title: 'Phiên chợ số Tam Quang', teamIds: input.teamIds });
  });

  it.each([
    ['an officer over the province', provinceOfficer],
    ['an admin', callers.admin],
  ])('lets %s create one too', async (_who, as) => {
    const result = await subgraph.execute(CREATE, { as, variables: { input: newEvent() } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createEvent).toMatchObject({ status: 'DRAFT', unitCode: tree.commune.unitCode });
  });

  it('takes a one-day event whose applications close on its first day, and no optional fields', async () => {
    const input = newEvent({
      startsOn: `${NEXT_YEAR}-11-20`,
      endsOn: `${NEXT_YEAR}-11-20`,
      applicationDeadline: `${NEXT_YEAR}-11-20`,
      teamIds: [tree.teams.village],
      organisers: [],
    });
    const result = await subgraph.execute(CREATE, { as: callers.officer, variables: { input } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createEvent).toMatchObject({ description: null, startsOn: `${NEXT_YEAR}-11-20`, endsOn: `${NEXT_YEAR}-11-20`, teams: [{ id: tree.teams.village }], organisers: [] });

    const bare = await subgraph.execute(CREATE, {
      as: callers.officer,
      variables: { input: newEvent({ applicationDeadline: undefined, teamIds: undefined, organisers: undefined }) },
    });
    expect(bare.errors).toBeUndefined();
    expect(bare.data?.createEvent).toMatchObject({ applicationDeadline: null, teams: [], organisers: [] });
  });

  it.each([
    ['an officer of another commune', callers.officerElsewhere, 'FORBIDDEN'],
    ['an officer of a village below the unit', { sub: 'officer-village', roles: [Role.OFFICER], units: [tree.village.unitCode] }, 'FORBIDDEN'],
    ['an organiser', callers.organiser, 'FORBIDDEN'],
    ['a partner', callers.partner, 'FORBIDDEN'],
    ['a team leader', callers.leader, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s and writes nothing', async (_who, as, code) => {
    const before = await rowCounts();
    const result = await subgraph.execute(CREATE, { as: as as HubClaims | undefined, variables: { input: newEvent() } });
    expect(errorCodes(result)).toEqual([code]);
    expect(result.data).toBeNull();
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['endsOn', { startsOn: `${NEXT_YEAR}-10-10`, endsOn: `${NEXT_YEAR}-10-09` }],
    ['applicationDeadline', { startsOn: `${NEXT_YEAR}-10-10`, applicationDeadline: `${NEXT_YEAR}-10-11` }],
    ['teamIds.1', { teamIds: [tree.teams.village, tree.teams.otherCommune] }],
    ['title', { title: 'X' }],
    ['venue', { venue: '' }],
    ['organisers.0.name', { organisers: [{ subject: 'organiser', name: 'B' }] }],
    ['startsOn', { startsOn: '2099-02-30' }],
    ['startsOn', { startsOn: '0001-01-01' }],
    ['endsOn', { endsOn: '5026-01-01' }],
    ['teamIds.1', { teamIds: [tree.teams.village, tree.teams.village] }],
    ['title', { title: 'Phiên chợ\u0000số' }],
    ['venue', { venue: '   ' }],
    ['kind', { kind: 'PARTY' }],
  ])('rejects a bad %s, naming it, and writes nothing', async (field, override) => {
    const before = await rowCounts();
    const result = await subgraph.execute(CREATE, { as: callers.officer, variables: { input: newEvent(override) } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe(field);
    expect(await rowCounts()).toEqual(before);
  });

  it('rejects an organiser named twice, naming the second, and writes nothing', async () => {
    const before = await rowCounts();
    const organisers = [
      { subject: 'organiser', name: 'Ban tổ chức xã' },
      { subject: 'other-organiser', name: 'Đoàn thanh niên' },
      { subject: 'organiser', name: 'Ban tổ chức xã (lặp)' },
    ];
    const result = await subgraph.execute(CREATE, { as: callers.officer, variables: { input: newEvent({ organisers }) } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe('organisers.2.subject');
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['unit', { unitCode: 'NO-SUCH-UNIT' }, 'AdministrativeUnit'],
    ['team', { teamIds: [randomUUID()] }, 'Team'],
  ])('answers NOT_FOUND for an unknown %s and writes nothing', async (_what, override, type) => {
    const before = await rowCounts();
    const result = await subgraph.execute(CREATE, { as: callers.officer, variables: { input: newEvent(override) } });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.errors?.[0].extensions?.type).toBe(type);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('setEventStatus', () => {
  const SET = `mutation ($id: ID!, $status: EventStatus!) { setEventStatus(id: $id, status: $status) { id status } }`;
  const statusOf = async (id: string) => (await subgraph.db.manager.findOneByOrFail(Event, { id })).status;

  it('takes an event through DRAFT → PUBLISHED → OPEN_FOR_APPLICATIONS → CLOSED → HELD for its organiser, auditing each step', async () => {
    const event = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.DRAFT });
    const steps = [EventStatus.PUBLISHED, EventStatus.OPEN_FOR_APPLICATIONS, EventStatus.CLOSED, EventStatus.HELD];
    for (const status of steps) {
      const result = await subgraph.execute(SET, { as: callers.organiser, variables: { id: event.id, status } });
      expect(result.errors).toBeUndefined();
      expect(result.data?.setEventStatus).toEqual({ id: event.id, status });
      expect(await statusOf(event.id)).toBe(status);
    }
    const entries = await auditOf(event.id);
    expect(entries.map((entry) => [entry.actor, entry.action, JSON.parse(entry.before!).status, JSON.parse(entry.after!).status])).toEqual(
      expect.arrayContaining([
        ['organiser', 'setEventStatus', 'DRAFT', 'PUBLISHED'],
        ['organiser', 'setEventStatus', 'PUBLISHED', 'OPEN_FOR_APPLICATIONS'],
        ['organiser', 'setEventStatus', 'OPEN_FOR_APPLICATIONS', 'CLOSED'],
        ['organiser', 'setEventStatus', 'CLOSED', 'HELD'],
      ]),
    );
    expect(entries).toHaveLength(4);
    expect(entries.every((entry) => entry.unitPath === tree.commune.unitPath)).toBe(true);
  });

  it.each([
    [EventStatus.PUBLISHED, EventStatus.CLOSED],
    [EventStatus.CLOSED, EventStatus.OPEN_FOR_APPLICATIONS],
    [EventStatus.DRAFT, EventStatus.CANCELLED],
    [EventStatus.PUBLISHED, EventStatus.CANCELLED],
    [EventStatus.OPEN_FOR_APPLICATIONS, EventStatus.CANCELLED],
    [EventStatus.CLOSED, EventStatus.CANCELLED],
  ])('allows %s → %s', async (from, to) => {
    const event = await fakeEvent(subgraph.db, tree.commune, { status: from });
    const result = await subgraph.execute(SET, { as: callers.organiser, variables: { id: event.id, status: to } });
    expect(result.errors).toBeUndefined();
    expect(await statusOf(event.id)).toBe(to);
  });

  it.each([
    [EventStatus.HELD, EventStatus.CANCELLED],
    [EventStatus.HELD, EventStatus.CLOSED],
    [EventStatus.HELD, EventStatus.OPEN_FOR_APPLICATIONS],
    [EventStatus.HELD, EventStatus.DRAFT],
    [EventStatus.DRAFT, EventStatus.HELD],
    [EventStatus.DRAFT, EventStatus.OPEN_FOR_APPLICATIONS],
    [EventStatus.DRAFT, EventStatus.CLOSED],
    [EventStatus.PUBLISHED, EventStatus.DRAFT],
    [EventStatus.PUBLISHED, EventStatus.HELD],
    [EventStatus.OPEN_FOR_APPLICATIONS, EventStatus.PUBLISHED],
    [EventStatus.OPEN_FOR_APPLICATIONS, EventStatus.HELD],
    [EventStatus.OPEN_FOR_APPLICATIONS, EventStatus.OPEN_FOR_APPLICATIONS],
    [EventStatus.CANCELLED, EventStatus.PUBLISHED],
    [EventStatus.CANCELLED, EventStatus.CANCELLED],
  ])('refuses %s → %s (CONFLICT) and changes nothing', async (from, to) => {
    const event = await fakeEvent(subgraph.db, tree.commune, { status: from });
    const before = await rowCounts();
    const result = await subgraph.execute(SET, { as: callers.organiser, variables: { id: event.id, status: to } });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(await statusOf(event.id)).toBe(from);
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['the officer over its unit', callers.officer],
    ['an officer over the province', provinceOfficer],
    ['an admin', callers.admin],
  ])('lets %s run it without being named an organiser', async (_who, as) => {
    const event = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.DRAFT });
    const result = await subgraph.execute(SET, { as, variables: { id: event.id, status: 'PUBLISHED' } });
    expect(result.errors).toBeUndefined();
    expect(await statusOf(event.id)).toBe(EventStatus.PUBLISHED);
  });

  it('lets a second organiser of the event run it', async () => {
    const event = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.PUBLISHED }, { organiser: 'other-organiser' });
    const result = await subgraph.execute(SET, { as: callers.otherOrganiser, variables: { id: event.id, status: 'OPEN_FOR_APPLICATIONS' } });
    expect(result.errors).toBeUndefined();
    expect(await statusOf(event.id)).toBe(EventStatus.OPEN_FOR_APPLICATIONS);
  });

  it.each([
    ['another event’s organiser', callers.otherOrganiser, 'FORBIDDEN'],
    ['its organiser’s subject without the ORGANISER role', organiserWithoutRole, 'FORBIDDEN'],
    ['an officer of another commune', callers.officerElsewhere, 'FORBIDDEN'],
    ['a partner', callers.partner, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s and changes nothing', async (_who, as, code) => {
    const event = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.PUBLISHED });
    const before = await rowCounts();
    const result = await subgraph.execute(SET, { as, variables: { id: event.id, status: 'OPEN_FOR_APPLICATIONS' } });
    expect(errorCodes(result)).toEqual([code]);
    expect(await statusOf(event.id)).toBe(EventStatus.PUBLISHED);
    expect(await rowCounts()).toEqual(before);
  });

  it('tells another event’s organiser in Vietnamese what they may not do', async () => {
    const event = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.PUBLISHED });
    const result = await subgraph.execute(SET, { as: callers.otherOrganiser, variables: { id: event.id, status: 'OPEN_FOR_APPLICATIONS' } });
    expect(result.errors?.map((error) => error.message)).toEqual(['Bạn không có quyền điều hành sự kiện này']);
  });

  it('answers NOT_FOUND for another organiser’s draft and for an unknown event', async () => {
    const draft = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.DRAFT });
    const hidden = await subgraph.execute(SET, { as: callers.otherOrganiser, variables: { id: draft.id, status: 'PUBLISHED' } });
    expect(errorCodes(hidden)).toEqual(['NOT_FOUND']);
    expect(await statusOf(draft.id)).toBe(EventStatus.DRAFT);
    const unknown = await subgraph.execute(SET, { as: callers.admin, variables: { id: randomUUID(), status: 'PUBLISHED' } });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
  });
});

describe('who sees an event', () => {
  const EVENT = `query ($id: ID!) { event(id: $id) { id title status } }`;

  it.each([
    ['its organiser', callers.organiser],
    ['the officer over its unit', callers.officer],
    ['an officer over the province', provinceOfficer],
    ['an admin', callers.admin],
  ])('shows a draft to %s', async (_who, as) => {
    const draft = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.DRAFT });
    const result = await subgraph.execute(EVENT, { as, variables: { id: draft.id } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.event).toEqual({ id: draft.id, title: draft.title, status: 'DRAFT' });
  });

  it.each([
    ['an anonymous caller', undefined],
    ['another organiser', callers.otherOrganiser],
    ['its organiser’s subject without the ORGANISER role', organiserWithoutRole],
    ['an officer of another commune', callers.officerElsewhere],
    ['a partner', callers.partner],
  ])('hides a draft from %s (NOT_FOUND)', async (_who, as) => {
    const draft = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.DRAFT });
    const result = await subgraph.execute(EVENT, { as, variables: { id: draft.id } });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.data?.event).toBeNull();
  });

  it.each([EventStatus.PUBLISHED, EventStatus.OPEN_FOR_APPLICATIONS, EventStatus.CLOSED, EventStatus.HELD, EventStatus.CANCELLED])(
    'shows a %s event to anyone',
    async (status) => {
      const event = await fakeEvent(subgraph.db, tree.commune, { status });
      const result = await subgraph.execute(EVENT, { variables: { id: event.id } });
      expect(result.errors).toBeUndefined();
      expect(result.data?.event).toEqual({ id: event.id, title: event.title, status });
    },
  );

  it('answers NOT_FOUND for an unknown event', async () => {
    const result = await subgraph.execute(EVENT, { as: callers.admin, variables: { id: randomUUID() } });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });
});

describe('events under a unit', () => {
  const EVENTS = /* GraphQL */ `
    query ($unit: String!, $from: LocalDate, $kind: EventKind, $status: EventStatus) {
      events(unitCode: $unit, first: 100, from: $from, kind: $kind, status: $status) { totalCount nodes { title } }
    }
  `;
  const corner = fakeCommune(tree);
  const elsewhere = fakeCommune(tree);

  beforeAll(async () => {
    const { db } = subgraph;
    const at = (title: string, startsOn: string, endsOn: string, fields: Partial<Event> = {}, place = corner.commune) =>
      fakeEvent(db, place, { title, startsOn, endsOn, ...fields });
    // Saved out of date order.
    await at('Hội chợ tháng 5', `${NEXT_YEAR}-05-01`, `${NEXT_YEAR}-05-02`, { status: EventStatus.PUBLISHED });
    await at('Chiến dịch tháng 3', `${NEXT_YEAR}-03-01`, `${NEXT_YEAR}-03-10`, { kind: EventKind.CAMPAIGN, status: EventStatus.OPEN_FOR_APPLICATIONS });
    await at('Bản nháp tháng 4', `${NEXT_YEAR}-04-01`, `${NEXT_YEAR}-04-01`, { status: EventStatus.DRAFT });
    await at('Đã tổ chức 2024', '2024-06-01', '2024-06-02', { status: EventStatus.HELD });
    await at('Đã huỷ tháng 6', `${NEXT_YEAR}-06-01`, `${NEXT_YEAR}-06-01`, { status: EventStatus.CANCELLED });
    await at('Thôn tháng 2', `${NEXT_YEAR}-02-01`, `${NEXT_YEAR}-02-01`, { kind: EventKind.TRAINING_DAY, status: EventStatus.CLOSED }, corner.village);
    await at('Xã khác tháng 1', `${NEXT_YEAR}-01-01`, `${NEXT_YEAR}-01-01`, { status: EventStatus.PUBLISHED }, elsewhere.commune);
  });

  const publicTitles = ['Đã tổ chức 2024', 'Thôn tháng 2', 'Chiến dịch tháng 3', 'Hội chợ tháng 5', 'Đã huỷ tháng 6'];
  const allTitles = ['Đã tổ chức 2024', 'Thôn tháng 2', 'Chiến dịch tháng 3', 'Bản nháp tháng 4', 'Hội chợ tháng 5', 'Đã huỷ tháng 6'];

  it.each([
    ['an anonymous caller', undefined],
    ['another event’s organiser', callers.otherOrganiser],
    ['an officer of another commune', elsewhere.officer],
  ])('lists to %s the events under the unit and its villages by start date, without drafts', async (_who, as) => {
    const result = await subgraph.execute(EVENTS, { as, variables: { unit: corner.commune.unitCode } });
    expect(result.errors).toBeUndefined();
    expect(titlesOf(result)).toEqual(publicTitles);
    expect(result.data?.events.totalCount).toBe(5);
  });

  it.each([
    ['the officer over the unit', corner.officer],
    ['an officer over the province', provinceOfficer],
    ['an admin', callers.admin],
  ])('shows the drafts to %s', async (_who, as) => {
    const result = await subgraph.execute(EVENTS, { as, variables: { unit: corner.commune.unitCode } });
    expect(result.errors).toBeUndefined();
    expect(titlesOf(result)).toEqual(allTitles);
    expect(result.data?.events.totalCount).toBe(6);
  });

  it('lists only the village’s events under the village', async () => {
    const result = await subgraph.execute(EVENTS, { as: corner.officer, variables: { unit: corner.village.unitCode } });
    expect(titlesOf(result)).toEqual(['Thôn tháng 2']);
  });

  it('filters by the last day, the kind and the status', async () => {
    const run = async (filters: Record<string, unknown>, as?: HubClaims) => {
      const result = await subgraph.execute(EVENTS, { as, variables: { unit: corner.commune.unitCode, ...filters } });
      expect(result.errors).toBeUndefined();
      return titlesOf(result);
    };
    // Events ending on or after the day: the campaign ends on 10 March.
    expect(await run({ from: `${NEXT_YEAR}-03-10` })).toEqual(['Chiến dịch tháng 3', 'Hội chợ tháng 5', 'Đã huỷ tháng 6']);
    expect(await run({ from: `${NEXT_YEAR}-03-11` })).toEqual(['Hội chợ tháng 5', 'Đã huỷ tháng 6']);
    expect(await run({ from: `${NEXT_YEAR}-03-11` }, corner.officer)).toEqual(['Bản nháp tháng 4', 'Hội chợ tháng 5', 'Đã huỷ tháng 6']);
    expect(await run({ kind: 'CAMPAIGN' })).toEqual(['Chiến dịch tháng 3']);
    expect(await run({ kind: 'FAIR', from: `${NEXT_YEAR}-01-01` })).toEqual(['Hội chợ tháng 5', 'Đã huỷ tháng 6']);
    expect(await run({ status: 'CLOSED' })).toEqual(['Thôn tháng 2']);
    expect(await run({ status: 'DRAFT' })).toEqual([]);
    expect(await run({ status: 'DRAFT' }, corner.officer)).toEqual(['Bản nháp tháng 4']);
  });

  it('pages through them by start date, then id', async () => {
    const place = fakeCommune(tree);
    const sameDay = await Promise.all([1, 2, 3].map((n) => fakeEvent(subgraph.db, place.commune, { title: `Cùng ngày ${n}`, startsOn: `${NEXT_YEAR}-08-08`, endsOn: `${NEXT_YEAR}-08-08` })));
    await fakeEvent(subgraph.db, place.commune, { title: 'Sớm nhất', startsOn: `${NEXT_YEAR}-07-01`, endsOn: `${NEXT_YEAR}-07-01` });
    await fakeEvent(subgraph.db, place.commune, { title: 'Muộn nhất', startsOn: `${NEXT_YEAR}-09-09`, endsOn: `${NEXT_YEAR}-09-09` });
    const expected = ['Sớm nhất', ...[...sameDay].sort((a, b) => (a.id < b.id ? -1 : 1)).map((event) => event.title), 'Muộn nhất'];

    const PAGE = /* GraphQL */ `
      query ($unit: String!, $after: String) {
        events(unitCode: $unit, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { title } }
      }
    `;
    const pages: string[][] = [];
    let after: string | null = null;
    do {
      const page: any = await subgraph.execute(PAGE, { variables: { unit: place.commune.unitCode, after } });
      expect(page.errors).toBeUndefined();
      expect(page.data.events.totalCount).toBe(5);
      pages.push(titlesOf(page));
      after = page.data.events.pageInfo.hasNextPage ? page.data.events.pageInfo.endCursor : null;
    } while (after);
    expect(pages).toEqual([expected.slice(0, 2), expected.slice(2, 4), expected.slice(4)]);

    const bad = await subgraph.execute(PAGE, { variables: { unit: place.commune.unitCode, after: 'not-a-cursor' } });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0].extensions?.field).toBe('after');
  });

  it('answers NOT_FOUND for an unknown unit', async () => {
    const result = await subgraph.execute(EVENTS, { variables: { unit: 'NO-SUCH-UNIT' } });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });
});

describe('addStallCategory', () => {
  const ADD = /* GraphQL */ `
    mutation ($eventId: ID!, $input: StallCategoryInput!) {
      addStallCategory(eventId: $eventId, input: $input) { id name kind admission capacity fee size freeStalls }
    }
  `;
  const newCategory = (overrides: Record<string, unknown> = {}) => ({
    name: 'Gian hàng đối tác',
    kind: 'PARTNER_BOOTH',
    admission: 'REVIEWED',
    capacity: 3,
    fee: '500000',
    codePrefix: 'A',
    ...overrides,
  });
  const codesOf = async (categoryId: string) =>
    (await subgraph.db.manager.find(Stall, { where: { categoryId }, order: { code: 'ASC' } })).map((stall) => stall.code);

  it('lets an organiser add a category with its stalls A01…, and audits it', async () => {
    const event = await fakeEvent(subgraph.db, tree.commune);
    const result = await subgraph.execute(ADD, { as: callers.organiser, variables: { eventId: event.id, input: newCategory() } });
    expect(result.errors).toBeUndefined();
    const category = result.data?.addStallCategory;
    expect(category).toEqual({
      id: expect.any(String),
      name: 'Gian hàng đối tác',
      kind: 'PARTNER_BOOTH',
      admission: 'REVIEWED',
      capacity: 3,
      fee: '500000',
      size: '3 m × 3 m',
      freeStalls: 3,
    });
    expect(await codesOf(category.id)).toEqual(['A01', 'A02', 'A03']);
    expect(await subgraph.db.manager.countBy(Stall, { eventId: event.id })).toBe(3);

    const [entry] = await auditOf(category.id);
    expect(entry).toMatchObject({ actor: 'organiser', action: 'addStallCategory', entityType: 'StallCategory', unitPath: tree.commune.unitPath });
    expect(JSON.parse(entry.after!)).toMatchObject({ codePrefix: 'A', capacity: 3 });

    const page = await subgraph.execute(`query ($id: ID!) { event(id: $id) { categories { name freeStalls } } }`, { variables: { id: event.id } });
    expect(page.data?.event.categories).toEqual([{ name: 'Gian hàng đối tác', freeStalls: 3 }]);
  });

  it('makes a category free when no fee is given (the schema’s default, parsed as Money)', async () => {
    const event = await fakeEvent(subgraph.db, tree.commune);
    const { fee: _, ...withoutFee } = newCategory();
    const result = await subgraph.execute(ADD, { as: callers.organiser, variables: { eventId: event.id, input: withoutFee } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.addStallCategory).toMatchObject({ fee: '0', freeStalls: 3 });
  });

  it('numbers a dozen stalls with two digits and a hundred with three', async () => {
    const event = await fakeEvent(subgraph.db, tree.commune);
    const dozen = await subgraph.execute(ADD, { as: callers.officer, variables: { eventId: event.id, input: newCategory({ codePrefix: 'B', capacity: 12 }) } });
    expect(dozen.errors).toBeUndefined();
    const dozenCodes = await codesOf(dozen.data?.addStallCategory.id);
    expect(dozenCodes).toHaveLength(12);
    expect([dozenCodes[0], dozenCodes[9], dozenCodes[11]]).toEqual(['B01', 'B10', 'B12']);

    const hundred = await subgraph.execute(ADD, {
      as: callers.organiser,
      variables: { eventId: event.id, input: newCategory({ codePrefix: 'NS', capacity: 100, fee: '0', size: '2 m × 2 m' }) },
    });
    expect(hundred.errors).toBeUndefined();
    expect(hundred.data?.addStallCategory).toMatchObject({ fee: '0', size: '2 m × 2 m', freeStalls: 100 });
    const hundredCodes = await codesOf(hundred.data?.addStallCategory.id);
    expect(hundredCodes).toHaveLength(100);
    expect([hundredCodes[0], hundredCodes[98], hundredCodes[99]]).toEqual(['NS001', 'NS099', 'NS100']);
  });

  it('adds one of two categories sent together with one prefix, and names codePrefix for the other', async () => {
    const event = await fakeEvent(subgraph.db, tree.commune);
    const results = await Promise.all(
      ['Gian hàng một', 'Gian hàng hai'].map((name) =>
        subgraph.execute(ADD, { as: callers.organiser, variables: { eventId: event.id, input: newCategory({ codePrefix: 'T', name }) } }),
      ),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.flatMap((result) => result.errors ?? []).map((error) => error.extensions)).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'codePrefix' }),
    ]);
    expect(await subgraph.db.manager.countBy(Stall, { eventId: event.id })).toBe(3);
  });

  it('allows the same prefix at another event and on a draft or closed event', async () => {
    const first = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.DRAFT });
    const second = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.CLOSED });
    for (const event of [first, second]) {
      const result = await subgraph.execute(ADD, { as: callers.organiser, variables: { eventId: event.id, input: newCategory({ codePrefix: 'Q' }) } });
      expect(result.errors).toBeUndefined();
    }
  });

  it.each([
    ['a small category', 3],
    ['a category of a hundred stalls', 100],
  ])('rejects a prefix already used at the event by %s, naming it, and writes nothing', async (_what, capacity) => {
    const event = await fakeEvent(subgraph.db, tree.commune);
    await fakeCategory(subgraph.db, event, { capacity: 2 }, 'K');
    const taken = await subgraph.execute(ADD, { as: callers.organiser, variables: { eventId: event.id, input: newCategory({ codePrefix: 'A', capacity }) } });
    expect(taken.errors).toBeUndefined();

    for (const again of [3, 100]) {
      const before = await rowCounts();
      const result = await subgraph.execute(ADD, {
        as: callers.organiser,
        variables: { eventId: event.id, input: newCategory({ codePrefix: 'A', capacity: again, name: 'Gian hàng trùng' }) },
      });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0].extensions?.field).toBe('codePrefix');
      expect(await rowCounts()).toEqual(before);
    }
  });

  it.each([
    ['codePrefix', { codePrefix: 'a' }],
    ['codePrefix', { codePrefix: 'A1' }],
    ['codePrefix', { codePrefix: 'ABCD' }],
    ['codePrefix', { codePrefix: '' }],
    ['capacity', { capacity: 0 }],
    ['capacity', { capacity: 501 }],
    ['name', { name: 'X' }],
    ['fee', { fee: '-5' }],
  ])('rejects a bad %s (%j), naming it, and writes nothing', async (field, override) => {
    const event = await fakeEvent(subgraph.db, tree.commune);
    const before = await rowCounts();
    const result = await subgraph.execute(ADD, { as: callers.organiser, variables: { eventId: event.id, input: newCategory(override) } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe(field);
    expect(await rowCounts()).toEqual(before);
  });

  it.each([EventStatus.HELD, EventStatus.CANCELLED])('refuses a %s event (CONFLICT) and writes nothing', async (status) => {
    const event = await fakeEvent(subgraph.db, tree.commune, { status });
    const before = await rowCounts();
    const result = await subgraph.execute(ADD, { as: callers.organiser, variables: { eventId: event.id, input: newCategory() } });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(await rowCounts()).toEqual(before);
  });

  it.each([
    ['another event’s organiser', callers.otherOrganiser, 'FORBIDDEN'],
    ['an officer of another commune', callers.officerElsewhere, 'FORBIDDEN'],
    ['a partner', callers.partner, 'FORBIDDEN'],
    ['a team leader', callers.leader, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s and writes nothing', async (_who, as, code) => {
    const event = await fakeEvent(subgraph.db, tree.commune);
    const before = await rowCounts();
    const result = await subgraph.execute(ADD, { as, variables: { eventId: event.id, input: newCategory() } });
    expect(errorCodes(result)).toEqual([code]);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('organisers of an event', () => {
  const ORGANISERS = `query ($id: ID!) { event(id: $id) { title organisers { subject name } } }`;
  let event: Event;

  beforeAll(async () => {
    event = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.PUBLISHED });
    await subgraph.db.manager.save(subgraph.db.manager.create(EventOrganiser, { eventId: event.id, subject: 'co-organiser', name: 'Lê Thị Hoa' }));
  });

  it.each([
    ['its organiser', callers.organiser],
    ['the officer over its unit', callers.officer],
    ['an officer over the province', provinceOfficer],
    ['an admin', callers.admin],
  ])('shows them to %s', async (_who, as) => {
    const result = await subgraph.execute(ORGANISERS, { as, variables: { id: event.id } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.event).toEqual({
      title: event.title,
      organisers: [
        { subject: 'organiser', name: 'Ban tổ chức' },
        { subject: 'co-organiser', name: 'Lê Thị Hoa' },
      ],
    });
  });

  it.each([
    ['another event’s organiser', callers.otherOrganiser, 'FORBIDDEN'],
    ['its organiser’s subject without the ORGANISER role', organiserWithoutRole, 'FORBIDDEN'],
    ['an officer of another commune', callers.officerElsewhere, 'FORBIDDEN'],
    ['a partner', callers.partner, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('hides them from %s, and only them', async (_who, as, code) => {
    const result = await subgraph.execute(ORGANISERS, { as, variables: { id: event.id } });
    expect(errorCodes(result)).toEqual([code]);
    expect(result.errors?.[0].path).toEqual(['event', 'organisers']);
    expect(result.data?.event).toEqual({ title: event.title, organisers: null });
  });
});

describe('recordEventTallies', () => {
  const RECORD = /* GraphQL */ `
    mutation ($eventId: ID!, $input: EventTalliesInput!) {
      recordEventTallies(eventId: $eventId, input: $input) {
        id accountsOpened shopsOnboarded residentsHelped tallies { skill residentsHelped }
      }
    }
  `;
  const tallies = (residentsHelped: { skill: string; residentsHelped: number }[], accountsOpened = 12, shopsOnboarded = 3) => ({
    residentsHelped,
    accountsOpened,
    shopsOnboarded,
  });
  const storedTallies = async (eventId: string) =>
    (await subgraph.db.manager.find(EventTally, { where: { eventId }, order: { skill: 'ASC' } })).map(({ skill, residentsHelped }) => [skill, residentsHelped]);

  it('lets an organiser record the counts, replacing those recorded before, and audits it', async () => {
    const event = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.HELD });
    const first = await subgraph.execute(RECORD, {
      as: callers.organiser,
      variables: {
        eventId: event.id,
        input: tallies([
          { skill: 'ONLINE_PUBLIC_SERVICES', residentsHelped: 25 },
          { skill: 'ONLINE_PAYMENT', residentsHelped: 40 },
        ]),
      },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data?.recordEventTallies).toEqual({
      id: event.id,
      accountsOpened: 12,
      shopsOnboarded: 3,
      residentsHelped: 65,
      tallies: [
        { skill: 'ONLINE_PAYMENT', residentsHelped: 40 },
        { skill: 'ONLINE_PUBLIC_SERVICES', residentsHelped: 25 },
      ],
    });

    const second = await subgraph.execute(RECORD, {
      as: callers.officer,
      variables: { eventId: event.id, input: tallies([{ skill: 'ONLINE_SAFETY', residentsHelped: 7 }], 15, 0) },
    });
    expect(second.errors).toBeUndefined();
    expect(second.data?.recordEventTallies).toEqual({
      id: event.id,
      accountsOpened: 15,
      shopsOnboarded: 0,
      residentsHelped: 7,
      tallies: [{ skill: 'ONLINE_SAFETY', residentsHelped: 7 }],
    });
    expect(await storedTallies(event.id)).toEqual([['ONLINE_SAFETY', 7]]);
    expect(await subgraph.db.manager.findOneByOrFail(Event, { id: event.id })).toMatchObject({ accountsOpened: 15, shopsOnboarded: 0 });

    const entries = await auditOf(event.id);
    expect(entries).toHaveLength(2);
    const replacing = entries.find((entry) => entry.actor === 'officer')!;
    expect(replacing).toMatchObject({ action: 'recordEventTallies', entityType: 'Event', unitPath: tree.commune.unitPath });
    expect(JSON.parse(replacing.before!)).toMatchObject({
      accountsOpened: 12,
      tallies: expect.arrayContaining([expect.objectContaining({ skill: 'ONLINE_PAYMENT', residentsHelped: 40 })]),
    });
  });

  it('can clear the counts', async () => {
    const event = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.HELD });
    await fakeTally(subgraph.db, event, BasicSkill.ONLINE_SHOPPING, 9);
    const result = await subgraph.execute(RECORD, { as: callers.organiser, variables: { eventId: event.id, input: tallies([], 0, 0) } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.recordEventTallies).toMatchObject({ residentsHelped: 0, tallies: [] });
    expect(await storedTallies(event.id)).toEqual([]);
  });

  it.each([
    ['residentsHelped.2.skill', [
      { skill: 'ONLINE_PAYMENT', residentsHelped: 4 },
      { skill: 'ONLINE_SAFETY', residentsHelped: 5 },
      { skill: 'ONLINE_PAYMENT', residentsHelped: 6 },
    ], 1],
    ['residentsHelped.1.residentsHelped', [
      { skill: 'ONLINE_PAYMENT', residentsHelped: 4 },
      { skill: 'ONLINE_SAFETY', residentsHelped: -1 },
    ], 1],
    ['accountsOpened', [{ skill: 'ONLINE_PAYMENT', residentsHelped: 4 }], -1],
  ])('rejects a bad %s, naming it, and keeps the counts recorded before', async (field, residentsHelped, accountsOpened) => {
    const event = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.HELD, accountsOpened: 2 });
    await fakeTally(subgraph.db, event, BasicSkill.ONLINE_SHOPPING, 9);
    const before = await rowCounts();
    const result = await subgraph.execute(RECORD, { as: callers.organiser, variables: { eventId: event.id, input: tallies(residentsHelped, accountsOpened) } });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].extensions?.field).toBe(field);
    expect(await rowCounts()).toEqual(before);
    expect(await storedTallies(event.id)).toEqual([['ONLINE_SHOPPING', 9]]);
    expect((await subgraph.db.manager.findOneByOrFail(Event, { id: event.id })).accountsOpened).toBe(2);
  });

  it.each([
    ['another event’s organiser', callers.otherOrganiser, 'FORBIDDEN'],
    ['an officer of another commune', callers.officerElsewhere, 'FORBIDDEN'],
    ['a partner', callers.partner, 'FORBIDDEN'],
    ['an anonymous caller', undefined, 'UNAUTHENTICATED'],
  ])('refuses %s and changes nothing', async (_who, as, code) => {
    const event = await fakeEvent(subgraph.db, tree.commune, { status: EventStatus.HELD });
    await fakeTally(subgraph.db, event, BasicSkill.ONLINE_SHOPPING, 9);
    const before = await rowCounts();
    const result = await subgraph.execute(RECORD, {
      as,
      variables: { eventId: event.id, input: tallies([{ skill: 'ONLINE_PAYMENT', residentsHelped: 100 }]) },
    });
    expect(errorCodes(result)).toEqual([code]);
    expect(await rowCounts()).toEqual(before);
    expect(await storedTallies(event.id)).toEqual([['ONLINE_SHOPPING', 9]]);
  });
});

describe('N+1', () => {
  const PAGE = /* GraphQL */ `
    query ($unit: String!) {
      events(unitCode: $unit, first: 50) {
        nodes {
          categories { name freeStalls }
          teams { id }
          exhibitors { name stallCode }
          tallies { skill residentsHelped }
          contests { title winners { rank } }
        }
      }
    }
  `;

  /** `count` events (a draft among them) in a fresh commune, each with stalls, exhibitors, teams, tallies and a scored contest. */
  async function eventsOf(count: number) {
    const place = fakeCommune(tree);
    const { db } = subgraph;
    for (let index = 0; index < count; index += 1) {
      const status = index === 0 ? EventStatus.DRAFT : EventStatus.OPEN_FOR_APPLICATIONS;
      const event = await fakeEvent(db, place.commune, { status }, { teamIds: [place.teams.commune, place.teams.village] });
      const { category, stalls } = await fakeCategory(db, event, { capacity: 3 }, 'A');
      await fakeCategory(db, event, { capacity: 2 }, 'B');
      await fakeApplication(db, category, { status: ApplicationStatus.APPROVED, stallId: stalls[0].id });
      await fakeApplication(db, category, { status: ApplicationStatus.APPROVED, stallId: stalls[1].id });
      await fakeApplication(db, category, { status: ApplicationStatus.PENDING });
      await fakeTally(db, event, BasicSkill.ONLINE_PAYMENT, 10);
      await fakeTally(db, event, BasicSkill.ONLINE_SAFETY, 5);
      const { contest } = await fakeContest(db, event, {}, 2);
      await fakeEntry(db, contest, { score: 80 });
      await fakeEntry(db, contest, { score: 90 });
    }
    return place;
  }

  it.each([
    ['an anonymous caller', () => undefined, (count: number) => count - 1],
    ['the officer over the unit', (place: ReturnType<typeof fakeCommune>) => place.officer, (count: number) => count],
  ])('costs %s as many SQL queries for 8 events as for 2', async (_who, as, visible) => {
    const run = async (count: number) => {
      const place = await eventsOf(count);
      let result: any;
      const queries = await subgraph.countQueries(async () => {
        result = await subgraph.execute(PAGE, { as: as(place), variables: { unit: place.commune.unitCode } });
      });
      expect(result.errors).toBeUndefined();
      expect(result.data.events.nodes).toHaveLength(visible(count));
      for (const node of result.data.events.nodes) {
        expect(node.categories.map((category: { freeStalls: number }) => category.freeStalls).sort()).toEqual([1, 2]);
        expect(node.teams).toHaveLength(2);
        expect(node.exhibitors.map((exhibitor: { stallCode: string }) => exhibitor.stallCode)).toEqual(['A01', 'A02']);
        expect(node.tallies).toHaveLength(2);
        expect(node.contests).toEqual([{ title: expect.any(String), winners: [{ rank: 1 }, { rank: 2 }] }]);
      }
      return queries;
    };
    const few = await run(2);
    const many = await run(8);
    expect(many).toBe(few);
  });
});
