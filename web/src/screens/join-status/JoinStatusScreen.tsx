import { useClient, useMutation } from 'urql';
import { WebJoinRequestByReferenceDocument, WebWithdrawJoinRequestDocument } from '../../../../client/generated/web-public';
import { Alert, Page } from '../../components/Page';
import { ReferenceLookupForm, useReferenceLookup } from '../../components/ReferenceLookup';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';
import { shownError } from '../../errors';
import { formatDate } from '../../i18n/format';
import { memberRole, membershipRequestStatus } from '../../i18n/labels';

const LOOKUP_ERRORS = {
  NOT_FOUND: 'Không có đơn nào với số điện thoại và mã tra cứu này. Xin kiểm tra lại.',
  TOO_MANY_ATTEMPTS: 'Mã tra cứu này đã bị khoá vì nhập sai số điện thoại nhiều lần. Xin liên hệ tổ trưởng hoặc cán bộ xã.',
};

/** A resident checks their request to join a team, or withdraws it, with their phone and reference code. */
export function JoinStatusScreen() {
  const client = useClient();
  const [withdrawal, withdraw] = useMutation(WebWithdrawJoinRequestDocument);
  // Kept until the hub answers: a resend after a lost answer withdraws once.
  const [idempotencyKey, renewIdempotencyKey] = useIdempotencyKey();
  const { found: request, input, lookUp, problem } = useReferenceLookup(async (values) => {
    const answer = await client.query(WebJoinRequestByReferenceDocument, { input: values }, { requestPolicy: 'network-only' }).toPromise();
    return { found: answer.data?.membershipRequestByReference, error: answer.error };
  }, LOOKUP_ERRORS);
  const onWithdraw = async () => {
    if (!input || !window.confirm('Bạn chắc chắn muốn rút đơn xin gia nhập này?')) return;
    const answer = await withdraw({ input, idempotencyKey });
    if (!answer.data) return;
    renewIdempotencyKey();
    await lookUp(input);
  };
  const open = request && ['PENDING', 'RECOMMENDED'].includes(request.status);

  return (
    <Page title="Tra cứu đơn xin gia nhập tổ" lead="Nhập số điện thoại đã dùng khi gửi đơn và mã tra cứu được cấp.">
      <ReferenceLookupForm onLookUp={lookUp} problem={problem} />
      {request && (
        <article className="card" aria-live="polite">
          <h2>{request.team.name}</h2>
          <p>{request.team.unit.name}</p>
          <dl>
            <dt>Xin tham gia với vai trò</dt>
            <dd>{request.requestedRole ? memberRole[request.requestedRole] : '—'}</dd>
            <dt>Ngày gửi đơn</dt>
            <dd>{formatDate(request.createdAt)}</dd>
            <dt>Tình trạng</dt>
            <dd data-testid="join-request-status">
              <strong>{membershipRequestStatus[request.status]}</strong>
              {request.decidedAt && ` (${formatDate(request.decidedAt)})`}
            </dd>
          </dl>
          {request.notice && <Alert tone="info">{request.notice}</Alert>}
          {withdrawal.error && <Alert>{shownError(withdrawal.error, { CONFLICT: 'Đơn đã được xét xong nên không rút được nữa.' }).message}</Alert>}
          {open && (
            <button type="button" className="secondary" onClick={() => void onWithdraw()} disabled={withdrawal.fetching}>
              Rút đơn xin gia nhập
            </button>
          )}
        </article>
      )}
    </Page>
  );
}
