import { afterEach, describe, expect, it, vi } from 'vitest';
import { button, click, fakeHub, render } from '../../testing/render';
import { RecognitionScreen } from './RecognitionScreen';

const proposal = {
  id: 'p-1',
  unitCode: '17227',
  fullName: 'Hợp tác xã Chè Tân Cương',
  nomineeKind: 'BUSINESS',
  rewardTitle: 'Giấy khen của Chủ tịch UBND tỉnh',
  achievements: 'Đưa 30 sản phẩm lên sàn thương mại điện tử',
  status: 'PENDING',
  levelsApproved: 0,
  awaitingUnitName: 'Xã Tam Quang',
  decisionReason: null,
  decidableByMe: true,
  withdrawableByMe: true,
};
const campaign = { id: 'c-1', unitCode: '40', title: 'Ngày Chuyển đổi số quốc gia', startsOn: '2025-10-01', endsOn: '2025-10-10', criteria: ['Số người dân được hướng dẫn'], nominationsPerProvince: 2 };
const nomination = {
  id: 'n-1',
  place: 1,
  provinceCode: '40',
  birthYear: 1990,
  occupation: 'Giáo viên',
  achievements: 'Hướng dẫn 200 người dân',
  residentsGuided: 200,
  householdVisits: 50,
  trainingsAttended: 2,
  withdrawableByMe: true,
  member: { id: 'm-1', fullName: 'Nguyễn Thị Lan', team: { id: 't-1', name: 'Tổ công nghệ số Thôn Một' }, trainingsAttended: [] },
};
const records = { emulationCampaigns: [campaign], rewardProposals: [proposal], nominations: [nomination] };
const keys = (sent: { variables: Record<string, unknown> }[]) => sent.map(({ variables }) => variables.idempotencyKey);

afterEach(() => vi.unstubAllGlobals());

describe('the recognition screen’s writes', () => {
  it('sends a decision again after a lost answer with the same key, and the next decision with a new one', async () => {
    vi.stubGlobal('confirm', () => true);
    const { client, sent } = fakeHub(['lost', { decideRewardProposal: { id: 'p-1' } }, { decideRewardProposal: { id: 'p-1' } }], records);
    const root = await render(client, <RecognitionScreen />);
    for (let send = 0; send < 3; send += 1) await click(button(root, 'Duyệt đề nghị khen thưởng Hợp tác xã Chè Tân Cương'));
    const [lost, resent, next] = keys(sent);
    expect(resent).toBe(lost);
    expect(next).not.toBe(resent);
  });

  it('sends a withdrawal again after a lost answer with the same key', async () => {
    vi.stubGlobal('confirm', () => true);
    const { client, sent } = fakeHub(['lost', { withdrawRewardProposal: { id: 'p-1' } }], records);
    const root = await render(client, <RecognitionScreen />);
    await click(button(root, 'Rút đề nghị khen thưởng Hợp tác xã Chè Tân Cương'));
    await click(button(root, 'Rút đề nghị khen thưởng Hợp tác xã Chè Tân Cương'));
    const [lost, resent] = keys(sent);
    expect(resent).toBe(lost);
  });

  it('sends a nomination’s withdrawal again after a lost answer with the same key', async () => {
    vi.stubGlobal('confirm', () => true);
    const { client, sent } = fakeHub(['lost', { withdrawNomination: true }], records);
    const root = await render(client, <RecognitionScreen />);
    await click(button(root, 'Xem thành viên được đề cử và phiếu thông tin'));
    const withdraw = () => [...root.querySelectorAll('[data-testid="de-cu-1"] button')].find((candidate) => candidate.textContent?.includes('Rút'));
    await click(withdraw());
    await click(withdraw());
    const [lost, resent] = keys(sent);
    expect(sent).toHaveLength(2);
    expect(resent).toBe(lost);
  });
});
