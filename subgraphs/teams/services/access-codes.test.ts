import { subjectKeyOf } from '../../common/data-subject';
import { createTestSubgraph, errorCodes, type TestSubgraph } from '../../common/testing/subgraph';
import { dataSubjectClaims } from '../../common/testing/data-subject';
import { teams } from '..';
import { AccessCode } from '../entities';
import { ACCESS_CODE } from './access-codes';
import { ChannelKind, useChannels, type OutgoingMessage } from '../../common/reminders/channels';

let subgraph: TestSubgraph;
beforeAll(async () => {
  subgraph = await createTestSubgraph(teams);
});
afterAll(() => subgraph.close());

const SEND = 'mutation ($phone: String!) { requestAccessCode(phone: $phone) { expiresAt developmentCode } }';
const VERIFY = 'mutation ($phone: String!, $code: String!) { verifyAccessCode(phone: $phone, code: $code) { token expiresInSeconds } }';
const send = (phone: string) => subgraph.execute(SEND, { variables: { phone } });
const verify = (phone: string, code: string) => subgraph.execute(VERIFY, { variables: { phone, code } });
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

it('gives a token for the phone’s owner for the right code, once, and keeps only the code’s hash', async () => {
  const code = (await send('+84912600001')).data!.requestAccessCode.developmentCode as string;
  expect(code).toMatch(/^\d{6}$/);
  const [row] = await subgraph.db.manager.findBy(AccessCode, { subjectKey: subjectKeyOf('0912600001') });
  expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.stringify(row)).not.toContain(code);

  const verified = await verify('0912600001', code);
  expect(verified.errors).toBeUndefined();
  const report = await subgraph.execute('{ personalDataReport { key } }', { as: dataSubjectClaims('0912600001') });
  expect(report.data?.personalDataReport).toEqual({ key: subjectKeyOf('0912600001') });
  expect(errorCodes(await verify('0912600001', code))).toEqual(['UNAUTHENTICATED']);
});

it('kills a code after the wrong guesses allowed, even for the right code after them', async () => {
  const code = (await send('0912600002')).data!.requestAccessCode.developmentCode as string;
  for (let attempt = 0; attempt < ACCESS_CODE.maxFailedAttempts; attempt += 1) {
    expect(errorCodes(await verify('0912600002', wrong(code)))).toEqual(['UNAUTHENTICATED']);
  }
  expect(errorCodes(await verify('0912600002', code))).toEqual(['UNAUTHENTICATED']);
});

it('refuses an expired code', async () => {
  const code = (await send('0912600003')).data!.requestAccessCode.developmentCode as string;
  await subgraph.db.manager.update(AccessCode, { subjectKey: subjectKeyOf('0912600003') }, { expiresAt: new Date(Date.now() - 1000) });
  expect(errorCodes(await verify('0912600003', code))).toEqual(['UNAUTHENTICATED']);
});

it('sends a phone at most the codes allowed an hour, in Vietnamese', async () => {
  for (let sent = 0; sent < ACCESS_CODE.perPhonePerHour; sent += 1) expect((await send('0912600004')).errors).toBeUndefined();
  const refused = await send('0912600004');
  expect(errorCodes(refused)).toEqual(['CONFLICT']);
  expect(refused.errors?.[0].message).toContain('quá nhiều mã');
  expect(await subgraph.db.manager.countBy(AccessCode, { subjectKey: subjectKeyOf('0912600004') })).toBe(ACCESS_CODE.perPhonePerHour);
});

it('refuses to pretend to send codes in production when no Zalo channel is configured', async () => {
  const was = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const refused = await send('0912600005');
    expect(errorCodes(refused)).toEqual(['NOT_CONFIGURED']);
    expect(refused.errors?.[0].message).toContain('Chưa cấu hình');
  } finally {
    process.env.NODE_ENV = was;
  }
  expect(await subgraph.db.manager.countBy(AccessCode, { subjectKey: subjectKeyOf('0912600005') })).toBe(0);
});

it('sends the code on Zalo when the channel is configured (in production too), and never gives it back in the answer', async () => {
  const sent: OutgoingMessage[] = [];
  useChannels({ ZALO: { kind: ChannelKind.ZALO, send: async (message) => void sent.push(message) } });
  const was = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const answer = await send('0912600006');
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.requestAccessCode.developmentCode).toBeNull();
  } finally {
    process.env.NODE_ENV = was;
    useChannels({});
  }
  expect(sent).toHaveLength(1);
  expect(sent[0].to).toBe('0912600006');
  const code = sent[0].text.match(/\b(\d{6})\b/)![1];
  expect((await verify('0912600006', code)).errors).toBeUndefined();
});
