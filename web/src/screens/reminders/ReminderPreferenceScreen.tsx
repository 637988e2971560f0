import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { useMutation, useQuery } from 'urql';
import { z } from 'zod';
import { WebMyReminderPreferenceDocument, WebSetMyReminderPreferenceDocument } from '../../../../client/generated/web-reminders';
import { Field } from '../../components/Field';
import { useSession } from '../../components/Layout';
import { LabelOptions } from '../../components/LabelOptions';
import { Alert, Loading, Page } from '../../components/Page';
import { useIdempotencyKeys } from '../../components/useIdempotencyKey';
import { useRefusal } from '../../components/useRefusal';
import { phone } from '../../forms';
import { formatDate } from '../../i18n/format';
import { reminderChannel } from '../../i18n/labels';

/** The address's form depends on the channel (the API checks the same). */
const schema = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('EMAIL'), address: z.string().trim().email('Địa chỉ thư điện tử chưa đúng (ví dụ canbo@xa.gov.vn)'), optedOut: z.boolean() }),
  z.object({ channel: z.literal('ZALO'), address: phone, optedOut: z.boolean() }),
]);
type Form = z.input<typeof schema>;

/** What each role is reminded of (README, "Reminders and their configuration"). */
const REMINDED_OF: Record<string, string[]> = {
  OFFICER: [
    'Khoản cam kết tài trợ, đợt đóng góp sắp đến hạn (trước 7 ngày) và đã quá hạn',
    'Biên bản ghi nhớ với nhà tài trợ sắp hết hạn (trước 30 ngày)',
    'Khoản chi chờ duyệt quá 3 ngày',
    'Đơn gia nhập, xin thôi đã được tổ đề nghị, chờ quyết định quá 7 ngày',
  ],
  TEAM_LEADER: ['Báo cáo hoạt động tháng chưa gửi (từ ngày 6 của tháng sau)', 'Đơn gia nhập, xin thôi chờ tổ trưởng xem xét quá 7 ngày'],
};

/** An officer or team leader chooses how they are reminded of what is due in their units or team, or stops reminders for now. */
export function ReminderPreferenceScreen() {
  const roles = useSession()?.roles ?? [];
  const [{ data, fetching, error }] = useQuery({ query: WebMyReminderPreferenceDocument });
  const [saved, save] = useMutation(WebSetMyReminderPreferenceDocument);
  const form = useForm<Form>({ resolver: zodResolver(schema), defaultValues: { channel: 'ZALO', address: '', optedOut: false } });
  const {
    register,
    handleSubmit,
    reset,
    watch,
    formState: { errors },
  } = form;
  const refusal = useRefusal(form, saved.error);
  // One key per choice as sent, kept until the hub answers: a resend after a lost answer saves it once.
  const { keyFor, saved: answered } = useIdempotencyKeys();
  const preference = saved.data?.setMyReminderPreference ?? data?.myReminderPreference;
  useEffect(() => {
    if (data?.myReminderPreference) {
      const { channel, address, optedOut } = data.myReminderPreference;
      reset({ channel, address, optedOut });
    }
  }, [data, reset]);
  const channel = watch('channel');
  const onSubmit = handleSubmit(async (input) => {
    const write = JSON.stringify(input);
    const answer = await save({ input, idempotencyKey: keyFor(write) });
    if (!answer.error) answered(write);
  });
  const topics = roles.flatMap((role) => REMINDED_OF[role] ?? []);

  return (
    <Page title="Nhắc việc" lead="Hệ thống nhắc bạn những việc đến hạn ở đơn vị hoặc tổ của bạn, qua thư điện tử hoặc tin nhắn Zalo, mỗi việc một lần.">
      {fetching && <Loading />}
      {error && <Alert>Không tải được cài đặt nhắc việc. Xin thử lại sau.</Alert>}
      {topics.length > 0 && (
        <>
          <h2>Bạn được nhắc về</h2>
          <ul>
            {topics.map((topic) => (
              <li key={topic}>{topic}</li>
            ))}
          </ul>
        </>
      )}
      {preference ? (
        <Alert tone={saved.data ? 'success' : 'info'}>
          {saved.data && <p>Đã lưu cài đặt nhắc việc.</p>}
          <p data-testid="reminder-preference">
            {preference.optedOut
              ? 'Bạn đang tạm dừng nhận nhắc việc.'
              : `Nhắc việc gửi qua ${preference.channel === 'EMAIL' ? 'thư điện tử' : 'Zalo'} tới ${preference.address}.`}{' '}
            <small>Cập nhật ngày {formatDate(preference.updatedAt)}.</small>
          </p>
        </Alert>
      ) : (
        !fetching && !error && <Alert tone="info">Bạn chưa chọn cách nhận nhắc việc: hệ thống chưa nhắc bạn việc gì.</Alert>
      )}
      <form onSubmit={onSubmit} noValidate>
        <Field label="Nhận nhắc việc qua" error={errors.channel?.message}>
          {(props) => (
            <select {...props} {...register('channel')}>
              <LabelOptions labels={reminderChannel} />
            </select>
          )}
        </Field>
        <Field
          label={channel === 'EMAIL' ? 'Địa chỉ thư điện tử' : 'Số điện thoại có Zalo'}
          hint={channel === 'EMAIL' ? 'Ví dụ: canbo.tamquang@example.vn' : 'Ví dụ: 0912345678'}
          error={errors.address?.message}
        >
          {(props) => <input {...props} type={channel === 'EMAIL' ? 'email' : 'tel'} inputMode={channel === 'EMAIL' ? 'email' : 'tel'} autoComplete={channel === 'EMAIL' ? 'email' : 'tel'} {...register('address')} />}
        </Field>
        <label className="choice">
          <input type="checkbox" {...register('optedOut')} />
          Tạm dừng nhận nhắc việc
        </label>
        {refusal}
        <button type="submit" disabled={saved.fetching}>
          {saved.fetching ? 'Đang lưu…' : 'Lưu cài đặt'}
        </button>
      </form>
    </Page>
  );
}
