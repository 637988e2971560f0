import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import { z } from 'zod';
import { WebAllocateGiftDocument, type WebUnitStockQuery } from '../../../../client/generated/web-signed-in';
import { Field } from '../../components/Field';
import { LabelOptions } from '../../components/LabelOptions';
import { Alert } from '../../components/Page';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';
import { useRefusal } from '../../components/useRefusal';
import { date, phone, text } from '../../forms';
import { formatDate, todayInVietnam } from '../../i18n/format';
import { recipientKind } from '../../i18n/labels';
import { PRIVACY_NOTICE_VERSION } from '../../privacy';
import { codesToIssue, freeCodes } from './codes';

type Stock = WebUnitStockQuery;
type Lot = Stock['giftLots']['nodes'][number];
type RecipientKind = keyof typeof recipientKind;

const issueSchema = z
  .object({
    recipientKind: z.enum(Object.keys(recipientKind) as [RecipientKind, ...RecipientKind[]]),
    recipientId: z.string(),
    household: z.string().trim(),
    phone: z.union([z.literal(''), phone]),
    agreed: z.boolean(),
    issuedOn: date,
    count: z.string().trim(),
    codes: z.array(z.string()),
  })
  .superRefine((form, problems) => {
    if (form.recipientKind === 'HOUSEHOLD') {
      const name = text(2, 255, 'tên hộ nhận').safeParse(form.household);
      if (!name.success) problems.addIssue({ code: 'custom', path: ['household'], message: name.error.issues[0].message });
      if (!form.agreed) problems.addIssue({ code: 'custom', path: ['agreed'], message: 'Cần ghi nhận hộ đã đồng ý trên phiếu nhận' });
    } else if (!form.recipientId) {
      problems.addIssue({ code: 'custom', path: ['recipientId'], message: form.recipientKind === 'TEAM' ? 'Xin chọn tổ nhận' : 'Xin chọn sự kiện nhận' });
    }
    if (form.codes.length === 0 && !/^[1-9]\d{0,5}$/.test(form.count)) problems.addIssue({ code: 'custom', path: ['count'], message: 'Số lượng là số nguyên lớn hơn 0, hoặc chọn mã bên dưới' });
  });
type IssueForm = z.input<typeof issueSchema>;

/**
 * Issues items from a lot to a team, an event or a household. A lot with serials or codes issues them
 * by name: those picked, or the first free ones for a count. A household is people: its name is kept only
 * with the consent it gave on the receipt slip. The key is kept until the hub answers, so a resend issues once.
 */
export function IssueForm({ lot, teams, events, onSaved }: { lot: Lot; teams: { id: string; name: string }[]; events: { id: string; title: string; startsOn: string }[]; onSaved: () => void }) {
  const [result, allocate] = useMutation(WebAllocateGiftDocument);
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const free = freeCodes(lot);
  const form = useForm<IssueForm>({
    resolver: zodResolver(issueSchema),
    defaultValues: { recipientKind: 'TEAM', recipientId: '', household: '', phone: '', agreed: false, issuedOn: todayInVietnam(), count: '', codes: [] },
  });
  // The hub names `codes.3`, `quantity`, `consent`: the form's fields for them.
  const refusal = useRefusal(form, result.error, {
    quantity: 'count',
    consent: 'agreed',
    'consent.phone': 'phone',
    ...Object.fromEntries(lot.codes.map((_code, index) => [`codes.${index}`, 'codes'] as const)),
  });
  const { errors, isSubmitting } = form.formState;
  const kind = form.watch('recipientKind');
  const onSubmit = form.handleSubmit(async (values) => {
    const parsed = issueSchema.parse(values);
    const codes = codesToIssue(free, parsed.codes, Number(parsed.count), lot.codes.length > 0);
    if (!codes) {
      form.setError('count', { message: `Lô chỉ còn ${free.length} mã chưa cấp` });
      return;
    }
    const quantity = codes.length > 0 ? codes.length : Number(parsed.count);
    const household = parsed.recipientKind === 'HOUSEHOLD';
    const answer = await allocate({
      input: {
        idempotencyKey,
        giftId: lot.id,
        quantity,
        recipientKind: parsed.recipientKind,
        recipientId: household ? null : parsed.recipientId,
        household: household ? parsed.household : null,
        consent: household ? { noticeVersion: PRIVACY_NOTICE_VERSION, channel: 'PAPER_FORM', phone: parsed.phone || null } : null,
        issuedOn: parsed.issuedOn,
        codes,
      },
    });
    if (!answer.data) return;
    renewKey();
    form.reset({ ...form.getValues(), household: '', phone: '', agreed: false, count: '', codes: [] });
    onSaved();
  });
  const issued = result.data?.allocateGift;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Cấp phát ${lot.description}`}>
      {refusal}
      {issued && !result.error && (
        <Alert tone="success">
          Đã cấp {issued.quantity} {lot.description}
          {issued.codes.length > 0 && `: ${issued.codes.join(', ')}`}.
        </Alert>
      )}
      <Field label="Cấp cho" error={errors.recipientKind?.message}>
        {(props) => (
          <select {...props} {...form.register('recipientKind')}>
            <LabelOptions labels={recipientKind} />
          </select>
        )}
      </Field>
      {kind === 'TEAM' && (
        <Field label="Tổ nhận" error={errors.recipientId?.message}>
          {(props) => (
            <select {...props} {...form.register('recipientId')}>
              <option value="">— Chọn tổ —</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {kind === 'EVENT' && (
        <Field label="Sự kiện nhận" error={errors.recipientId?.message}>
          {(props) => (
            <select {...props} {...form.register('recipientId')}>
              <option value="">— Chọn sự kiện —</option>
              {events.map((event) => (
                <option key={event.id} value={event.id}>
                  {event.title} ({formatDate(event.startsOn)})
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {kind === 'HOUSEHOLD' && (
        <>
          <Field label="Hộ nhận" hint="Ví dụ: Hộ ông Vi Văn Pấn, bản Xốp Cháo" error={errors.household?.message}>
            {(props) => <input {...props} autoComplete="off" {...form.register('household')} />}
          </Field>
          <Field label="Số điện thoại của hộ (không bắt buộc)" hint="Để hộ tự xem, sửa hoặc xoá thông tin của mình sau này" error={errors.phone?.message}>
            {(props) => <input {...props} type="tel" inputMode="tel" autoComplete="off" {...form.register('phone')} />}
          </Field>
          <Field label="Hộ đã đồng ý trên phiếu nhận" hint="Tên hộ chỉ dùng để ghi sổ cấp phát của chương trình" error={errors.agreed?.message}>
            {(props) => <input {...props} type="checkbox" {...form.register('agreed')} />}
          </Field>
        </>
      )}
      <Field label="Ngày cấp" error={errors.issuedOn?.message}>
        {(props) => <input {...props} type="date" {...form.register('issuedOn')} />}
      </Field>
      <Field
        label="Số lượng"
        hint={lot.codes.length > 0 ? `Còn ${free.length} mã chưa cấp: để trống nếu chọn mã bên dưới, hoặc nhập số lượng để cấp các mã đầu tiên còn lại` : `Còn ${lot.onHand} trong lô`}
        error={errors.count?.message}
      >
        {(props) => <input {...props} inputMode="numeric" {...form.register('count')} />}
      </Field>
      {free.length > 0 && (
        <Field label="Mã, số sê-ri cấp" hint="Giữ Ctrl (trên điện thoại: chạm từng mã) để chọn nhiều mã" error={errors.codes?.message}>
          {(props) => (
            <select {...props} multiple size={Math.min(free.length, 8)} {...form.register('codes')}>
              {free.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Đang cấp…' : 'Cấp phát'}
      </button>
    </form>
  );
}
