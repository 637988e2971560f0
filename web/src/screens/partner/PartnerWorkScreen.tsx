import { useQuery } from 'urql';
import { WebPartnerWorkDocument } from '../../../../client/generated/web-signed-in';
import { CellLabel } from '../../components/CellLabel';
import { useSession } from '../../components/Layout';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { formatDate, formatNumber } from '../../i18n/format';
import { onboardeeKind, onboardingStatus } from '../../i18n/labels';

/** A partner's staff: the trainings they gave with who attended, and the households and shops the teams helped onto their platforms. */
export function PartnerWorkScreen() {
  const session = useSession();
  const [{ data, fetching, error }] = useQuery({ query: WebPartnerWorkDocument, variables: { partnerId: session?.partner ?? '' } });
  return (
    <Page title={data?.partner ? `Hoạt động của ${data.partner.name}` : 'Hoạt động của doanh nghiệp'}>
      {fetching && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {data && (
        <>
          <h2>Buổi tập huấn ({formatNumber(data.trainings.totalCount)})</h2>
          {data.trainings.nodes.length === 0 ? (
            <p>Chưa có buổi tập huấn nào.</p>
          ) : (
            <ul className="cards">
              {data.trainings.nodes.map((training) => {
                const teams = [...new Map(training.attendance.map((one) => [one.team.id, one.team.name])).values()];
                return (
                  <li key={training.id} className="card" data-testid={`training-${training.title}`}>
                    <h3>{training.title}</h3>
                    <p>
                      {formatDate(training.heldOn)} · {training.format === 'ONLINE' ? 'Trực tuyến' : training.place ?? 'Trực tiếp'} · {training.unit.name}
                    </p>
                    <p>Người dạy: {training.trainer}</p>
                    <p>
                      <strong>{formatNumber(training.attendeeCount)} người tham dự</strong>
                      {teams.length > 0 && ` từ ${teams.join(', ')}`}
                    </p>
                  </li>
                );
              })}
            </ul>
          )}
          <h2>Hộ, cơ sở được hỗ trợ lên nền tảng ({formatNumber(data.onboardings.totalCount)})</h2>
          {data.onboardings.nodes.length === 0 ? (
            <p>Chưa có ai.</p>
          ) : (
            <table className="stacked" data-testid="onboardings">
              <thead>
                <tr>
                  <th scope="col">Ngày</th>
                  <th scope="col">Hộ, cơ sở</th>
                  <th scope="col">Nền tảng</th>
                  <th scope="col">Tổ hỗ trợ</th>
                  <th scope="col">Tình trạng</th>
                </tr>
              </thead>
              <tbody>
                {data.onboardings.nodes.map((onboarding) => (
                  <tr key={onboarding.id}>
                    <td>
                      <CellLabel>Ngày</CellLabel>
                      <span>{formatDate(onboarding.onboardedOn)}</span>
                    </td>
                    <td>
                      <CellLabel>Hộ, cơ sở</CellLabel>
                      <span>
                        {onboarding.name ?? '—'}
                        <br />
                        <small>
                          {onboardeeKind[onboarding.onboardeeKind]}
                          {onboarding.productsListed !== null && onboarding.productsListed !== undefined && ` · ${formatNumber(onboarding.productsListed)} sản phẩm`}
                        </small>
                      </span>
                    </td>
                    <td>
                      <CellLabel>Nền tảng</CellLabel>
                      <span>{onboarding.platform.name}</span>
                    </td>
                    <td>
                      <CellLabel>Tổ hỗ trợ</CellLabel>
                      <span>{onboarding.team.name}</span>
                    </td>
                    <td>
                      <CellLabel>Tình trạng</CellLabel>
                      <span>{onboardingStatus[onboarding.status]}</span>
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
