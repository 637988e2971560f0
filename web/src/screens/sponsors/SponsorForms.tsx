import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type FieldPath, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { useMutation, useQuery } from 'urql';
import { z } from 'zod';
import {
  WebAddSponsorContactDocument,
  WebCreateSponsorDocument,
  WebPledgeProgrammesDocument,
  WebRecordPledgeDocument,
  WebRecordSponsorInteractionDocument,
  WebUpdateSponsorDocument,
  type InteractionKind,
  type SponsorKind,
  type SponsorStatus,
} from '../../../../client/generated/web-sponsors';
import { Field } from '../../components/Field';
import { LabelOptions } from '../../components/LabelOptions';
import { Alert } from '../../components/Page';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';
import { useRefusal } from '../../components/useRefusal';
import { date, money, phone, text } from '../../forms';
import { formatDate, formatMoney, todayInVietnam } from '../../i18n/format';
import { interactionKind, sponsorKind, sponsorStatus } from '../../i18n/labels';

const optional = <T extends z.ZodType>(rule: T) => z.union([z.literal(''), rule]);
const contactRules = {
  fullName: text(2, 200, 'họ tên người liên hệ'),
  position: z.string().trim().max(200, 'Chức vụ dài quá 200 ký tự'),
  phone: optional(phone),
  email: optional(z.string().trim().email('Thư điện tử chưa đúng (ví dụ ten@congty.vn)')),
};
const contactSchema = z.object(contactRules);
const sponsorSchema = z.object({
  name: text(2, 200, 'tên nhà tài trợ'),
  kind: z.enum(Object.keys(sponsorKind) as [SponsorKind, ...SponsorKind[]]),
  taxCode: optional(z.string().trim().regex(/^\d{10}(-\d{3})?$/, 'Mã số thuế gồm 10 chữ số, hoặc 13 như 0123456789-001')),
  status: z.enum(Object.keys(sponsorStatus) as [SponsorStatus, ...SponsorStatus[]]),
  publiclyNamed: z.boolean(),
  contact: z
    .object({ ...contactRules, fullName: optional(contactRules.fullName) })
    // A phone or an address without whom it reaches would be lost: the name is asked for.
    .refine(({ fullName, position, phone, email }) => fullName !== '' || !(position || phone || email), { message: 'Xin nhập họ tên người liên hệ', path: ['fullName'] }),
});
const editSchema = sponsorSchema.pick({ name: true, status: true, publiclyNamed: true });
const pledgeSchema = z
  .object({
    programmeId: z.string().min(1, 'Xin chọn chương trình'),
    kind: z.enum(['CASH', 'IN_KIND']),
    amount: money,
    description: z.string().trim().max(500, 'Mô tả dài quá 500 ký tự'),
    plan: z.enum(['ONCE', 'MONTHLY', 'QUARTERLY']),
    dueOn: date,
    count: z.string().trim(),
  })
  // The number of payments matters only for a schedule.
  .superRefine(({ plan, count }, context) => {
    const payments = Number(count);
    if (plan !== 'ONCE' && !(Number.isInteger(payments) && payments >= 2 && payments <= 60)) {
      context.addIssue({ code: 'custom', message: 'Số đợt là số nguyên từ 2 đến 60', path: ['count'] });
    }
  });

const interactionSchema = z
  .object({
    kind: z.enum(Object.keys(interactionKind) as [InteractionKind, ...InteractionKind[]]),
    occurredOn: date,
    validUntil: optional(date),
    summary: text(2, 1000, 'nội dung'),
  })
  .refine(({ occurredOn, validUntil }) => !validUntil || validUntil >= occurredOn, { message: 'Ngày hết hạn không được trước ngày ký', path: ['validUntil'] });

type ContactForm = z.input<typeof contactSchema>;
type SponsorForm = z.input<typeof sponsorSchema>;
type EditForm = z.input<typeof editSchema>;
type PledgeForm = z.input<typeof pledgeSchema>;
type InteractionForm = z.input<typeof interactionSchema>;

/** Blank optional answers are left out of the API's input rather than sent as empty strings. */
const filled = <T extends Record<string, unknown>>(values: T) =>
  Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '')) as { [K in keyof T]?: Exclude<T[K], ''> };

function ContactFields<Form extends FieldValues>({ form, prefix = '' }: { form: UseFormReturn<Form>; prefix?: string }) {
  const name = (key: keyof ContactForm) => `${prefix}${key}` as FieldPath<Form>;
  const error = (key: keyof ContactForm) => form.getFieldState(name(key), form.formState).error?.message;
  return (
    <>
      <Field label="Họ tên người liên hệ" error={error('fullName')}>
        {(props) => <input {...props} autoComplete="off" {...form.register(name('fullName'))} />}
      </Field>
      <Field label="Chức vụ" error={error('position')}>
        {(props) => <input {...props} {...form.register(name('position'))} />}
      </Field>
      <Field label="Số điện thoại" error={error('phone')}>
        {(props) => <input {...props} type="tel" inputMode="tel" {...form.register(name('phone'))} />}
      </Field>
      <Field label="Thư điện tử" error={error('email')}>
        {(props) => <input {...props} type="email" {...form.register(name('email'))} />}
      </Field>
    </>
  );
}

/** A sponsor's name, place in the pipeline and consent to be named: asked when it is added and when it is edited. */
function SponsorFields<Form extends FieldValues>({ form }: { form: UseFormReturn<Form> }) {
  const field = (key: keyof EditForm) => ({
    registered: form.register(key as FieldPath<Form>),
    error: form.getFieldState(key as FieldPath<Form>, form.formState).error?.message,
  });
  const [name, status, publiclyNamed] = [field('name'), field('status'), field('publiclyNamed')];
  return (
    <>
      <Field label="Tên nhà tài trợ" error={name.error}>
        {(props) => <input {...props} {...name.registered} />}
      </Field>
      <Field label="Tình trạng" error={status.error}>
        {(props) => (
          <select {...props} {...status.registered}>
            <LabelOptions labels={sponsorStatus} />
          </select>
        )}
      </Field>
      <label className="choice">
        <input type="checkbox" {...publiclyNamed.registered} /> Đồng ý nêu tên khi công khai thu chi
      </label>
    </>
  );
}

const blankContact: ContactForm = { fullName: '', position: '', phone: '', email: '' };

/** A new sponsor the unit's officers look after, with its first contact if one is known. */
export function NewSponsorForm({ unitCode, onDone }: { unitCode: string; onDone: (name: string) => void }) {
  const [result, create] = useMutation(WebCreateSponsorDocument);
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const form = useForm<SponsorForm>({
    resolver: zodResolver(sponsorSchema),
    defaultValues: { name: '', kind: 'ORGANISATION', taxCode: '', status: 'PROSPECT', publiclyNamed: false, contact: blankContact },
  });
  const refusal = useRefusal(form, result.error, { 'contacts.0.fullName': 'contact.fullName', 'contacts.0.phone': 'contact.phone', 'contacts.0.email': 'contact.email' });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const parsed = sponsorSchema.parse(values);
    const contact = filled(parsed.contact);
    const answer = await create({
      input: { idempotencyKey, unitCode, name: parsed.name, kind: parsed.kind, status: parsed.status, publiclyNamed: parsed.publiclyNamed, ...filled({ taxCode: parsed.taxCode }), contacts: contact.fullName ? [{ ...contact, fullName: contact.fullName }] : [] },
    });
    if (answer.data) {
      form.reset();
      renewKey();
      onDone(answer.data.createSponsor.name);
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Thêm nhà tài trợ">
      {refusal}
      <SponsorFields form={form} />
      <Field label="Loại" error={errors.kind?.message}>
        {(props) => (
          <select {...props} {...form.register('kind')}>
            <LabelOptions labels={sponsorKind} />
          </select>
        )}
      </Field>
      <Field label="Mã số thuế" hint="Không bắt buộc" error={errors.taxCode?.message}>
        {(props) => <input {...props} inputMode="numeric" {...form.register('taxCode')} />}
      </Field>
      <fieldset>
        <legend>Người liên hệ (không bắt buộc)</legend>
        <ContactFields form={form} prefix="contact." />
      </fieldset>
      <button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Đang lưu…' : 'Lưu nhà tài trợ'}
      </button>
    </form>
  );
}

/** Renames a sponsor, moves it along the pipeline or records its consent to be named in public. */
export function EditSponsorForm({ sponsor, onSaved }: { sponsor: { id: string; name: string; status: SponsorStatus; publiclyNamed: boolean }; onSaved: () => void }) {
  const [result, update] = useMutation(WebUpdateSponsorDocument);
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const form = useForm<EditForm>({ resolver: zodResolver(editSchema), defaultValues: { name: sponsor.name, status: sponsor.status, publiclyNamed: sponsor.publiclyNamed } });
  const refusal = useRefusal(form, result.error);
  const onSubmit = form.handleSubmit(async (values) => {
    if (!(await update({ id: sponsor.id, input: editSchema.parse(values), idempotencyKey })).data) return;
    renewKey();
    onSaved();
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Sửa ${sponsor.name}`}>
      {refusal}
      {result.data && <Alert tone="success">Đã lưu.</Alert>}
      <SponsorFields form={form} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        Lưu thay đổi
      </button>
    </form>
  );
}

/** Adds a person to call at a sponsor. */
export function AddContactForm({ sponsorId, sponsorName, onSaved }: { sponsorId: string; sponsorName: string; onSaved: () => void }) {
  const [result, add] = useMutation(WebAddSponsorContactDocument);
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const form = useForm<ContactForm>({ resolver: zodResolver(contactSchema), defaultValues: blankContact });
  const refusal = useRefusal(form, result.error);
  const onSubmit = form.handleSubmit(async (values) => {
    const { fullName, ...rest } = contactSchema.parse(values);
    if (!(await add({ sponsorId, input: { fullName, ...filled(rest) }, idempotencyKey })).data) return;
    form.reset();
    renewKey();
    onSaved();
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Thêm người liên hệ của ${sponsorName}`}>
      {refusal}
      <ContactFields form={form} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        Thêm người liên hệ
      </button>
    </form>
  );
}

/** Records a sponsor's pledge to a programme: paid at once, or in equal monthly or quarterly instalments. */
export function PledgeForm({ unitCode, sponsorId, sponsorName, onSaved }: { unitCode: string; sponsorId: string; sponsorName: string; onSaved: () => void }) {
  const [{ data: programmes }] = useQuery({ query: WebPledgeProgrammesDocument, variables: { unitCode } });
  const [result, record] = useMutation(WebRecordPledgeDocument);
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const form = useForm<PledgeForm>({
    resolver: zodResolver(pledgeSchema),
    defaultValues: { programmeId: '', kind: 'CASH', amount: '', description: '', plan: 'ONCE', dueOn: todayInVietnam(), count: '4' },
  });
  const refusal = useRefusal(form, result.error, { 'schedule.count': 'count', 'schedule.firstDueOn': 'dueOn' });
  const { errors, isSubmitting } = form.formState;
  const plan = form.watch('plan');
  const onSubmit = form.handleSubmit(async (values) => {
    const parsed = pledgeSchema.parse(values);
    const timing =
      parsed.plan === 'ONCE' ? { dueOn: parsed.dueOn } : { schedule: { frequency: parsed.plan, count: Number(parsed.count), firstDueOn: parsed.dueOn } };
    const answer = await record({
      input: { idempotencyKey, sponsorId, programmeId: parsed.programmeId, kind: parsed.kind, amount: parsed.amount, ...filled({ description: parsed.description }), ...timing },
    });
    if (!answer.data) return;
    renewKey();
    onSaved();
  });
  const recorded = result.data?.recordPledge;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Ghi cam kết của ${sponsorName}`}>
      {refusal}
      {recorded && (
        <Alert tone="success">
          Đã ghi cam kết {formatMoney(recorded.amount)}, {recorded.instalments.length} đợt:
          <ol className="instalment-plan">
            {recorded.instalments.map((instalment) => (
              <li key={instalment.id}>
                {instalment.dueOn ? formatDate(instalment.dueOn) : 'chưa hẹn ngày'}: {formatMoney(instalment.amount)}
              </li>
            ))}
          </ol>
        </Alert>
      )}
      <Field label="Chương trình" error={errors.programmeId?.message}>
        {(props) => (
          <select {...props} {...form.register('programmeId')}>
            <option value="">— Chọn chương trình —</option>
            {programmes?.programmes.nodes.map((programme) => (
              <option key={programme.id} value={programme.id}>
                {programme.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Hình thức" error={errors.kind?.message}>
        {(props) => (
          <select {...props} {...form.register('kind')}>
            <option value="CASH">Tiền</option>
            <option value="IN_KIND">Hiện vật (giá trị ước tính)</option>
          </select>
        )}
      </Field>
      <Field label="Số tiền cam kết (đồng)" hint="Ví dụ 50.000.000" error={errors.amount?.message}>
        {(props) => <input {...props} inputMode="numeric" {...form.register('amount')} />}
      </Field>
      <Field label="Mô tả" hint="Với hiện vật: ví dụ 200 SIM 4G" error={errors.description?.message}>
        {(props) => <input {...props} {...form.register('description')} />}
      </Field>
      <Field label="Lịch nộp" error={errors.plan?.message}>
        {(props) => (
          <select {...props} {...form.register('plan')}>
            <option value="ONCE">Một lần</option>
            <option value="MONTHLY">Chia đều hằng tháng</option>
            <option value="QUARTERLY">Chia đều hằng quý</option>
          </select>
        )}
      </Field>
      <Field label={plan === 'ONCE' ? 'Hạn nộp' : 'Hạn đợt đầu'} error={errors.dueOn?.message}>
        {(props) => <input {...props} type="date" {...form.register('dueOn')} />}
      </Field>
      {plan !== 'ONCE' && (
        <Field label="Số đợt" error={errors.count?.message}>
          {(props) => <input {...props} inputMode="numeric" {...form.register('count')} />}
        </Field>
      )}
      <button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Đang ghi…' : 'Ghi cam kết'}
      </button>
    </form>
  );
}

/** Notes a contact with a sponsor in its history: a meeting, a thank-you letter, a memorandum (with its end date)… */
export function InteractionForm({ sponsorId, sponsorName, onSaved }: { sponsorId: string; sponsorName: string; onSaved: () => void }) {
  const [result, record] = useMutation(WebRecordSponsorInteractionDocument);
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const form = useForm<InteractionForm>({
    resolver: zodResolver(interactionSchema),
    defaultValues: { kind: 'MEETING', occurredOn: todayInVietnam(), validUntil: '', summary: '' },
  });
  const refusal = useRefusal(form, result.error);
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const { validUntil, ...parsed } = interactionSchema.parse(values);
    if (!(await record({ sponsorId, input: { ...parsed, ...filled({ validUntil }) }, idempotencyKey })).data) return;
    form.reset();
    renewKey();
    onSaved();
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Ghi lại liên hệ với ${sponsorName}`}>
      {refusal}
      {result.data && <Alert tone="success">Đã ghi vào quá trình quan hệ.</Alert>}
      <Field label="Hình thức liên hệ" error={errors.kind?.message}>
        {(props) => (
          <select {...props} {...form.register('kind')}>
            <LabelOptions labels={interactionKind} />
          </select>
        )}
      </Field>
      <Field label="Ngày" error={errors.occurredOn?.message}>
        {(props) => <input {...props} type="date" {...form.register('occurredOn')} />}
      </Field>
      <Field label="Hiệu lực đến ngày" hint="Với biên bản ghi nhớ; không bắt buộc" error={errors.validUntil?.message}>
        {(props) => <input {...props} type="date" {...form.register('validUntil')} />}
      </Field>
      <Field label="Nội dung" hint="Đã trao đổi hoặc thống nhất những gì" error={errors.summary?.message}>
        {(props) => <textarea {...props} rows={3} {...form.register('summary')} />}
      </Field>
      <button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Đang ghi…' : 'Ghi lại liên hệ'}
      </button>
    </form>
  );
}
