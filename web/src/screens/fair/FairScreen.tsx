import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { WebFairDocument } from '../../../../client/generated/web-public';
import { Alert, Loading, Page } from '../../components/Page';
import { ShareLink } from '../../components/ShareLink';
import { shownError } from '../../errors';
import { formatDate, formatMoney } from '../../i18n/format';
import { eventStatus, stallKind } from '../../i18n/labels';

/** A fair's page: when and where, its stall categories with the stalls still free, its exhibitors. */
export function FairScreen() {
  const { eventId = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: WebFairDocument, variables: { id: eventId } });
  const event = data?.event;
  const open = event?.status === 'OPEN_FOR_APPLICATIONS';
  return (
    <Page title={event?.title ?? 'Ngày hội'}>
      {fetching && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {data && !event && <Alert>Không tìm thấy ngày hội này.</Alert>}
      {event && (
        <>
          <p>
            {formatDate(event.startsOn)}
            {event.endsOn !== event.startsOn && ` – ${formatDate(event.endsOn)}`} · {event.venue} · {event.unit.name}
          </p>
          <p className="badge">{eventStatus[event.status]}</p>
          {event.description && <p>{event.description}</p>}
          {event.applicationDeadline && <p>Hạn đăng ký gian hàng: {formatDate(event.applicationDeadline)}</p>}
          <h2>Khu gian hàng</h2>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Bảng, cuộn ngang để xem hết">
            <table>
              <thead>
                <tr>
                  <th scope="col">Khu</th>
                  <th scope="col">Loại</th>
                  <th scope="col">Kích thước</th>
                  <th scope="col" className="number">
                    Phí
                  </th>
                  <th scope="col" className="number">
                    Còn trống
                  </th>
                  {open && <th scope="col">Đăng ký</th>}
                </tr>
              </thead>
              <tbody>
                {event.categories.map((category) => (
                  <tr key={category.id}>
                    <td>{category.name}</td>
                    <td>{stallKind[category.kind]}</td>
                    <td>{category.size}</td>
                    <td className="number">{category.fee === '0' ? 'Miễn phí' : formatMoney(category.fee)}</td>
                    <td className="number">
                      {category.freeStalls}/{category.capacity}
                    </td>
                    {open && (
                      <td>
                        <Link to={`/su-kien/${event.id}/dang-ky?khu=${category.id}`}>Đăng ký gian hàng</Link>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {open && (
            <p>
              <Link className="button" to={`/su-kien/${event.id}/dang-ky`}>
                Đăng ký gian hàng
              </Link>
            </p>
          )}
          {event.exhibitors.length > 0 && (
            <>
              <h2>Đơn vị tham gia</h2>
              <ul>
                {event.exhibitors.map((exhibitor) => (
                  <li key={exhibitor.stallCode}>
                    Gian {exhibitor.stallCode}: {exhibitor.name}
                  </li>
                ))}
              </ul>
            </>
          )}
          <ShareLink path={`/su-kien/${event.id}`} label={event.title} />
        </>
      )}
    </Page>
  );
}
