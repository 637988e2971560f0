import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useForm } from 'react-hook-form';
import { useClient, useQuery, type Client } from 'urql';
import { z } from 'zod';
import { WebSubmitActivityReportDocument, WebTeamDocument, type Indicator } from '../../../../client/generated/web-signed-in';
import { useSession } from '../../components/Layout';
import { Field } from '../../components/Field';
import { Alert, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { formatDate } from '../../i18n/format';
import { indicator as indicatorLabel } from '../../i18n/labels';
import { Outbox, type QueuedReport, type SendOutcome } from '../../offline/outbox';

const INDICATORS = Object.keys(indicatorLabel) as Indicator[];
const outbox = new Outbox();

const schema = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Xin chọn tháng báo cáo'),
  figures: z.record(z.string(), z.coerce.number<string>().int('Xin nhập số nguyên').min(0, 'Không được âm').max(1_000_000, 'Số quá lớn')),
  note: z.string().trim().max(2000, 'Ghi chú dài quá 2000 ký tự').optional(),
});
type Form = z.input<typeof schema>;
type Report = z.output<typeof schema>;

function previousMonth(): string {
  const now = new Date();
  const date = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/**
 * Sends one waiting report with the key it was given when written: a report sent again after its
 * answer was lost is answered with the first one. A hub that cannot be reached (or a sign-in that
 * lapsed) leaves it waiting.
 */
function sender(client: Client) {
  return async (report: QueuedReport): Promise<SendOutcome> => {
    const figures = report.figures as { indicator: Indicator; value: number }[];
    const answer = await client
      .mutation(WebSubmitActivityReportDocument, { input: { teamId: report.teamId, month: report.month, figures, note: report.note, idempotencyKey: report.key } })
      .toPromise();
    if (answer.data) return { kind: 'sent' };
    const shown = answer.error ? shownError(answer.error, { CONFLICT: 'Tháng này đã được báo cáo hoặc đã khoá sổ.' }) : undefined;
    if (!shown || shown.code === 'NETWORK' || shown.code === 'UNAUTHENTICATED' || shown.code === 'SERVICE_UNAVAILABLE') return { kind: 'unreachable' };
    return { kind: 'refused', reason: shown.message };
  };
}

function useOnline(): boolean {
  return useSyncExternalStore(
    (notify) => {
      addEventListener('online', notify);
      addEventListener('offline', notify);
      return () => {
        removeEventListener('online', notify);
        removeEventListener('offline', notify);
      };
    },
    () => navigator.onLine,
  );
}

/**
 * The team leader's monthly activity report. It works without signal: the report is kept on the
 * phone and sent as soon as the connection returns (see offline/outbox.ts).
 */
export function ActivityReportScreen() {
  const session = useSession();
  const client = useClient();
  const online = useOnline();
  const teamId = session?.team ?? '';
  const [{ data: team }] = useQuery({ query: WebTeamDocument, variables: { id: teamId }, pause: !teamId || !online });
  const waiting = useSyncExternalStore(
    (notify) => outbox.subscribe(notify),
    () => JSON.stringify(outbox.list()),
  );
  const queued = JSON.parse(waiting) as QueuedReport[];
  const [justSaved, setJustSaved] = useState(false);
  const send = useCallback(() => outbox.flush(sender(client)), [client]);
  useEffect(() => {
    if (online) void send();
  }, [online, send]);

  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<Form, unknown, Report>({
    resolver: zodResolver(schema),
    defaultValues: { month: previousMonth(), figures: Object.fromEntries(INDICATORS.map((code) => [code, '0'])), note: '' },
  });
  const onSubmit = handleSubmit((values) => {
    outbox.add({
      teamId,
      month: values.month,
      figures: Object.entries(values.figures).map(([code, value]) => ({ indicator: code, value })),
      note: values.note || undefined,
    });
    setJustSaved(true);
    reset();
    if (navigator.onLine) void send();
  });

  return (
    <Page title="Báo cáo hoạt động tháng" lead={team?.team?.name}>
      {!online && <Alert tone="info">Đang không có mạng. Báo cáo sẽ được lưu trên máy và tự gửi khi có mạng trở lại.</Alert>}
      {justSaved && queued.length === 0 && <Alert tone="success">Đã gửi báo cáo.</Alert>}
      {queued.length > 0 && (
        <section aria-labelledby="cho-gui">
          <h2 id="cho-gui">Báo cáo chờ gửi</h2>
          <ul>
            {queued.map((report) => (
              <li key={report.key} data-testid="queued-report">
                Tháng {report.month.slice(5)}/{report.month.slice(0, 4)} (lưu ngày {formatDate(report.savedAt)}):{' '}
                {report.refusal ? (
                  <>
                    <strong>không gửi được</strong> – {report.refusal}{' '}
                    <button type="button" className="link" onClick={() => outbox.remove(report.key)}>
                      Xoá
                    </button>
                  </>
                ) : (
                  'đang chờ mạng để gửi'
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <form onSubmit={onSubmit} noValidate>
        <Field label="Tháng báo cáo" error={errors.month?.message}>
          {(props) => <input {...props} type="month" {...register('month')} />}
        </Field>
        <fieldset>
          <legend>Số liệu trong tháng</legend>
          {INDICATORS.map((code) => (
            <Field key={code} label={indicatorLabel[code]} error={errors.figures?.[code]?.message}>
              {(props) => <input {...props} type="number" inputMode="numeric" min={0} {...register(`figures.${code}`)} />}
            </Field>
          ))}
        </fieldset>
        <Field label="Ghi chú" error={errors.note?.message}>
          {(props) => <textarea {...props} rows={3} {...register('note')} />}
        </Field>
        <button type="submit">{online ? 'Gửi báo cáo' : 'Lưu để gửi khi có mạng'}</button>
      </form>
    </Page>
  );
}
