import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { WebMyRewardsDocument, WebWithdrawHonourRollConsentDocument, type WebMyRewardsQuery } from '../../../../client/generated/web-recognition';
import { Alert } from '../../components/Page';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';
import { shownError } from '../../errors';
import { proposalStatus } from '../../i18n/labels';

type Reward = WebMyRewardsQuery['personalDataReport']['rewards'][number];

/**
 * The person's rewards and whether the public honour roll names them; they withdraw their consent
 * to be named with one tap (Law 91/2025/QH15: at any time), and the roll shows the reward without
 * their name or achievements from then on. `asPerson` carries the one-time code's token.
 */
export function MyRewards({ asPerson }: { asPerson: { fetchOptions: RequestInit } }) {
  const client = useClient();
  const [rewards, setRewards] = useState<Reward[]>();
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState<string>();
  const [key, renewKey] = useIdempotencyKey();

  const load = async () => {
    const answer = await client.query(WebMyRewardsDocument, {}, { ...asPerson, requestPolicy: 'network-only' }).toPromise();
    if (answer.error) return setProblem(shownError(answer.error).message);
    setRewards(answer.data?.personalDataReport.rewards);
  };
  // Once, with the token the screen got when the person proved their phone.
  useEffect(() => void load(), []);

  const withdraw = async (reward: Reward) => {
    setProblem(undefined);
    const answer = await client.mutation(WebWithdrawHonourRollConsentDocument, { proposalId: reward.id, idempotencyKey: key }, asPerson).toPromise();
    if (answer.error) return setProblem(shownError(answer.error).message);
    renewKey();
    setDone(`Bảng vinh danh không còn nêu tên bạn với “${reward.rewardTitle}”.`);
    await load();
  };

  if (!rewards || rewards.length === 0) return problem ? <Alert>{problem}</Alert> : null;
  return (
    <section aria-labelledby="rewards">
      <h2 id="rewards">Khen thưởng và bảng vinh danh</h2>
      {problem && <Alert>{problem}</Alert>}
      {done && <Alert tone="success">{done}</Alert>}
      <ul>
        {rewards.map((reward) => (
          <li key={reward.id} data-testid="my-reward">
            <strong>{reward.rewardTitle}</strong> — {proposalStatus[reward.status]}.{' '}
            {reward.namedOnHonourRoll ? 'Tên bạn đang được nêu trên bảng vinh danh công khai.' : 'Bảng vinh danh không nêu tên bạn.'}
            {reward.consent && !reward.consent.withdrawnAt && (
              <>
                {' '}
                <button type="button" className="secondary" onClick={() => void withdraw(reward)}>
                  Không công bố tên tôi nữa
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
