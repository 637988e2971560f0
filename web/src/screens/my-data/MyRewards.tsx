import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import {
  WebGiveHonourRollConsentDocument,
  WebMemberRewardsDocument,
  WebMyRewardsDocument,
  WebWithdrawHonourRollConsentDocument,
  type WebPersonalRewardFragment,
} from '../../../../client/generated/web-recognition';
import { Alert } from '../../components/Page';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';
import { shownError } from '../../errors';
import { proposalStatus } from '../../i18n/labels';
import { PRIVACY_NOTICE_VERSION } from '../../privacy';

type Reward = WebPersonalRewardFragment;

/** Whose rewards: the person who proved their phone (the one-time code's token), or the member signed in (the app's own sign-in). */
export type RewardsOf = { asPerson: { fetchOptions: RequestInit } } | { memberId: string };

/**
 * The person's rewards and whether the public honour roll names them. With one tap they withdraw
 * their consent to be named (Law 91/2025/QH15: at any time), and the roll shows the reward without
 * their name or achievements from then on; or they give it, having not been asked with the
 * proposal (or having withdrawn it), and the roll names them.
 */
export function MyRewards({ of }: { of: RewardsOf }) {
  const client = useClient();
  const [rewards, setRewards] = useState<readonly Reward[]>();
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState<string>();
  const [key, renewKey] = useIdempotencyKey();
  const context = 'asPerson' in of ? of.asPerson : {};

  const load = async () => {
    const answer =
      'asPerson' in of
        ? await client.query(WebMyRewardsDocument, {}, { ...context, requestPolicy: 'network-only' }).toPromise()
        : await client.query(WebMemberRewardsDocument, { memberId: of.memberId }, { requestPolicy: 'network-only' }).toPromise();
    if (answer.error) return setProblem(shownError(answer.error).message);
    setRewards(answer.data && ('personalDataReport' in answer.data ? answer.data.personalDataReport.rewards : answer.data.member?.rewards));
  };
  // Once, with the token the screen got when the person proved their phone, or the sign-in.
  useEffect(() => void load(), []);

  const change = async (reward: Reward, giving: boolean) => {
    setProblem(undefined);
    setDone(undefined);
    const answer = giving
      ? await client
          .mutation(WebGiveHonourRollConsentDocument, { proposalId: reward.id, consent: { noticeVersion: PRIVACY_NOTICE_VERSION, channel: 'ONLINE_FORM' }, idempotencyKey: key }, context)
          .toPromise()
      : await client.mutation(WebWithdrawHonourRollConsentDocument, { proposalId: reward.id, idempotencyKey: key }, context).toPromise();
    if (answer.error) return setProblem(shownError(answer.error).message);
    renewKey();
    setDone(giving ? `Đã ghi nhận bạn đồng ý công bố tên với “${reward.rewardTitle}”.` : `Bảng vinh danh không còn nêu tên bạn với “${reward.rewardTitle}”.`);
    await load();
  };

  if (!rewards || rewards.length === 0) return problem ? <Alert>{problem}</Alert> : null;
  return (
    <section aria-labelledby="rewards">
      <h2 id="rewards">Khen thưởng và bảng vinh danh</h2>
      {problem && <Alert>{problem}</Alert>}
      {done && <Alert tone="success">{done}</Alert>}
      <ul>
        {rewards.map((reward) => {
          const holds = reward.consent && !reward.consent.withdrawnAt;
          return (
            <li key={reward.id} data-testid="my-reward">
              <strong>{reward.rewardTitle}</strong> — {proposalStatus[reward.status]}.{' '}
              {reward.namedOnHonourRoll ? 'Tên bạn đang được nêu trên bảng vinh danh công khai.' : 'Bảng vinh danh không nêu tên bạn.'}{' '}
              <button type="button" className="secondary" onClick={() => void change(reward, !holds)}>
                {holds ? 'Không công bố tên tôi nữa' : 'Đồng ý công bố tên tôi'}
              </button>
            </li>
          );
        })}
      </ul>
      <p className="hint">Khi bạn đồng ý, bảng vinh danh nêu họ tên và thành tích của bạn cùng khen thưởng (theo thông báo về dữ liệu cá nhân phiên bản {PRIVACY_NOTICE_VERSION}). Bạn có thể rút lại bất cứ lúc nào.</p>
    </section>
  );
}
