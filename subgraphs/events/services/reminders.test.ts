import { ConsentPurpose, Consent } from '../../common/consent';
import { Database } from '../../common/database';
import { freshTestDatabaseUrl } from '../../common/testing/database';
import { StaticUnitDirectory } from '../../common/testing/unit-directory';
import { addDays, todayInVietnam } from '../../common/dates';
import { ChannelKind, useChannels, ZaloChannel } from '../../common/reminders/channels';
import { ReminderSent } from '../../common/reminders/entities';
import { ReminderScheduler, type DirectReminder } from '../../common/reminders/scheduler';
import { fakeZaloApi, type FakeZaloApi } from '../../common/testing/channels';
import { fakeConsent } from '../../common/testing/consent';
import { createTestSubgraph, type TestSubgraph } from '../../common/testing/subgraph';
import { events } from '..';
import { seedDemoData } from '../seed';
import { ApplicationStatus, ExhibitorKind, StallApplication, type Stall, type StallCategory } from '../entities';
import { fakeApplication, fakeCategory, fakeEvent, fakeTree } from '../testing/factories';
import { freeStall } from './stalls';
import { EVENT_REMINDERS, eventReminderJobs, stallApproved } from './reminders';

/**
 * A household told on Zalo that its stall was approved, or given one from the waitlist: through the
 * real Zalo ZNS client against a local fake of Zalo's API, with a fake clock.
 */
let subgraph: TestSubgraph;
let zalo: FakeZaloApi;
const tree = fakeTree();
const today = todayInVietnam();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const inWords = (date: string) => date.split('-').reverse().join('/');
const scheduler = () => new ReminderScheduler(subgraph.db, eventReminderJobs);
/** What reached Zalo: the phone, in international form, and the message. */
const sentToZalo = () => zalo.requests.map(({ body }) => ({ phone: body.phone as string, ...(body.template_data as { title: string; content: string }) }));

let category: StallCategory;
let stalls: Stall[];
let approved: StallApplication;
let waitlisted: StallApplication;

/** An application decided `daysAgo`, with the consent it was made with unless `consent` is false. */
async function decided(status: ApplicationStatus, overrides: Partial<StallApplication> = {}, { daysAgo = 1, consent = true, on = category } = {}) {
  const application = await fakeApplication(subgraph.db, on, { status, decidedAt: new Date(Date.now() - daysAgo * DAY), ...overrides });
  if (consent) await fakeConsent(subgraph.db, application, ConsentPurpose.STALL_APPLICATION, application.contactPhone!);
  return application;
}

beforeAll(async () => {
  zalo = await fakeZaloApi();
  useChannels({ ZALO: new ZaloChannel({ url: zalo.url, accessToken: 'oa-token', templateId: '7895417' }) });
  subgraph = await createTestSubgraph(events, tree.units);
  const fair = await fakeEvent(subgraph.db, tree.commune, { title: 'Ngày hội chuyển đổi số xã Tam Quang', venue: 'Trường THCS Tam Quang', startsOn: addDays(today, 10), endsOn: addDays(today, 10) }, {});
  ({ category, stalls } = await fakeCategory(subgraph.db, fair, { capacity: 6 }, 'A'));
  approved = await decided(ApplicationStatus.APPROVED, { stallId: stalls[0].id, referenceCode: 'HT7Q2K', contactPhone: '0912345678' });
  waitlisted = await decided(ApplicationStatus.WAITLISTED, { contactPhone: '0987654321' });
  // Not told: a business (not a household), a household without a consent on record, one whose consent was withdrawn,
  // one approved before the catch-up window, one of a fair that is over.
  await decided(ApplicationStatus.APPROVED, { exhibitorKind: ExhibitorKind.BUSINESS, stallId: stalls[1].id });
  await decided(ApplicationStatus.APPROVED, { stallId: stalls[2].id }, { consent: false });
  const withdrawn = await decided(ApplicationStatus.APPROVED, { stallId: stalls[3].id });
  await subgraph.db.manager.update(Consent, { recordId: withdrawn.id }, { withdrawnAt: new Date() });
  await decided(ApplicationStatus.APPROVED, { stallId: stalls[4].id }, { daysAgo: EVENT_REMINDERS.catchUpDays + 1 });
  const past = await fakeEvent(subgraph.db, tree.commune, { startsOn: addDays(today, -3), endsOn: addDays(today, -3) });
  const { stalls: pastStalls, category: pastCategory } = await fakeCategory(subgraph.db, past, { capacity: 1 });
  await decided(ApplicationStatus.APPROVED, { stallId: pastStalls[0].id }, { on: pastCategory });
});
afterAll(async () => {
  useChannels({});
  await subgraph.close();
  await zalo.close();
});

it('tells a household on Zalo, with its consent, that its stall was approved: once', async () => {
  const now = new Date();
  const result = await scheduler().tick(now);
  expect(result.ran).toEqual(['events.stall-approved']);
  expect(sentToZalo()).toEqual([
    {
      phone: '84912345678',
      title: 'Gian hàng của hộ đã được duyệt',
      content: `Đăng ký gian hàng mã HT7Q2K tại «Ngày hội chuyển đổi số xã Tam Quang» đã được duyệt: gian số A01, Trường THCS Tam Quang, từ ngày ${inWords(addDays(today, 10))}. Hẹn gặp quý vị tại ngày hội.`,
    },
  ]);
  // Never who they are: the recipient is the application, not a name or a phone.
  expect(await subgraph.db.manager.findBy(ReminderSent, { recordId: approved.id })).toEqual([
    expect.objectContaining({ kind: 'stall-application.approved', period: 'APPROVED', recipientKey: `application:${approved.id}`, channel: ChannelKind.ZALO }),
  ]);
  await scheduler().tick(new Date(now.getTime() + HOUR));
  expect(zalo.requests).toHaveLength(1);
});

it('tells a household promoted from the waitlist when a stall is freed; a message Zalo refuses is sent by a later run', async () => {
  zalo.requests.length = 0;
  await subgraph.db.transaction(async (manager) => {
    const cancelled = await manager.findOneByOrFail(StallApplication, { id: approved.id });
    cancelled.status = ApplicationStatus.CANCELLED;
    await freeStall(subgraph.db, manager, cancelled);
  });
  zalo.answer = { status: 200, body: { error: -124, message: 'Access token is invalid' } };
  const refused = await scheduler().tick(new Date(Date.now() + 2 * HOUR));
  expect(refused.failed).toBe(1);
  expect(await subgraph.db.manager.countBy(ReminderSent, { recordId: waitlisted.id })).toBe(0);

  zalo.answer = { status: 200, body: { error: 0, message: 'Success', data: { msg_id: 'm2' } } };
  const retried = await scheduler().tick(new Date(Date.now() + 3 * HOUR));
  expect(retried.sent).toBe(1);
  // Zalo was asked twice: refused, then sent.
  expect(sentToZalo().map(({ phone, content }) => ({ phone, content }))).toEqual([
    { phone: '84987654321', content: expect.stringContaining('đã được duyệt: gian số A01') },
    { phone: '84987654321', content: expect.stringContaining('đã được duyệt: gian số A01') },
  ]);
});

it('the demo data has a household whose stall was just approved: its Zalo reminder is due', async () => {
  const db = await Database.open({ url: await freshTestDatabaseUrl('events_seed_reminders'), entities: events.entities, migrations: events.migrations });
  try {
    await db.migrate();
    const units = new StaticUnitDirectory();
    units.addUnit('17227', units.addUnit('40', undefined, 'Tỉnh Nghệ An'), 'Xã Tam Quang');
    await seedDemoData(db, units);
    const due = (await stallApproved.due(db, new Date())) as DirectReminder[];
    expect(due.map((reminder) => ({ kind: reminder.kind, channels: reminder.recipients.map((recipient) => recipient.channel) }))).toEqual([
      { kind: 'stall-application.approved', channels: [ChannelKind.ZALO] },
    ]);
    expect(due[0].text).toMatch(/^Đăng ký gian hàng .*Phiên chợ chuyển đổi số xã Tam Quang 2026.* đã được duyệt: gian số B02/);
  } finally {
    await db.close();
  }
});
