import { Link, useParams } from 'react-router';
import { useIdempotencyKeys } from '../../components/useIdempotencyKey';
import { useMutation, useQuery, type CombinedError } from 'urql';
import {
  WebApproveApplicationDocument,
  WebCancelApplicationDocument,
  WebOrganiserFairDocument,
  WebRejectApplicationDocument,
  WebOrganiserEventsDocument,
  WebWaitlistApplicationDocument,
  type WebOrganiserFairQuery,
} from '../../../../client/generated/web-signed-in';
import { CellLabel } from '../../components/CellLabel';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { formatDate } from '../../i18n/format';
import { applicationStatus, eventStatus, exhibitorKind } from '../../i18n/labels';

type Application = NonNullable<NonNullable<WebOrganiserFairQuery['event']>['applications']>[number];

/** The events an organiser can open (the demo commune's), past ones too: their contests are scored after the day. */
export function OrganiserFairsScreen() {
  const [{ data, fetching, error }] = useQuery({ query: WebOrganiserEventsDocument, variables: { unitCode: '17227' } });
  return (
    <Page title="Ngày hội do tôi tổ chức">
      {fetching && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      <ul className="cards">
        {data?.events.nodes.map((event) => (
          <li key={event.id} className="card">
            <h2>
              <Link to={`/to-chuc/${event.id}`}>{event.title}</Link>
            </h2>
            <p>
              {formatDate(event.startsOn)} · {eventStatus[event.status]}
            </p>
            <p>
              <Link to={`/to-chuc/${event.id}/cuoc-thi`} aria-label={`Cuộc thi của ${event.title}`}>
                Cuộc thi
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </Page>
  );
}

/** The applications of a fair by category, to approve, reject or waitlist; the waitlist in its order. */
export function OrganiserApplicationsScreen() {
  const { eventId = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebOrganiserFairDocument, variables: { id: eventId } });
  const [approval, approve] = useMutation(WebApproveApplicationDocument);
  const [rejection, reject] = useMutation(WebRejectApplicationDocument);
  const [waitlisting, waitlist] = useMutation(WebWaitlistApplicationDocument);
  const [cancellation, cancel] = useMutation(WebCancelApplicationDocument);
  const busy = approval.fetching || rejection.fetching || waitlisting.fetching || cancellation.fetching;
  const failure: CombinedError | undefined = approval.error ?? rejection.error ?? waitlisting.error ?? cancellation.error;
  const event = data?.event;
  const keys = useIdempotencyKeys();
  // Each decision on an application keeps its key until it is saved: a retry after a lost answer decides once.
  const act = async (write: string, run: (idempotencyKey: string) => Promise<{ error?: CombinedError }>) => {
    const answer = await run(keys.keyFor(write));
    if (answer.error) return;
    keys.saved(write);
    refetch();
  };

  const actions = (application: Application) => {
    const open = application.status === 'PENDING' || application.status === 'WAITLISTED';
    const name = application.exhibitorName;
    return (
      <div className="actions">
        {open && (
          <button type="button" disabled={busy} onClick={() => void act(`approve:${application.id}`, (idempotencyKey) => approve({ id: application.id, idempotencyKey }))} aria-label={`Duyệt đơn của ${name}`}>
            Duyệt
          </button>
        )}
        {application.status === 'PENDING' && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void act(`waitlist:${application.id}`, (idempotencyKey) => waitlist({ id: application.id, idempotencyKey }))} aria-label={`Đưa ${name} vào danh sách chờ`}>
            Chờ
          </button>
        )}
        {open && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void act(`reject:${application.id}`, (idempotencyKey) => reject({ id: application.id, idempotencyKey }))} aria-label={`Từ chối đơn của ${name}`}>
            Từ chối
          </button>
        )}
        {(open || application.status === 'APPROVED') && (
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => window.confirm(`Huỷ đơn của ${name}? Gian hàng sẽ chuyển cho người đầu danh sách chờ.`) && void act(`cancel:${application.id}`, (idempotencyKey) => cancel({ id: application.id, idempotencyKey }))}
            aria-label={`Huỷ đơn của ${name}`}
          >
            Huỷ
          </button>
        )}
      </div>
    );
  };

  return (
    <Page title={event ? `Đơn đăng ký gian hàng – ${event.title}` : 'Đơn đăng ký gian hàng'}>
      {fetching && !data && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {failure && <Alert>{shownError(failure, { CONFLICT: 'Không thực hiện được: đơn đã được xử lý hoặc khu đã hết gian.' }).message}</Alert>}
      {event?.categories.map((category) => {
        const applications = (event.applications ?? []).filter((application) => application.category.id === category.id);
        const waitlisted = applications.filter((application) => application.status === 'WAITLISTED');
        return (
          <section key={category.id} aria-labelledby={`khu-${category.id}`}>
            <h2 id={`khu-${category.id}`}>
              {category.name} – còn {category.freeStalls}/{category.capacity} gian
            </h2>
            {applications.length === 0 ? (
              <p>Chưa có đơn.</p>
            ) : (
              <table className="stacked">
                <thead>
                  <tr>
                    <th scope="col">Đơn vị</th>
                    <th scope="col">Liên hệ</th>
                    <th scope="col">Ngày đăng ký</th>
                    <th scope="col">Tình trạng</th>
                    <th scope="col">Thao tác</th>
                  </tr>
                </thead>
                <tbody>
                  {applications.map((application) => (
                    <tr key={application.id} data-testid={`application-${application.exhibitorName}`}>
                      <td>
                        <CellLabel>Đơn vị</CellLabel>
                        <span>
                          {application.exhibitorName}
                          <br />
                          <small>
                            {exhibitorKind[application.exhibitorKind]} · {application.offering}
                          </small>
                        </span>
                      </td>
                      <td>
                        <CellLabel>Liên hệ</CellLabel>
                        <span>
                          {application.contactName}
                          <br />
                          {application.contactPhone && <a href={`tel:${application.contactPhone}`}>{application.contactPhone}</a>}
                        </span>
                      </td>
                      <td>
                        <CellLabel>Ngày đăng ký</CellLabel>
                        <span>{formatDate(application.appliedAt)}</span>
                      </td>
                      <td className="status">
                        <CellLabel>Tình trạng</CellLabel>
                        <span>
                          {applicationStatus[application.status]}
                          {application.stallCode && ` – gian ${application.stallCode}`}
                          {application.status === 'WAITLISTED' && ` (thứ ${waitlisted.indexOf(application) + 1})`}
                        </span>
                      </td>
                      <td>
                        <CellLabel>Thao tác</CellLabel>
                        <span>{actions(application)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </Page>
  );
}
