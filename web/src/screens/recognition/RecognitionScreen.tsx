import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import {
  WebDecideNominationDocument,
  WebDecideRewardProposalDocument,
  WebNominationsDocument,
  WebNominationsFileDocument,
  WebRecognitionDocument,
  WebResubmitRewardProposalDocument,
  WebSendRewardProposalToNationDocument,
  WebWithdrawNominationDocument,
  WebWithdrawRewardProposalDocument,
  type NominationDecision,
  type PaperFormat,
  type ProposalDecision,
  type WebRecognitionQuery,
} from '../../../../client/generated/web-recognition';
import { ExportButtons } from '../../components/ExportButtons';
import { useIdempotencyKeys } from '../../components/useIdempotencyKey';
import { useSession } from '../../components/Layout';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError, type ShownError } from '../../errors';
import { formatDate, formatNumber } from '../../i18n/format';
import { nationalStatus, nominationDecision, nomineeKind } from '../../i18n/labels';

type Proposal = WebRecognitionQuery['rewardProposals'][number];

/** The form is a paper to sign (PDF) or to keep working on (Excel). */
const PAPER_FORMATS: { format: PaperFormat; name: string }[] = [
  { format: 'PDF', name: 'PDF' },
  { format: 'XLSX', name: 'Excel' },
];

/** What a refused decision, withdrawal or resubmission means here. */
const DECISION_ERRORS = {
  FORBIDDEN: 'Đề nghị này do bạn lập hoặc đang chờ cấp khác xét.',
  CONFLICT: 'Đề nghị này đã được xét hoặc đã được rút.',
  BAD_USER_INPUT: 'Cần ghi lý do khi trả lại hoặc không duyệt; thành tích gửi lại cần từ 10 ký tự.',
};

/** What each decision is called on its button and in the answer. */
const DECISIONS: { choice: ProposalDecision; label: string; done: string; reason?: string }[] = [
  { choice: 'APPROVE', label: 'Duyệt', done: 'Đã duyệt' },
  { choice: 'RETURN', label: 'Trả lại', done: 'Đã trả lại', reason: 'Lý do trả lại (đơn vị đề nghị sẽ sửa và gửi lại):' },
  { choice: 'DECLINE', label: 'Không duyệt', done: 'Đã không duyệt', reason: 'Lý do không duyệt:' },
];

/** What the national level decides on a nomination, on its buttons. */
const NOMINATION_DECISIONS: { choice: NominationDecision; label: string; reason?: string }[] = [
  { choice: 'SELECTED', label: 'Chọn vinh danh toàn quốc' },
  { choice: 'NOT_SELECTED', label: 'Không chọn', reason: 'Lý do không chọn (tỉnh sẽ thấy lý do này):' },
];

/**
 * The province's nominations under a campaign, with the ministry's information form (seed 003,
 * Phụ lục 2); for the national level's officers (over VN), every province's, to select or not.
 */
function Nominations({ campaignId, unitCode }: { campaignId: string; unitCode: string }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebNominationsDocument, variables: { campaignId, unitCode } });
  const [withdrawal, withdraw] = useMutation(WebWithdrawNominationDocument);
  const [decision, decide] = useMutation(WebDecideNominationDocument);
  // One key per withdrawal or decision, kept until the hub answers: a resend after a lost answer acts once.
  const { keyFor, saved } = useIdempotencyKeys();
  const onWithdraw = async (id: string, name: string) => {
    if (!window.confirm(`Rút đề cử ${name}? Suất đề cử của tỉnh sẽ được trả lại.`)) return;
    const answer = await withdraw({ id, idempotencyKey: keyFor(id) });
    if (answer.error) return;
    saved(id);
    refetch({ requestPolicy: 'network-only' });
  };
  const onDecide = async (id: string, { choice, reason: asked }: (typeof NOMINATION_DECISIONS)[number]) => {
    const reason = asked ? window.prompt(asked) : null;
    if (asked && !reason?.trim()) return;
    const write = `decide-${id}-${choice}-${reason ?? ''}`;
    const answer = await decide({ id, decision: choice, reason, idempotencyKey: keyFor(write) });
    if (answer.error) return;
    saved(write);
    refetch({ requestPolicy: 'network-only' });
  };
  if (fetching && !data) return <Loading />;
  if (error) return <Alert>{shownError(error).message}</Alert>;
  const nominations = data?.nominations ?? [];
  if (nominations.length === 0) return <p>Chưa có thành viên nào thuộc đơn vị được đề cử trong phong trào này.</p>;
  return (
    <>
      {withdrawal.error && <Alert>{shownError(withdrawal.error, { FORBIDDEN: 'Chỉ người lập đề cử mới rút được đề cử.' }).message}</Alert>}
      {decision.error && <Alert>{shownError(decision.error, { CONFLICT: 'Đề cử này đã được xét hoặc đã được rút.' }).message}</Alert>}
      <ExportButtons label="phiếu thông tin" query={WebNominationsFileDocument} variables={{ campaignId, unitCode }} formats={PAPER_FORMATS} />
      <ol className="cards">
        {nominations.map((nomination) => (
          <li key={nomination.id} className="card" data-testid={`de-cu-${nomination.place}`}>
            <h3>
              Suất {nomination.place}: {nomination.member.fullName ?? 'Thành viên'}
            </h3>
            <dl>
              <dt>Tổ</dt>
              <dd>{nomination.member.team.name}</dd>
              <dt>Năm sinh</dt>
              <dd>{nomination.birthYear ?? 'chưa ghi'}</dd>
              <dt>Nghề nghiệp, chức vụ</dt>
              <dd>{nomination.occupation ?? 'chưa ghi'}</dd>
              <dt>Số người dân được hướng dẫn</dt>
              <dd>{formatNumber(nomination.residentsGuided)}</dd>
              <dt>Số hộ được đến tận nhà</dt>
              <dd>{formatNumber(nomination.householdVisits)}</dd>
              <dt>Số lớp tập huấn đã dự (theo doanh nghiệp đối tác ghi nhận)</dt>
              <dd>
                {formatNumber(nomination.member.trainingsAttended?.length ?? nomination.trainingsAttended)}
                {nomination.member.trainingsAttended && nomination.member.trainingsAttended.length > 0 && (
                  <small> ({nomination.member.trainingsAttended.map((training) => training.title).join('; ')})</small>
                )}
              </dd>
            </dl>
            <p>{nomination.achievements}</p>
            {nomination.nationalDecision && (
              <p>
                <strong>{nominationDecision[nomination.nationalDecision]}</strong>
                {nomination.nationalReason && <> — {nomination.nationalReason}</>}
              </p>
            )}
            {nomination.decidableByMe && (
              <span className="actions">
                {NOMINATION_DECISIONS.map((choice) => (
                  <button
                    key={choice.choice}
                    type="button"
                    className={choice.choice === 'SELECTED' ? undefined : 'secondary'}
                    disabled={decision.fetching}
                    onClick={() => void onDecide(nomination.id, choice)}
                    aria-label={`${choice.label}: ${nomination.member.fullName ?? 'thành viên'}`}
                  >
                    {choice.label}
                  </button>
                ))}
              </span>
            )}
            {nomination.withdrawableByMe && (
              <button
                type="button"
                className="secondary"
                disabled={withdrawal.fetching}
                onClick={() => void onWithdraw(nomination.id, nomination.member.fullName ?? 'thành viên')}
                aria-label={`Rút đề cử suất ${nomination.place}`}
              >
                Rút đề cử
              </button>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

/** A proposal's card: what is proposed, for whom, and where it stands on its way up the tree. */
function ProposalCard({ proposal, children }: { proposal: Proposal; children: React.ReactNode }) {
  return (
    <li className="card" data-testid={`de-nghi-${proposal.fullName}`}>
      <h3>{proposal.fullName}</h3>
      <p>
        <strong>{proposal.rewardTitle}</strong>
        <br />
        <small>{nomineeKind[proposal.nomineeKind]}</small>
      </p>
      <p>{proposal.achievements}</p>
      <p>
        <small>
          {proposal.status === 'RETURNED'
            ? `Bị trả lại: ${proposal.decisionReason ?? ''}`
            : proposal.status === 'APPROVED'
              ? `Tỉnh đã duyệt. ${proposal.nationalStatus ? (nationalStatus[proposal.nationalStatus] ?? '') : 'Chưa gửi lên cấp toàn quốc.'}${proposal.nationalReason ? ` Lý do: ${proposal.nationalReason}` : ''}`
              : `Đang chờ ${proposal.awaitingUnitName ?? 'cấp trên'} xét${proposal.levelsApproved > 0 ? ` (đã qua ${proposal.levelsApproved} cấp duyệt)` : ''}`}
        </small>
      </p>
      {children}
    </li>
  );
}

/**
 * Emulation and recognition for an officer: the campaigns of their unit and the units above it
 * with their criteria, the province's nominations with the information form, the reward
 * proposals waiting at their level (never those they proposed themselves: approve, return or
 * decline) and their own proposals on their way up (withdraw, or send again once returned).
 */
export function RecognitionScreen() {
  const session = useSession();
  const unitCode = session?.units?.[0] ?? '17227';
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebRecognitionDocument, variables: { unitCode } });
  const [decision, decide] = useMutation(WebDecideRewardProposalDocument);
  const [withdrawal, withdraw] = useMutation(WebWithdrawRewardProposalDocument);
  const [resubmission, resubmit] = useMutation(WebResubmitRewardProposalDocument);
  const [sending, send] = useMutation(WebSendRewardProposalToNationDocument);
  const [opened, setOpened] = useState<string>();
  const [refusal, setRefusal] = useState<{ id: string; error: ShownError }>();
  const [done, setDone] = useState<string>();
  const busy = decision.fetching || withdrawal.fetching || resubmission.fetching || sending.fetching;
  // One key per action on a proposal (with what it says), kept until the hub answers: a resend after a lost answer acts once.
  const { keyFor, saved } = useIdempotencyKeys();

  /** Runs one action on a proposal with its key, then says what happened or why not beside it. */
  const run = async (proposal: Proposal, write: string, action: (idempotencyKey: string) => Promise<{ error?: Parameters<typeof shownError>[0] }>, said: string) => {
    setDone(undefined);
    setRefusal(undefined);
    const answer = await action(keyFor(write));
    if (answer.error) return setRefusal({ id: proposal.id, error: shownError(answer.error, DECISION_ERRORS) });
    saved(write);
    setDone(said);
    refetch({ requestPolicy: 'network-only' });
  };

  const act = (proposal: Proposal, { choice, done: said, reason: asked }: (typeof DECISIONS)[number]) => {
    const reason = asked ? window.prompt(asked) : null;
    if (asked && !reason?.trim()) return;
    void run(proposal, `decide-${proposal.id}-${choice}-${reason ?? ''}`, (idempotencyKey) => decide({ id: proposal.id, decision: choice, reason, idempotencyKey }), `${said} đề nghị khen thưởng ${proposal.fullName}.`);
  };

  const onWithdraw = (proposal: Proposal) => {
    if (!window.confirm(`Rút đề nghị khen thưởng ${proposal.fullName}?`)) return;
    void run(proposal, `withdraw-${proposal.id}`, (idempotencyKey) => withdraw({ id: proposal.id, idempotencyKey }), `Đã rút đề nghị khen thưởng ${proposal.fullName}.`);
  };

  const onSend = (proposal: Proposal) => {
    if (!window.confirm(`Gửi đề nghị khen thưởng ${proposal.fullName} lên cấp toàn quốc?`)) return;
    void run(proposal, `send-to-nation-${proposal.id}`, (idempotencyKey) => send({ id: proposal.id, idempotencyKey }), `Đã gửi đề nghị khen thưởng ${proposal.fullName} lên cấp toàn quốc.`);
  };

  const onResubmit = (proposal: Proposal) => {
    const achievements = window.prompt('Thành tích, đã sửa theo ý kiến khi trả lại:', proposal.achievements);
    if (!achievements?.trim()) return;
    void run(proposal, `resubmit-${proposal.id}-${achievements}`, (idempotencyKey) => resubmit({ id: proposal.id, achievements, idempotencyKey }), `Đã gửi lại đề nghị khen thưởng ${proposal.fullName}.`);
  };

  const refusalOf = (proposal: Proposal) =>
    refusal?.id === proposal.id && (
      <p className="field-error" role="alert">
        {refusal.error.message}
      </p>
    );
  const proposals = data?.rewardProposals ?? [];
  const queue = proposals.filter((proposal) => proposal.decidableByMe);
  const mine = proposals.filter((proposal) => proposal.withdrawableByMe);
  const toNation = proposals.filter((proposal) => proposal.sendableToNationByMe);
  return (
    <Page title="Thi đua, khen thưởng" lead="Phong trào thi đua, thành viên tiêu biểu được tỉnh đề cử, đề nghị khen thưởng chờ bạn xét và đề nghị của đơn vị bạn.">
      {fetching && !data && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {done && <Alert tone="success">{done}</Alert>}
      <p className="actions">
        <Link to="/thi-dua/phat-dong">Phát động phong trào</Link>
        <Link to="/thi-dua/de-nghi">Đề nghị khen thưởng</Link>
      </p>
      <h2>Phong trào thi đua</h2>
      {data && data.emulationCampaigns.length === 0 && <p>Chưa có phong trào thi đua nào.</p>}
      {data?.emulationCampaigns.map((campaign) => (
        <section key={campaign.id} className="card" data-testid={`phong-trao-${campaign.id}`}>
          <h3>{campaign.title}</h3>
          <p>
            Từ {formatDate(campaign.startsOn)} đến {formatDate(campaign.endsOn)}
            {campaign.nominationsPerProvince > 0 && ` · mỗi tỉnh đề cử tối đa ${campaign.nominationsPerProvince} thành viên tiêu biểu`}
          </p>
          <p>Tiêu chí:</p>
          <ul>
            {campaign.criteria.map((criterion) => (
              <li key={criterion}>{criterion}</li>
            ))}
          </ul>
          {campaign.nominationsPerProvince > 0 && (
            <>
              <p>
                <Link to={`/thi-dua/${campaign.id}/de-cu`}>Đề cử thành viên tiêu biểu</Link>
              </p>
              {opened === campaign.id ? (
                <Nominations campaignId={campaign.id} unitCode={unitCode} />
              ) : (
                <button type="button" className="secondary" onClick={() => setOpened(campaign.id)}>
                  Xem thành viên được đề cử và phiếu thông tin
                </button>
              )}
            </>
          )}
        </section>
      ))}

      <h2>Đề nghị khen thưởng chờ bạn xét</h2>
      {data && queue.length === 0 && <p>Không có đề nghị nào đang chờ bạn xét.</p>}
      {queue.length > 0 && (
        <ul className="cards">
          {queue.map((proposal) => (
            <ProposalCard key={proposal.id} proposal={proposal}>
              <span className="actions">
                {/* The national level approves or declines what a province approved: nothing to return it to. */}
                {DECISIONS.filter((choice) => proposal.status !== 'APPROVED' || choice.choice !== 'RETURN').map((choice) => (
                  <button
                    key={choice.choice}
                    type="button"
                    className={choice.choice === 'APPROVE' ? undefined : 'secondary'}
                    disabled={busy}
                    onClick={() => act(proposal, choice)}
                    aria-label={`${choice.label} đề nghị khen thưởng ${proposal.fullName}`}
                  >
                    {choice.label}
                  </button>
                ))}
              </span>
              {refusalOf(proposal)}
            </ProposalCard>
          ))}
        </ul>
      )}

      {toNation.length > 0 && (
        <>
          <h2>Đề nghị tỉnh đã duyệt, có thể gửi lên cấp toàn quốc</h2>
          <ul className="cards">
            {toNation.map((proposal) => (
              <ProposalCard key={proposal.id} proposal={proposal}>
                <button type="button" disabled={busy} onClick={() => onSend(proposal)} aria-label={`Gửi lên cấp toàn quốc đề nghị khen thưởng ${proposal.fullName}`}>
                  Gửi lên cấp toàn quốc
                </button>
                {refusalOf(proposal)}
              </ProposalCard>
            ))}
          </ul>
        </>
      )}

      <h2>Đề nghị của bạn đang xét</h2>
      {data && mine.length === 0 && <p>Bạn không có đề nghị nào đang chờ xét hoặc bị trả lại.</p>}
      {mine.length > 0 && (
        <ul className="cards">
          {mine.map((proposal) => (
            <ProposalCard key={proposal.id} proposal={proposal}>
              <span className="actions">
                {proposal.status === 'RETURNED' && (
                  <button type="button" disabled={busy} onClick={() => onResubmit(proposal)} aria-label={`Gửi lại đề nghị khen thưởng ${proposal.fullName}`}>
                    Sửa và gửi lại
                  </button>
                )}
                <button type="button" className="secondary" disabled={busy} onClick={() => onWithdraw(proposal)} aria-label={`Rút đề nghị khen thưởng ${proposal.fullName}`}>
                  Rút đề nghị
                </button>
              </span>
              {refusalOf(proposal)}
            </ProposalCard>
          ))}
        </ul>
      )}
    </Page>
  );
}
