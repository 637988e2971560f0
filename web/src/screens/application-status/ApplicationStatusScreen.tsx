import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useSearchParams } from 'react-router';
import { useClient, useMutation, type CombinedError } from 'urql';
import { z } from 'zod';
import {
  WebApplicationByReferenceDocument,
  WebWithdrawApplicationDocument,
  type WebApplicationByReferenceQuery,
} from '../../../../client/generated/graphql';
import { Field } from '../../components/Field';
import { Alert, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { phone, referenceCode } from '../../forms';
import { formatDate } from '../../i18n/format';
import { applicationStatus } from '../../i18n/labels';

const schema = z.object({ phone, referenceCode });
type Form = z.input<typeof schema>;
type Application = WebApplicationByReferenceQuery['stallApplicationByReference'];

const LOOKUP_ERRORS = {
  NOT_FOUND: 'Không có đơn nào với số điện thoại và mã tra cứu này. Xin kiểm tra lại.',
  TOO_MANY_ATTEMPTS: 'Mã tra cứu này đã bị khoá vì nhập sai số điện thoại nhiều lần. Xin liên hệ ban tổ chức.',
};

/** A household checks its stall application, or withdraws it, with its phone and reference code. */
export function ApplicationStatusScreen() {
  const [search] = useSearchParams();
  const client = useClient();
  const [application, setApplication] = useState<Application>();
  const [lookupError, setLookupError] = useState<CombinedError>();
  const [input, setInput] = useState<z.output<typeof schema>>();
  const [withdrawal, withdraw] = useMutation(WebWithdrawApplicationDocument);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<Form, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { referenceCode: search.get('ma') ?? '', phone: '' } });

  const lookUp = async (values: z.output<typeof schema>) => {
    const answer = await client.query(WebApplicationByReferenceDocument, { input: values }).toPromise();
    setLookupError(answer.error);
    setApplication(answer.data?.stallApplicationByReference);
    setInput(values);
  };
  const onSubmit = handleSubmit(lookUp);
  const onWithdraw = async () => {
    if (!input || !window.confirm('Bạn chắc chắn muốn huỷ đơn đăng ký này?')) return;
    const answer = await withdraw({ input });
    if (answer.data) await lookUp(input);
  };
  const problem = lookupError && shownError(lookupError, LOOKUP_ERRORS);
  const open = application && ['PENDING', 'WAITLISTED', 'APPROVED'].includes(application.status);

  return (
    <Page title="Tra cứu đơn đăng ký gian hàng" lead="Nhập số điện thoại đã dùng khi đăng ký và mã tra cứu được cấp.">
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
