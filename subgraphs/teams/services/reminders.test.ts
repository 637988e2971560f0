import { Role, type HubClaims } from '../../common/auth';
import { Database } from '../../common/database';
import { ChannelKind, useChannels } from '../../common/reminders/channels';
import { RecordingChannel } from '../../common/testing/channels';
import { ReminderSent } from '../../common/reminders/entities';
import { Lease } from '../../common/lease';
import { ReminderScheduler } from '../../common/reminders/scheduler';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { teams } from '..';
import { MembershipRequest, MembershipRequestKind, MembershipRequestStatus, ReminderPreference, type Team } from '../entities';
import { fakeReport, fakeTeam, fakeTwoTierTree } from '../testing/factories';
import { TEAM_REMINDERS, teamReminderJobs } from './reminders';

const email = new RecordingChannel(ChannelKind.EMAIL);
const zalo = new RecordingChannel(ChannelKind.ZALO);
const allSent = () => [...email.sent, ...zalo.sent];
/** What reached the leader of thôn Một on Zalo (thôn Hai's leader gets their own team's reminders). */
const toLeader = () => zalo.sent.filter(({ to }) => to === '0912345678');

let subgraph: TestSubgraph;
let tree: Awaited<ReturnType<typeof fakeTwoTierTree>>;
let villageTeam: Team;
let reportingTeam: Team;
let officer: HubClaims;
let leader: HubClaims;

const SET = 'mutation ($input: ReminderPreferenceInput!) { setMyReminderPreference(input: $input) { channel address optedOut } }';
const setPreference = (as: HubClaims, input: object) => subgraph.execute(SET, { variables: { input: { optedOut: false, ...input } }, as });
/** Vietnam is UTC+7: 00:00 UTC is 07:00 there. */
const at = (date: string) => new Date(`${date}T00:00:00Z`);

beforeAll(async () => {
  useChannels({ EMAIL: email, ZALO: zalo });
  subgraph = await createTestSubgraph(teams);
  tree = await fakeTwoTierTree(subgraph.db);
  ({ team: villageTeam } = await fakeTeam(subgraph.db, tree.village, { name: 'Tổ công nghệ số thôn Một' }));
  ({ team: reportingTeam } = await fakeTeam(subgraph.db, tree.otherVillage, { name: 'Tổ công nghệ số thôn Hai' }));
  await fakeReport(subgraph.db, reportingTeam, '2026-11');
  officer = { sub: 'officer-xa-mot', roles: [Role.OFFICER], units: [tree.commune.code] };
  leader = { sub: 'leader-thon-mot', roles: [Role.TEAM_LEADER], team: villageTeam.id };
});
afterAll(async () => {
  useChannels({});
  await subgraph.close();
});

describe('preferences', () => {
  it('each sets their own; the address is sealed at rest and not in the audit trail', async () => {
    expect((await setPreference(officer, { channel: 'EMAIL', address: 'canbo@xamot.gov.vn' })).errors).toBeUndefined();
    expect((await setPreference(leader, { channel: 'ZALO', address: '0912345678' })).data?.setMyReminderPreference).toEqual({
      channel: 'ZALO',
      address: '0912345678',
      optedOut: false,
    });
    const [{ address }] = await subgraph.db.manager.query('SELECT address FROM reminder_preference WHERE personKey = ?', ['leader-thon-mot']);
    expect(address).not.toContain('0912345678');
    const mine = await subgraph.execute('{ myReminderPreference { address } }', { as: officer });
    expect(mine.data?.myReminderPreference).toEqual({ address: 'canbo@xamot.gov.vn' });
    const someoneElse = await subgraph.execute('{ myReminderPreference { address } }', { as: { sub: 'officer-xa-hai', roles: [Role.OFFICER], units: [tree.otherCommune.code] } });
    expect(someoneElse.data?.myReminderPreference).toBeNull();
  });

  it('refuses an address unfit for the channel, naming the field and writing nothing', async () => {
    const stranger: HubClaims = { sub: 'officer-new', roles: [Role.OFFICER], units: [tree.commune.code] };
    for (const input of [{ channel: 'EMAIL', address: '0912345678' }, { channel: 'ZALO', address: 'canbo@xamot.gov.vn' }]) {
      const result = await setPreference(stranger, input);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors![0].extensions!.field).toBe('input.address');
    }
    expect(await subgraph.db.manager.countBy(ReminderPreference, { personKey: 'officer-new' })).toBe(0);
    expect(errorCodes(await subgraph.execute(SET, { variables: { input: { channel: 'EMAIL', address: 'a@b.vn' } } }))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('scheduled reminders, with a fake clock', () => {
  const scheduler = () => new ReminderScheduler(subgraph.db, teamReminderJobs);

  it('reminds the leader of last month’s report only after the 5th, once, and not a team that reported', async () => {
    // The reporting team's leader wants reminders too: they get none, their team reported.
    await setPreference({ sub: 'leader-thon-hai', roles: [Role.TEAM_LEADER], team: reportingTeam.id }, { channel: 'ZALO', address: '0912000222' });
    const first = scheduler();
    expect((await first.tick(at('2026-12-05'))).sent).toBe(0);
    expect(allSent()).toEqual([]);

    // The jobs ran on the 5th: the next run is due an hour later, not a minute later.
    expect((await first.tick(new Date(at('2026-12-06').getTime() - 60_000 * 60 * 24 + 60_000))).ran).toEqual([]);
    const sixth = await first.tick(at('2026-12-06'));
    expect(sixth.ran.sort()).toEqual(['teams.activity-report-owed', 'teams.announced-reminders', 'teams.membership-requests-waiting']);
    expect(zalo.sent).toEqual([
      {
        to: '0912345678',
        subject: 'Nhắc nộp báo cáo hoạt động tháng 11/2026',
        text: 'Tổ công nghệ số thôn Một chưa nộp báo cáo hoạt động tháng 11/2026 (hạn ngày 05/12/2026). Xin tổ trưởng nộp báo cáo trên ứng dụng Tổ công nghệ số cộng đồng.',
      },
    ]);
    // Later runs, by this replica or another, find it due again and send nothing.
    await first.tick(at('2026-12-07'));
    await scheduler().tick(at('2026-12-08'));
    expect(zalo.sent).toHaveLength(1);
    expect(await subgraph.db.manager.countBy(ReminderSent, { kind: 'activity-report.owed', recordId: villageTeam.id, period: '2026-11' })).toBe(1);
  });

  it('reminds of requests waiting: the leader to recommend, the commune’s officers to decide', async () => {
    const waiting = (status: MembershipRequestStatus, since: Date, referenceCode: string) =>
      subgraph.db.manager.save(
        subgraph.db.manager.create(MembershipRequest, {
          kind: MembershipRequestKind.JOIN,
          status,
          teamId: villageTeam.id,
          applicantName: 'Lê Thị Hoa',
          applicantPhone: '0987000111',
          referenceCode,
          createdAt: since,
          recommendedAt: status === MembershipRequestStatus.RECOMMENDED ? since : null,
        }),
      );
    await waiting(MembershipRequestStatus.PENDING, at('2026-12-01'), 'TQ-PEND-01');
    await waiting(MembershipRequestStatus.RECOMMENDED, at('2026-12-02'), 'TQ-RECO-01');
    email.sent = [];
    zalo.sent = [];

    // Day 7 after the first: not yet more than waitingDays.
    await scheduler().tick(new Date(at('2026-12-08').getTime() - 60_000));
    expect(allSent()).toEqual([]);
    await scheduler().tick(at('2026-12-10'));
    expect(zalo.sent.map(({ subject, text }) => ({ subject, text }))).toEqual([
      { subject: 'Đơn chờ tổ trưởng cho ý kiến', text: `Đơn xin gia nhập Tổ công nghệ số thôn Một (mã TQ-PEND-01) đã chờ tổ trưởng cho ý kiến hơn ${TEAM_REMINDERS.waitingDays} ngày. Xin tổ trưởng xem và đề nghị trên ứng dụng.` },
    ]);
    expect(email.sent).toEqual([
      {
        to: 'canbo@xamot.gov.vn',
        subject: 'Đơn chờ Chủ tịch UBND xã quyết định',
        text: `Đơn xin gia nhập Tổ công nghệ số thôn Một (mã TQ-RECO-01) đã được tổ trưởng đề nghị và chờ quyết định hơn ${TEAM_REMINDERS.waitingDays} ngày. Xin xem và quyết định trên ứng dụng.`,
      },
    ]);
    // Never the applicant's name or phone in a reminder.
    expect(JSON.stringify(allSent())).not.toMatch(/Lê Thị Hoa|0987000111/);
  });

  it('sends nothing to a person who opted out, and gives a refused message back to be retried', async () => {
    await setPreference(leader, { channel: 'ZALO', address: '0912345678', optedOut: true });
    await setPreference(officer, { channel: 'EMAIL', address: 'canbo@xamot.gov.vn' });
    const request = await subgraph.db.manager.save(
      subgraph.db.manager.create(MembershipRequest, {
        kind: MembershipRequestKind.LEAVE,
        status: MembershipRequestStatus.RECOMMENDED,
        teamId: villageTeam.id,
        createdAt: at('2026-12-01'),
        recommendedAt: at('2026-12-03'),
      }),
    );
    email.sent = [];
    zalo.sent = [];
    email.refusing = true;
    const refused = await scheduler().tick(at('2027-01-06'));
    expect(refused.failed).toBe(1);
    expect(await subgraph.db.manager.countBy(ReminderSent, { recordId: request.id })).toBe(0);
    email.refusing = false;
    // The team still owes December: but its leader opted out.
    const retried = await scheduler().tick(new Date('2027-01-06T01:00:00Z'));
    expect(retried.failed).toBe(0);
    expect(toLeader()).toEqual([]);
    expect(email.sent.map(({ text }) => text)).toEqual([expect.stringContaining('Đơn xin rời Tổ công nghệ số thôn Một đã được tổ trưởng đề nghị')]);
  });

  it('catches up after downtime: the first run after weeks sends what is due now, once', async () => {
    await setPreference(leader, { channel: 'ZALO', address: '0912345678', optedOut: false });
    zalo.sent = [];
    // No replica ran from 6 January to 20 March: the first run sends February's owed report (a month's report is
    // reminded of during the next month only: December's, unsent while the leader had opted out, is not sent late).
    const result = await scheduler().tick(at('2027-03-20'));
    expect(result.ran).toContain('teams.activity-report-owed');
    expect(toLeader().map(({ subject }) => subject)).toEqual(['Nhắc nộp báo cáo hoạt động tháng 02/2027']);
  });

  it('sends once when two schedulers (two replicas, each its own connection) run at the same instant', async () => {
    // On SQLite one process owns the file: both schedulers share it. On MariaDB each has its own pool.
    const url = (subgraph.db.dataSource.options as { url?: string }).url;
    const other = url ? await Database.open({ url, entities: teams.entities, migrations: teams.migrations }) : subgraph.db;
    try {
      await subgraph.db.manager.createQueryBuilder().delete().from(Lease).execute();
      zalo.sent = [];
      const now = at('2027-04-06');
      const results = await Promise.all([new ReminderScheduler(subgraph.db, teamReminderJobs, 'replica-a').tick(now), new ReminderScheduler(other, teamReminderJobs, 'replica-b').tick(now)]);
      expect(results.map((result) => result.ran.length).reduce((sum, n) => sum + n)).toBe(teamReminderJobs.length);
      // Each leader once: both teams owe March.
      expect(zalo.sent.map(({ to, subject }) => `${to} ${subject}`).sort()).toEqual(['0912000222 Nhắc nộp báo cáo hoạt động tháng 03/2027', '0912345678 Nhắc nộp báo cáo hoạt động tháng 03/2027']);
      // Even when both run the jobs (here under leases of other names), the sent-log lets each message through once.
      await subgraph.db.manager.delete(ReminderSent, { period: '2027-03' });
      zalo.sent = [];
      const later = at('2027-04-07');
      const renamed = teamReminderJobs.map((job) => ({ ...job, name: `${job.name}:b` }));
      const both = await Promise.all([new ReminderScheduler(subgraph.db, teamReminderJobs, 'replica-a').tick(later), new ReminderScheduler(other, renamed, 'replica-b').tick(later)]);
      expect(both.map((result) => result.ran.length)).toEqual([teamReminderJobs.length, teamReminderJobs.length]);
      expect(zalo.sent).toHaveLength(2);
      expect(both.map((result) => result.sent).reduce((sum, n) => sum + n)).toBe(2);
    } finally {
      if (other !== subgraph.db) await other.close();
    }
  });
});
