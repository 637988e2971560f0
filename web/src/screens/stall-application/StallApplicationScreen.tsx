import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { WebApplyForStallDocument, WebFairDocument, type WebApplyForStallMutation } from '../../../../client/generated/web-public';
import { Field } from '../../components/Field';
import { Alert, Loading, Page } from '../../components/Page';
import { ReferenceCodeSent } from '../../components/ReferenceCodeSent';
import { useRefusal } from '../../components/useRefusal';
import { shownError } from '../../errors';
import { lazyZodResolver } from '../../form-resolver';
import { formatMoney } from '../../i18n/format';
import { applicationStatus, exhibitorKind } from '../../i18n/labels';
import { PRIVACY_NOTICE_VERSION } from '../../privacy';
import type { Application, Form } from './schema';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';

// The rules (and zod) load once the person starts filling the form in, not with the page.
const { resolver, preload } = lazyZodResolver<Form, Application>(() => import('./schema').then((module) => module.schema));

/** The form's fields, the same as the schema's (the compiler checks), as the API's `extensions.field` names them. */
const FIELDS = {
  categoryId: 'categoryId',
  exhibitorKind: 'exhibitorKind',
  exhibitorName: 'exhibitorName',
  contactName: 'contactName',
  contactPhone: 'contactPhone',
  offering: 'offering',
  agreed: 'agreed',
} satisfies { [Name in keyof Form]: Name };

/** The stall application form for households, businesses and co-operatives: no sign-in; answers with a reference code. */
export function StallApplicationScreen() {
  const { eventId = '' } = useParams();
  const [search] = useSearchParams();
  const [{ data, fetching, error }] = useQuery({ query: WebFairDocument, variables: { id: eventId } });
  const [sent, apply] = useMutation(WebApplyForStallDocument);
  const [idempotencyKey, renewIdempotencyKey] = useIdempotencyKey();
  const [result, setResult] = useState<{ application: WebApplyForStallMutation['applyForStall']; phone: string }>();
  const form = useForm<Form, unknown, Application>({
    resolver,
    defaultValues: { categoryId: search.get('khu') ?? '', exhibitorKind: 'HOUSEHOLD' },
  });
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = form;
  const event = data?.event;
  const refusal = useRefusal(form, sent.error, FIELDS, { CONFLICT: 'Không đăng ký được: ngày hội đã hết hạn đăng ký, hoặc số điện thoại này đã đăng ký khu gian hàng này.' });

  const onSubmit = handleSubmit(async (values) => {
    const { agreed: _agreed, ...fields } = values;
    // The person ticked the box under the notice: their consent, through the web form.
    const consent = { noticeVersion: PRIVACY_NOTICE_VERSION, channel: 'ONLINE_FORM' as const };
    const answer = await apply({ input: { ...fields, consent, idempotencyKey } });
    if (answer.data) {
      setResult({ application: answer.data.applyForStall, phone: values.contactPhone });
      renewIdempotencyKey();
    }
  });

  if (result) {
    const { application } = result;
    return (
      <Page title="Đã gửi đơn đăng ký gian hàng">
        <ReferenceCodeSent
          outcome={
            <>
              Đơn đăng ký {application.category.name}: <strong>{applicationStatus[application.status]}</strong>
              {application.stallCode && `, gian số ${application.stallCode}`}.
            </>
          }
          code={application.referenceCode ?? null}
          phone={result.phone}
          statusPath="/tra-cuu"
          undo="huỷ đơn"
        />
      </Page>
    );
  }

  return (
    <Page title="Đăng ký gian hàng" lead={event ? event.title : undefined}>
      {fetching && <Loading />}
      {event && event.status !== 'OPEN_FOR_APPLICATIONS' && <Alert tone="info">Ngày hội này hiện không nhận đăng ký gian hàng.</Alert>}
      {refusal}
      {!fetching && !event && <Alert>{error ? shownError(error).message : 'Không tìm thấy ngày hội này.'}</Alert>}
      {/* The form is drawn at once, while the fair's stall categories load: the API's answer then
          only fills the first list in, a small update instead of building the whole form
          in one long task (Lighthouse's total blocking time, issue 16). */}
      {(fetching || event) && (
        <form onSubmit={onSubmit} onFocus={preload} noValidate>
          <Field label="Khu gian hàng" error={errors.categoryId?.message}>
            {(props) =>
              event ? (
                <select {...props} {...register('categoryId')}>
                  <option value="">— Chọn khu —</option>
                  {event.categories.map((category) => (
                    <option key={category.id} value={category.id} disabled={category.freeStalls === 0 && category.admission === 'FIRST_COME'}>
                      {category.name} ({category.fee === '0' ? 'miễn phí' : formatMoney(category.fee)}, còn {category.freeStalls} gian)
                    </option>
                  ))}
                </select>
              ) : (
                // Registered once its choices are there, so a `?khu=` link's choice is shown selected.
                <select {...props} disabled>
                  <option value="">Đang tải các khu…</option>
                </select>
              )
            }
          </Field>
          <Field label="Bạn là" error={errors.exhibitorKind?.message}>
            {(props) => (
              <select {...props} {...register('exhibitorKind')}>
                {(['HOUSEHOLD', 'BUSINESS', 'COOPERATIVE'] as const).map((kind) => (
                  <option key={kind} value={kind}>
                    {exhibitorKind[kind]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Tên hộ, cơ sở hoặc doanh nghiệp" hint="Tên này hiện trên sơ đồ ngày hội khi đơn được duyệt" error={errors.exhibitorName?.message}>
            {(props) => <input {...props} autoComplete="organization" {...register('exhibitorName')} />}
          </Field>
          <Field label="Họ tên người liên hệ" error={errors.contactName?.message}>
            {(props) => <input {...props} autoComplete="name" {...register('contactName')} />}
          </Field>
          <Field label="Số điện thoại" hint="Chỉ ban tổ chức thấy số này" error={errors.contactPhone?.message}>
            {(props) => <input {...props} type="tel" inputMode="tel" autoComplete="tel" {...register('contactPhone')} />}
          </Field>
          <Field label="Sản phẩm, dịch vụ trưng bày" error={errors.offering?.message}>
            {(props) => <textarea {...props} rows={3} {...register('offering')} />}
          </Field>
          <Field
            label="Tôi đồng ý"
            hint="Họ tên và số điện thoại người liên hệ chỉ dùng để ban tổ chức liên hệ về gian hàng này; không công khai; được xoá sau ngày hội theo thời hạn lưu trữ. Bạn có thể rút lại sự đồng ý, xem, sửa hoặc yêu cầu xoá thông tin bất cứ lúc nào."
            error={errors.agreed?.message}
          >
            {(props) => <input {...props} type="checkbox" {...register('agreed')} />}
          </Field>
          <button type="submit" disabled={!event || sent.fetching}>
            {sent.fetching ? 'Đang gửi…' : 'Gửi đơn đăng ký'}
          </button>
        </form>
      )}
    </Page>
  );
}
