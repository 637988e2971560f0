import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { button, click, fakeHub, field, render, type } from '../../testing/render';
import { EntryForm, TieBreaker } from './ContestsScreen';

const entry = (id: string, entrant: string) => ({ id, entrant, title: `Bài của ${entrant}`, score: 90, rank: 1, tied: true });
const contest = { id: 'contest-1', kind: 'QUIZ', title: 'Rung chuông vàng số', prizes: [], entries: [entry('e-1', 'Đội Thôn Một'), entry('e-2', 'Đội Thôn Hai')], winners: [] } as never;
const keyOf = (variables: Record<string, unknown>) => (variables.input as { idempotencyKey: string }).idempotencyKey;

describe('the contests screen’s writes', () => {
  it('sends a tie-break again after a lost answer with the same key, and the next choice with a new one', async () => {
    const { client, sent } = fakeHub(['lost', { breakContestTie: { id: 'contest-1' } }, { breakContestTie: { id: 'contest-1' } }]);
    const root = await render(client, <TieBreaker contest={contest} rank={1} onSaved={() => {}} />);
    await click(button(root, 'Xếp Đội Thôn Hai trên'));
    await click(button(root, 'Xếp Đội Thôn Hai trên'));
    await click(button(root, 'Xếp Đội Thôn Hai trên'));
    expect(sent.map(({ variables }) => (variables.input as { entryIds: string[] }).entryIds)).toEqual([['e-2', 'e-1'], ['e-2', 'e-1'], ['e-2', 'e-1']]);
    expect(keyOf(sent[1].variables)).toBe(keyOf(sent[0].variables));
    expect(keyOf(sent[2].variables)).not.toBe(keyOf(sent[1].variables));
  });

  it('sends an entry again after a lost answer with the same key', async () => {
    const { client, sent } = fakeHub(['lost', { addContestEntry: { id: 'e-3' } }]);
    const root = await render(client, <EntryForm contest={contest} onSaved={() => {}} />);
    const form = root.querySelector('form')!;
    // Sent and answered before the next step: the checks and the answer take a few turns.
    const submit = () =>
      act(async () => {
        form.requestSubmit();
        await new Promise((resolve) => setTimeout(resolve, 20));
      });
    await type(field(root, 'Người, đội dự thi'), 'Đội Thôn Ba');
    await type(field(root, 'Bài, sản phẩm dự thi'), 'Bài của Đội Thôn Ba');
    await click(field(root, 'Người dự thi đã đồng ý'));
    await submit();
    await submit();
    expect(sent.map(({ variables }) => (variables.input as { entrant: string }).entrant)).toEqual(['Đội Thôn Ba', 'Đội Thôn Ba']);
    expect(keyOf(sent[1].variables)).toBe(keyOf(sent[0].variables));
  });
});
