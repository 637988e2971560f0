import { Role, type HubClaims } from '../../common/auth';
import { addDays, todayInVietnam } from '../../common/dates';
import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import { resources } from '..';
import { InteractionKind, SponsorContact, SponsorInteraction, type Sponsor } from '../entities';
import { fakePledge, fakeProgramme, fakeSponsor, fakeTree } from '../testing/factories';

/** A unit's follow-up list: instalments due soon or overdue across its subtree, memoranda ending soon. */
let subgraph: TestSubgraph;
const tree = fakeTree();
const { officer, officerElsewhere, leader } = tree.callers;
const provinceOfficer: HubClaims = { sub: 'province-officer', roles: [Role.OFFICER], units: [tree.province.unitCode] };
const today = todayInVietnam();
const day = (days: number) => addDays(today, days);

const FOLLOW_UP = `query ($code: String!, $days: Int) {
  pledgeFollowUp(unitCode: $code, withinDays: $days) {
    today until
    instalments { instalment { dueOn outstanding status } pledge { description } sponsor { name } programme { name } sponsorContacts { fullName phone } }
    memoranda { memorandum { validUntil summary } sponsor { name } sponsorContacts { fullName } }
  }
}`;

function ok<T>(result: OperationResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const followUp = (as: HubClaims | undefined, days?: number, code = tree.commune.unitCode) =>
  subgraph.execute(FOLLOW_UP, { as, variables: days === undefined ? { code } : { code, days } });

async function sponsorWithContact(place: typeof tree.commune, name: string): Promise<Sponsor> {
  const sponsor = await fakeSponsor(subgraph.db, place, { name });
  await subgraph.db.manager.save(subgraph.db.manager.create(SponsorContact, { sponsorId: sponsor.id, fullName: `Liên hệ ${name}`, position: null, phone: '0912345678', email: null }));
  return sponsor;
}

async function memorandum(sponsor: Sponsor, validUntil: string, summary: string): Promise<void> {
  const { manager } = subgraph.db;
  await manager.save(manager.create(SponsorInteraction, { sponsorId: sponsor.id, kind: InteractionKind.MEMORANDUM, occurredOn: '2025-01-01', validUntil, summary, recordedBy: 'test' }));
}

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
  const local = await sponsorWithContact(tree.commune, 'Hợp tác xã Tam Quang');
  const provincial = await sponsorWithContact(tree.province, 'Viettel Nghệ An');
  const atCommune = await fakeProgramme(subgraph.db, tree.commune, { name: 'Ngày hội xã' });
  const atVillage = await fakeProgramme(subgraph.db, tree.village, { name: 'Chiến dịch bản', teamId: tree.teamId });
  const elsewhere = await fakeProgramme(subgraph.db, tree.otherCommune, { name: 'Xã bên' });
  const owed = (description: string) => ({ amount: 1_000_000, description });
  await fakePledge(subgraph.db, atCommune, local, owed('quá hạn'), [{ dueOn: day(-20), amount: 1_000_000 }]);
  await fakePledge(subgraph.db, atVillage, provincial, owed('sắp đến hạn'), [{ dueOn: day(5), amount: 1_000_000, received: 400_000 }]);
  await fakePledge(subgraph.db, atCommune, local, owed('hạn xa'), [{ dueOn: day(60), amount: 1_000_000 }]);
  await fakePledge(subgraph.db, atCommune, local, owed('đã trả'), [{ dueOn: day(-3), amount: 1_000_000, received: 1_000_000 }]);
  await fakePledge(subgraph.db, atCommune, local, owed('đã xóa nợ'), [{ dueOn: day(-3), amount: 1_000_000, writtenOffAt: new Date() }]);
  await fakePledge(subgraph.db, atCommune, local, { ...owed('đã hủy'), cancelledAt: new Date() }, [{ dueOn: day(-3), amount: 1_000_000 }]);
  await fakePledge(subgraph.db, atCommune, local, owed('không hạn'), [{ dueOn: null, amount: 1_000_000 }]);
  await fakePledge(subgraph.db, elsewhere, local, owed('xã khác'), [{ dueOn: day(-3), amount: 1_000_000 }]);
  await memorandum(local, day(12), 'Ghi nhớ sắp hết hạn');
  await memorandum(local, day(-1), 'Ghi nhớ đã hết hạn');
  await memorandum(local, day(100), 'Ghi nhớ còn lâu');
});
afterAll(() => subgraph.close());

it('lists instalments overdue or due within the window across the subtree, by due date, with what is outstanding', async () => {
  const { pledgeFollowUp } = ok(await followUp(officer));
  expect(pledgeFollowUp).toMatchObject({ today, until: day(30) });
  expect(pledgeFollowUp.instalments.map((item: any) => [item.pledge.description, item.instalment.dueOn, item.instalment.outstanding, item.instalment.status, item.programme.name])).toEqual([
    ['quá hạn', day(-20), '1000000', 'OVERDUE', 'Ngày hội xã'],
    ['sắp đến hạn', day(5), '600000', 'PARTLY_PAID', 'Chiến dịch bản'],
  ]);
  const wider = ok(await followUp(officer, 90)).pledgeFollowUp;
  expect(wider.instalments.map((item: any) => item.pledge.description)).toEqual(['quá hạn', 'sắp đến hạn', 'hạn xa']);
});

it('shows a sponsor’s contacts only to officers over the sponsor’s unit', async () => {
  const commune = ok(await followUp(officer)).pledgeFollowUp.instalments;
  expect(commune.map((item: any) => [item.sponsor.name, item.sponsorContacts])).toEqual([
    ['Hợp tác xã Tam Quang', [{ fullName: 'Liên hệ Hợp tác xã Tam Quang', phone: '0912345678' }]],
    ['Viettel Nghệ An', null],
  ]);
  const province = ok(await followUp(provinceOfficer)).pledgeFollowUp.instalments;
  expect(province.map((item: any) => item.sponsorContacts?.[0]?.fullName)).toEqual(['Liên hệ Hợp tác xã Tam Quang', 'Liên hệ Viettel Nghệ An']);
});

it('lists memoranda ending within the window', async () => {
  const { memoranda } = ok(await followUp(officer)).pledgeFollowUp;
  expect(memoranda).toEqual([
    { memorandum: { validUntil: day(12), summary: 'Ghi nhớ sắp hết hạn' }, sponsor: { name: 'Hợp tác xã Tam Quang' }, sponsorContacts: [{ fullName: 'Liên hệ Hợp tác xã Tam Quang' }] },
  ]);
});

it('is for officers over the unit only', async () => {
  expect(errorCodes(await followUp(officerElsewhere))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await followUp(leader))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await followUp(undefined))).toEqual(['UNAUTHENTICATED']);
  expect(ok(await followUp(officerElsewhere, 30, tree.otherCommune.unitCode)).pledgeFollowUp.instalments.map((item: any) => item.pledge.description)).toEqual(['xã khác']);
});

it('refuses a window beyond a year, naming withinDays', async () => {
  const refused = await followUp(officer, 400);
  expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
  expect(JSON.stringify(refused.errors)).toContain('withinDays');
});

it('answers a longer list in the same number of SQL queries (no N+1)', async () => {
  const count = () => subgraph.countQueries(() => followUp(provinceOfficer, 30, tree.province.unitCode));
  const before = await count();
  const programme = await fakeProgramme(subgraph.db, tree.otherCommune);
  for (const name of ['Bưu điện tỉnh', 'MB Nghệ An', 'VNPT Nghệ An']) {
    const sponsor = await sponsorWithContact(tree.otherCommune, name);
    await fakePledge(subgraph.db, programme, sponsor, { amount: 2_000_000 }, [{ dueOn: day(-1), amount: 1_000_000 }, { dueOn: day(3), amount: 1_000_000 }]);
    await memorandum(sponsor, day(7), `Ghi nhớ ${name}`);
  }
  const after = ok(await followUp(provinceOfficer, 30, tree.province.unitCode)).pledgeFollowUp;
  expect(after.instalments).toHaveLength(9);
  expect(after.memoranda).toHaveLength(4);
  expect(await count()).toBe(before);
});
