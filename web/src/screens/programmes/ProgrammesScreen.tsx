import { Link } from 'react-router';
import { useQuery } from 'urql';
import { WebProgrammesDocument } from '../../../../client/generated/web-signed-in';
import { useSession } from '../../components/Layout';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { formatDate, formatMoney } from '../../i18n/format';
import { programmeKind } from '../../i18n/labels';

/** The programmes of the officer's unit, each with what it received, spent and has on hand. */
export function ProgrammesScreen() {
  const session = useSession();
  const [{ data, fetching, error }] = useQuery({ query: WebProgrammesDocument, variables: { unitCode: session?.units?.[0] ?? '' } });
  return (
    <Page title="Chương trình và thu chi">
      {fetching && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {data && data.programmes.nodes.length === 0 && <p>Đơn vị chưa có chương trình nào.</p>}
      <ul className="cards">
        {data?.programmes.nodes.map((programme) => (
          <li key={programme.id} className="card">
            <h2>
              <Link to={`/chuong-trinh/${programme.id}`}>{programme.name}</Link>
            </h2>
            <p>
              {programmeKind[programme.kind]}, từ {formatDate(programme.startsOn)}
            </p>
            <p>
              Đã nhận {formatMoney(programme.funds.received)} · đã chi {formatMoney(programme.funds.spent)} · tồn quỹ {formatMoney(programme.funds.balance)}
            </p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
