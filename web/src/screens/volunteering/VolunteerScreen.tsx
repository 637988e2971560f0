import { useState } from 'react';
import { useIdempotencyKey, useIdempotencyKeys } from '../../components/useIdempotencyKey';
import { useMutation, useQuery } from 'urql';
import {
  WebCancelShiftSignupDocument,
  WebCheckIntoShiftDocument,
  WebCheckOutOfShiftDocument,
  WebLogMyVolunteerHoursDocument,
  WebMyVolunteeringDocument,
  WebSignUpForShiftDocument,
  WebVolunteerCertificateDocument,
  WebVolunteerShiftsDocument,
  type WebVolunteerShiftsQuery,
} from '../../../../client/generated/web-volunteers';
import { CellLabel } from '../../components/CellLabel';
import { Field } from '../../components/Field';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError, type ShownError } from '../../errors';
import { formatDate, formatHours, formatTimeRange, todayInVietnam } from '../../i18n/format';
import { hoursStatus } from '../../i18n/labels';
import { DownloadFile } from '../papers/DownloadFile';

type Shift = WebVolunteerShiftsQuery['plannedShifts'][number];

/** What refusals mean on this screen, in the volunteer's words. */
const SHIFT_ERRORS = { CONFLICT: 'Không thực hiện được: ca đã đủ người, đã kết thúc, hoặc chưa đến giờ điểm danh.' };

/**
 * A volunteer's own page: the shifts planned around their unit (sign up within the capacity,
 * give the place back, check in and out on the day), the hours they log themselves (they wait for
 * the programme's officer or team leader), their history with each decision, the total of approved
 * hours, and a certificate of those hours to download.
 */
export function VolunteerScreen() {
  const [mine, refetchMine] = useQuery({ query: WebMyVolunteeringDocument });
  const volunteer = mine.data?.myVolunteerRecord;
  const [shifts, refetchShifts] = useQuery({ query: WebVolunteerShiftsDocument, variables: { unitCode: volunteer?.unitCode ?? '' }, pause: !volunteer });
  const [, signUp] = useMutation(WebSignUpForShiftDocument);
  const [, cancel] = useMutation(WebCancelShiftSignupDocument);
  const [, checkIn] = useMutation(WebCheckIntoShiftDocument);
  const [, checkOut] = useMutation(WebCheckOutOfShiftDocument);
  const [logged, logHours] = useMutation(WebLogMyVolunteerHoursDocument);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [refusal, setRefusal] = useState<{ shiftId: string; error: ShownError }>();
  const [form, setForm] = useState({ programmeId: '', workedOn: todayInVietnam(), hours: '', activity: '' });
  const [idempotencyKey, renewIdempotencyKey] = useIdempotencyKey();
  const shiftKeys = useIdempotencyKeys();

  const refresh = () => {
    refetchMine({ requestPolicy: 'network-only' });
    refetchShifts({ requestPolicy: 'network-only' });
  };

  const act = async (shift: Shift, action: 'signUp' | 'cancel' | 'checkIn' | 'checkOut') => {
    setBusy(true);
    setNotice(undefined);
    setRefusal(undefined);
    const run = { signUp, cancel, checkIn, checkOut }[action];
    const write = `${action}:${shift.id}`;
    const answer = await run({ shiftId: shift.id, idempotencyKey: shiftKeys.keyFor(write) });
    setBusy(false);
    if (answer.error) return setRefusal({ shiftId: shift.id, error: shownError(answer.error, SHIFT_ERRORS) });
    shiftKeys.saved(write);
    setNotice(
      {
        signUp: `Đã đăng ký ca “${shift.title}”.`,
        cancel: `Đã huỷ đăng ký ca “${shift.title}”.`,
        checkIn: `Đã điểm danh vào ca “${shift.title}”.`,
        checkOut: `Đã điểm danh ra: số giờ của ca “${shift.title}” đang chờ duyệt.`,
      }[action],
    );
    refresh();
  };

  const onLog = async (event: React.FormEvent) => {
    event.preventDefault();
    setNotice(undefined);
    const answer = await logHours({
      input: { programmeId: form.programmeId, workedOn: form.workedOn, hours: Number(form.hours.replace(',', '.')), activity: form.activity.trim() || null, idempotencyKey },
    });
    if (answer.error) return;
    setNotice(`Đã ghi ${formatHours(answer.data!.logMyVolunteerHours.hours)}: đang chờ cán bộ hoặc tổ trưởng duyệt.`);
    setForm({ ...form, hours: '', activity: '' });
    renewIdempotencyKey();
    refresh();
  };
  const logError = logged.error ? shownError(logged.error) : undefined;
  const fieldError = (field: string) => (logError?.field === field ? logError.message : undefined);

  const places = new Map((volunteer?.signups ?? []).filter((place) => !place.cancelledAt).map((place) => [place.shift.id, place]));

  return (
    <Page title="Hoạt động tình nguyện của tôi" lead="Đăng ký ca, điểm danh, ghi số giờ đã tham gia. Chỉ số giờ đã được duyệt mới được tính.">
      {mine.fetching && !mine.data && <Loading />}
      {mine.error && <Alert>{shownError(mine.error).message}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
      {volunteer && (
        <>
          <p>
            <strong>{volunteer.fullName}</strong>: đã được duyệt <strong>{formatHours(volunteer.approvedHours)}</strong>.{' '}
            <DownloadFile
              label="Tải giấy chứng nhận (PDF)"
              query={WebVolunteerCertificateDocument}
              variables={{ volunteerId: volunteer.id }}
              file={(data) => data.volunteerCertificate}
            />
          </p>

          <section aria-labelledby="ca-sap-toi">
            <h2 id="ca-sap-toi">Các ca sắp tới</h2>
            {shifts.data && shifts.data.plannedShifts.length === 0 && <p>Chưa có ca nào được lên kế hoạch.</p>}
            <ul className="cards">
              {(shifts.data?.plannedShifts ?? []).map((shift) => {
                const place = places.get(shift.id);
                const refused = refusal?.shiftId === shift.id ? refusal.error : undefined;
                return (
                  <li key={shift.id} data-testid={`ca-${shift.title}`}>
                    <h3>{shift.title}</h3>
                    <p>
                      {formatTimeRange(shift.startsAt, shift.endsAt)}
                      {shift.place ? ` · ${shift.place}` : ''}
                      <br />
                      <small>
                        {shift.programme.name} · Đã đăng ký {shift.signedUp}/{shift.capacity}
                      </small>
                    </p>
                    <span className="actions">
                      {!place && (
                        <button type="button" disabled={busy || shift.signedUp >= shift.capacity} onClick={() => void act(shift, 'signUp')}>
                          {shift.signedUp >= shift.capacity ? 'Đã đủ người' : 'Đăng ký ca này'}
                        </button>
                      )}
                      {place && !place.checkedInAt && (
                        <>
                          <button type="button" disabled={busy} onClick={() => void act(shift, 'checkIn')}>
                            Điểm danh vào ca
                          </button>
                          <button type="button" className="secondary" disabled={busy} onClick={() => void act(shift, 'cancel')}>
                            Huỷ đăng ký
                          </button>
                        </>
                      )}
                      {place?.checkedInAt && !place.checkedOutAt && (
                        <button type="button" disabled={busy} onClick={() => void act(shift, 'checkOut')}>
                          Điểm danh ra về
                        </button>
                      )}
                      {place?.checkedOutAt && <span>Đã hoàn thành ca, số giờ đang chờ duyệt.</span>}
                    </span>
                    {refused && <p className="field-error" role="alert">{refused.message}</p>}
                  </li>
                );
              })}
            </ul>
          </section>

          <section aria-labelledby="ghi-gio">
            <h2 id="ghi-gio">Ghi số giờ đã tham gia</h2>
            {logError && !logError.field && <Alert>{logError.message}</Alert>}
            <form onSubmit={(event) => void onLog(event)} noValidate>
              <Field label="Chương trình" error={fieldError('programmeId')}>
                {(props) => (
                  <select {...props} required value={form.programmeId} onChange={(event) => setForm({ ...form, programmeId: event.target.value })}>
                    <option value="">Chọn chương trình</option>
                    {(shifts.data?.programmes.nodes ?? []).map((programme) => (
                      <option key={programme.id} value={programme.id}>
                        {programme.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Ngày tham gia" error={fieldError('workedOn')}>
                {(props) => <input {...props} type="date" required max={todayInVietnam()} value={form.workedOn} onChange={(event) => setForm({ ...form, workedOn: event.target.value })} />}
              </Field>
              <Field label="Số giờ" hint="Tính theo từng 15 phút, ví dụ 1,5 hoặc 2,25" error={fieldError('hours')}>
                {(props) => <input {...props} inputMode="decimal" required value={form.hours} onChange={(event) => setForm({ ...form, hours: event.target.value })} />}
              </Field>
              <Field label="Công việc đã làm (không bắt buộc)" error={fieldError('activity')}>
                {(props) => <input {...props} maxLength={300} value={form.activity} onChange={(event) => setForm({ ...form, activity: event.target.value })} />}
              </Field>
              <button type="submit" disabled={logged.fetching}>
                {logged.fetching ? 'Đang gửi…' : 'Gửi số giờ để duyệt'}
              </button>
            </form>
          </section>

          <section aria-labelledby="lich-su">
            <h2 id="lich-su">Lịch sử tham gia</h2>
            {volunteer.shifts.length === 0 && <p>Chưa có số giờ nào được ghi.</p>}
            {volunteer.shifts.length > 0 && (
              <table className="stacked">
                <thead>
                  <tr>
                    <th scope="col">Ngày</th>
                    <th scope="col">Chương trình, công việc</th>
                    <th scope="col" className="number">
                      Số giờ
                    </th>
                    <th scope="col">Tình trạng</th>
                  </tr>
                </thead>
                <tbody>
                  {volunteer.shifts.map((hours) => (
                    <tr key={hours.id}>
                      <td>
                        <CellLabel>Ngày</CellLabel>
                        <span>{formatDate(hours.workedOn)}</span>
                      </td>
                      <td>
                        <CellLabel>Chương trình, công việc</CellLabel>
                        <span>
                          {hours.programme.name}
                          {hours.activity ? <small>: {hours.activity}</small> : null}
                        </span>
                      </td>
                      <td className="number">
                        <CellLabel>Số giờ</CellLabel>
                        <span>
                          {formatHours(hours.hours)}
                          {hours.loggedHours !== null && hours.loggedHours !== undefined && <small> (đã ghi {formatHours(hours.loggedHours)})</small>}
                        </span>
                      </td>
                      <td>
                        <CellLabel>Tình trạng</CellLabel>
                        <span>
                          {hoursStatus[hours.status]}
                          {hours.decisionReason && <small>: {hours.decisionReason}</small>}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </Page>
  );
}
