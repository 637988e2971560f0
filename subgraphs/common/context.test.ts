import { oncePerRequest, type Context } from './context';

const request = () => ({}) as Context;

describe('oncePerRequest', () => {
  it('works a key out once per request, and again for the next request', async () => {
    const asked: string[] = [];
    const decide = oncePerRequest(async (_ctx: Context, teamId: string) => (asked.push(teamId), teamId.length));
    const [first, second] = [request(), request()];
    expect(await Promise.all([decide(first, 'team-1'), decide(first, 'team-1'), decide(first, 'team-22')])).toEqual([6, 6, 7]);
    expect(await decide(second, 'team-1')).toBe(6);
    expect(asked).toEqual(['team-1', 'team-22', 'team-1']);
  });

  it('gives every later caller of the request the same refusal, without asking again', async () => {
    let asked = 0;
    const insist = oncePerRequest(async () => {
      asked += 1;
      throw new Error('Bạn không được xem tên thành viên của tổ này');
    });
    const ctx = request();
    await expect(insist(ctx, 'team-1')).rejects.toThrow('không được xem');
    await expect(insist(ctx, 'team-1')).rejects.toThrow('không được xem');
    expect(asked).toBe(1);
  });
});
