import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { WebAskToLeaveDocument, WebMyMembershipDocument } from '../../../../client/generated/web-signed-in';
import { Field } from '../../components/Field';
import { useSession } from '../../components/Layout';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { formatDate } from '../../i18n/format';
import { memberRole, membershipRequestStatus } from '../../i18n/labels';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';

/** A member asks to leave their team themselves (seed 004: "tự nguyện xin thôi"); the leader proposes, the commune chairman decides. */
export function LeaveRequestScreen() {
  const memberId = useSession()?.member ?? '';
  const [{ data, fetching }] = useQuery({ query: WebMyMembershipDocument, variables: { id: memberId }, pause: !memberId });
  const [sent, send] = useMutation(WebAskToLeaveDocument);
  const [reason, setReason] = useState('');
  const [idempotencyKey] = useIdempotencyKey();
  const member = data?.member;

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!window.confirm('Bạn chắc chắn muốn xin thôi tham gia tổ?')) return;
    await send({ input: { memberId, reason: reason.trim() || null, idempotencyKey } });
  };

  return (
    <Page title="Xin thôi tham gia tổ" lead="Tổ trưởng đề nghị, Chủ tịch UBND xã quyết định. Lịch sử tham gia của bạn vẫn được giữ.">
      {fetching && <Loading />}
      {!memberId && <Alert>Tài khoản này không gắn với thành viên nào của tổ.</Alert>}
      {member && (
        <dl>
          <dt>Họ và tên</dt>
          <dd>{member.fullName}</dd>
          <dt>Tổ</dt>
          <dd>{member.team.name}</dd>
          <dt>Vai trò</dt>
          <dd>{memberRole[member.role]}</dd>
          <dt>Ngày tham gia</dt>
          <dd>{formatDate(member.joinedOn)}</dd>
        </dl>
      )}
      {member?.leftOn && <Alert tone="info">Bạn đã thôi tham gia tổ từ ngày {formatDate(member.leftOn)}.</Alert>}
      {sent.data && (
        <Alert tone="success">
          Đã gửi đơn xin thôi: <strong>{membershipRequestStatus[sent.data.requestToLeave.status]}</strong>.
        </Alert>
      )}
      {sent.error && (
        <Alert>{shownError(sent.error, { CONFLICT: 'Không gửi được: bạn đã có một đơn đang chờ xét, hoặc tổ trưởng chưa thể thôi khi tổ chưa có tổ trưởng mới.' }).message}</Alert>
      )}
      {member && !member.leftOn && !sent.data && (
        <form onSubmit={(event) => void onSubmit(event)} noValidate>
          <Field label="Lý do (không bắt buộc)">
            {(props) => <textarea {...props} rows={3} maxLength={500} value={reason} onChange={(event) => setReason(event.target.value)} />}
          </Field>
          <button type="submit" disabled={sent.fetching}>
            {sent.fetching ? 'Đang gửi…' : 'Gửi đơn xin thôi'}
          </button>
        </form>
      )}
    </Page>
  );
}
