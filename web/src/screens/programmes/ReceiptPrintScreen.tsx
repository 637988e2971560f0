import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { WebProgrammeDocument } from '../../../../client/generated/web-signed-in';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { formatDate, formatMoney, formatNumber } from '../../i18n/format';
import { fundingSource, itemKind, paymentMethod } from '../../i18n/labels';

/**
 * A receipt as a slip to print from the browser (print CSS hides the app around it), to hand to the
 * giver; the official PDF is the resources subgraph's.
 */
export function ReceiptPrintScreen() {
  const { programmeId = '', receiptId = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: WebProgrammeDocument, variables: { id: programmeId } });
  const programme = data?.programme;
  const receipt = programme?.receipts.find((one) => one.id === receiptId);
  return (
    <Page title={receipt ? `Phiếu thu số ${receipt.receiptNumber}` : 'Phiếu thu'}>
      {fetching && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {data && !receipt && <Alert>Không tìm thấy phiếu thu này.</Alert>}
      {programme && receipt && (
        <>
          <p className="no-print actions">
            <button type="button" onClick={() => window.print()}>
              In phiếu thu
            </button>
            <Link to={`/chuong-trinh/${programme.id}`}>Về chương trình</Link>
          </p>
          <article className="receipt" data-testid="receipt-slip">
            <p>
              <strong>{programme.unit.name}</strong>
              <br />
              {programme.name}
            </p>
            <h2>PHIẾU THU</h2>
            <dl>
              <dt>Số phiếu</dt>
              <dd>{receipt.receiptNumber}</dd>
              <dt>Ngày nhận</dt>
              <dd>{formatDate(receipt.receivedOn)}</dd>
              <dt>Nhận của</dt>
              <dd>{receipt.sponsor?.name ?? (receipt.source === 'MOBILISED' ? 'Nhà hảo tâm' : fundingSource[receipt.source])}</dd>
              <dt>Nguồn</dt>
              <dd>{fundingSource[receipt.source]}</dd>
              {receipt.kind === 'CASH' ? (
                <>
                  <dt>Số tiền</dt>
                  <dd>{formatMoney(receipt.amount)}</dd>
                  <dt>Hình thức</dt>
                  <dd>{receipt.method ? paymentMethod[receipt.method] : '—'}</dd>
                </>
              ) : (
                <>
                  <dt>Hiện vật</dt>
                  <dd>
                    <ul>
                      {receipt.gifts.map((gift) => (
                        <li key={gift.id}>
                          {itemKind[gift.itemKind]}: {gift.description}, {formatNumber(gift.quantity)} × {formatMoney(gift.unitValue)}
                        </li>
                      ))}
                    </ul>
                  </dd>
                  <dt>Giá trị ước tính</dt>
                  <dd>{formatMoney(receipt.amount)}</dd>
                </>
              )}
              {receipt.note && (
                <>
                  <dt>Ghi chú</dt>
                  <dd>{receipt.note}</dd>
                </>
              )}
              {receipt.teamFundRules && (
                <>
                  <dt>Theo quy chế quỹ tổ</dt>
                  <dd data-testid="receipt-fund-rules">
                    Bản {receipt.teamFundRules.version}, thông qua ngày {formatDate(receipt.teamFundRules.adoptedOn)}: {receipt.teamFundRules.rules}
                  </dd>
                </>
              )}
            </dl>
            <div className="signatures">
              <p>
                Người nộp
                <br />
                <small>(ký, ghi rõ họ tên)</small>
              </p>
              <p>
                Người nhận
                <br />
                <small>(ký, ghi rõ họ tên)</small>
              </p>
            </div>
          </article>
        </>
      )}
    </Page>
  );
}
