import { useQuery } from 'urql';
import { WebUnitStockDocument } from '../../../../client/generated/web-signed-in';
import { CellLabel } from '../../components/CellLabel';
import { useSession } from '../../components/Layout';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { formatDate } from '../../i18n/format';
import { itemKind, recipientKind } from '../../i18n/labels';
import { IssueForm } from './IssueForm';

/**
 * The officer's in-kind stock across their unit's lots: counts per kind of item (on hand, issued, by
 * kind of recipient), and for each lot which serials or codes went to which team, event or household.
 * Codes are the programme's managers' only: this screen is for officers, never public. Each lot with
 * items on hand issues them from here (IssueForm).
 */
export function StockScreen() {
  const session = useSession();
  const unitCode = session?.units?.[0] ?? '';
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebUnitStockDocument, variables: { unitCode } });
  const lots = data?.giftLots.nodes ?? [];
  const teams = data?.administrativeUnit?.teamsUnder.nodes ?? [];
  const events = data?.events.nodes ?? [];
  return (
    <Page title="Kho hiện vật">
      {fetching && !data && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {data && (
        <>
          <table className="stacked" data-testid="stock-counts">
            <caption>Số lượng theo loại hiện vật, mọi lô của đơn vị và các đơn vị trực thuộc</caption>
            <thead>
              <tr>
                <th scope="col">Loại hiện vật</th>
                <th scope="col">Đã nhận</th>
                <th scope="col">Còn trong kho</th>
                <th scope="col">Đã cấp</th>
                <th scope="col">Cấp cho tổ</th>
                <th scope="col">Cấp cho sự kiện</th>
                <th scope="col">Cấp cho hộ gia đình</th>
              </tr>
            </thead>
            <tbody>
              {data.stockCounts.map((count) => (
                <tr key={count.itemKind}>
                  <td>
                    <CellLabel>Loại</CellLabel>
                    <span>{itemKind[count.itemKind]}</span>
                  </td>
                  <td>
                    <CellLabel>Đã nhận</CellLabel>
                    <span>{count.received}</span>
                  </td>
                  <td>
                    <CellLabel>Còn trong kho</CellLabel>
                    <span>{count.onHand}</span>
                  </td>
                  <td>
                    <CellLabel>Đã cấp</CellLabel>
                    <span>{count.issued}</span>
                  </td>
                  <td>
                    <CellLabel>Cho tổ</CellLabel>
                    <span>{count.issuedToTeams}</span>
                  </td>
                  <td>
                    <CellLabel>Cho sự kiện</CellLabel>
                    <span>{count.issuedToEvents}</span>
                  </td>
                  <td>
                    <CellLabel>Cho hộ gia đình</CellLabel>
                    <span>{count.issuedToHouseholds}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Các lô: mã, số sê-ri đã cấp và cấp phát</h2>
          <p>Chỉ cán bộ quản lý chương trình được xem; không đưa lên công khai.</p>
          {lots.map((gift) => (
            <section key={gift.id} aria-label={gift.description} data-testid={`lot-${gift.description}`}>
              <h3>
                {gift.description} <small>({itemKind[gift.itemKind]}, {gift.heldBy.name})</small>
              </h3>
              <p>
                Nhận {gift.quantity}, còn {gift.onHand}.
              </p>
              {gift.allocations.length > 0 && (
                <ul>
                  {gift.allocations.map((allocation) => (
                    <li key={allocation.id}>
                      {formatDate(allocation.issuedOn)}: {allocation.quantity} cho{' '}
                      {allocation.team?.name ?? (allocation.event ? `sự kiện ${allocation.event.title}` : (allocation.household ?? recipientKind[allocation.recipientKind]))}
                      {allocation.codes.length > 0 ? ` – ${allocation.codes.join(', ')}` : ` – không có mã`}
                    </li>
                  ))}
                </ul>
              )}
              {gift.onHand > 0 && (
                <details>
                  <summary>Cấp phát từ lô này</summary>
                  <IssueForm lot={gift} teams={teams} events={events} onSaved={() => refetch({ requestPolicy: 'network-only' })} />
                </details>
              )}
            </section>
          ))}
          {data.giftLots.pageInfo.hasNextPage && <p>Chỉ hiện 100 lô đầu tiên theo tên hiện vật.</p>}
        </>
      )}
    </Page>
  );
}
