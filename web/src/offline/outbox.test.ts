import { beforeEach, describe, expect, it } from 'vitest';
import { Outbox, type QueuedReport, type SendOutcome } from './outbox';

const report = (month: string) => ({ teamId: 'team-1', month, figures: [{ indicator: 'HOUSEHOLD_VISITS', value: 12 }] });

describe('the outbox of monthly reports', () => {
  beforeEach(() => localStorage.clear());

  it('keeps reports on the phone: a new page load finds them', () => {
    new Outbox().add(report('2026-11'));
    expect(new Outbox().list()).toMatchObject([{ month: '2026-11', attempts: 0, figures: [{ value: 12 }] }]);
  });

  it('sends each report once, even when two sends start together, with the key it was written with', async () => {
    const outbox = new Outbox();
    const { key } = outbox.add(report('2026-11'));
    const sent: QueuedReport[] = [];
    const send = async (queued: QueuedReport): Promise<SendOutcome> => {
      sent.push(queued);
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { kind: 'sent' };
    };
    await Promise.all([outbox.flush(send), outbox.flush(send), outbox.flush(send)]);
    expect(sent.map((queued) => queued.key)).toEqual([key]);
    expect(outbox.list()).toEqual([]);
    await outbox.flush(send);
    expect(sent).toHaveLength(1);
  });

  it('keeps what could not be sent, in order, and sends it when the connection returns', async () => {
    const outbox = new Outbox();
    outbox.add(report('2026-10'));
    outbox.add(report('2026-11'));
    let online = false;
    const months: string[] = [];
    const send = async (queued: QueuedReport): Promise<SendOutcome> => {
      if (!online) return { kind: 'unreachable' };
      months.push(queued.month);
      return { kind: 'sent' };
    };
    await outbox.flush(send);
    expect(outbox.list().map((queued) => [queued.month, queued.attempts])).toEqual([
      ['2026-10', 1],
      ['2026-11', 0],
    ]);
    online = true;
    await outbox.flush(send);
    expect(months).toEqual(['2026-10', '2026-11']);
    expect(outbox.list()).toEqual([]);
  });

  it('runs once more when asked during a run that could not reach the hub (the connection came back meanwhile)', async () => {
    const outbox = new Outbox();
    outbox.add(report('2026-10'));
    let online = false;
    const months: string[] = [];
    const send = async (queued: QueuedReport): Promise<SendOutcome> => {
      const reachable = online;
      await new Promise((resolve) => setTimeout(resolve, 10));
      if (!reachable) return { kind: 'unreachable' };
      months.push(queued.month);
      return { kind: 'sent' };
    };
    const failing = outbox.flush(send);
    online = true;
    await Promise.all([failing, outbox.flush(send)]);
    expect(months).toEqual(['2026-10']);
    expect(outbox.list()).toEqual([]);
  });

  it('keeps a refused report with the reason, and does not send it again', async () => {
    const outbox = new Outbox();
    outbox.add(report('2026-11'));
    let calls = 0;
    const send = async (): Promise<SendOutcome> => {
      calls += 1;
      return { kind: 'refused', reason: 'Tháng này đã khoá sổ' };
    };
    await outbox.flush(send);
    await outbox.flush(send);
    expect(calls).toBe(1);
    expect(outbox.list()).toMatchObject([{ month: '2026-11', refusal: 'Tháng này đã khoá sổ' }]);
  });

  it('replaces an unsent report of the same month when the leader edits it', () => {
    const outbox = new Outbox();
    outbox.add(report('2026-11'));
    outbox.add({ ...report('2026-11'), note: 'sửa lại' });
    expect(outbox.list()).toMatchObject([{ month: '2026-11', note: 'sửa lại' }]);
  });
});
