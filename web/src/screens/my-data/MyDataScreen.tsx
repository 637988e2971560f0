import { useState } from 'react';
import { useClient } from 'urql';
import {
  WebPersonalDataReportDocument,
  WebRequestAccessCodeDocument,
  WebRequestPersonalDataActionDocument,
  WebVerifyAccessCodeDocument,
  type PersonalDataRequestKind,
  type WebPersonalDataReportQuery,
} from '../../../../client/generated/web-privacy';
import { Field } from '../../components/Field';
import { useSession } from '../../components/Layout';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';
import { MyRewards } from './MyRewards';
import { Alert, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { phone as phoneRule } from '../../forms';
import { formatDate } from '../../i18n/format';
import { applicationStatus, memberRole, membershipRequestStatus, personalDataRequestKind, personalDataRequestStatus } from '../../i18n/labels';

type Report = WebPersonalDataReportQuery['personalDataReport'];

const CODE_ERRORS = {
  TOO_MANY_ATTEMPTS: 'Bạn đã xin mã quá nhiều lần. Xin thử lại sau một giờ.',
  NOT_CONFIGURED: 'Hệ thống chưa gửi được mã xác nhận. Xin liên hệ cán bộ xã.',
  BAD_USER_INPUT: 'Mã xác nhận không đúng hoặc đã hết hạn. Xin xin mã mới.',
};

/**
 * The person's rights over their data (Law 91/2025/QH15): a member or a resident proves their phone
 * with a one-time code, sees everything the hub holds about them, and asks for a correction, an
 * erasure, a restriction or its lifting, then follows each request. The short token lives in this
 * screen's memory only and goes with these requests only (never the app's sign-in).
 */
export function MyDataScreen() {
  const client = useClient();
  const memberId = useSession()?.member;
  const [phone, setPhone] = useState('');
  const [sent, setSent] = useState<{ developmentCode: string | null }>();
  const [code, setCode] = useState('');
  const [token, setToken] = useState<string>();
  const [report, setReport] = useState<Report>();
  const [problem, setProblem] = useState<string>();
  const [kind, setKind] = useState<PersonalDataRequestKind>('CORRECTION');
  const [unitCode, setUnitCode] = useState('');
  const [details, setDetails] = useState('');
  const [corrected, setCorrected] = useState({ fullName: '', address: '' });
  const [fieldError, setFieldError] = useState<{ field?: string; message: string }>();
  const [requestKey, renewRequestKey] = useIdempotencyKey();
  const [filed, setFiled] = useState<string>();

  const asPerson = (bearer: string) => ({ fetchOptions: { headers: { 'accept-language': 'vi', authorization: `Bearer ${bearer}` } } });
  const load = async (bearer: string) => {
    const answer = await client.query(WebPersonalDataReportDocument, {}, { ...asPerson(bearer), requestPolicy: 'network-only' }).toPromise();
    if (answer.error) setProblem(shownError(answer.error).message);
    setReport(answer.data?.personalDataReport);
  };

  const askCode = async () => {
    setProblem(undefined);
    const checked = phoneRule.safeParse(phone);
    if (!checked.success) return setProblem(checked.error.issues[0].message);
    const answer = await client.mutation(WebRequestAccessCodeDocument, { phone: checked.data }).toPromise();
    if (answer.error) return setProblem(shownError(answer.error, CODE_ERRORS).message);
    setSent({ developmentCode: answer.data!.requestAccessCode.developmentCode ?? null });
  };
  const verify = async () => {
    setProblem(undefined);
    const answer = await client.mutation(WebVerifyAccessCodeDocument, { phone: phoneRule.parse(phone), code: code.trim() }).toPromise();
    if (answer.error) return setProblem(shownError(answer.error, CODE_ERRORS).message);
    const bearer = answer.data!.verifyAccessCode.token;
    setToken(bearer);
    await load(bearer);
  };
  const file = async () => {
    setFieldError(undefined);
    setFiled(undefined);
    const correction = { fullName: corrected.fullName.trim() || null, address: corrected.address.trim() || null };
    const withValues = kind === 'CORRECTION' && (correction.fullName || correction.address);
    const input = { kind, unitCode: unitCode.trim(), details: details.trim() || null, correction: withValues ? correction : null, idempotencyKey: requestKey };
    const answer = await client.mutation(WebRequestPersonalDataActionDocument, { input }, asPerson(token!)).toPromise();
    if (answer.error) return setFieldError(shownError(answer.error));
    renewRequestKey();
    setFiled(`Đã gửi yêu cầu “${personalDataRequestKind[kind]}”. Hạn xử lý: ${formatDate(answer.data!.requestPersonalDataAction.dueAt)}.`);
    setDetails('');
    setCorrected({ fullName: '', address: '' });
    await load(token!);
  };

  return (
    <Page title="Dữ liệu cá nhân của tôi" lead="Xem mọi thông tin hệ thống lưu về bạn, và yêu cầu sửa, xoá hoặc hạn chế xử lý. Bạn xác nhận số điện thoại bằng mã một lần.">
      {/* A member signed in sees their rewards at once; the rest of their data still takes the code. */}
      {memberId && !token && <MyRewards of={{ memberId }} />}
      {problem && <Alert>{problem}</Alert>}
      {!token && (
        <form onSubmit={(event) => { event.preventDefault(); void (sent ? verify() : askCode()); }} noValidate>
          <Field label="Số điện thoại">{(props) => <input {...props} type="tel" inputMode="tel" autoComplete="tel" value={phone} onChange={(event) => setPhone(event.target.value)} disabled={Boolean(sent)} />}</Field>
          {sent && (
            <>
              <Alert tone="info">
                Mã xác nhận đã được gửi qua Zalo tới số điện thoại của bạn, có hiệu lực 10 phút.
                {sent.developmentCode && <> Bản chạy thử: mã là <strong data-testid="development-code">{sent.developmentCode}</strong>.</>}
              </Alert>
              <Field label="Mã xác nhận">{(props) => <input {...props} inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(event) => setCode(event.target.value)} />}</Field>
            </>
          )}
          <button type="submit">{sent ? 'Xác nhận' : 'Gửi mã xác nhận'}</button>
        </form>
      )}
      {report && (
        <>
          <section aria-labelledby="held">
            <h2 id="held">Thông tin hệ thống đang lưu</h2>
            <HeldData report={report} />
          </section>
          <MyRewards of={{ asPerson: asPerson(token!) }} />
          <section aria-labelledby="ask">
            <h2 id="ask">Gửi yêu cầu</h2>
            {filed && <Alert tone="success">{filed}</Alert>}
            {fieldError && !fieldError.field && <Alert>{fieldError.message}</Alert>}
            <form onSubmit={(event) => { event.preventDefault(); void file(); }} noValidate>
              <Field label="Bạn muốn">
                {(props) => (
                  <select {...props} value={kind} onChange={(event) => setKind(event.target.value as PersonalDataRequestKind)}>
                    {Object.entries(personalDataRequestKind).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
                  </select>
                )}
              </Field>
              <Field label="Mã xã, phường nhận yêu cầu" hint="Cán bộ của đơn vị này xử lý yêu cầu, ví dụ 17227" error={fieldError?.field === 'unitCode' ? fieldError.message : undefined}>
                {(props) => <input {...props} inputMode="numeric" value={unitCode} onChange={(event) => setUnitCode(event.target.value)} />}
              </Field>
              {kind === 'CORRECTION' && (
                <>
                  <Field label="Họ và tên đúng" hint="Nếu cần sửa họ tên" error={fieldError?.field?.startsWith('correction') ? fieldError.message : undefined}>
                    {(props) => <input {...props} maxLength={100} autoComplete="name" value={corrected.fullName} onChange={(event) => setCorrected({ ...corrected, fullName: event.target.value })} />}
                  </Field>
                  <Field label="Địa chỉ đúng" hint="Nếu cần sửa địa chỉ">
                    {(props) => <input {...props} maxLength={255} autoComplete="street-address" value={corrected.address} onChange={(event) => setCorrected({ ...corrected, address: event.target.value })} />}
                  </Field>
                </>
              )}
              <Field label="Nội dung" hint="Với yêu cầu sửa: ghi họ tên, địa chỉ đúng ở trên, hoặc tả thông tin nào chưa đúng và cần sửa thành gì" error={fieldError?.field === 'details' ? fieldError.message : undefined}>
                {(props) => <textarea {...props} rows={3} value={details} onChange={(event) => setDetails(event.target.value)} />}
              </Field>
              <button type="submit">Gửi yêu cầu</button>
            </form>
          </section>
          <section aria-labelledby="requests">
            <h2 id="requests">Yêu cầu của bạn</h2>
            <button type="button" className="secondary" onClick={() => void load(token!)}>
              Cập nhật tình trạng
            </button>
            {report.personalDataRequests.length === 0 && <p>Bạn chưa gửi yêu cầu nào.</p>}
            <ul>
              {report.personalDataRequests.map((request) => (
                <li key={request.id} data-testid="my-request">
                  <strong>{personalDataRequestKind[request.kind]}</strong> — {personalDataRequestStatus[request.status]}. Gửi ngày {formatDate(request.receivedAt)}, hạn xử lý {formatDate(request.dueAt)}.
                  {request.correctedFullName && <> Họ tên đúng: {request.correctedFullName}.</>}
                  {request.correctedAddress && <> Địa chỉ đúng: {request.correctedAddress}.</>}
                  {request.outcomeReason && <> Trả lời của cán bộ: {request.outcomeReason}</>}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </Page>
  );
}

/** Every record of the report, in the person's words; "không có" where a subgraph holds nothing. */
function HeldData({ report }: { report: Report }) {
  const rows: { what: string; items: string[] }[] = [
    { what: 'Thành viên tổ công nghệ số', items: report.memberships.map((m) => `${m.fullName}, ${memberRole[m.role]} ${m.team.name} từ ${formatDate(m.joinedOn)}${m.phone ? `, số điện thoại ${m.phone}` : ''}${m.address ? `, địa chỉ ${m.address}` : ''}`) },
    { what: 'Đơn xin gia nhập tổ', items: report.joinApplications.map((a) => `${a.name ?? '—'}, ${a.team.name}: ${membershipRequestStatus[a.status]}`) },
    { what: 'Hộ được hướng dẫn dùng nền tảng số', items: report.platformOnboardings.map((o) => `${o.name}: ${o.platformName} (${o.partnerName}), ngày ${formatDate(o.onboardedOn)}`) },
    { what: 'Đăng ký gian hàng', items: report.stallApplications.map((s) => `${s.exhibitorName}, ${s.eventTitle}: ${applicationStatus[s.status]}`) },
    { what: 'Bài dự thi', items: report.contestEntries.map((c) => `${c.entrant}: «${c.title}», ${c.contestTitle}`) },
    { what: 'Quà tặng đã nhận', items: report.giftsReceived.map((g) => `${g.household ?? '—'}: ${g.quantity} ${g.item}, ${g.programmeName}, ngày ${formatDate(g.issuedOn)}`) },
  ];
  return (
    <dl>
      {rows.map(({ what, items }) => (
        <div key={what}>
          <dt>{what}</dt>
          {items.length === 0 ? <dd>Không có</dd> : items.map((item) => <dd key={item}>{item}</dd>)}
        </div>
      ))}
    </dl>
  );
}
