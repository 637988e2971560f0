import { useEffect, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import {
  WebCheckRosterImportDocument,
  WebConfirmRosterImportDocument,
  WebImportIssuesDocument,
  WebImportJobDocument,
  WebUploadImportChunkDocument,
  type ConsentChannel,
  type ImportIssueKind,
  type ImportJobStatus,
  type LawfulBasis,
  type WebImportIssuesQuery,
  type WebImportJobQuery,
} from '../../../../client/generated/web-onboarding';
import { WebRosterTemplateDocument } from '../../../../client/generated/web-signed-in';
import { CellLabel } from '../../components/CellLabel';
import { ExportButtons } from '../../components/ExportButtons';
import { Field } from '../../components/Field';
import { useSession } from '../../components/Layout';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { formatNumber } from '../../i18n/format';
import { PRIVACY_NOTICE_VERSION } from '../../privacy';
import { UploadRefused, uploadInSlices } from './upload';

type Job = NonNullable<WebImportJobQuery['importJob']>;
type Issue = NonNullable<WebImportIssuesQuery['importJob']>['issues'][number];

const STATUS: Record<ImportJobStatus, string> = {
  CHECKING: 'Đang kiểm tra thử',
  CHECKED: 'Đã kiểm tra thử: chờ xác nhận',
  REFUSED: 'Tệp có lỗi: chưa nhập được',
  APPLYING: 'Đang nhập',
  DONE: 'Đã nhập xong',
  FAILED: 'Nhập không thành công',
};

const BASIS: Record<LawfulBasis, string> = {
  CONSENT: 'Người trong danh sách đã đồng ý',
  PUBLIC_TASK: 'Thực hiện nhiệm vụ được giao (văn bản thành lập tổ)',
};

const CHANNEL: Record<ConsentChannel, string> = {
  PAPER_FORM: 'Phiếu giấy',
  ZALO: 'Qua Zalo',
  IN_PERSON: 'Trực tiếp',
  ONLINE_FORM: 'Biểu mẫu trực tuyến',
};

const ISSUE_SECTIONS: { kind: ImportIssueKind; title: string; lead: string }[] = [
  { kind: 'PROBLEM', title: 'Lỗi phải sửa', lead: 'Sửa các dòng này trong tệp rồi tải lên lại: chưa dòng nào được nhập.' },
  { kind: 'WARNING', title: 'Cảnh báo', lead: 'Các dòng này vẫn được nhập, nhưng không hoàn toàn như tệp ghi (theo quy định của tổ).' },
  { kind: 'CONVERTED', title: 'Đã chuyển từ phông chữ cũ (TCVN3, VNI)', lead: 'Xin đọc lại các giá trị này xem đã đúng chưa.' },
];

/** The gateway's largest page (MAX_PAGE_SIZE); WebImportIssues asks for it. */
const ISSUES_PAGE = 100;

/** Still running: the screen asks again every few seconds. */
const running = (status?: ImportJobStatus) => status === 'CHECKING' || status === 'APPLYING';

const formatOf = (name: string) => (/\.csv$/i.test(name) ? 'CSV' : 'XLSX');

/** The rows of one kind, a page (the gateway's largest, 100) at a time; a full page leaves its last row for the next (a row's issues stay together). */
function IssueSection({ jobId, kind, title, lead, count }: { jobId: string; kind: ImportIssueKind; title: string; lead: string; count: number }) {
  const client = useClient();
  const [issues, setIssues] = useState<Issue[]>([]);
  const [more, setMore] = useState(false);
  const [failure, setFailure] = useState<string>();
  const load = async (afterRow: number) => {
    const answer = await client.query(WebImportIssuesDocument, { id: jobId, kind, afterRow }, { requestPolicy: 'network-only' }).toPromise();
    if (answer.error) return setFailure(shownError(answer.error).message);
    const page = answer.data?.importJob?.issues ?? [];
    const full = page.length === ISSUES_PAGE;
    const lastRow = page.at(-1)?.row;
    const rows = full ? page.filter((issue) => issue.row !== lastRow) : page;
    // The first page replaces what is shown: a second first load (the job's counts refreshed meanwhile) never lists rows twice.
    setIssues((shown) => (afterRow === 0 ? rows : [...shown, ...rows]));
    setMore(full);
  };
  useEffect(() => {
    setIssues([]);
    if (count > 0) void load(0);
  }, [jobId, kind, count]);
  if (count === 0) return null;
  return (
    <section aria-labelledby={`issues-${kind}`} data-testid={`issues-${kind}`}>
      <h2 id={`issues-${kind}`}>
        {title} ({formatNumber(count)})
      </h2>
      <p>{lead}</p>
      {failure && <Alert>{failure}</Alert>}
      <table className="stacked">
        <caption>
          {title}, theo dòng trong tệp
        </caption>
        <thead>
          <tr>
            <th scope="col">Dòng</th>
            <th scope="col">Cột</th>
            <th scope="col">Nội dung</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue) => (
            <tr key={issue.id}>
              <td>
                <CellLabel>Dòng</CellLabel>
                <span>{issue.row}</span>
              </td>
              <td>
                <CellLabel>Cột</CellLabel>
                <span>{issue.field}</span>
              </td>
              <td>
                <CellLabel>Nội dung</CellLabel>
                <span>{issue.message}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more && (
        <button type="button" className="secondary" onClick={() => void load(issues.at(-1)?.row ?? 0)}>
          Xem thêm
        </button>
      )}
    </section>
  );
}

function Progress({ job }: { job: Job }) {
  const label = job.status === 'CHECKING' ? 'Tiến độ kiểm tra thử' : 'Tiến độ nhập';
  // Before the file is read, the number of communes is not known yet.
  return (
    <div className="import-progress">
      <label htmlFor="import-progress">{label}</label>
      <progress id="import-progress" max={job.communes || 1} value={job.communes ? job.communesDone : undefined} />
      <p role="status">
        {job.communes ? `${formatNumber(job.communesDone)}/${formatNumber(job.communes)} xã` : 'Đang đọc tệp…'}
      </p>
    </div>
  );
}

function Summary({ job }: { job: Job }) {
  const would = job.status === 'DONE' ? '' : ' (sẽ)';
  return (
    <dl className="import-summary" data-testid="import-summary">
      <dt>Số dòng thành viên</dt>
      <dd>{formatNumber(job.rows)}</dd>
      <dt>Số xã, số tổ trong tệp</dt>
      <dd>
        {formatNumber(job.communes)} xã, {formatNumber(job.teams)} tổ
      </dd>
      <dt>Tổ thành lập mới{would}</dt>
      <dd>{formatNumber(job.teamsCreated)}</dd>
      <dt>Thành viên vào tổ{would}</dt>
      <dd>{formatNumber(job.membersJoined)}</dd>
      <dt>Thành viên đổi chức vụ{would}</dt>
      <dd>{formatNumber(job.membersChanged)}</dd>
      <dt>Thành viên rời tổ{would}</dt>
      <dd>{formatNumber(job.membersLeft)}</dd>
    </dl>
  );
}

/** Follows an import: progress while it runs, then its counts, its rows to look at, and the confirmation. */
function ImportJobView({ jobId, onRestart }: { jobId: string; onRestart: () => void }) {
  const [{ data, error }, refetch] = useQuery({ query: WebImportJobDocument, variables: { id: jobId }, requestPolicy: 'network-only' });
  const [confirming, confirm] = useMutation(WebConfirmRosterImportDocument);
  const job = data?.importJob;
  useEffect(() => {
    if (!running(job?.status)) return;
    const timer = setTimeout(() => refetch({ requestPolicy: 'network-only' }), 2000);
    return () => clearTimeout(timer);
  }, [job, refetch]);
  if (error) return <Alert>{shownError(error).message}</Alert>;
  if (!job) return <Loading />;
  const onConfirm = async () => {
    const answer = await confirm({ jobId, idempotencyKey: `confirm-${jobId}` });
    if (!answer.error) refetch({ requestPolicy: 'network-only' });
  };
  return (
    <>
      <h2>{STATUS[job.status]}</h2>
      {running(job.status) && <Progress job={job} />}
      {job.status === 'REFUSED' && <Alert>Tệp có {formatNumber(job.problems)} lỗi. Sửa các dòng dưới đây rồi tải tệp lên lại.</Alert>}
      {job.status === 'FAILED' && <Alert>{job.failure ?? 'Nhập không thành công.'} Các xã đã nhập xong vẫn được giữ; hãy tải tệp lên lại.</Alert>}
      {job.status === 'DONE' && <Alert tone="success">Đã nhập xong {formatNumber(job.communes)} xã. Nhập lại cùng tệp sẽ không thay đổi gì.</Alert>}
      {!running(job.status) && job.status !== 'FAILED' && <Summary job={job} />}
      {job.status === 'CHECKED' && (
        <div className="actions">
          <p>Chưa có gì được ghi. Xác nhận để nhập từng xã (mỗi xã nhập trọn vẹn hoặc không nhập gì).</p>
          {confirming.error && <Alert>{shownError(confirming.error, { CONFLICT: 'Lần nhập này đã được xác nhận rồi.' }).message}</Alert>}
          <button type="button" disabled={confirming.fetching} onClick={() => void onConfirm()}>
            Xác nhận nhập
          </button>
        </div>
      )}
      {!running(job.status) &&
        ISSUE_SECTIONS.map((section) => (
          <IssueSection
            key={section.kind}
            jobId={job.id}
            {...section}
            count={section.kind === 'PROBLEM' ? job.problems : section.kind === 'WARNING' ? job.warnings : job.converted}
          />
        ))}
      {!running(job.status) && job.status !== 'CHECKED' && (
        <button type="button" className="secondary" onClick={onRestart}>
          Tải lên tệp khác
        </button>
      )}
    </>
  );
}

/**
 * Onboarding a commune or a province (/nhap-danh-sach): the officer downloads the template,
 * uploads the filled roster (sent in slices: see upload.ts), reads the dry run's problems and
 * warnings row by row, confirms, and follows the progress bar to the result. The job's id is in
 * the address (?lan=…), so a reload or a lost connection comes back to the same import.
 */
export function RosterImportScreen() {
  const session = useSession();
  const [search, setSearch] = useSearchParams();
  const jobId = search.get('lan');
  const [unitCode, setUnitCode] = useState(session?.units?.[0] ?? '');
  const [file, setFile] = useState<File>();
  const [basis, setBasis] = useState<LawfulBasis>('PUBLIC_TASK');
  const [channel, setChannel] = useState<ConsentChannel>('PAPER_FORM');
  const [sent, setSent] = useState<{ received: number; total: number }>();
  const [failure, setFailure] = useState<string>();
  // The upload under way: sent again for the same file, it goes on from what the hub already holds.
  const [upload, setUpload] = useState<{ id: string; file: File; received: number }>();
  const [, uploadChunk] = useMutation(WebUploadImportChunkDocument);
  const [, check] = useMutation(WebCheckRosterImportDocument);
  const busy = sent !== undefined && !failure;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setFailure('Chọn tệp danh sách (Excel hoặc CSV).');
    setFailure(undefined);
    const resumed = upload?.file === file ? upload : undefined;
    const uploadId = resumed?.id ?? crypto.randomUUID();
    try {
      await uploadInSlices(
        new Uint8Array(await file.arrayBuffer()),
        async (offset, content) => {
          const answer = await uploadChunk({ unitCode, uploadId, offset, content });
          if (answer.error?.networkError) throw answer.error;
          if (answer.error) throw new UploadRefused(shownError(answer.error).message);
          return answer.data!.uploadImportChunk.receivedBytes;
        },
        {
          onProgress: (received, total) => {
            setSent({ received, total });
            setUpload({ id: uploadId, file, received });
          },
        },
        resumed?.received,
      );
      const checked = await check({
        input: { unitCode, format: formatOf(file.name), uploadId, consent: { basis, noticeVersion: PRIVACY_NOTICE_VERSION, channel }, idempotencyKey: uploadId },
      });
      if (checked.error) throw new UploadRefused(shownError(checked.error).message);
      setSent(undefined);
      setUpload(undefined);
      setSearch({ lan: checked.data!.checkRosterImport.id });
    } catch (error) {
      setFailure(error instanceof UploadRefused ? error.message : 'Mạng chập chờn: chưa gửi hết tệp. Bấm “Tải lên và kiểm tra thử” để gửi lại.');
    }
  };

  return (
    <Page title="Nhập danh sách tổ và thành viên" lead="Đưa các tổ đang có trong tệp Excel của xã, của tỉnh lên hệ thống: kiểm tra thử trước, xác nhận rồi mới nhập.">
      {jobId ? (
        <ImportJobView jobId={jobId} onRestart={() => setSearch({})} />
      ) : (
        <>
          <h2>1. Tải mẫu danh sách</h2>
          <p>Mẫu có sẵn các tổ và thành viên hiện có của đơn vị: điền thêm, sửa, rồi tải lên. Mỗi dòng một thành viên.</p>
          {unitCode && <ExportButtons label="mẫu danh sách" query={WebRosterTemplateDocument} variables={{ unitCode }} />}
          <h2>2. Tải lên và kiểm tra thử</h2>
          <form onSubmit={(event) => void onSubmit(event)} noValidate>
            <Field label="Mã đơn vị (xã, hoặc tỉnh với cột Mã xã trên mọi dòng)">
              {(props) => <input {...props} value={unitCode} onChange={(event) => setUnitCode(event.target.value.trim())} required />}
            </Field>
            <Field label="Tệp danh sách (Excel .xlsx hoặc .csv)" hint="Tệp lớn được gửi từng phần nhỏ: mạng yếu thì chỉ gửi lại phần bị lỗi.">
              {(props) => <input {...props} type="file" accept=".xlsx,.csv" onChange={(event) => setFile(event.target.files?.[0])} />}
            </Field>
            <Field label="Căn cứ lưu thông tin cá nhân của những người trong danh sách">
              {(props) => (
                <select {...props} value={basis} onChange={(event) => setBasis(event.target.value as LawfulBasis)}>
                  {Object.entries(BASIS).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Họ được thông báo qua">
              {(props) => (
                <select {...props} value={channel} onChange={(event) => setChannel(event.target.value as ConsentChannel)}>
                  {Object.entries(CHANNEL).map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {sent && (
              <div className="import-progress">
                <label htmlFor="upload-progress">Đang gửi tệp</label>
                <progress id="upload-progress" max={sent.total} value={sent.received} />
                <p role="status">
                  {formatNumber(Math.round(sent.received / 1024))}/{formatNumber(Math.round(sent.total / 1024))} KB
                </p>
              </div>
            )}
            {failure && <Alert>{failure}</Alert>}
            <button type="submit" disabled={busy}>
              Tải lên và kiểm tra thử
            </button>
          </form>
        </>
      )}
    </Page>
  );
}
