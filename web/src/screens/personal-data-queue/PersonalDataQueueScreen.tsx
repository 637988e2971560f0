import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { WebHandlePersonalDataRequestDocument, WebPersonalDataRequestsDocument } from '../../../../client/generated/web-privacy';
import { useSession } from '../../components/Layout';
import { useIdempotencyKeys } from '../../components/useIdempotencyKey';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { formatDate } from '../../i18n/format';
import { personalDataRequestKind } from '../../i18n/labels';

const OUTCOME_ERRORS = { CONFLICT: 'Yêu cầu này đã được một cán bộ khác xử lý.' };

/** The corrected values the officer accepts for a correction, as typed. */
interface Correction {
  fullName?: string;
  address?: string;
}

/** The values to send: those filled in; none, when the officer corrected the records by hand. */
function correctionOf(correction: Correction | undefined) {
  const fullName = correction?.fullName?.trim() || undefined;
  const address = correction?.address?.trim() || undefined;
  return fullName || address ? { fullName, address } : undefined;
}

/**
 * The officers' queue of people's requests about their data, addressed to their unit or below: the
 * nearest deadline first, overdue ones marked. The officer does what is asked and records the outcome
 * with a reason the person reads; an erasure or a restriction done is then carried out in every subgraph, and
 * a correction done with the values the officer accepts (prefilled with those the person gave) is applied where they are held.
 */
export function PersonalDataQueueScreen() {
  const session = useSession();
  const unitCode = session?.units?.[0] ?? '';
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebPersonalDataRequestsDocument, variables: { unitCode }, pause: !unitCode });
  const [handling, handle] = useMutation(WebHandlePersonalDataRequestDocument);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [corrections, setCorrections] = useState<Record<string, Correction>>({});
  const correct = (id: string, field: keyof Correction, value: string) => setCorrections({ ...corrections, [id]: { ...shownCorrection(id), [field]: value } });
  /** What the form shows: the officer's edits, else the values the person gave with the request. */
  const shownCorrection = (id: string): Correction => {
    const request = data?.personalDataRequests.find((candidate) => candidate.id === id);
    return corrections[id] ?? { fullName: request?.correctedFullName ?? '', address: request?.correctedAddress ?? '' };
  };
  const [done, setDone] = useState<string>();
  const [refusal, setRefusal] = useState<string>();
  // One key per outcome as written, kept until the hub answers: a resend after a lost answer records it once.
  const { keyFor, saved } = useIdempotencyKeys();

  const decide = async (id: string, outcome: 'DONE' | 'REFUSED') => {
    setDone(undefined);
    setRefusal(undefined);
    const reason = (reasons[id] ?? '').trim();
    if (!reason) return setRefusal('Xin ghi lý do hoặc việc đã làm: người yêu cầu sẽ đọc nội dung này.');
    const input = { id, outcome, reason, correction: outcome === 'DONE' ? correctionOf(shownCorrection(id)) : undefined };
    const write = JSON.stringify(input);
    const answer = await handle({ input, idempotencyKey: keyFor(write) });
    if (answer.error) return setRefusal(shownError(answer.error, OUTCOME_ERRORS).message);
    saved(write);
    setDone(outcome === 'DONE' ? 'Đã ghi nhận: yêu cầu đã được thực hiện.' : 'Đã ghi nhận: yêu cầu bị từ chối.');
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <Page title="Yêu cầu về dữ liệu cá nhân" lead="Yêu cầu sửa, xoá, hạn chế xử lý dữ liệu người dân gửi tới đơn vị, hạn gần nhất trước. Người yêu cầu đọc được lý do bạn ghi.">
      {fetching && !data && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {done && <Alert tone="success">{done}</Alert>}
      {refusal && <Alert>{refusal}</Alert>}
      {data && data.personalDataRequests.length === 0 && <p>Không có yêu cầu nào đang chờ xử lý.</p>}
      {data?.personalDataRequests.map((request) => (
        <article key={request.id} className="card" data-testid="personal-data-request" aria-labelledby={`yc-${request.id}`}>
          <h2 id={`yc-${request.id}`}>{personalDataRequestKind[request.kind]}</h2>
          <dl>
            <dt>Gửi tới đơn vị</dt>
            <dd>{request.unitCode}</dd>
            <dt>Ngày nhận</dt>
            <dd>{formatDate(request.receivedAt)}</dd>
            <dt>Hạn xử lý</dt>
            <dd>
              {formatDate(request.dueAt)}
              {request.overdue && <strong> (đã quá hạn)</strong>}
            </dd>
            {request.details && (
              <>
                <dt>Nội dung</dt>
                <dd>{request.details}</dd>
              </>
            )}
          </dl>
          {request.kind === 'CORRECTION' && (
            <fieldset>
              <legend>
                Giá trị đúng theo yêu cầu {request.correctedFullName || request.correctedAddress ? '(người yêu cầu đã ghi sẵn, xin đối chiếu giấy tờ)' : ''} (để trống nếu đã sửa bằng tay)
              </legend>
              <div className="field">
                <label htmlFor={`ho-ten-${request.id}`}>Họ và tên đúng</label>
                <input id={`ho-ten-${request.id}`} maxLength={100} value={shownCorrection(request.id).fullName ?? ''} onChange={(event) => correct(request.id, 'fullName', event.target.value)} />
              </div>
              <div className="field">
                <label htmlFor={`dia-chi-${request.id}`}>Địa chỉ đúng</label>
                <input id={`dia-chi-${request.id}`} maxLength={255} value={shownCorrection(request.id).address ?? ''} onChange={(event) => correct(request.id, 'address', event.target.value)} />
              </div>
            </fieldset>
          )}
          <div className="field">
            <label htmlFor={`ly-do-${request.id}`}>Việc đã làm hoặc lý do từ chối</label>
            <textarea id={`ly-do-${request.id}`} rows={2} value={reasons[request.id] ?? ''} onChange={(event) => setReasons({ ...reasons, [request.id]: event.target.value })} />
          </div>
          <button type="button" onClick={() => void decide(request.id, 'DONE')} disabled={handling.fetching}>
            Đã thực hiện
          </button>{' '}
          <button type="button" className="secondary" onClick={() => void decide(request.id, 'REFUSED')} disabled={handling.fetching}>
            Từ chối
          </button>
        </article>
      ))}
    </Page>
  );
}
