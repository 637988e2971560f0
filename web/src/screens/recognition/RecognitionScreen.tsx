import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  WebDecideRewardProposalDocument,
  WebNominationsDocument,
  WebNominationsFileDocument,
  WebRecognitionDocument,
  type PaperFormat,
  type ProposalDecision,
  type WebRecognitionQuery,
} from '../../../../client/generated/web-recognition';
import { ExportButtons } from '../../components/ExportButtons';
import { useSession } from '../../components/Layout';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError, type ShownError } from '../../errors';
import { formatDate, formatNumber } from '../../i18n/format';
import { nomineeKind } from '../../i18n/labels';

type Proposal = WebRecognitionQuery['rewardProposals'][number];

/** The form is a paper to sign (PDF) or to keep working on (Excel). */
const PAPER_FORMATS: { format: PaperFormat; name: string }[] = [
  { format: 'PDF', name: 'PDF' },
  { format: 'XLSX', name: 'Excel' },
];

/** What a refused decision means here. */
const DECISION_ERRORS = {
  FORBIDDEN: 'Đề nghị này do bạn lập hoặc không thuộc đơn vị cấp dưới của bạn: cần cán bộ cấp trên khác xét.',
  CONFLICT: 'Đề nghị này đã được xét.',
  BAD_USER_INPUT: 'Cần ghi lý do khi không duyệt.',
};

/** The province's nominations under a campaign, with the ministry's information form (seed 003, Phụ lục 2). */
function Nominations({ campaignId, unitCode }: { campaignId: string; unitCode: string }) {
  const [{ data, fetching, error }] = useQuery({ query: WebNominationsDocument, variables: { campaignId, unitCode } });
  if (fetching && !data) return <Loading />;
  if (error) return <Alert>{shownError(error).message}</Alert>;
  const nominations = data?.nominations ?? [];
  if (nominations.length === 0) return <p>Chưa có thành viên nào thuộc đơn vị được đề cử trong phong trào này.</p>;
  return (
    <>
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
          </li>
        ))}
      </ol>
    </>
  );
}

/**
 * Emulation and recognition for an officer: the campaigns of their unit and the units above it
 * with their criteria, the province's nominations with the information form, and the reward
 * proposals of the units below waiting for them (never those they proposed themselves).
 */
export function RecognitionScreen() {
  const session = useSession();
  const unitCode = session?.units?.[0] ?? '17227';
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebRecognitionDocument, variables: { unitCode } });
  const [decision, decide] = useMutation(WebDecideRewardProposalDocument);
  const [opened, setOpened] = useState<string>();
  const [refusal, setRefusal] = useState<{ id: string; error: ShownError }>();
  const [done, setDone] = useState<string>();

  const act = async (proposal: Proposal, choice: ProposalDecision) => {
    const reason = choice === 'DECLINE' ? window.prompt('Lý do không duyệt:') : null;
    if (choice === 'DECLINE' && !reason?.trim()) return;
    setDone(undefined);
    setRefusal(undefined);
    const answer = await decide({ id: proposal.id, decision: choice, reason });
    if (answer.error) return setRefusal({ id: proposal.id, error: shownError(answer.error, DECISION_ERRORS) });
    setDone(`${choice === 'APPROVE' ? 'Đã duyệt' : 'Đã không duyệt'} đề nghị khen thưởng ${proposal.fullName}.`);
    refetch({ requestPolicy: 'network-only' });
  };

  const queue = (data?.rewardProposals ?? []).filter((proposal) => proposal.decidableByMe);
  return (
    <Page title="Thi đua, khen thưởng" lead="Phong trào thi đua, thành viên tiêu biểu được tỉnh đề cử và đề nghị khen thưởng của đơn vị cấp dưới đang chờ bạn xét.">
      {fetching && !data && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {done && <Alert tone="success">{done}</Alert>}
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
          {campaign.nominationsPerProvince > 0 &&
            (opened === campaign.id ? (
              <Nominations campaignId={campaign.id} unitCode={unitCode} />
            ) : (
              <button type="button" className="secondary" onClick={() => setOpened(campaign.id)}>
                Xem thành viên được đề cử và phiếu thông tin
              </button>
            ))}
        </section>
      ))}

      <h2>Đề nghị khen thưởng chờ bạn xét</h2>
      {data && queue.length === 0 && <p>Không có đề nghị nào đang chờ bạn xét.</p>}
      {queue.length > 0 && (
        <ul className="cards">
          {queue.map((proposal) => {
            const refused = refusal?.id === proposal.id ? refusal.error : undefined;
            return (
              <li key={proposal.id} className="card" data-testid={`de-nghi-${proposal.fullName}`}>
                <h3>{proposal.fullName}</h3>
                <p>
                  <strong>{proposal.rewardTitle}</strong>
                  <br />
                  <small>{nomineeKind[proposal.nomineeKind]}</small>
                </p>
                <p>{proposal.achievements}</p>
                <span className="actions">
                  <button type="button" disabled={decision.fetching} onClick={() => void act(proposal, 'APPROVE')} aria-label={`Duyệt đề nghị khen thưởng ${proposal.fullName}`}>
                    Duyệt
                  </button>
                  <button type="button" className="secondary" disabled={decision.fetching} onClick={() => void act(proposal, 'DECLINE')} aria-label={`Không duyệt đề nghị khen thưởng ${proposal.fullName}`}>
                    Không duyệt
                  </button>
                </span>
                {refused && (
                  <p className="field-error" role="alert">
                    {refused.message}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Page>
  );
}
