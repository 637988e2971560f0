import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type FieldPath } from 'react-hook-form';
import { useMutation } from 'urql';
import { z } from 'zod';
import { WebApproveBudgetDocument, WebReviseBudgetDocument, type WebProgrammeQuery } from '../../../../client/generated/web-signed-in';
import { CellLabel } from '../../components/CellLabel';
import { Field } from '../../components/Field';
import { Alert } from '../../components/Page';
import { shownError, type ShownError } from '../../errors';
import { money, text } from '../../forms';
import { formatDate, formatMoney } from '../../i18n/format';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';

type Programme = NonNullable<WebProgrammeQuery['programme']>;

/** What refusals mean here: one's own estimate (FORBIDDEN), an estimate already approved (CONFLICT). */
const BUDGET_ERRORS = {
  FORBIDDEN: 'Bạn đã lập hoặc điều chỉnh lần dự toán này nên không được tự duyệt: cần một cán bộ khác duyệt.',
  CONFLICT: 'Không thực hiện được: dự toán đã được duyệt, không điều chỉnh được nữa.',
};

const schema = z.object({
  reason: text(2, 500, 'lý do điều chỉnh'),
  lines: z.array(
    z.object({
      unitPrice: money,
      quantity: z
        .string()
        .trim()
        .regex(/^\d+$/, 'Xin nhập số nguyên')
        .transform(Number)
        .pipe(z.number().min(1, 'Ít nhất 1').max(1_000_000, 'Số quá lớn')),
    }),
  ),
});
type Form = z.input<typeof schema>;

/** Unit prices and quantities of the current lines changed, with the reason; the hub keeps the new version. */
function ReviseForm({ programme, onDone }: { programme: Programme; onDone: (message: string) => void }) {
  const [revision, revise] = useMutation(WebReviseBudgetDocument);
  const [idempotencyKey, renewIdempotencyKey] = useIdempotencyKey();
  const lines = programme.budget.lines;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Form, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { reason: '', lines: lines.map((line) => ({ unitPrice: line.unitPrice, quantity: String(line.quantity) })) },
  });
  const problem: ShownError | undefined = revision.error ? shownError(revision.error, BUDGET_ERRORS) : undefined;

  const onSubmit = handleSubmit(async (parsed) => {
    const budget = lines.map((line, index) => ({
      id: line.id,
      side: line.side,
      item: line.item,
      unit: line.unit,
      note: line.note,
      unitPrice: parsed.lines[index].unitPrice,
      quantity: parsed.lines[index].quantity,
    }));
    const answer = await revise({ input: { programmeId: programme.id, reason: parsed.reason, budget, idempotencyKey } });
    if (answer.error) {
      const problem = shownError(answer.error);
      const field = problem.field?.match(/^budget\.(\d+)\.(unitPrice|quantity)$/);
      if (field) setError(`lines.${Number(field[1])}.${field[2]}` as FieldPath<Form>, { message: problem.fieldMessage });
      return;
    }
    renewIdempotencyKey();
    onDone(`Đã lưu dự toán điều chỉnh lần ${answer.data!.reviseBudget.number}, chờ cán bộ xã duyệt.`);
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="dieu-chinh">
      <h3 id="dieu-chinh">Điều chỉnh dự toán</h3>
      {problem && <Alert>{problem.message}</Alert>}
      {lines.map((line, index) => (
        <fieldset key={line.id}>
          <legend>
            {line.side === 'INCOME' ? 'Thu' : 'Chi'} {line.position}. {line.item} ({line.unit})
          </legend>
          <Field label={`Đơn giá (đồng): ${line.item}`} error={errors.lines?.[index]?.unitPrice?.message}>
            {(props) => <input {...props} inputMode="numeric" {...register(`lines.${index}.unitPrice`)} />}
          </Field>
          <Field label={`Số lượng: ${line.item}`} error={errors.lines?.[index]?.quantity?.message}>
            {(props) => <input {...props} inputMode="numeric" {...register(`lines.${index}.quantity`)} />}
          </Field>
        </fieldset>
      ))}
      <Field label="Lý do điều chỉnh" error={errors.reason?.message}>
        {(props) => <textarea {...props} rows={2} {...register('reason')} />}
      </Field>
      <button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Đang lưu…' : 'Lưu dự toán điều chỉnh'}
      </button>
    </form>
  );
}

/**
 * Every version of the programme's estimate, its approval, and (until then) the forms to revise it
 * (its managers) and to approve it (an officer over the unit who did not make the last revision).
 */
export function BudgetRevisions({ programme, mayApprove, onChange }: { programme: Programme; mayApprove: boolean; onChange: () => void }) {
  const [approval, approve] = useMutation(WebApproveBudgetDocument);
  const [approvalKey] = useIdempotencyKey();
  const [done, setDone] = useState<string>();
  const [revising, setRevising] = useState(false);
  const revisions = programme.budgetRevisions;
  const latest = revisions.at(-1);
  const approved = programme.budgetApprovedAt;

  const finish = (message: string) => {
    setDone(message);
    setRevising(false);
    onChange();
  };
  const approveNow = async () => {
    setDone(undefined);
    const answer = await approve({ input: { programmeId: programme.id, idempotencyKey: approvalKey } });
    if (!answer.error) finish('Đã duyệt dự toán kinh phí. Từ nay dự toán không điều chỉnh được nữa.');
  };

  return (
    <section aria-labelledby="cac-lan-du-toan">
      <h2 id="cac-lan-du-toan">Các lần lập dự toán</h2>
      {done && <Alert tone="success">{done}</Alert>}
      <p data-testid="budget-approval">
        {approved ? (
          <strong>Dự toán đã được duyệt ngày {formatDate(approved.slice(0, 10))}.</strong>
        ) : (
          'Dự toán chưa được duyệt: chương trình còn điều chỉnh được dự toán.'
        )}
      </p>
      {revisions.length === 0 ? (
        <p>Chưa lưu lần dự toán nào.</p>
      ) : (
        <table className="stacked">
          <thead>
            <tr>
              <th scope="col">Lần</th>
              <th scope="col">Ngày</th>
              <th scope="col">Lý do</th>
              <th scope="col" className="number">Tổng thu</th>
              <th scope="col" className="number">Tổng chi</th>
              <th scope="col">Người lập</th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((revision) => (
              <tr key={revision.id} data-testid={`budget-revision-${revision.number}`}>
                <td>
                  <CellLabel>Lần</CellLabel>
                  <span>{revision.number}</span>
                </td>
                <td>
                  <CellLabel>Ngày</CellLabel>
                  <span>{formatDate(revision.createdAt.slice(0, 10))}</span>
                </td>
                <td>
                  <CellLabel>Lý do</CellLabel>
                  <span>{revision.reason ?? 'Dự toán ban đầu'}</span>
                </td>
                <td className="number">
                  <CellLabel>Tổng thu</CellLabel>
                  <span>{formatMoney(revision.incomeTotal)}</span>
                </td>
                <td className="number">
                  <CellLabel>Tổng chi</CellLabel>
                  <span>{formatMoney(revision.expenseTotal)}</span>
                </td>
                <td>
                  <CellLabel>Người lập</CellLabel>
                  <span>{revision.revisedByMe ? 'Bạn' : 'Người khác'}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!approved && (
        <p className="actions">
          {mayApprove && (
            <button type="button" disabled={approval.fetching} onClick={() => void approveNow()}>
              Duyệt dự toán
            </button>
          )}
          <button type="button" className="secondary" aria-expanded={revising} onClick={() => setRevising(!revising)}>
            Điều chỉnh dự toán
          </button>
        </p>
      )}
      {!approved && mayApprove && latest?.revisedByMe && <p>Bạn lập lần dự toán mới nhất nên cần một cán bộ khác duyệt.</p>}
      {approval.error && (
        <p className="field-error" role="alert">
          {shownError(approval.error, BUDGET_ERRORS).message}
        </p>
      )}
      {!approved && revising && <ReviseForm programme={programme} onDone={finish} />}
    </section>
  );
}
