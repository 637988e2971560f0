import { lazy, Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import {
  WebExportUnitRollUpDocument,
  WebRosterTemplateDocument,
  WebUnitDashboardDocument,
  type Indicator,
} from '../../../../client/generated/web-signed-in';
import { ExportButtons } from '../../components/ExportButtons';
import { useSession } from '../../components/Layout';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { LabelOptions } from '../../components/LabelOptions';
import { formatMonth, formatNumber } from '../../i18n/format';
import { indicator as indicatorLabel } from '../../i18n/labels';

/** `2025-Q3` → "quý 3/2025", `2025-07` → "tháng 07/2025", `2025` → "năm 2025". */
export function periodLabel(period: string): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `quý ${quarter[2]}/${quarter[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return `tháng ${month[2]}/${month[1]}`;
  return `năm ${period}`;
}

// The charting library loads after the figures are up, and only on this screen.
const MonthlyChart = lazy(() => import('./MonthlyChart').then((module) => ({ default: module.MonthlyChart })));

const isIndicator = (value: string | null): value is Indicator => value !== null && value in indicatorLabel;

/**
 * The officer's dashboard of their commune (or province) for a period: every indicator against its
 * target, reports received and owed, the teams that have not reported, the units below ranked on one
 * indicator and that indicator month by month over the period's year.
 */
export function UnitDashboardScreen() {
  const session = useSession();
  const [search, setSearch] = useSearchParams();
  const unitCode = search.get('don-vi') ?? session?.units?.[0] ?? '';
  const period = search.get('ky') ?? '2025-Q3';
  const chosen = search.get('chi-tieu');
  const rankedBy: Indicator = isIndicator(chosen) ? chosen : 'HOUSEHOLD_VISITS';
  const [{ data, fetching, error }] = useQuery({ query: WebUnitDashboardDocument, variables: { unitCode, period, year: period.slice(0, 4), rankedBy } });
  const rollUp = data?.unitRollUp;
  const months = (data?.year.months ?? []).map((month) => ({ month: month.period, value: month.figures.find((figure) => figure.indicator === rankedBy)?.value ?? 0 }));
  return (
    <Page title={`Tổng hợp ${periodLabel(period)}${rollUp?.unit ? ` – ${rollUp.unit.name}` : ''}`}>
      <form
        className="inline"
        onSubmit={(event) => {
          event.preventDefault();
          const value = new FormData(event.currentTarget).get('ky');
          const form = new FormData(event.currentTarget);
          setSearch({ 'don-vi': unitCode, ky: String(form.get('ky')), 'chi-tieu': String(form.get('chi-tieu')) });
        }}
      >
        <label htmlFor="ky">Kỳ báo cáo (tháng 2025-07, quý 2025-Q3 hoặc năm 2025)</label>
        <input id="ky" name="ky" defaultValue={period} pattern="\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?" />
        <label htmlFor="chi-tieu">Chỉ tiêu để xếp hạng và vẽ biểu đồ</label>
        <select id="chi-tieu" name="chi-tieu" defaultValue={rankedBy}>
          <LabelOptions labels={indicatorLabel} />
        </select>
        <button type="submit">Xem</button>
      </form>
      {fetching && <Loading />}
      {error && <Alert>{shownError(error, { BAD_USER_INPUT: 'Kỳ báo cáo chưa đúng: ví dụ 2025-07, 2025-Q3 hoặc 2025.' }).message}</Alert>}
      {rollUp && (
        <>
          <dl className="totals">
            <div>
              <dt>Tổ đang hoạt động</dt>
              <dd>{formatNumber(rollUp.teamCount)}</dd>
            </div>
            <div>
              <dt>Báo cáo đã nhận</dt>
              <dd>{formatNumber(rollUp.reportsReceived)}</dd>
            </div>
            <div>
              <dt>Báo cáo còn thiếu</dt>
              <dd>{formatNumber(rollUp.missingReports)}</dd>
            </div>
          </dl>
          <ExportButtons label="bảng tổng hợp" query={WebExportUnitRollUpDocument} variables={{ unitCode, period }} />
          <ExportButtons label="danh sách tổ và thành viên" query={WebRosterTemplateDocument} variables={{ unitCode }} />
          <h2>Tổ chưa báo cáo</h2>
          {rollUp.teamsNotReported.length === 0 ? (
            <p>Tất cả các tổ đã báo cáo đủ.</p>
          ) : (
            <ul data-testid="teams-not-reported">
              {rollUp.teamsNotReported.map((team) => (
                <li key={team.id}>{team.name}</li>
              ))}
            </ul>
          )}
          <h2>Xếp hạng đơn vị trực thuộc: {indicatorLabel[rankedBy].toLowerCase()}</h2>
          {rollUp.ranking.length === 0 ? (
            <p>Đơn vị này không có đơn vị trực thuộc.</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Xếp hạng, cuộn ngang để xem hết">
              <table data-testid="sub-unit-ranking">
                <thead>
                  <tr>
                    <th scope="col" className="number">
                      Hạng
                    </th>
                    <th scope="col">Đơn vị</th>
                    <th scope="col" className="number">
                      Kết quả
                    </th>
                    <th scope="col" className="number">
                      Đạt kế hoạch
                    </th>
                    <th scope="col" className="number">
                      Báo cáo còn thiếu
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rollUp.ranking.map((entry) => (
                    <tr key={entry.rollUp.unitCode}>
                      <td className="number">{entry.rank}</td>
                      <td>{entry.rollUp.unit?.name}</td>
                      <td className="number">{formatNumber(entry.value)}</td>
                      <td className="number">{entry.percent === null || entry.percent === undefined ? '—' : `${formatNumber(entry.percent)}%`}</td>
                      <td className="number">{formatNumber(entry.rollUp.missingReports)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <figure>
            <figcaption>
              <h2>
                {indicatorLabel[rankedBy]} theo tháng, năm {period.slice(0, 4)}
              </h2>
            </figcaption>
            <Suspense fallback={<Loading />}>
              <MonthlyChart points={months} label={indicatorLabel[rankedBy]} />
            </Suspense>
            <details>
              <summary>Số liệu từng tháng</summary>
              <table data-testid="monthly-figures">
                <thead>
                  <tr>
                    <th scope="col">Tháng</th>
                    <th scope="col" className="number">
                      Kết quả
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {months.map((point) => (
                    <tr key={point.month}>
                      <td>{formatMonth(point.month)}</td>
                      <td className="number">{formatNumber(point.value)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </figure>
          <h2>Chỉ tiêu</h2>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng, cuộn ngang để xem hết">
            <table>
              <thead>
                <tr>
                  <th scope="col">Chỉ tiêu</th>
                  <th scope="col" className="number">
                    Kết quả
                  </th>
                  <th scope="col" className="number">
                    Kế hoạch
                  </th>
                  <th scope="col" className="number">
                    Đạt
                  </th>
                </tr>
              </thead>
              <tbody>
                {rollUp.figures.map((figure) => (
                  <tr key={figure.indicator}>
                    <td>{indicatorLabel[figure.indicator]}</td>
                    <td className="number">{formatNumber(figure.value)}</td>
                    <td className="number">{figure.target === null || figure.target === undefined ? '—' : formatNumber(figure.target)}</td>
                    <td className="number">{figure.percent === null || figure.percent === undefined ? '—' : `${formatNumber(figure.percent)}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Page>
  );
}
