import { Link } from 'react-router';
import { useClient, useMutation } from 'urql';
import { WebApplicationByReferenceDocument, WebWithdrawApplicationDocument } from '../../../../client/generated/web-public';
import { Alert, Page } from '../../components/Page';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';
import { ReferenceLookupForm, useReferenceLookup } from '../../components/ReferenceLookup';
import { shownError } from '../../errors';
import { formatDate } from '../../i18n/format';
import { applicationStatus } from '../../i18n/labels';

const LOOKUP_ERRORS = {
  NOT_FOUND: 'Không có đơn nào với số điện thoại và mã tra cứu này. Xin kiểm tra lại.',
  TOO_MANY_ATTEMPTS: 'Mã tra cứu này đã bị khoá vì nhập sai số điện thoại nhiều lần. Xin liên hệ ban tổ chức.',
};

/** A household checks its stall application, or withdraws it, with its phone and reference code. */
export function ApplicationStatusScreen() {
  const client = useClient();
  const [withdrawal, withdraw] = useMutation(WebWithdrawApplicationDocument);
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const { found: application, input, lookUp, problem } = useReferenceLookup(async (values) => {
    const answer = await client.query(WebApplicationByReferenceDocument, { input: values }).toPromise();
    return { found: answer.data?.stallApplicationByReference, error: answer.error };
  }, LOOKUP_ERRORS);
  const onWithdraw = async () => {
    if (!input || !window.confirm('Bạn chắc chắn muốn huỷ đơn đăng ký này?')) return;
    const answer = await withdraw({ input, idempotencyKey });
    if (!answer.data) return;
    renewKey();
    await lookUp(input);
  };
  const open = application && ['PENDING', 'WAITLISTED', 'APPROVED'].includes(application.status);

  return (
    <Page title="Tra cứu đơn đăng ký gian hàng" lead="Nhập số điện thoại đã dùng khi đăng ký và mã tra cứu được cấp.">
      <ReferenceLookupForm onLookUp={lookUp} problem={problem} />
      {application && (
        <article className="card" aria-live="polite">
          <h2>{application.event.title}</h2>
          <p>
            {formatDate(application.event.startsOn)} · {application.event.venue}
          </p>
          <dl>
            <dt>Đơn vị đăng ký</dt>
            <dd>{application.exhibitorName}</dd>
            <dt>Khu gian hàng</dt>
            <dd>{application.category.name}</dd>
            <dt>Ngày đăng ký</dt>
            <dd>{formatDate(application.appliedAt)}</dd>
            <dt>Tình trạng</dt>
            <dd data-testid="application-status">
              <strong>{applicationStatus[application.status]}</strong>
              {application.stallCode && ` – gian số ${application.stallCode}`}
            </dd>
          </dl>
          <p>
            <Link to={`/su-kien/${application.event.id}`}>Xem trang ngày hội</Link>
          </p>
          {withdrawal.error && <Alert>{shownError(withdrawal.error, { CONFLICT: 'Đơn này không thể huỷ nữa.' }).message}</Alert>}
          {open && (
            <button type="button" className="secondary" onClick={() => void onWithdraw()} disabled={withdrawal.fetching}>
              Huỷ đơn đăng ký
            </button>
          )}
        </article>
      )}
    </Page>
  );
}
