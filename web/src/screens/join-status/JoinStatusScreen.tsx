import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useSearchParams } from 'react-router';
import { useClient, useMutation, type CombinedError } from 'urql';
import { z } from 'zod';
import {
  WebJoinRequestByReferenceDocument,
  WebWithdrawJoinRequestDocument,
  type WebJoinRequestByReferenceQuery,
} from '../../../../client/generated/graphql';
import { Field } from '../../components/Field';
import { Alert, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { phone, referenceCode } from '../../forms';
import { formatDate } from '../../i18n/format';
import { memberRole, membershipRequestStatus } from '../../i18n/labels';

const schema = z.object({ phone, referenceCode });
type Form = z.input<typeof schema>;
type JoinRequest = WebJoinRequestByReferenceQuery['membershipRequestByReference'];

const LOOKUP_ERRORS = {
  NOT_FOUND: 'Không có đơn nào với số điện thoại và mã tra cứu này. Xin kiểm tra lại.',
  TOO_MANY_ATTEMPTS: 'Mã tra cứu này đã bị khoá vì nhập sai số điện thoại nhiều lần. Xin liên hệ tổ trưởng hoặc cán bộ xã.',
};

/** A resident checks their request to join a team, or withdraws it, with their phone and reference code. */
export function JoinStatusScreen() {
  const [search] = useSearchParams();
  const client = useClient();
  const [request, setRequest] = useState<JoinRequest>();
  const [lookupError, setLookupError] = useState<CombinedError>();
  const [input, setInput] = useState<z.output<typeof schema>>();
  const [withdrawal, withdraw] = useMutation(WebWithdrawJoinRequestDocument);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<Form, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { referenceCode: search.get('ma') ?? '', phone: '' } });

  const lookUp = async (values: z.output<typeof schema>) => {
    const answer = await client.query(WebJoinRequestByReferenceDocument, { input: values }, { requestPolicy: 'network-only' }).toPromise();
    setLookupError(answer.error);
    setRequest(answer.data?.membershipRequestByReference);
    setInput(values);
  };
  const onSubmit = handleSubmit(lookUp);
  const onWithdraw = async () => {
    if (!input || !window.confirm('Bạn chắc chắn muốn rút đơn xin gia nhập này?')) return;
    const answer = await withdraw({ input });
    if (answer.data) await lookUp(input);
  };
  const problem = lookupError && shownError(lookupError, LOOKUP_ERRORS);
  const open = request && ['PENDING', 'RECOMMENDED'].includes(request.status);

  return (
    <Page title="Tra cứu đơn xin gia nhập tổ" lead="Nhập số điện thoại đã dùng khi gửi đơn và mã tra cứu được cấp.">
      <form onSubmit={onSubmit} noValidate>
        <Field label="Số điện thoại" error={errors.phone?.message ?? (problem?.field === 'phone' ? problem.message : undefined)}>
          {(props) => <input {...props} type="tel" inputMode="tel" autoComplete="tel" {...register('phone')} />}
        </Field>
        <Field label="Mã tra cứu" error={errors.referenceCode?.message ?? (problem?.field === 'referenceCode' ? problem.message : undefined)}>
          {(props) => <input {...props} autoCapitalize="characters" autoComplete="off" {...register('referenceCode')} />}
        </Field>
        <button type="submit" disabled={isSubmitting}>
          Tra cứu
        </button>
      </form>
      {problem && !problem.field && <Alert>{problem.message}</Alert>}
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
