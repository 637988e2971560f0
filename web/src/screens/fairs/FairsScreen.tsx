import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { WebUpcomingFairsDocument } from '../../../../client/generated/web-public';
import { Alert, Loading, Page } from '../../components/Page';
import { ShareLink } from '../../components/ShareLink';
import { shownError } from '../../errors';
import { formatDate } from '../../i18n/format';
import { eventKind, eventStatus } from '../../i18n/labels';

/** The published fairs and events of a commune or province that have not ended. */
export function FairsScreen() {
  const { unitCode = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: WebUpcomingFairsDocument, variables: { unitCode } });
  const unit = data?.administrativeUnit;
  return (
    <Page title="Ngày hội sắp diễn ra" detail={unit?.name}>
      {fetching && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {unit && unit.upcomingEvents.length === 0 && <p>Chưa có ngày hội nào sắp diễn ra.</p>}
      <ul className="cards">
        {unit?.upcomingEvents.map((event) => (
          <li key={event.id} className="card">
            <h2>
              <Link to={`/su-kien/${event.id}`}>{event.title}</Link>
            </h2>
            <p>
              {eventKind[event.kind]} · {formatDate(event.startsOn)}
              {event.endsOn !== event.startsOn && ` – ${formatDate(event.endsOn)}`} · {event.venue}
            </p>
            <p className="badge">{eventStatus[event.status]}</p>
            {event.applicationDeadline && <p>Hạn đăng ký gian hàng: {formatDate(event.applicationDeadline)}</p>}
          </li>
        ))}
      </ul>
      {unit && <ShareLink path={`/ngay-hoi/${unitCode}`} label={`Ngày hội ${unit.name}`} />}
    </Page>
  );
}
