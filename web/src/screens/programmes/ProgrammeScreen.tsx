import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import {
  WebBudgetEstimateFileDocument,
  WebReceiptPaperDocument,
  WebSponsorContactListDocument,
  WebThankYouLetterDocument,
} from '../../../../client/generated/web-papers';
import { WebProgrammeDocument, type WebProgrammeQuery } from '../../../../client/generated/web-signed-in';
import { CellLabel } from '../../components/CellLabel';
import { useSession } from '../../components/Layout';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { formatDate, formatMoney } from '../../i18n/format';
import { fundingSource, paymentMethod } from '../../i18n/labels';
import { DownloadFile } from '../papers/DownloadFile';
import { BudgetRevisions } from './BudgetRevisions';

type Programme = NonNullable<WebProgrammeQuery['programme']>;
type Line = Programme['budget']['lines'][number];

const money = (amount: string | null | undefined) => (amount === null || amount === undefined ? '—' : formatMoney(amount));

/** The expense lines of the estimate against what was approved and what waits for approval. */
function ExpenseLines({ lines }: { lines: Line[] }) {
  return (
    <table className="stacked">
      <thead>
        <tr>
          <th scope="col">Khoản chi</th>
          <th scope="col" className="number">Dự toán</th>
          <th scope="col" className="number">Đã chi</th>
          <th scope="col" className="number">Chờ duyệt</th>
          <th scope="col" className="number">Còn lại</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.id} data-testid={`budget-line-${line.item}`}>
            <td>
              <CellLabel>Khoản chi</CellLabel>
              <span>
                {line.position}. {line.item}
                {line.overEstimate && (
                  <>
                    <br />
                    <span className="badge">Vượt dự toán {money(line.variance)}</span>
                  </>
                )}
              </span>
            </td>
            <td className="number">
              <CellLabel>Dự toán</CellLabel>
              <span>{money(line.amount)}</span>
            </td>
            <td className="number">
              <CellLabel>Đã chi</CellLabel>
              <span>{money(line.approvedSpending)}</span>
            </td>
            <td className="number">
              <CellLabel>Chờ duyệt</CellLabel>
              <span>{money(line.pendingSpending)}</span>
            </td>
            <td className="number">
              <CellLabel>Còn lại</CellLabel>
              <span>{money(line.remaining)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A programme's budget against actual with its revisions and approval, its numbered receipts (each
 * with a printable slip and, for a sponsor, a thank-you letter), and the papers to download.
 */
export function ProgrammeScreen() {
  const { programmeId = '' } = useParams();
  const roles = useSession()?.roles ?? [];
  const isOfficer = roles.includes('OFFICER') || roles.includes('ADMIN');
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebProgrammeDocument, variables: { id: programmeId } });
  const programme = data?.programme;
  const expenseLines = programme?.budget.lines.filter((line) => line.side === 'EXPENSE') ?? [];
  return (
    <Page title={programme?.name ?? 'Chương trình'} lead={programme?.unit.name}>
      {fetching && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {data && !programme && <Alert>Không tìm thấy chương trình này.</Alert>}
      {programme && (
        <>
          <p>
            <Link className="button" to={`/chuong-trinh/${programme.id}/ghi-thu`}>
              Ghi phiếu thu
            </Link>
          </p>
          <h2>Dự toán và thực hiện</h2>
          <dl className="totals">
            <div>
              <dt>Thu dự toán</dt>
              <dd>{formatMoney(programme.budget.incomeTotal)}</dd>
            </div>
            <div>
              <dt>Đã nhận</dt>
              <dd>{formatMoney(programme.budget.incomeReceived)}</dd>
            </div>
            <div>
              <dt>Chi dự toán</dt>
              <dd>{formatMoney(programme.budget.expenseTotal)}</dd>
            </div>
            <div>
              <dt>Đã chi</dt>
              <dd>{formatMoney(programme.budget.expenseSpent)}</dd>
            </div>
            <div>
              <dt>Tồn quỹ tiền mặt</dt>
              <dd>{formatMoney(programme.funds.balance)}</dd>
            </div>
          </dl>
          {programme.budget.overEstimate && <Alert tone="info">Tổng chi đã duyệt vượt dự toán.</Alert>}
          {expenseLines.length === 0 ? <p>Chương trình chưa có dự toán chi.</p> : <ExpenseLines lines={expenseLines} />}
          <p>
            {(['PDF', 'XLSX'] as const).map((format) => (
              <DownloadFile
                key={format}
                label={format === 'PDF' ? 'Tải dự toán kinh phí (PDF)' : 'Tải dự toán kinh phí (Excel)'}
                query={WebBudgetEstimateFileDocument}
                variables={{ programmeId: programme.id, format }}
                file={(found) => found.budgetEstimateFile}
              />
            ))}
            {isOfficer && (
              <DownloadFile
                label="Tải danh sách liên hệ nhà tài trợ (Excel)"
                query={WebSponsorContactListDocument}
                variables={{ programmeId: programme.id }}
                file={(found) => found.sponsorContactList}
              />
            )}
          </p>
          <BudgetRevisions programme={programme} mayApprove={isOfficer} onChange={() => refetch({ requestPolicy: 'network-only' })} />
          <h2>Phiếu thu</h2>
          {programme.receipts.length === 0 ? (
            <p>Chưa có phiếu thu.</p>
          ) : (
            <table className="stacked">
              <thead>
                <tr>
                  <th scope="col">Số phiếu</th>
                  <th scope="col">Ngày nhận</th>
                  <th scope="col">Người ủng hộ</th>
                  <th scope="col">Hình thức</th>
                  <th scope="col" className="number">Số tiền, giá trị</th>
                  <th scope="col">In</th>
                </tr>
              </thead>
              <tbody>
                {programme.receipts.map((receipt) => (
                  <tr key={receipt.id} data-testid={`receipt-${receipt.receiptNumber}`}>
                    <td>
                      <CellLabel>Số phiếu</CellLabel>
                      <span>{receipt.receiptNumber}</span>
                    </td>
                    <td>
                      <CellLabel>Ngày nhận</CellLabel>
                      <span>{formatDate(receipt.receivedOn)}</span>
                    </td>
                    <td>
                      <CellLabel>Người ủng hộ</CellLabel>
                      <span>{receipt.sponsor?.name ?? fundingSource[receipt.source]}</span>
                    </td>
                    <td>
                      <CellLabel>Hình thức</CellLabel>
                      <span>{receipt.kind === 'CASH' ? (receipt.method ? paymentMethod[receipt.method] : 'Tiền') : 'Hiện vật'}</span>
                    </td>
                    <td className="number">
                      <CellLabel>Số tiền, giá trị</CellLabel>
                      <span>{formatMoney(receipt.amount)}</span>
                    </td>
                    <td>
                      <CellLabel>In</CellLabel>
                      <span className="actions">
                        <Link to={`/chuong-trinh/${programme.id}/phieu-thu/${receipt.id}`} aria-label={`In phiếu thu ${receipt.receiptNumber}`}>
                          In phiếu
                        </Link>
                        <DownloadFile
                          label={`Tải phiếu thu ${receipt.receiptNumber} (PDF)`}
                          query={WebReceiptPaperDocument}
                          variables={{ receiptId: receipt.id }}
                          file={(found) => found.receiptPaper}
                        />
                        {receipt.sponsor && (
                          <DownloadFile
                            label={`Tải thư cảm ơn ${receipt.sponsor.name} (PDF)`}
                            query={WebThankYouLetterDocument}
                            variables={{ receiptId: receipt.id }}
                            file={(found) => found.thankYouLetter}
                          />
                        )}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Page>
  );
}
