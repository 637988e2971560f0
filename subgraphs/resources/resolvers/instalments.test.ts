import type { HubClaims } from '../../common/auth';
import { addDays, todayInVietnam } from '../../common/dates';
import { AuditEntry } from '../../common/audit';
import { createTestSubgraph, errorCodes, type OperationResult, type TestSubgraph } from '../../common/testing/subgraph';
import { resources } from '..';
import { Pledge, PledgeInstalment, Receipt, type Programme, type Sponsor } from '../entities';
import { fakePledge, fakeProgramme, fakeSponsor, fakeTree } from '../testing/factories';

/** Pledges paid in instalments: schedules, receipts filling them in order, what is outstanding, write-offs. */
let subgraph: TestSubgraph;
const tree = fakeTree();
const { officer, leader } = tree.callers;
const today = todayInVietnam();

beforeAll(async () => {
  subgraph = await createTestSubgraph(resources, tree.units);
});
afterAll(() => subgraph.close());

const PLEDGE_FIELDS = 'id amount received outstanding status dueOn instalments { id position dueOn amount received outstanding status writtenOffAt }';
const PLEDGE = `mutation ($input: PledgeInput!) { recordPledge(input: $input) { ${PLEDGE_FIELDS} } }`;
const PLEDGES = `query ($id: ID!) { programme(id: $id) { pledges { ${PLEDGE_FIELDS} } } }`;
const CASH = `mutation ($input: CashDonationInput!) { recordCashDonation(input: $input) { id receiptNumber } }`;
const WRITE_OFF = `mutation ($input: WriteOffInstalmentInput!) { writeOffPledgeInstalment(input: $input) { id status outstanding writtenOffAt } }`;

function ok<T>(result: OperationResult<T>): T {
  expect(result.errors).toBeUndefined();
  return result.data!;
}

async function setting(): Promise<{ programme: Programme; sponsor: Sponsor }> {
  return { programme: await fakeProgramme(subgraph.db, tree.commune), sponsor: await fakeSponsor(subgraph.db, tree.commune) };
}

function pledge(programme: Programme, sponsor: Sponsor, input: Record<string, unknown>, as: HubClaims = officer) {
  return subgraph.execute(PLEDGE, { as, variables: { input: { programmeId: programme.id, sponsorId: sponsor.id, kind: 'CASH', ...input } } });
}

function give(programme: Programme, pledgeId: string, amount: number, input: Record<string, unknown> = {}) {
  return subgraph.execute(CASH, { as: officer, variables: { input: { programmeId: programme.id, pledgeId, receivedOn: today, amount: String(amount), method: 'CASH', ...input } } });
}

async function pledgeNow(programme: Programme, id: string): Promise<any> {
  const { programme: found } = ok(await subgraph.execute(PLEDGES, { as: officer, variables: { id: programme.id } }));
  return found.pledges.find((one: { id: string }) => one.id === id);
}

/** A pledge of three instalments of 3 000 000 đồng, due in 10, 40 and 70 days. */
async function threeInstalments() {
  const { programme, sponsor } = await setting();
  const instalments = [10, 40, 70].map((days) => ({ amount: '3000000', dueOn: addDays(today, days) }));
  const made = ok(await pledge(programme, sponsor, { amount: '9000000', instalments })).recordPledge;
  return { programme, sponsor, made };
}

describe('recording a pledge', () => {
  it('splits a monthly schedule into equal instalments, the remainder in the last, within each month', async () => {
    const { programme, sponsor } = await setting();
    const schedule = { frequency: 'MONTHLY', count: 3, firstDueOn: '2027-01-31' };
    const made = ok(await pledge(programme, sponsor, { amount: '10000000', schedule })).recordPledge;
    expect(made.instalments.map(({ position, dueOn, amount }: any) => [position, dueOn, amount])).toEqual([
      [1, '2027-01-31', '3333333'],
      [2, '2027-02-28', '3333333'],
      [3, '2027-03-31', '3333334'],
    ]);
    expect(made).toMatchObject({ amount: '10000000', received: '0', outstanding: '10000000', status: 'PLEDGED', dueOn: '2027-01-31' });
  });

  it('spaces a quarterly schedule three months apart', async () => {
    const { programme, sponsor } = await setting();
    const schedule = { frequency: 'QUARTERLY', count: 4, firstDueOn: '2027-11-30' };
    const made = ok(await pledge(programme, sponsor, { amount: '4000000', schedule })).recordPledge;
    expect(made.instalments.map((instalment: any) => instalment.dueOn)).toEqual(['2027-11-30', '2028-02-29', '2028-05-30', '2028-08-30']);
  });

  it('makes one instalment of a pledge paid at once', async () => {
    const { programme, sponsor } = await setting();
    const made = ok(await pledge(programme, sponsor, { amount: '500000', dueOn: '2027-06-01' })).recordPledge;
    expect(made.instalments).toMatchObject([{ position: 1, amount: '500000', dueOn: '2027-06-01', status: 'DUE' }]);
  });

  it.each([
    ['instalments', { amount: '9000000', instalments: [{ amount: '3000000', dueOn: '2027-01-01' }, { amount: '5000000', dueOn: '2027-02-01' }] }, '8000000'],
    ['instalments.1.dueOn', { amount: '8000000', instalments: [{ amount: '3000000', dueOn: '2027-02-01' }, { amount: '5000000', dueOn: '2027-01-01' }] }, 'trước ngày của đợt trước'],
    ['dueOn', { amount: '8000000', dueOn: '2027-01-01', schedule: { frequency: 'MONTHLY', count: 2, firstDueOn: '2027-01-01' } }, 'các đợt đóng góp hoặc lịch đóng góp'],
    ['schedule', { amount: '8000000', instalments: [{ amount: '8000000', dueOn: '2027-01-01' }], schedule: { frequency: 'MONTHLY', count: 2, firstDueOn: '2027-01-01' } }, 'chọn một trong hai'],
  ])('refuses bad terms naming %s, and writes nothing', async (field, input, words) => {
    const { programme, sponsor } = await setting();
    const refused = await pledge(programme, sponsor, input);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(refused.errors?.[0].message).toContain(words);
    expect(await subgraph.db.manager.countBy(Pledge, { programmeId: programme.id })).toBe(0);
  });

  it('writes one pledge for a retry with the same idempotency key', async () => {
    const { programme, sponsor } = await setting();
    const input = { amount: '6000000', schedule: { frequency: 'MONTHLY', count: 2, firstDueOn: '2027-01-15' }, idempotencyKey: `pledge-${programme.id}` };
    const first = ok(await pledge(programme, sponsor, input)).recordPledge;
    const retry = ok(await pledge(programme, sponsor, input)).recordPledge;
    expect(retry).toEqual(first);
    expect(await subgraph.db.manager.countBy(Pledge, { programmeId: programme.id })).toBe(1);
    expect(await subgraph.db.manager.countBy(PledgeInstalment, { pledgeId: first.id })).toBe(2);
  });
});

describe('receipts against a pledge', () => {
  it('fill its instalments in order, each showing received, outstanding and status', async () => {
    const { programme, made } = await threeInstalments();
    ok(await give(programme, made.id, 4_000_000));
    const now = await pledgeNow(programme, made.id);
    expect(now).toMatchObject({ received: '4000000', outstanding: '5000000', status: 'PARTLY_FULFILLED', dueOn: addDays(today, 40) });
    expect(now.instalments.map(({ received, outstanding, status }: any) => [received, outstanding, status])).toEqual([
      ['3000000', '0', 'PAID'],
      ['1000000', '2000000', 'PARTLY_PAID'],
      ['0', '3000000', 'DUE'],
    ]);
    ok(await give(programme, made.id, 5_000_000));
    expect(await pledgeNow(programme, made.id)).toMatchObject({ received: '9000000', outstanding: '0', status: 'FULFILLED', dueOn: null });
  });

  it('refuses more than is outstanding, naming amount and the outstanding sum, and writes nothing', async () => {
    const { programme, made } = await threeInstalments();
    const first = ok(await give(programme, made.id, 4_000_000)).recordCashDonation.receiptNumber;
    const refused = await give(programme, made.id, 5_000_001, { idempotencyKey: `too-much-${made.id}` });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount' });
    expect(refused.errors?.[0].message).toContain('5000000');
    expect(await subgraph.db.manager.countBy(Receipt, { pledgeId: made.id })).toBe(1);
    expect((await pledgeNow(programme, made.id)).received).toBe('4000000');
    // The refused attempt used no receipt number.
    const next = ok(await give(programme, made.id, 5_000_000)).recordCashDonation.receiptNumber;
    const sequence = (number: string) => Number(number.split('/')[2]);
    expect(sequence(next)).toBe(sequence(first) + 1);
  });

  it('never take more than is outstanding when they arrive together', async () => {
    const { programme, made } = await threeInstalments();
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => give(programme, made.id, 2_000_000)));
    const accepted = results.filter((result) => !result.errors);
    expect(accepted).toHaveLength(4);
    expect(results.filter((result) => result.errors).map((result) => result.errors?.[0].extensions?.field)).toEqual(['amount']);
    expect(await pledgeNow(programme, made.id)).toMatchObject({ received: '8000000', outstanding: '1000000' });
  });
});

describe('overdue and written off', () => {
  it('shows an unpaid instalment past its date as OVERDUE, and the pledge with it', async () => {
    const { programme, sponsor } = await setting();
    const made = await fakePledge(subgraph.db, programme, sponsor, { amount: 2_000_000 }, [
      { dueOn: addDays(today, -1), amount: 1_000_000 },
      { dueOn: addDays(today, 30), amount: 1_000_000 },
    ]);
    const now = await pledgeNow(programme, made.id);
    expect(now.status).toBe('OVERDUE');
    expect(now.instalments.map((instalment: any) => instalment.status)).toEqual(['OVERDUE', 'DUE']);
  });

  it('stops expecting an instalment once written off; receipts then fill the others only', async () => {
    const { programme, made } = await threeInstalments();
    ok(await give(programme, made.id, 1_000_000));
    const [first, , third] = made.instalments;
    const written = ok(await subgraph.execute(WRITE_OFF, { as: officer, variables: { input: { instalmentId: first.id, idempotencyKey: `off-${first.id}` } } }));
    expect(written.writeOffPledgeInstalment).toMatchObject({ status: 'WRITTEN_OFF', outstanding: '0' });
    // A retry with the same key replays; without it, the second write-off is a conflict.
    const retry = ok(await subgraph.execute(WRITE_OFF, { as: officer, variables: { input: { instalmentId: first.id, idempotencyKey: `off-${first.id}` } } }));
    expect(retry.writeOffPledgeInstalment).toEqual(written.writeOffPledgeInstalment);
    expect(errorCodes(await subgraph.execute(WRITE_OFF, { as: officer, variables: { input: { instalmentId: first.id } } }))).toEqual(['CONFLICT']);

    expect(await pledgeNow(programme, made.id)).toMatchObject({ received: '1000000', outstanding: '6000000' });
    const refused = await give(programme, made.id, 6_000_001);
    expect(refused.errors?.[0].message).toContain('6000000');
    ok(await give(programme, made.id, 3_000_000));
    ok(await subgraph.execute(WRITE_OFF, { as: officer, variables: { input: { instalmentId: third.id } } }));
    const now = await pledgeNow(programme, made.id);
    expect(now).toMatchObject({ status: 'WRITTEN_OFF', received: '4000000', outstanding: '0' });
    expect(now.instalments.map((instalment: any) => [instalment.received, instalment.status])).toEqual([
      ['1000000', 'WRITTEN_OFF'],
      ['3000000', 'PAID'],
      ['0', 'WRITTEN_OFF'],
    ]);
  });

  it('lets only an officer over the programme write off, and audits it', async () => {
    const programme = await fakeProgramme(subgraph.db, tree.village, { teamId: tree.teamId });
    const made = await fakePledge(subgraph.db, programme, await fakeSponsor(subgraph.db, tree.commune));
    const instalment = await subgraph.db.manager.findOneByOrFail(PledgeInstalment, { pledgeId: made.id });
    expect(errorCodes(await subgraph.execute(WRITE_OFF, { as: leader, variables: { input: { instalmentId: instalment.id } } }))).toEqual(['FORBIDDEN']);
    expect((await subgraph.db.manager.findOneByOrFail(PledgeInstalment, { id: instalment.id })).writtenOffAt).toBeNull();
    ok(await subgraph.execute(WRITE_OFF, { as: officer, variables: { input: { instalmentId: instalment.id } } }));
    expect(await subgraph.db.manager.countBy(AuditEntry, { action: 'writeOffPledgeInstalment', entityId: instalment.id })).toBe(1);
  });

  it('keeps the officer’s reason with a written-off instalment', async () => {
    const { made } = await threeInstalments();
    const [, second, third] = made.instalments;
    const input = { instalmentId: second.id, reason: '  Doanh nghiệp tạm dừng tài trợ năm nay ', idempotencyKey: `reason-${second.id}` };
    ok(await subgraph.execute(WRITE_OFF, { as: officer, variables: { input } }));
    expect(await subgraph.db.manager.findOneByOrFail(PledgeInstalment, { id: second.id })).toMatchObject({ writeOffReason: 'Doanh nghiệp tạm dừng tài trợ năm nay' });
    const refused = await subgraph.execute(WRITE_OFF, { as: officer, variables: { input: { instalmentId: third.id, reason: 'x'.repeat(501) } } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect((await subgraph.db.manager.findOneByOrFail(PledgeInstalment, { id: third.id })).writtenOffAt).toBeNull();
  });

  it('refuses an unknown instalment, naming instalmentId', async () => {
    const refused = await subgraph.execute(WRITE_OFF, { as: officer, variables: { input: { instalmentId: 'no-such-instalment' } } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'instalmentId' });
  });
});

describe('cancelling a pledge', () => {
  const CANCEL = `mutation ($id: ID!, $reason: String, $key: String) { cancelPledge(id: $id, reason: $reason, idempotencyKey: $key) { id status outstanding cancelledAt cancellationReason } }`;

  it('keeps the reason, answers a retry with the same key with the same pledge and audits it once', async () => {
    const { programme, made } = await threeInstalments();
    const variables = { id: made.id, reason: 'Nhà tài trợ giải thể', key: `cancel-${made.id}` };
    const cancelled = ok(await subgraph.execute(CANCEL, { as: officer, variables })).cancelPledge;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', outstanding: '0', cancellationReason: 'Nhà tài trợ giải thể' });
    const retry = ok(await subgraph.execute(CANCEL, { as: officer, variables })).cancelPledge;
    expect(retry).toEqual(cancelled);
    expect(errorCodes(await subgraph.execute(CANCEL, { as: officer, variables: { id: made.id, reason: 'Lý do khác', key: `cancel-${made.id}` } }))).toEqual(['CONFLICT']);
    expect(errorCodes(await subgraph.execute(CANCEL, { as: officer, variables: { id: made.id } }))).toEqual(['CONFLICT']);
    expect(await subgraph.db.manager.countBy(AuditEntry, { action: 'cancelPledge', entityId: made.id })).toBe(1);
    expect(errorCodes(await give(programme, made.id, 1_000_000))).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ['a one-letter reason', { reason: 'x' }, 'reason'],
    ['a reason over 500 characters', { reason: 'x'.repeat(501) }, 'reason'],
    ['a key under 8 characters', { reason: 'Không còn tài trợ', key: 'short' }, 'idempotencyKey'],
  ])('refuses %s, naming it, and writes nothing', async (_what, variables, field) => {
    const { made } = await threeInstalments();
    const refused = await subgraph.execute(CANCEL, { as: officer, variables: { id: made.id, ...variables } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await subgraph.db.manager.findOneByOrFail(Pledge, { id: made.id })).toMatchObject({ cancelledAt: null, cancellationReason: null });
  });
});
