import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { WebHonourRollDocument } from '../../../../client/generated/web-recognition';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { formatDate } from '../../i18n/format';
import { nomineeKind } from '../../i18n/labels';

/** Who is named without their consent: a member or resident is shown by what they are, never by name. */
const UNNAMED = { MEMBER: 'Một thành viên tổ công nghệ số', RESIDENT: 'Một người dân' } as const;

/**
 * The public honour roll (bảng vinh danh) of a unit and the units under it: the rewards approved
 * up the tree, with names and achievements only. Organisations are named; a member or resident
 * only while they agree to it (the API gives neither name nor achievements otherwise: words about a
 * person can point to them). No contact is ever shown.
 */
export function HonourRollScreen() {
  const { unitCode = '40' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: WebHonourRollDocument, variables: { unitCode } });
  const roll = data?.honourRoll ?? [];
  // VN's roll is the national one: what the national level approved of the provinces' proposals.
  const national = unitCode === 'VN';
  return (
    <Page
      title={national ? 'Bảng vinh danh toàn quốc' : 'Bảng vinh danh'}
      lead="Tập thể, cá nhân được khen thưởng vì đóng góp cho chuyển đổi số cộng đồng. Tên người dân và thành viên chỉ được nêu khi họ đồng ý."
    >
      {!national && (
        <p>
          <Link to="/vinh-danh/VN">Xem bảng vinh danh toàn quốc</Link>
        </p>
      )}
      {fetching && !data && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {data && roll.length === 0 && <p>Chưa có ai được khen thưởng ở đây.</p>}
      <ul className="cards">
        {roll.map((entry) => (
          <li key={entry.id} className="card" data-testid={`vinh-danh-${entry.id}`}>
            <h2>{entry.name ?? UNNAMED[entry.nomineeKind as keyof typeof UNNAMED] ?? nomineeKind[entry.nomineeKind]}</h2>
            <p>
              <strong>{entry.rewardTitle}</strong>
              <br />
              <small>
                {nomineeKind[entry.nomineeKind]} · {entry.unitName} · {formatDate(entry.approvedOn)}
              </small>
            </p>
            {entry.achievements && <p>{entry.achievements}</p>}
            {entry.campaignTitle && <p><small>{entry.campaignTitle}</small></p>}
          </li>
        ))}
      </ul>
    </Page>
  );
}
