import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useMutation, type CombinedError } from 'urql';
import { z } from 'zod';
import { WebCancelPledgeDocument, WebWriteOffPledgeInstalmentDocument } from '../../../../client/generated/web-sponsors';
import { Field } from '../../components/Field';
import { text } from '../../forms';
import { formatMoney } from '../../i18n/format';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';
import { useRefusal } from '../../components/useRefusal';

const reasonSchema = z.object({ reason: text(2, 500, 'lý do') });
type ReasonForm = z.input<typeof reasonSchema>;

/**
 * A write that needs the officer's reason and their confirmation: the reason is checked here and
 * by the hub (its refusal marks the field), the confirmation asked before anything is sent.
 */
function ReasonForm({
  name,
  confirmation,
  action,
  error,
  send,
  onSaved,
}: {
  name: string;
  confirmation: string;
  action: string;
  error: CombinedError | undefined;
  send: (reason: string, idempotencyKey: string) => Promise<{ data?: unknown }>;
  onSaved: () => void;
}) {
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const form = useForm<ReasonForm>({ resolver: zodResolver(reasonSchema), defaultValues: { reason: '' } });
  const refusal = useRefusal(form, error);
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    if (!window.confirm(confirmation)) return;
    if (!(await send(reasonSchema.parse(values).reason, idempotencyKey)).data) return;
    renewKey();
    onSaved();
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label={name}>
      {refusal}
      <Field label="Lý do" error={errors.reason?.message}>
        {(props) => <textarea {...props} rows={2} {...form.register('reason')} />}
      </Field>
      <button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Đang lưu…' : action}
      </button>
    </form>
  );
}

/** Stops expecting the rest of an instalment (what it received stays), with the officer's reason. */
export function WriteOffInstalmentForm({
  instalment,
  sponsorName,
  onSaved,
}: {
  instalment: { id: string; position: number; outstanding: string };
  sponsorName: string;
  onSaved: () => void;
}) {
  const [result, writeOff] = useMutation(WebWriteOffPledgeInstalmentDocument);
  return (
    <ReasonForm
      name={`Thôi theo dõi đợt ${instalment.position} của ${sponsorName}`}
      confirmation={`Thôi theo dõi ${formatMoney(instalment.outstanding)} còn lại của đợt ${instalment.position} (${sponsorName})? Số đã nhận vẫn giữ nguyên.`}
      action="Thôi theo dõi đợt này"
      error={result.error}
      send={(reason, idempotencyKey) => writeOff({ input: { instalmentId: instalment.id, reason, idempotencyKey } })}
      onSaved={onSaved}
    />
  );
}

/** Cancels a sponsor's whole pledge: nothing more is expected from it; the officer says why. */
export function CancelPledgeForm({ pledge, sponsorName, onSaved }: { pledge: { id: string; amount: string }; sponsorName: string; onSaved: () => void }) {
  const [result, cancel] = useMutation(WebCancelPledgeDocument);
  return (
    <ReasonForm
      name={`Huỷ cam kết ${formatMoney(pledge.amount)} của ${sponsorName}`}
      confirmation={`Huỷ cam kết ${formatMoney(pledge.amount)} của ${sponsorName}? Sẽ không còn khoản nào phải nhận từ cam kết này.`}
      action="Huỷ cam kết"
      error={result.error}
      send={(reason, idempotencyKey) => cancel({ id: pledge.id, reason, idempotencyKey })}
      onSaved={onSaved}
    />
  );
}
