import { DEMO_USERS } from '../../gateway/demo-users';
import { Role } from '../common/auth';
import { ChannelKind, useChannels } from '../common/reminders/channels';
import { ReminderScheduler } from '../common/reminders/scheduler';
import { RecordingChannel } from '../common/testing/channels';
import { createTestSubgraph, type TestSubgraph } from '../common/testing/subgraph';
import { teams } from '.';
import { seedDemoData } from './seed';
import { teamReminderJobs } from './services/reminders';

/**
 * The demo data's reminder preferences belong to the people the development sign-in offers: signed in as
 * the demo leader, `/nhac-viec` shows how they are reminded, and what is due reaches them.
 */
const zalo = new RecordingChannel(ChannelKind.ZALO);
const email = new RecordingChannel(ChannelKind.EMAIL);
let subgraph: TestSubgraph;
const demoUser = (id: string) => DEMO_USERS.find((user) => user.id === id)!.claims;

beforeAll(async () => {
  useChannels({ EMAIL: email, ZALO: zalo });
  subgraph = await createTestSubgraph(teams);
  await seedDemoData(subgraph.db);
});
afterAll(async () => {
  useChannels({});
  await subgraph.close();
});

it('every demo officer and team leader finds their own reminder preference', async () => {
  const reminded = DEMO_USERS.filter(({ claims }) => claims.roles.some((role) => role === Role.OFFICER || role === Role.TEAM_LEADER));
  expect(reminded.map(({ id }) => id)).toEqual(['officer', 'province-officer', 'national-officer', 'leader']);
  for (const { claims } of reminded) {
    const result = await subgraph.execute('{ myReminderPreference { channel optedOut } }', { as: claims });
    expect(result.data?.myReminderPreference).toEqual({ channel: expect.any(String), optedOut: false });
  }
});

it('the demo leader is reminded on Zalo of the request waiting for them, and setting their preference keeps one row', async () => {
  await new ReminderScheduler(subgraph.db, teamReminderJobs).tick();
  expect(zalo.sent.filter(({ to }) => to === '0912000002').map(({ text }) => text)).toEqual([expect.stringContaining('(mã TANHUNG2) đã chờ tổ trưởng cho ý kiến')]);
  const saved = await subgraph.execute('mutation { setMyReminderPreference(input: { channel: ZALO, address: "0912000003", optedOut: false }) { address } }', { as: demoUser('leader') });
  expect(saved.errors).toBeUndefined();
  const [{ rows }] = await subgraph.db.manager.query('SELECT COUNT(*) AS "rows" FROM reminder_preference WHERE teamId = ?', [demoUser('leader').team]);
  expect(Number(rows)).toBe(1);
});
