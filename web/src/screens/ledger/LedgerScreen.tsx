import { useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { WebLedgerDocument } from '../../../../client/generated/web-public';
import { WebLedgerFileDocument } from '../../../../client/generated/web-papers';
import { CellLabel } from '../../components/CellLabel';
import { Alert, Loading, Page } from '../../components/Page';
import { ShareLink } from '../../components/ShareLink';
import { shownError } from '../../errors';
import { formatDate, formatMoney } from '../../i18n/format';
import { DownloadFile } from '../papers/DownloadFile';

/** Công khai thu chi: a commune's (or any unit's) income with numbered receipts, and its spending. */
export function LedgerScreen() {
  const { unitCode = '' } = useParams();
  const [search] = useSearchParams();
  const from = search.get('tu') ?? undefined;
  const to = search.get('den') ?? undefined;
  const [{ data, fetching, error }] = useQuery({ query: WebLedgerDocument, variables: { unitCode, from, to } });
  const unit = data?.administrativeUnit;
  const ledger = data?.disclosure;
  return (
    <Page title="Công khai thu chi" detail={unit?.name}>
      {fetching && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {ledger && (
        <>
          <p>
            Từ ngày {formatDate(ledger.from)} đến ngày {formatDate(ledger.to)}
          </p>
          <dl className="totals">
            <div>
              <dt>Tổng thu</dt>
              <dd>{formatMoney(ledger.totalIncome)}</dd>
            </div>
            <div>
              <dt>Tổng chi</dt>
              <dd>{formatMoney(ledger.totalSpending)}</dd>
            </div>
          </dl>
          <h2>Các khoản thu</h2>
          <LedgerTable
            empty="Chưa có khoản thu nào."
            columns={['Số phiếu thu', 'Ngày', 'Người ủng hộ', 'Nội dung']}
            rows={ledger.income.map((entry) => ({
              cells: [entry.receiptNumber ?? '—', formatDate(entry.date), entry.donor ?? 'Nhà hảo tâm'],
              description: entry.description,
              programme: entry.programme,
              amount: entry.amount,
            }))}
          />
          <h2>Các khoản chi</h2>
          <LedgerTable
            empty="Chưa có khoản chi nào được duyệt."
            columns={['Ngày', 'Nội dung']}
            rows={ledger.spending.map((entry) => ({
              cells: [formatDate(entry.date)],
              description: entry.description,
              programme: entry.programme,
              amount: entry.amount,
            }))}
          />
          <p>
            {(['PDF', 'XLSX'] as const).map((format) => (
              <DownloadFile
                key={format}
                label={format === 'PDF' ? 'Tải bản in (PDF)' : 'Tải bảng tính (Excel)'}
                query={WebLedgerFileDocument}
                variables={{ unitCode, from: ledger.from, to: ledger.to, format }}
                file={(found) => found.ledgerFile}
              />
            ))}
          </p>
          <ShareLink path={`/cong-khai/${unitCode}`} label={`Công khai thu chi ${unit?.name ?? ''}`} />
        </>
      )}
    </Page>
  );
}

interface LedgerRow {
  /** The leading plain cells, in the order of `columns`. */
  cells: string[];
  description: string;
  programme: string;
  amount: string;
}

/**
 * One side of the ledger. On a narrow phone each row stacks into a card, every value beside its
 * heading (styles.css), so nothing hides behind a sideways scroll.
 */
function LedgerTable({ columns, rows, empty }: { columns: string[]; rows: LedgerRow[]; empty: string }) {
  if (rows.length === 0) return <p>{empty}</p>;
  const labels = [...columns, 'Số tiền'];
  return (
    <table className="stacked">
      <thead>
        <tr>
          {labels.map((label, index) => (
            <th key={label} scope="col" className={index === labels.length - 1 ? 'number' : undefined}>
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={index}>
            {row.cells.map((cell, column) => (
              <td key={column}>
                <CellLabel>{columns[column]}</CellLabel>
                <span>{cell}</span>
              </td>
            ))}
            <td>
              <CellLabel>{columns[columns.length - 1]}</CellLabel>
              <span>
                {row.description}
                <br />
                <small>{row.programme}</small>
              </span>
            </td>
            <td className="number">
              <CellLabel>Số tiền</CellLabel>
              <span>{formatMoney(row.amount)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

