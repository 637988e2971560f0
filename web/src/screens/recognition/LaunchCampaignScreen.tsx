import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useMutation } from 'urql';
import { z } from 'zod';
import { WebLaunchCampaignDocument } from '../../../../client/generated/web-recognition';
import { Field } from '../../components/Field';
import { useSession } from '../../components/Layout';
import { Alert, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { date, text } from '../../forms';
import { refusedField, Sent } from './formParts';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';

const schema = z
  .object({
    title: text(5, 300, 'tên phong trào'),
    startsOn: date,
    endsOn: date,
    criteria: z
      .string()
      .transform((value) => value.split('\n').map((line) => line.trim()).filter(Boolean))
      .pipe(z.array(z.string().min(3, 'Mỗi tiêu chí cần ít nhất 3 ký tự').max(300, 'Mỗi tiêu chí dài tối đa 300 ký tự')).min(1, 'Xin ghi ít nhất một tiêu chí').max(20, 'Tối đa 20 tiêu chí')),
    nominationsPerProvince: z.coerce.number().int('Xin nhập số nguyên').min(0, 'Từ 0 đến 10').max(10, 'Từ 0 đến 10'),
  })
  .refine((form) => form.endsOn >= form.startsOn, { path: ['endsOn'], message: 'Ngày kết thúc phải từ ngày bắt đầu trở đi' });
type Form = z.input<typeof schema>;

/** An officer launches an emulation campaign of their unit over a period, with its criteria (seeds 000 §4.8, 003). */
export function LaunchCampaignScreen() {
  const unitCode = useSession()?.units?.[0] ?? '';
  const [sent, launch] = useMutation(WebLaunchCampaignDocument);
  const [idempotencyKey, renewIdempotencyKey] = useIdempotencyKey();
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<Form, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { nominationsPerProvince: 0 } });
  const problem = sent.error ? shownError(sent.error) : undefined;
  const serverError = (field: string) => refusedField(problem, field);

  const onSubmit = handleSubmit(async (values) => {
    const answer = await launch({ input: { unitCode, ...values, idempotencyKey } });
    if (answer.data) {
      renewIdempotencyKey();
      reset();
    }
  });

  return (
    <Page title="Phát động phong trào thi đua" lead="Phong trào của đơn vị bạn trong một khoảng thời gian, với các tiêu chí để xét thành viên và tổ tiêu biểu.">
      {sent.data && (
        <Sent>Đã phát động phong trào “{sent.data.launchEmulationCampaign.title}”.</Sent>
      )}
      {problem && !problem.field && <Alert>{problem.message}</Alert>}
      <form onSubmit={onSubmit} noValidate>
        <Field label="Tên phong trào" hint="Ví dụ: Chiến dịch “đi từng ngõ, gõ từng nhà” hưởng ứng Ngày Chuyển đổi số quốc gia 10/10" error={errors.title?.message ?? serverError('title')}>
          {(props) => <input {...props} {...register('title')} />}
        </Field>
        <Field label="Từ ngày" error={errors.startsOn?.message ?? serverError('startsOn')}>
          {(props) => <input {...props} type="date" {...register('startsOn')} />}
        </Field>
        <Field label="Đến ngày" error={errors.endsOn?.message ?? serverError('endsOn')}>
          {(props) => <input {...props} type="date" {...register('endsOn')} />}
        </Field>
        <Field label="Tiêu chí" hint="Mỗi dòng một tiêu chí" error={errors.criteria?.message ?? serverError('criteria')}>
          {(props) => <textarea {...props} rows={4} {...register('criteria')} />}
        </Field>
        <Field label="Số thành viên mỗi tỉnh được đề cử" hint="Để 0 nếu phong trào không xét đề cử thành viên tiêu biểu toàn quốc" error={errors.nominationsPerProvince?.message ?? serverError('nominationsPerProvince')}>
          {(props) => <input {...props} type="number" inputMode="numeric" min={0} max={10} {...register('nominationsPerProvince')} />}
        </Field>
        <button type="submit" disabled={sent.fetching || !unitCode}>
          {sent.fetching ? 'Đang gửi…' : 'Phát động'}
        </button>
      </form>
    </Page>
  );
}
