import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import { z } from 'zod';
import { WebWritePlanSectionsDocument, type WebTeamPageQuery } from '../../../../client/generated/web-signed-in';
import { Field } from '../../components/Field';
import { Alert } from '../../components/Page';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';
import { useRefusal } from '../../components/useRefusal';
import { text } from '../../forms';

type Plan = NonNullable<NonNullable<WebTeamPageQuery['team']>['plan']>;

/** The sections of the handbook's form 6.3, in its order, as the paper heads them. */
export const PLAN_SECTIONS = [
  ['purpose', 'I. Mục đích ý nghĩa'],
  ['timeAndPlace', 'II. Thời gian - địa điểm'],
  ['participants', 'III. Đối tượng - số lượng - thành phần'],
  ['content', 'IV. Nội dung'],
  ['organisers', 'V. Ban chỉ đạo, ban tổ chức'],
  ['schedule', 'VI. Tiến độ thực hiện'],
] as const;

// The hub keeps up to 5,000 characters a section; an empty one is cleared.
const section = text(0, 5000, 'mục này');
const sectionsSchema = z.object(Object.fromEntries(PLAN_SECTIONS.map(([name]) => [name, section])) as Record<(typeof PLAN_SECTIONS)[number][0], typeof section>);
type SectionsForm = z.input<typeof sectionsSchema>;

/** The plan's sections as written, for whoever reads the plan once it is approved (or may not write it). */
export function PlanSectionsText({ plan }: { plan: Plan }) {
  return (
    <dl className="plan-sections">
      {PLAN_SECTIONS.map(([name, title]) => (
        <div key={name}>
          <dt>{title}</dt>
          <dd>{plan[name] ?? 'Chưa ghi'}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The team's leaders (and officers over it) write the plan's sections until the commune approves it. */
export function PlanSectionsForm({ plan, onSaved }: { plan: Plan; onSaved: () => void }) {
  const [result, write] = useMutation(WebWritePlanSectionsDocument);
  const [idempotencyKey, renewKey] = useIdempotencyKey();
  const form = useForm<SectionsForm>({
    resolver: zodResolver(sectionsSchema),
    defaultValues: Object.fromEntries(PLAN_SECTIONS.map(([name]) => [name, plan[name] ?? ''])) as SectionsForm,
  });
  const refusal = useRefusal(form, result.error);
  const { errors, isSubmitting, isSubmitSuccessful } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const answer = await write({ input: { planId: plan.id, ...sectionsSchema.parse(values), idempotencyKey } });
    if (!answer.data) return;
    renewKey();
    onSaved();
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Các mục của kế hoạch (mẫu 6.3)">
      {refusal}
      {isSubmitSuccessful && !result.error && <Alert tone="success">Đã lưu các mục của kế hoạch.</Alert>}
      {PLAN_SECTIONS.map(([name, title]) => (
        <Field key={name} label={title} error={errors[name]?.message}>
          {(props) => <textarea {...props} rows={3} {...form.register(name)} />}
        </Field>
      ))}
      <button type="submit" disabled={isSubmitting}>
        {isSubmitting ? 'Đang lưu…' : 'Lưu kế hoạch'}
      </button>
    </form>
  );
}
