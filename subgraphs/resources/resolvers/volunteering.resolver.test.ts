import { randomUUID } from 'node:crypto';
import { Role, type HubClaims } from '../../common/auth';
import { subjectKeyOf } from '../../common/data-subject';
import { liftRestriction, restrictProcessing } from '../../common/restriction';
import { pdfText } from '../../common/testing/papers';
import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import { resources } from '..';
import { HoursStatus, PlannedShift, ShiftSignup, VolunteerShift, type Programme, type Volunteer } from '../entities';
import { fakePendingHours, fakePlannedShift, fakeProgramme, fakeSignup, fakeTree, fakeVolunteer } from '../testing/factories';

let subgraph: TestSubgraph;
const tree = fakeTree();
const { officer, otherOfficer, officerElsewhere } = tree.callers;
let communeProgramme: Programme;
let elsewhereProgramme: Programme;

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
  communeProgramme = await fakeProgramme(subgraph.db, tree.commune, { name: 'Ngày hội chuyển đổi số xã Tam Quang' });
  elsewhereProgramme = await fakeProgramme(subgraph.db, tree.otherCommune);
});
afterAll(() => subgraph.close());

const asVolunteer = (volunteer: Volunteer): HubClaims => ({ sub: `volunteer-${volunteer.id}`, roles: [Role.VOLUNTEER], volunteer: volunteer.id });

function ok<T>(result: OperationResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const SHIFTS = `query ($code: String!) { plannedShifts(unitCode: $code) { id title capacity signedUp signedUpByMe } }`;
const onShift = (mutation: string, selection = 'id') => `mutation ($id: ID!) { ${mutation}(shiftId: $id) { ${selection} } }`;
const LOG_OWN = `mutation ($input: OwnHoursInput!) { logMyVolunteerHours(input: $input) { id status hours } }`;
const DECIDE = `mutation ($id: ID!, $decision: HoursDecision!, $hours: Float, $reason: String) {
  decideVolunteerHours(id: $id, decision: $decision, hours: $hours, reason: $reason) { id status hours loggedHours decisionReason } }`;
const MINE = `query { myVolunteerRecord { id fullName approvedHours shifts { hours status } signups { shift { title } checkedInAt checkedOutAt cancelledAt } } }`;

describe('planned shifts', () => {
  it('are planned by the programme’s managers, and refused with an end before the start', async () => {
    const input = { programmeId: communeProgramme.id, title: 'Trực gian hàng số', startsAt: '2026-12-20T01:00:00Z', endsAt: '2026-12-20T04:00:00Z', capacity: 3 };
    const planned = ok(await subgraph.execute(`mutation ($input: PlannedShiftInput!) { planShift(input: $input) { title capacity signedUp } }`, { as: officer, variables: { input } }));
    expect(planned.planShift).toEqual({ title: 'Trực gian hàng số', capacity: 3, signedUp: 0 });
    const backwards = await subgraph.execute(`mutation ($input: PlannedShiftInput!) { planShift(input: $input) { id } }`, {
      as: officer,
      variables: { input: { ...input, endsAt: '2026-12-20T00:00:00Z' } },
    });
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'endsAt' });
  });

  it('show a volunteer the shifts of their unit and of the units above it, not of other communes', async () => {
    const volunteer = await fakeVolunteer(subgraph.db, tree.village);
    const above = await fakePlannedShift(subgraph.db, communeProgramme, { title: 'Ca của xã' });
    const elsewhere = await fakePlannedShift(subgraph.db, elsewhereProgramme, { title: 'Ca của xã khác' });
    const listed = ok(await subgraph.execute(SHIFTS, { as: asVolunteer(volunteer), variables: { code: tree.village.unitCode } })).plannedShifts as { id: string }[];
    expect(listed.map((shift) => shift.id)).toContain(above.id);
    expect(listed.map((shift) => shift.id)).not.toContain(elsewhere.id);
  });
});

describe('signing up', () => {
  it('takes a place within the capacity, keeps one place per volunteer, and refuses a full shift', async () => {
    const shift = await fakePlannedShift(subgraph.db, communeProgramme, { capacity: 2 });
    const [first, second, third] = await Promise.all([1, 2, 3].map(() => fakeVolunteer(subgraph.db, tree.village)));
    const place = ok(await subgraph.execute(onShift('signUpForShift'), { as: asVolunteer(first), variables: { id: shift.id } })).signUpForShift;
    // A retry keeps the same place and takes no second seat.
    expect(ok(await subgraph.execute(onShift('signUpForShift'), { as: asVolunteer(first), variables: { id: shift.id } })).signUpForShift).toEqual(place);
    ok(await subgraph.execute(onShift('signUpForShift'), { as: asVolunteer(second), variables: { id: shift.id } }));
    const full = await subgraph.execute(onShift('signUpForShift'), { as: asVolunteer(third), variables: { id: shift.id } });
    expect(full.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', capacity: 2 });
    expect(full.errors?.[0].message).toBe('Ca này đã đủ 2 người');
    expect((await subgraph.db.manager.findOneByOrFail(PlannedShift, { id: shift.id })).signedUp).toBe(2);
    // Cancelling gives the seat back.
    ok(await subgraph.execute(onShift('cancelShiftSignup'), { as: asVolunteer(first), variables: { id: shift.id } }));
    ok(await subgraph.execute(onShift('signUpForShift'), { as: asVolunteer(third), variables: { id: shift.id } }));
    expect((await subgraph.db.manager.findOneByOrFail(PlannedShift, { id: shift.id })).signedUp).toBe(2);
  });

  it('never overbooks when volunteers sign up at the same moment', async () => {
    const shift = await fakePlannedShift(subgraph.db, communeProgramme, { capacity: 3 });
    const volunteers = await Promise.all(Array.from({ length: 8 }, () => fakeVolunteer(subgraph.db, tree.village)));
    const results = await Promise.all(volunteers.map((volunteer) => subgraph.execute(onShift('signUpForShift'), { as: asVolunteer(volunteer), variables: { id: shift.id } })));
    expect(results.filter((result) => !result.errors)).toHaveLength(3);
    expect(results.flatMap(errorCodes).every((code) => code === 'CONFLICT')).toBe(true);
    expect(await subgraph.db.manager.countBy(ShiftSignup, { shiftId: shift.id })).toBe(3);
    expect((await subgraph.db.manager.findOneByOrFail(PlannedShift, { id: shift.id })).signedUp).toBe(3);
  });

  it('is refused for shifts of another commune and for a token naming no volunteer here', async () => {
    const volunteer = await fakeVolunteer(subgraph.db, tree.village);
    const elsewhere = await fakePlannedShift(subgraph.db, elsewhereProgramme);
    expect(errorCodes(await subgraph.execute(onShift('signUpForShift'), { as: asVolunteer(volunteer), variables: { id: elsewhere.id } }))).toEqual(['FORBIDDEN']);
    const stranger: HubClaims = { sub: 'stranger', roles: [Role.VOLUNTEER], volunteer: randomUUID() };
    const shift = await fakePlannedShift(subgraph.db, communeProgramme);
    expect(errorCodes(await subgraph.execute(onShift('signUpForShift'), { as: stranger, variables: { id: shift.id } }))).toEqual(['FORBIDDEN']);
    expect(await subgraph.db.manager.countBy(ShiftSignup, { shiftId: elsewhere.id })).toBe(0);
  });

  it('is refused to a volunteer whose processing is restricted, who keeps the places and hours held before; lifted, they sign up again', async () => {
    const volunteer = await fakeVolunteer(subgraph.db, tree.village, { phone: '0912777001' });
    const held = await fakePlannedShift(subgraph.db, communeProgramme);
    const next = await fakePlannedShift(subgraph.db, communeProgramme);
    ok(await subgraph.execute(onShift('signUpForShift'), { as: asVolunteer(volunteer), variables: { id: held.id } }));
    await restrictProcessing(subgraph.db.manager, subjectKeyOf('0912777001'), 'request-in-test');

    const refused = await subgraph.execute(onShift('signUpForShift'), { as: asVolunteer(volunteer), variables: { id: next.id } });
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    expect(refused.errors?.[0].message).toContain('hạn chế xử lý dữ liệu cá nhân');
    expect(await subgraph.db.manager.countBy(ShiftSignup, { shiftId: next.id })).toBe(0);
    expect(await subgraph.db.manager.findOneByOrFail(PlannedShift, { id: next.id })).toMatchObject({ signedUp: 0 });
    expect(await subgraph.db.manager.countBy(ShiftSignup, { shiftId: held.id, volunteerId: volunteer.id })).toBe(1);

    await liftRestriction(subgraph.db.manager, subjectKeyOf('0912777001'));
    ok(await subgraph.execute(onShift('signUpForShift'), { as: asVolunteer(volunteer), variables: { id: next.id } }));
  });
});

describe('checking in and out', () => {
  it('turns the time on the shift into hours in quarter hours, waiting for approval, once', async () => {
    const volunteer = await fakeVolunteer(subgraph.db, tree.village);
    const shift = await fakePlannedShift(subgraph.db, communeProgramme, { title: 'Hướng dẫn cài VNeID' });
    await fakeSignup(subgraph.db, shift, volunteer, { checkedInAt: new Date(Date.now() - 97 * 60_000) });
    const hours = ok(await subgraph.execute(onShift('checkOutOfShift', 'id status hours activity'), { as: asVolunteer(volunteer), variables: { id: shift.id } })).checkOutOfShift;
    expect(hours).toMatchObject({ status: 'PENDING', hours: 1.5, activity: 'Hướng dẫn cài VNeID' });
    // Checking out again gives the same hours back.
    expect(ok(await subgraph.execute(onShift('checkOutOfShift'), { as: asVolunteer(volunteer), variables: { id: shift.id } })).checkOutOfShift.id).toBe(hours.id);
    expect(await subgraph.db.manager.countBy(VolunteerShift, { plannedShiftId: shift.id })).toBe(1);
  });

  it('refuses checking in long before the shift and checking out without checking in', async () => {
    const volunteer = await fakeVolunteer(subgraph.db, tree.village);
    const tomorrow = new Date(Date.now() + 24 * 60 * 60_000);
    const later = await fakePlannedShift(subgraph.db, communeProgramme, { startsAt: tomorrow, endsAt: new Date(tomorrow.getTime() + 60 * 60_000) });
    await fakeSignup(subgraph.db, later, volunteer);
    expect(errorCodes(await subgraph.execute(onShift('checkIntoShift'), { as: asVolunteer(volunteer), variables: { id: later.id } }))).toEqual(['CONFLICT']);
    expect(errorCodes(await subgraph.execute(onShift('checkOutOfShift'), { as: asVolunteer(volunteer), variables: { id: later.id } }))).toEqual(['CONFLICT']);
  });
});

describe('logging and deciding hours', () => {
  it('logs a volunteer’s own hours once per idempotency key, in quarter hours, for programmes of their units', async () => {
    const volunteer = await fakeVolunteer(subgraph.db, tree.village);
    const input = { programmeId: communeProgramme.id, workedOn: '2025-10-02', hours: 2.25, activity: 'Hướng dẫn thanh toán không tiền mặt', idempotencyKey: randomUUID() };
    const first = ok(await subgraph.execute(LOG_OWN, { as: asVolunteer(volunteer), variables: { input } })).logMyVolunteerHours;
    expect(first).toMatchObject({ status: 'PENDING', hours: 2.25 });
    expect(ok(await subgraph.execute(LOG_OWN, { as: asVolunteer(volunteer), variables: { input } })).logMyVolunteerHours.id).toBe(first.id);
    expect(await subgraph.db.manager.countBy(VolunteerShift, { volunteerId: volunteer.id })).toBe(1);

    const odd = await subgraph.execute(LOG_OWN, { as: asVolunteer(volunteer), variables: { input: { ...input, hours: 1.1, idempotencyKey: randomUUID() } } });
    expect(odd.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'hours' });
    const unrelated = await subgraph.execute(LOG_OWN, { as: asVolunteer(volunteer), variables: { input: { ...input, programmeId: elsewhereProgramme.id, idempotencyKey: randomUUID() } } });
    expect(unrelated.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'programmeId' });
    expect(await subgraph.db.manager.countBy(VolunteerShift, { volunteerId: volunteer.id })).toBe(1);
  });

  it('approves, corrects with a reason or declines with a reason, once; only approved hours count', async () => {
    const volunteer = await fakeVolunteer(subgraph.db, tree.village, { fullName: 'Phan Thị Hoa' });
    const [approved, corrected, declined] = await Promise.all([180, 240, 60].map((minutes) => fakePendingHours(subgraph.db, communeProgramme, volunteer, { minutes })));
    expect(ok(await subgraph.execute(DECIDE, { as: officer, variables: { id: approved.id, decision: 'APPROVE' } })).decideVolunteerHours.status).toBe('APPROVED');
    const noReason = await subgraph.execute(DECIDE, { as: officer, variables: { id: corrected.id, decision: 'CORRECT', hours: 3 } });
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(ok(await subgraph.execute(DECIDE, { as: officer, variables: { id: corrected.id, decision: 'CORRECT', hours: 3, reason: 'Ca chỉ kéo dài 3 giờ' } })).decideVolunteerHours).toMatchObject({
      status: 'CORRECTED',
      hours: 3,
      loggedHours: 4,
      decisionReason: 'Ca chỉ kéo dài 3 giờ',
    });
    ok(await subgraph.execute(DECIDE, { as: officer, variables: { id: declined.id, decision: 'DECLINE', reason: 'Không thuộc chương trình' } }));
    // Decided once; the hours stay, declined ones included.
    expect(errorCodes(await subgraph.execute(DECIDE, { as: otherOfficer, variables: { id: declined.id, decision: 'APPROVE' } }))).toEqual(['CONFLICT']);
    expect(await subgraph.db.manager.countBy(VolunteerShift, { volunteerId: volunteer.id })).toBe(3);

    const mine = ok(await subgraph.execute(MINE, { as: asVolunteer(volunteer) })).myVolunteerRecord;
    expect(mine).toMatchObject({ fullName: 'Phan Thị Hoa', approvedHours: 6 });
    const programmeHours = ok(await subgraph.execute(`query ($id: ID!) { programme(id: $id) { volunteerHours } }`, { variables: { id: communeProgramme.id } }));
    expect(programmeHours.programme.volunteerHours).toBe(
      (await subgraph.db.manager.findBy(VolunteerShift, { programmeId: communeProgramme.id }))
        .filter((hours) => hours.status === HoursStatus.APPROVED || hours.status === HoursStatus.CORRECTED)
        .reduce((sum, hours) => sum + hours.minutes / 60, 0),
    );
  });

  it('never lets whoever logged hours decide them, nor an officer elsewhere', async () => {
    const volunteer = await fakeVolunteer(subgraph.db, tree.village);
    const own = await fakePendingHours(subgraph.db, communeProgramme, volunteer, { loggedBy: officer.sub });
    expect(errorCodes(await subgraph.execute(DECIDE, { as: officer, variables: { id: own.id, decision: 'APPROVE' } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.execute(DECIDE, { as: officerElsewhere, variables: { id: own.id, decision: 'APPROVE' } }))).toEqual(['FORBIDDEN']);
    expect((await subgraph.db.manager.findOneByOrFail(VolunteerShift, { id: own.id })).status).toBe(HoursStatus.PENDING);
  });

  it('lists the hours waiting for approval with their volunteers, in the same statements for 2 or 12', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.commune);
    const QUEUE = `query ($code: String!) { volunteerHoursToApprove(unitCode: $code) { id hours programme { name } volunteer { fullName approvedHours } } }`;
    const addPending = (count: number) => Promise.all(Array.from({ length: count }, async () => fakePendingHours(subgraph.db, programme, await fakeVolunteer(subgraph.db, tree.village))));
    await addPending(2);
    const few = await subgraph.countQueries(() => subgraph.execute(QUEUE, { as: officer, variables: { code: tree.commune.unitCode } }));
    await addPending(10);
    const many = await subgraph.countQueries(() => subgraph.execute(QUEUE, { as: officer, variables: { code: tree.commune.unitCode } }));
    expect(many).toBe(few);
  });
});

describe('the certificate', () => {
  it('prints the volunteer’s approved hours and their total, in Vietnamese', async () => {
    const volunteer = await fakeVolunteer(subgraph.db, tree.village, { fullName: 'Lò Văn Sơn' });
    await fakePendingHours(subgraph.db, communeProgramme, volunteer, { minutes: 150, status: HoursStatus.APPROVED, activity: 'Livestream bán nông sản' });
    await fakePendingHours(subgraph.db, communeProgramme, volunteer, { minutes: 600, status: HoursStatus.DECLINED, activity: 'Không được tính' });
    const file = ok(await subgraph.execute(`query ($id: ID!) { volunteerCertificate(volunteerId: $id) { filename contentType base64 } }`, { as: asVolunteer(volunteer), variables: { id: volunteer.id } })).volunteerCertificate;
    const text = (await pdfText(file)).replace(/\s+/g, ' ');
    expect(text).toContain('GIẤY CHỨNG NHẬN');
    expect(text).toContain('Lò Văn Sơn');
    expect(text).toContain('Livestream bán nông sản');
    expect(text).toContain('tổng thời gian 2,5 giờ');
    expect(text).toContain('Tổng cộng 2,5');
    expect(text).not.toContain('Không được tính');
  });
});
