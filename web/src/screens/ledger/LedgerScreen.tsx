import { useParams, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { WebLedgerDocument } from '../../../../client/generated/graphql';
import { Alert, Loading, Page } from '../../components/Page';
import { ShareLink } from '../../components/ShareLink';
import { shownError } from '../../errors';
import { formatDate, formatMoney } from '../../i18n/format';

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
    <Page title={`Công khai thu chi${unit ? ` – ${unit.name}` : ''}`}>
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
          {ledger.income.length === 0 ? (
            <p>Chưa có khoản thu nào.</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng, cuộn ngang để xem hết">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Số phiếu thu</th>
                    <th scope="col">Ngày</th>
                    <th scope="col">Người ủng hộ</th>
                    <th scope="col">Nội dung</th>
                    <th scope="col" className="number">
                      Số tiền
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {ledger.income.map((entry, index) => (
                    <tr key={`${entry.receiptNumber ?? ''}-${index}`}>
                      <td>{entry.receiptNumber ?? '—'}</td>
                      <td>{formatDate(entry.date)}</td>
                      <td>{entry.donor ?? 'Nhà hảo tâm'}</td>
                      <td>
                        {entry.description}
                        <br />
                        <small>{entry.programme}</small>
                      </td>
                      <td className="number">{formatMoney(entry.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2>Các khoản chi</h2>
          {ledger.spending.length === 0 ? (
            <p>Chưa có khoản chi nào được duyệt.</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng, cuộn ngang để xem hết">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Ngày</th>
                    <th scope="col">Nội dung</th>
                    <th scope="col" className="number">
                      Số tiền
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {ledger.spending.map((entry, index) => (
                    <tr key={index}>
                      <td>{formatDate(entry.date)}</td>
                      <td>
                        {entry.description}
                        <br />
                        <small>{entry.programme}</small>
                      </td>
                      <td className="number">{formatMoney(entry.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <ShareLink path={`/cong-khai/${unitCode}`} label={`Công khai thu chi ${unit?.name ?? ''}`} />
        </>
      )}
    </Page>
  );
}
