import { Database } from '../database';
import { freshTestDatabaseUrl, racingADeletion } from '../testing/database';
import { RecordingChannel } from '../testing/channels';
import { onMysql } from '../testing/on-mysql';
import { teams } from '../../teams';
import { ChannelKind, useChannels } from './channels';
import { ReminderSent } from './entities';
import { ReminderScheduler, type DueReminder, type ReminderJob } from './scheduler';

const zalo = new RecordingChannel(ChannelKind.ZALO);
const reminder = { kind: 'activity-report.owed', recordId: 'team-thon-mot', period: '2026-11', subject: 'Nhắc nộp báo cáo hoạt động tháng 11/2026', text: 'Tổ công nghệ số thôn Một chưa nộp báo cáo.' };
const toLeader = { ...reminder, recipients: [{ key: 'leader-thon-mot', channel: ChannelKind.ZALO, address: '0912345678' }] };
const toOfficers = { ...reminder, officersOver: 'VN.01.001' };
/** A job finding the same reminder due every run; `name` is its lease's. */
const finding = (due: DueReminder) => (name: string): ReminderJob => ({ name, everyMinutes: 60, due: async () => [due] });

beforeAll(() => useChannels({ ZALO: zalo }));
afterAll(() => useChannels({}));

/**
 * Two runs at once (two replicas; here under leases of different names) claiming one reminder in the
 * sent-log while its row is deleted (a claim given back): both wait for the deletion, both lock the
 * deleted row to read it, and InnoDB makes one claim a deadlock's victim. It is claimed again, finds
 * the reminder sent (or announced), and its run goes on: the reminder goes once and neither run fails.
 */
onMysql.each([
  ['sent to a person', finding(toLeader)],
  ['announced to the officers', finding(toOfficers)],
])('two runs claiming a reminder %s as its sent-log row is deleted: once, neither run fails', async (_, owedReport) => {
  const url = await freshTestDatabaseUrl('teams_sent_log_race');
  const [a, b] = [await Database.open({ url, entities: teams.entities, migrations: teams.migrations }), await Database.open({ url, entities: teams.entities, migrations: teams.migrations })];
  try {
    await a.migrate();
    const now = new Date('2026-12-06T03:00:00Z');
    await new ReminderScheduler(a, [owedReport('job.first')], 'replica-a').tick(now);
    // A round meets the deadlock two times in three (as the new claims' ids fall in the index): five rounds.
    for (const round of [1, 2, 3, 4, 5]) {
      const { id } = await a.manager.findOneByOrFail(ReminderSent, { recordId: reminder.recordId });
      const runs = await racingADeletion(url, ['DELETE FROM reminder_sent WHERE id = ?', [id]], 2, () =>
        Promise.all([new ReminderScheduler(a, [owedReport(`job.a.${round}`)], 'replica-a').tick(now), new ReminderScheduler(b, [owedReport(`job.b.${round}`)], 'replica-b').tick(now)]),
      );
      expect(runs.map(({ ran }) => ran)).toEqual([[`job.a.${round}`], [`job.b.${round}`]]);
      expect(runs.map(({ sent, announced }) => sent + announced).sort()).toEqual([0, 1]);
    }
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});
