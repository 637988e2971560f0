import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useMutation, useQuery } from 'urql';
import { z } from 'zod';
import { WebProposeRewardDocument, WebRecognitionDocument, type NomineeKind } from '../../../../client/generated/web-recognition';
import { Field } from '../../components/Field';
import { useSession } from '../../components/Layout';
import { Alert, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { text } from '../../forms';
import { nomineeKind } from '../../i18n/labels';
import { PRIVACY_NOTICE_VERSION } from '../../privacy';
import { MemberField, refusedField, Sent } from './formParts';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';

const KINDS: NomineeKind[] = ['MEMBER', 'RESIDENT', 'BUSINESS', 'PARTNER'];
const schema = z
  .object({
    nomineeKind: z.enum(['MEMBER', 'RESIDENT', 'BUSINESS', 'PARTNER']),
    memberId: z.string(),
    fullName: text(2, 200, 'tên người hoặc đơn vị được khen thưởng'),
    campaignId: z.string(),
    rewardTitle: text(5, 200, 'hình thức khen thưởng'),
    achievements: text(10, 2000, 'thành tích'),
    publicName: z.boolean(),
  })
  .refine((form) => form.nomineeKind !== 'MEMBER' || form.memberId !== '', { path: ['memberId'], message: 'Xin chọn thành viên được đề nghị khen thưởng' });
type Form = z.input<typeof schema>;

/**
 * A commune's or district's officer proposes a reward for a member, a resident, a business or a
 * partner; it goes up the tree a level at a time. A person is named on the public honour roll only
 * if they agreed to it (recorded here as consent on a paper form).
 */
export function ProposeRewardScreen() {
  const unitCode = useSession()?.units?.[0] ?? '';
  const [{ data }] = useQuery({ query: WebRecognitionDocument, variables: { unitCode }, pause: !unitCode });
  const [sent, propose] = useMutation(WebProposeRewardDocument);
  const [idempotencyKey, renewIdempotencyKey] = useIdempotencyKey();
  const {
    register,
    control,
    handleSubmit,
    reset,
    watch,
    formState: { errors },
  } = useForm<Form, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { nomineeKind: 'MEMBER', memberId: '', campaignId: '', publicName: false },
  });
  const kind = watch('nomineeKind');
  const personal = kind === 'MEMBER' || kind === 'RESIDENT';
  const problem = sent.error ? shownError(sent.error, { BAD_USER_INPUT: 'Thông tin chưa hợp lệ, xin kiểm tra lại ô được đánh dấu. Cấp tỉnh không đề nghị lên cấp trên trong hệ thống.' }) : undefined;
  const serverError = (field: string) => refusedField(problem, field);

  const onSubmit = handleSubmit(async ({ publicName, memberId, campaignId, ...values }) => {
    const answer = await propose({
      input: {
        unitCode,
        ...values,
        memberId: values.nomineeKind === 'MEMBER' ? memberId : null,
        campaignId: campaignId || null,
        // The person agreed on the proposal's paper form to be named publicly.
        publicNameConsent: personal && publicName ? { noticeVersion: PRIVACY_NOTICE_VERSION, channel: 'PAPER_FORM' } : null,
        idempotencyKey,
      },
    });
    if (answer.data) {
      renewIdempotencyKey();
      reset();
    }
  });

  return (
    <Page title="Đề nghị khen thưởng" lead="Đề nghị đi lần lượt lên từng cấp trên để xét; được cấp tỉnh duyệt thì lên bảng vinh danh.">
      {sent.data && (
        <Sent>Đã gửi đề nghị, đang chờ {sent.data.proposeReward.awaitingUnitName ?? 'cấp trên'} xét.</Sent>
      )}
      {problem && !problem.field && <Alert>{problem.message}</Alert>}
      <form onSubmit={onSubmit} noValidate>
        <Field label="Đề nghị khen thưởng cho" error={errors.nomineeKind?.message}>
          {(props) => (
            <select {...props} {...register('nomineeKind')}>
              {KINDS.map((value) => (
                <option key={value} value={value}>
                  {nomineeKind[value]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {kind === 'MEMBER' && (
          <MemberField label="Thành viên" unitCode={unitCode} control={control} name="memberId" error={errors.memberId?.message ?? serverError('memberId')} />
        )}
        <Field label={personal ? 'Họ và tên' : 'Tên đơn vị'} error={errors.fullName?.message ?? serverError('fullName')}>
          {(props) => <input {...props} {...register('fullName')} />}
        </Field>
        <Field label="Hình thức khen thưởng" hint="Ví dụ: Giấy khen của Chủ tịch UBND tỉnh" error={errors.rewardTitle?.message ?? serverError('rewardTitle')}>
          {(props) => <input {...props} {...register('rewardTitle')} />}
        </Field>
        <Field label="Thành tích" hint="Được công khai trên bảng vinh danh khi được duyệt" error={errors.achievements?.message ?? serverError('achievements')}>
          {(props) => <textarea {...props} rows={4} {...register('achievements')} />}
        </Field>
        <Field label="Thuộc phong trào (không bắt buộc)" error={serverError('campaignId')}>
          {(props) => (
            <select {...props} {...register('campaignId')}>
              <option value="">— Không thuộc phong trào nào —</option>
              {data?.emulationCampaigns.map((campaign) => (
                <option key={campaign.id} value={campaign.id}>
                  {campaign.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        {personal && (
          <Field label="Người được đề nghị đồng ý được nêu tên công khai" hint="Chỉ đánh dấu khi người đó đã ký đồng ý trên phiếu; nếu không, bảng vinh danh chỉ ghi thành tích, không ghi tên.">
            {(props) => <input {...props} type="checkbox" {...register('publicName')} />}
          </Field>
        )}
        <button type="submit" disabled={sent.fetching || !unitCode}>
          {sent.fetching ? 'Đang gửi…' : 'Gửi đề nghị'}
        </button>
      </form>
    </Page>
  );
}
