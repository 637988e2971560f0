import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect } from 'react';
import { useFieldArray, useForm, type FieldPath } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { z } from 'zod';
import {
  WebProgrammeDocument,
  WebRecordCashReceiptDocument,
  WebRecordInKindReceiptDocument,
  WebSponsorChoicesDocument,
  type FundingSource,
  type ItemKind,
  type PaymentMethod,
} from '../../../../client/generated/web-signed-in';
import { Field } from '../../components/Field';
import { LabelOptions } from '../../components/LabelOptions';
import { useSession } from '../../components/Layout';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { money, text } from '../../forms';
import { todayInVietnam } from '../../i18n/format';
import { fundingSource, itemKind, paymentMethod } from '../../i18n/labels';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';

const gift = z.object({
  itemKind: z.enum(Object.keys(itemKind) as [ItemKind, ...ItemKind[]]),
  description: text(2, 200, 'mô tả hiện vật'),
  quantity: z.coerce.number<string>().int('Xin nhập số nguyên').min(1, 'Ít nhất 1').max(1_000_000, 'Số quá lớn'),
  unitValue: money,
});
const schema = z
  .object({
    kind: z.enum(['CASH', 'IN_KIND']),
    receivedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Xin chọn ngày nhận'),
    sponsorId: z.string(),
    source: z.enum(Object.keys(fundingSource) as [FundingSource, ...FundingSource[]]),
    amount: z.string(),
    method: z.enum(Object.keys(paymentMethod) as [PaymentMethod, ...PaymentMethod[]]),
    gifts: z.array(z.unknown()),
    note: z.string().trim().max(500, 'Ghi chú dài quá 500 ký tự'),
  })
  // Only the fields of the kind chosen are checked: cash needs an amount, gifts need their lines.
  .superRefine((values, context) => {
    const issues =
      values.kind === 'CASH'
        ? money.safeParse(values.amount).error?.issues.map((issue) => ({ ...issue, path: ['amount'] }))
        : z.array(gift).min(1, 'Thêm ít nhất một hiện vật').safeParse(values.gifts).error?.issues.map((issue) => ({ ...issue, path: ['gifts', ...issue.path] }));
    for (const issue of issues ?? []) context.addIssue({ code: 'custom', message: issue.message, path: issue.path as (string | number)[] });
  });
type Form = z.input<typeof schema>;
type GiftForm = z.input<typeof gift>;

const blankGift: GiftForm = { itemKind: 'SIM_CARD', description: '', quantity: '1', unitValue: '' };

/** Records cash or in-kind gifts received for a programme; the numbered receipt opens ready to print. */
export function RecordReceiptScreen() {
  const { programmeId = '' } = useParams();
  const navigate = useNavigate();
  const session = useSession();
  const [{ data: programmeData }] = useQuery({ query: WebProgrammeDocument, variables: { id: programmeId } });
  const [{ data: sponsorData }] = useQuery({ query: WebSponsorChoicesDocument, variables: { unitCode: session?.units?.[0] ?? '' } });
  const [cash, recordCash] = useMutation(WebRecordCashReceiptDocument);
  const [inKind, recordInKind] = useMutation(WebRecordInKindReceiptDocument);
  const [idempotencyKey] = useIdempotencyKey();
  const {
    register,
    control,
    watch,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<Form>({
    resolver: zodResolver(schema),
    defaultValues: { kind: 'CASH', receivedOn: todayInVietnam(), sponsorId: '', source: 'MOBILISED', amount: '', method: 'CASH', gifts: [blankGift], note: '' },
  });
  const gifts = useFieldArray({ control, name: 'gifts' });
  const kind = watch('kind');
  const failure = cash.error ?? inKind.error;
  const problem = failure ? shownError(failure, { CONFLICT: 'Không ghi được: cam kết hoặc chương trình không cho phép khoản thu này.' }) : undefined;
  const giftErrors = errors.gifts as unknown as Partial<Record<number, Partial<Record<keyof GiftForm, { message?: string }>>>> | undefined;

  useEffect(() => {
    if (problem?.field && problem.field !== 'programmeId') {
      setError(problem.field as FieldPath<Form>, { message: problem.fieldMessage });
      setFocus(problem.field as FieldPath<Form>);
    }
  }, [problem?.field, problem?.fieldMessage, setError, setFocus]);

  const onSubmit = handleSubmit(async (values) => {
    const common = {
      idempotencyKey,
      programmeId,
      receivedOn: values.receivedOn,
      sponsorId: values.sponsorId || undefined,
      note: values.note || undefined,
    };
    const answer =
      values.kind === 'CASH'
        ? (await recordCash({ input: { ...common, source: values.source, amount: money.parse(values.amount), method: values.method } })).data?.recordCashDonation
        : (await recordInKind({ input: { ...common, gifts: (values.gifts as GiftForm[]).map((line) => gift.parse(line)) } })).data?.recordInKindDonation;
    if (answer) void navigate(`/chuong-trinh/${programmeId}/phieu-thu/${answer.id}`);
  });

  return (
    <Page title="Ghi phiếu thu" lead={programmeData?.programme?.name}>
      {!programmeData && <Loading />}
      {problem && <Alert>{problem.message}</Alert>}
      <form onSubmit={onSubmit} noValidate>
        <fieldset>
          <legend>Loại khoản thu</legend>
          <label className="choice">
            <input type="radio" value="CASH" {...register('kind')} /> Tiền
          </label>
          <label className="choice">
            <input type="radio" value="IN_KIND" {...register('kind')} /> Hiện vật
          </label>
        </fieldset>
        <Field label="Ngày nhận" error={errors.receivedOn?.message}>
          {(props) => <input {...props} type="date" {...register('receivedOn')} />}
        </Field>
        <Field label="Người ủng hộ" hint="Để trống nếu nhà hảo tâm không muốn nêu tên" error={errors.sponsorId?.message}>
          {(props) => (
            <select {...props} {...register('sponsorId')}>
              <option value="">— Nhà hảo tâm không nêu tên —</option>
              {sponsorData?.sponsors.nodes.map((sponsor) => (
                <option key={sponsor.id} value={sponsor.id}>
                  {sponsor.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {kind === 'CASH' ? (
          <>
            <Field label="Số tiền (đồng)" hint="Ví dụ 1.500.000" error={errors.amount?.message}>
              {(props) => <input {...props} inputMode="numeric" {...register('amount')} />}
            </Field>
            <Field label="Hình thức nhận" error={errors.method?.message}>
              {(props) => (
                <select {...props} {...register('method')}>
                  <LabelOptions labels={paymentMethod} />
                </select>
              )}
            </Field>
            <Field label="Nguồn" error={errors.source?.message}>
              {(props) => (
                <select {...props} {...register('source')}>
                  <LabelOptions labels={fundingSource} />
                </select>
              )}
            </Field>
          </>
        ) : (
          <>
            {gifts.fields.map((line, index) => (
              <fieldset key={line.id}>
                <legend>Hiện vật {index + 1}</legend>
                <Field label="Loại" error={giftErrors?.[index]?.itemKind?.message}>
                  {(props) => (
                    <select {...props} {...register(`gifts.${index}.itemKind` as FieldPath<Form>)}>
                      <LabelOptions labels={itemKind} />
                    </select>
                  )}
                </Field>
                <Field label="Mô tả" hint="Ví dụ: SIM 4G Viettel" error={giftErrors?.[index]?.description?.message}>
                  {(props) => <input {...props} {...register(`gifts.${index}.description` as FieldPath<Form>)} />}
                </Field>
                <Field label="Số lượng" error={giftErrors?.[index]?.quantity?.message}>
                  {(props) => <input {...props} inputMode="numeric" {...register(`gifts.${index}.quantity` as FieldPath<Form>)} />}
                </Field>
                <Field label="Giá trị ước tính mỗi món (đồng)" error={giftErrors?.[index]?.unitValue?.message}>
                  {(props) => <input {...props} inputMode="numeric" {...register(`gifts.${index}.unitValue` as FieldPath<Form>)} />}
                </Field>
                {gifts.fields.length > 1 && (
                  <button type="button" className="secondary" onClick={() => gifts.remove(index)}>
                    Bỏ hiện vật {index + 1}
                  </button>
                )}
              </fieldset>
            ))}
            <button type="button" className="secondary" onClick={() => gifts.append(blankGift)}>
              Thêm hiện vật
            </button>
          </>
        )}
        <Field label="Ghi chú" error={errors.note?.message}>
          {(props) => <textarea {...props} rows={2} {...register('note')} />}
        </Field>
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? 'Đang ghi…' : 'Ghi và in phiếu thu'}
        </button>
      </form>
    </Page>
  );
}
