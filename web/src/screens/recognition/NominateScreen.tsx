import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { z } from 'zod';
import { WebNominateMemberDocument, WebNominationFiguresDocument } from '../../../../client/generated/web-recognition';
import { Field } from '../../components/Field';
import { useSession } from '../../components/Layout';
import { Alert, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { text } from '../../forms';
import { MemberField, refusedField, Sent } from './formParts';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';

const count = z.coerce.number().int('Xin nhập số nguyên').min(0, 'Không được âm');
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((value) => (value === '' ? null : value), schema.nullable());
const schema = z.object({
  memberId: z.string().min(1, 'Xin chọn thành viên được đề cử'),
  birthYear: optional(z.coerce.number().int('Xin nhập năm, ví dụ 1998').min(1930, 'Năm sinh từ 1930').max(2015, 'Năm sinh đến 2015')),
  occupation: optional(text(2, 200, 'nghề nghiệp, chức vụ')),
  achievements: text(10, 2000, 'thành tích tiêu biểu'),
  residentsGuided: count,
  householdVisits: count,
  trainingsAttended: count,
});
type Form = z.input<typeof schema>;

/**
 * A province's officer nominates a member for national recognition with the ministry's information
 * form (seed 003, Phụ lục 2). Choosing the member fills the figures from their team's reports and
 * the trainings partners recorded (through the gateway); the officer may correct them.
 */
export function NominateScreen() {
  const { campaignId = '' } = useParams();
  const unitCode = useSession()?.units?.[0] ?? '';
  const [sent, nominate] = useMutation(WebNominateMemberDocument);
  const [idempotencyKey, renewIdempotencyKey] = useIdempotencyKey();
  const {
    register,
    control,
    handleSubmit,
    reset,
    setValue,
    watch,
    formState: { errors },
  } = useForm<Form, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { memberId: '', residentsGuided: 0, householdVisits: 0, trainingsAttended: 0 } });
  const memberId = watch('memberId');
  const [figures] = useQuery({ query: WebNominationFiguresDocument, variables: { campaignId, memberId }, pause: !memberId });
  const prefill = figures.data?.nominationFigures;
  const trainings = prefill?.member.trainingsAttended ?? [];

  useEffect(() => {
    if (!prefill) return;
    setValue('residentsGuided', prefill.residentsGuided);
    setValue('householdVisits', prefill.householdVisits);
    setValue('trainingsAttended', prefill.member.trainingsAttended?.length ?? 0);
  }, [prefill, setValue]);

  const problem = sent.error ? shownError(sent.error, { CONFLICT: 'Tỉnh đã đề cử đủ số thành viên phong trào cho phép.' }) : undefined;
  const serverError = (field: string) => refusedField(problem, field);

  const onSubmit = handleSubmit(async (values) => {
    const answer = await nominate({ input: { campaignId, ...values, idempotencyKey } });
    if (answer.data) {
      renewIdempotencyKey();
      reset();
    }
  });

  return (
    <Page title="Đề cử thành viên tiêu biểu" lead="Phiếu thông tin theo Phụ lục 2: số liệu lấy sẵn từ báo cáo của tổ và các buổi tập huấn doanh nghiệp đối tác ghi nhận; bạn có thể sửa lại.">
      {sent.data && (
        <Sent>Đã đề cử vào suất {sent.data.nominateMember.place} của tỉnh.</Sent>
      )}
      {problem && !problem.field && <Alert>{problem.message}</Alert>}
      <form onSubmit={onSubmit} noValidate>
        <MemberField label="Thành viên được đề cử" unitCode={unitCode} control={control} name="memberId" error={errors.memberId?.message ?? serverError('memberId')} />
        <Field label="Năm sinh" error={errors.birthYear?.message ?? serverError('birthYear')}>
          {(props) => <input {...props} type="number" inputMode="numeric" {...register('birthYear')} />}
        </Field>
        <Field label="Nghề nghiệp, chức vụ" error={errors.occupation?.message ?? serverError('occupation')}>
          {(props) => <input {...props} {...register('occupation')} />}
        </Field>
        <Field label="Thành tích tiêu biểu" error={errors.achievements?.message ?? serverError('achievements')}>
          {(props) => <textarea {...props} rows={4} {...register('achievements')} />}
        </Field>
        <Field label="Số người dân được hướng dẫn" hint="Theo báo cáo của tổ trong năm của phong trào" error={errors.residentsGuided?.message ?? serverError('residentsGuided')}>
          {(props) => <input {...props} type="number" inputMode="numeric" min={0} {...register('residentsGuided')} />}
        </Field>
        <Field label="Số hộ được đến tận nhà" hint="Theo báo cáo của tổ trong năm của phong trào" error={errors.householdVisits?.message ?? serverError('householdVisits')}>
          {(props) => <input {...props} type="number" inputMode="numeric" min={0} {...register('householdVisits')} />}
        </Field>
        <Field
          label="Số lớp tập huấn đã dự"
          hint={trainings.length > 0 ? `Doanh nghiệp đối tác ghi nhận: ${trainings.map((training) => training.title).join('; ')}` : 'Theo ghi nhận của doanh nghiệp đối tác'}
          error={errors.trainingsAttended?.message ?? serverError('trainingsAttended')}
        >
          {(props) => <input {...props} type="number" inputMode="numeric" min={0} {...register('trainingsAttended')} />}
        </Field>
        <button type="submit" disabled={sent.fetching || !unitCode}>
          {sent.fetching ? 'Đang gửi…' : 'Gửi đề cử'}
        </button>
      </form>
    </Page>
  );
}
