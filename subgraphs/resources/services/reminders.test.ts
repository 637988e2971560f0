import { Database } from '../../common/database';
import { addDays, todayInVietnam } from '../../common/dates';
import { ChannelKind, useChannels } from '../../common/reminders/channels';
import { Lease } from '../../common/lease';
import { REMINDER_DUE, ReminderScheduler, type ReminderDueV1 } from '../../common/reminders/scheduler';
import { RecordingChannel } from '../../common/testing/channels';
import { deliverEvents, eventsInOutbox } from '../../common/testing/events';
import { freshTestDatabaseUrl } from '../../common/testing/database';
import { createTestSubgraph, type TestSubgraph } from '../../common/testing/subgraph';
import { StaticUnitDirectory } from '../../common/testing/unit-directory';
import { resources } from '..';
import { teams } from '../../teams';
import { ReminderPreference } from '../../teams/entities';
import { announcedReminders, teamReminderJobs } from '../../teams/services/reminders';
import { Expense, ExpenseStatus, InteractionKind, SponsorInteraction, SponsorKind, type Programme, type Sponsor } from '../entities';
import { fakePledge, fakeProgramme, fakeSponsor, fakeTree } from '../testing/factories';
import { seedDemoData } from '../seed';
import { RESOURCE_REMINDERS, resourceReminderJobs } from './reminders';

/**
 * Pledges, memoranda and expenses found due in resources are announced once (`reminder.due`), and
 * the teams subgraph, which keeps the officers' preferences, sends them on. The clock is fake: a
 * scheduler's tick is given its `now`, the data are placed around today.
 */
let subgraph: TestSubgraph;
let teamsSubgraph: TestSubgraph;
const tree = fakeTree();
const email = new RecordingChannel(ChannelKind.EMAIL);
const zalo = new RecordingChannel(ChannelKind.ZALO);
const today = todayInVietnam();
const day = (days: number) => addDays(today, days);
const inWords = (date: string) => date.split('-').reverse().join('/');
/** Noon in Vietnam, `days` from today. */
const at = (days: number) => new Date(`${day(days)}T05:00:00Z`);
const HOUR = 3_600_000;

let organisation: Sponsor;
let atCommune: Programme;
let elsewhere: Programme;

const announced = async () => (await eventsInOutbox({ name: 'resources', db: subgraph.db }, REMINDER_DUE)).map((event) => ({ ...(event.payload as ReminderDueV1), unitPath: event.scope!.unitPath }));
const resourcesScheduler = (holder?: string) => new ReminderScheduler(subgraph.db, resourceReminderJobs, holder);
const teamsScheduler = () => new ReminderScheduler(teamsSubgraph.db, teamReminderJobs);
const deliverToTeams = () => deliverEvents([{ name: 'resources', db: subgraph.db }], { db: teamsSubgraph.db, consumers: [announcedReminders] });

async function expense(programme: Programme, waitingDays: number, status = ExpenseStatus.PENDING): Promise<Expense> {
  const { manager } = subgraph.db;
  return manager.save(
    manager.create(Expense, {
      programmeId: programme.id,
      budgetLineId: null,
      amount: 1_500_000,
      spentOn: day(-waitingDays),
      description: 'Thuê loa đài',
      evidence: 'HĐ 0001234',
      status,
      recordedBy: 'officer',
      decidedBy: null,
      createdAt: new Date(Date.now() - waitingDays * 24 * HOUR),
    }),
  );
}

beforeAll(async () => {
  useChannels({ EMAIL: email, ZALO: zalo });
  subgraph = await createTestSubgraph(resources, tree.units);
  teamsSubgraph = await createTestSubgraph(teams);
  organisation = await fakeSponsor(subgraph.db, tree.commune, { name: 'Hợp tác xã Tam Quang' });
  const person = await fakeSponsor(subgraph.db, tree.commune, { kind: SponsorKind.INDIVIDUAL, name: 'Nguyễn Văn Hảo', taxCode: null });
  atCommune = await fakeProgramme(subgraph.db, tree.commune, { name: 'Ngày hội xã' });
  elsewhere = await fakeProgramme(subgraph.db, tree.otherCommune, { name: 'Xã bên' });
  // Two instalments: the first overdue, the second due in 5 days.
  await fakePledge(subgraph.db, atCommune, organisation, { amount: 10_000_000 }, [
    { dueOn: day(-10), amount: 5_000_000, received: 2_000_000 },
    { dueOn: day(5), amount: 5_000_000 },
  ]);
  // A person's pledge, paid at once, due in 3 days: the reminder never names them.
  await fakePledge(subgraph.db, atCommune, person, { amount: 2_000_000 }, [{ dueOn: day(3), amount: 2_000_000 }]);
  // Not due: later than 7 days, paid, cancelled.
  await fakePledge(subgraph.db, atCommune, organisation, {}, [{ dueOn: day(20) }]);
  await fakePledge(subgraph.db, atCommune, organisation, { amount: 1_000_000 }, [{ dueOn: day(2), amount: 1_000_000, received: 1_000_000 }]);
  await fakePledge(subgraph.db, atCommune, organisation, { cancelledAt: new Date() }, [{ dueOn: day(2) }]);
  const { manager } = subgraph.db;
  const memorandum = (validUntil: string) =>
    manager.create(SponsorInteraction, { sponsorId: organisation.id, kind: InteractionKind.MEMORANDUM, occurredOn: '2025-01-15', validUntil, summary: 'Ghi nhớ hợp tác', recordedBy: 'officer' });
  await manager.save([memorandum(day(12)), memorandum(day(60))]);
  await expense(elsewhere, 4);
  await expense(atCommune, 1);
  await expense(atCommune, 10, ExpenseStatus.APPROVED);

  // In teams: officers over the commune (by email), over the province (Zalo), over the other commune, and one who opted out.
  const { commune, province, otherCommune } = tree;
  const preference = (personKey: string, unitPath: string, channel: ChannelKind, address: string, optedOut = false) =>
    teamsSubgraph.db.manager.create(ReminderPreference, { personKey, unitPaths: ` ${unitPath} `, teamId: null, channel, address, optedOut });
  await teamsSubgraph.db.manager.save([
    preference('officer-xa', commune.unitPath, ChannelKind.EMAIL, 'canbo@tamquang.gov.vn'),
    preference('officer-tinh', province.unitPath, ChannelKind.ZALO, '0912000001'),
    preference('officer-xa-ben', otherCommune.unitPath, ChannelKind.EMAIL, 'canbo@chaukhe.gov.vn'),
    preference('officer-nghi', commune.unitPath, ChannelKind.EMAIL, 'nghi@tamquang.gov.vn', true),
  ]);
});
afterAll(async () => {
  useChannels({});
  await subgraph.close();
  await teamsSubgraph.close();
});

describe('found due in resources, announced once', () => {
  it('announces instalments due within 7 days and overdue, memoranda ending, expenses waiting: in Vietnamese, never a person’s name', async () => {
    const result = await resourcesScheduler().tick(at(0));
    expect(result.ran.sort()).toEqual(['resources.expenses-awaiting-approval', 'resources.memoranda-ending', 'resources.pledge-instalments-due']);
    const reminders = await announced();
    expect(reminders.map(({ kind, period, unitPath }) => `${kind} ${period} ${unitPath}`).sort()).toEqual(
      [
        `expense.awaiting-approval PENDING ${tree.otherCommune.unitPath}`,
        `memorandum.ending ${day(12)} ${tree.commune.unitPath}`,
        `pledge-instalment.due-soon ${day(3)} ${tree.commune.unitPath}`,
        `pledge-instalment.due-soon ${day(5)} ${tree.commune.unitPath}`,
        `pledge-instalment.overdue ${day(-10)} ${tree.commune.unitPath}`,
      ].sort(),
    );
    expect(result.announced).toBe(5);
    const text = (kind: string, period: string) => reminders.find((reminder) => reminder.kind === kind && reminder.period === period)!.text;
    expect(text('pledge-instalment.overdue', day(-10))).toBe(
      `Đợt 1 của khoản cam kết 10.000.000 đồng của Hợp tác xã Tam Quang cho chương trình «Ngày hội xã» đã quá hạn từ ngày ${inWords(day(-10))}, còn thiếu 3.000.000 đồng. Xin liên hệ nhà tài trợ hoặc ghi nhận khoản đã nhận trên ứng dụng.`,
    );
    expect(text('pledge-instalment.due-soon', day(3))).toBe(
      `Khoản cam kết 2.000.000 đồng của một nhà hảo tâm cho chương trình «Ngày hội xã» đến hạn ngày ${inWords(day(3))}, còn thiếu 2.000.000 đồng. Xin liên hệ nhà tài trợ để nhắc.`,
    );
    expect(text('memorandum.ending', day(12))).toBe(
      `Biên bản ghi nhớ với Hợp tác xã Tam Quang (ký ngày 15/01/2025) hết hiệu lực ngày ${inWords(day(12))}. Xin xem xét gia hạn hoặc ký biên bản mới.`,
    );
    expect(text('expense.awaiting-approval', 'PENDING')).toBe(
      `Khoản chi 1.500.000 đồng ngày ${inWords(day(-4))} của chương trình «Xã bên» đã chờ duyệt hơn ${RESOURCE_REMINDERS.expenseWaitingDays} ngày. Xin xem chứng từ và duyệt hoặc từ chối trên ứng dụng.`,
    );
    expect(JSON.stringify(reminders)).not.toContain('Nguyễn Văn Hảo');
  });

  it('announces nothing twice: a later run, or another replica’s, finds the same reminders due and adds no event', async () => {
    expect((await resourcesScheduler().tick(at(0))).ran).toEqual([]);
    const later = await resourcesScheduler('replica-b').tick(new Date(at(0).getTime() + 2 * HOUR));
    expect(later.ran).toHaveLength(resourceReminderJobs.length);
    expect(later.announced).toBe(0);
    expect(await announced()).toHaveLength(5);
  });

  it('catches up after downtime: the first run ten days later announces what is due then (the due-soon instalments now overdue)', async () => {
    const result = await resourcesScheduler().tick(at(10));
    expect(result.announced).toBe(3);
    const kinds = (await announced()).slice(5).map(({ kind, period }) => `${kind} ${period}`).sort();
    // The commune's expense recorded yesterday has now waited 11 days.
    expect(kinds).toEqual(['expense.awaiting-approval PENDING', `pledge-instalment.overdue ${day(3)}`, `pledge-instalment.overdue ${day(5)}`]);
  });

  it('announces once when two replicas, each with its own connection, run the jobs at the same instant', async () => {
    // On MariaDB each has its own pool and they race. On SQLite one process owns the file and its one connection
    // (a transaction there takes in whatever else runs meanwhile): replicas cannot exist, the two run one after the other.
    const url = (subgraph.db.dataSource.options as { url?: string }).url;
    const other = url ? await Database.open({ url, entities: resources.entities, migrations: resources.migrations }) : subgraph.db;
    try {
      await expense(atCommune, 5);
      await subgraph.db.manager.createQueryBuilder().delete().from(Lease).execute();
      // Jobs under other names (so both take a lease): only the claim in the sent-log keeps the event single.
      const renamed = resourceReminderJobs.map((job) => ({ ...job, name: `${job.name}:b` }));
      const now = at(11);
      const runs = [() => resourcesScheduler('replica-a').tick(now), () => new ReminderScheduler(other, renamed, 'replica-b').tick(now)];
      const both = other === subgraph.db ? [await runs[0](), await runs[1]()] : await Promise.all(runs.map((run) => run()));
      expect(both.map((result) => result.ran.length)).toEqual([resourceReminderJobs.length, resourceReminderJobs.length]);
      expect(both.map((result) => result.announced).reduce((sum, n) => sum + n)).toBe(1);
      expect((await announced()).filter(({ kind }) => kind === 'expense.awaiting-approval')).toHaveLength(3);
    } finally {
      if (other !== subgraph.db) await other.close();
    }
  });
});

describe('sent on by teams to the officers over the unit', () => {
  it('sends each reminder to the officers over its unit who want reminders, once, however often it is delivered', async () => {
    expect(await deliverToTeams()).toBe(9);
    // Delivered again: nothing new.
    expect(await deliverToTeams()).toBe(0);
    const result = await teamsScheduler().tick(new Date(Date.now() + HOUR));
    expect(result.failed).toBe(0);
    const to = (address: string) => [...email.sent, ...zalo.sent].filter((message) => message.to === address).map(({ subject }) => subject).sort();
    // The commune's: a memorandum, two expenses, two instalments due soon and three overdue (the two due soon, later).
    const commune = [
      'Biên bản ghi nhớ với nhà tài trợ sắp hết hiệu lực',
      ...Array(2).fill('Khoản chi chờ cán bộ duyệt'),
      ...Array(2).fill('Khoản cam kết tài trợ sắp đến hạn'),
      ...Array(3).fill('Khoản cam kết tài trợ đã quá hạn'),
    ].sort();
    expect(to('canbo@tamquang.gov.vn')).toEqual(commune);
    // The province's officer is over both communes.
    expect(to('0912000001')).toEqual(['Khoản chi chờ cán bộ duyệt', ...commune].sort());
    expect(to('canbo@chaukhe.gov.vn')).toEqual(['Khoản chi chờ cán bộ duyệt']);
    expect(to('nghi@tamquang.gov.vn')).toEqual([]);
    const sent = email.sent.length + zalo.sent.length;
    await teamsScheduler().tick(new Date(Date.now() + 2 * HOUR));
    expect(email.sent.length + zalo.sent.length).toBe(sent);
  });
});

it('the demo data has reminders due for the commune’s officers: an overdue instalment, a memorandum ending, an expense waiting', async () => {
  const db = await Database.open({ url: await freshTestDatabaseUrl('resources_seed_reminders'), entities: resources.entities, migrations: resources.migrations });
  try {
    await db.migrate();
    const units = new StaticUnitDirectory();
    const province = units.addUnit('40', undefined, 'Tỉnh Nghệ An');
    const commune = units.addUnit('17227', province, 'Xã Tam Quang');
    units.addUnit('17227.01', commune, 'Bản Xốp Cháo');
    units.addUnit('17227.02', commune, 'Bản Tân Hương');
    await seedDemoData(db, units);
    await new ReminderScheduler(db, resourceReminderJobs).tick();
    const kinds = (await eventsInOutbox({ name: 'resources', db }, REMINDER_DUE)).map((event) => `${(event.payload as ReminderDueV1).kind} ${event.scope!.unitPath}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        `pledge-instalment.overdue ${commune.unitPath}`,
        `memorandum.ending ${commune.unitPath}`,
        expect.stringMatching(/^expense.awaiting-approval \/40\/17227\//),
      ]),
    );
  } finally {
    await db.close();
  }
});
