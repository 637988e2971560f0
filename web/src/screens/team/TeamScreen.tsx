import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { WebActivityPlanFileDocument, WebActivityProgrammeFileDocument, WebWorkAssignmentsFileDocument } from '../../../../client/generated/web-papers';
import {
  WebDecideMembershipRequestDocument,
  WebExportActivityReportDocument,
  WebRecommendMembershipRequestDocument,
  WebTeamPageDocument,
  WebUnitTeamsDocument,
  type WebTeamPageQuery,
} from '../../../../client/generated/web-signed-in';
import { CellLabel } from '../../components/CellLabel';
import { ExportButtons } from '../../components/ExportButtons';
import { useSession } from '../../components/Layout';
import { useIdempotencyKeys } from '../../components/useIdempotencyKey';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { formatDate, formatMonth, formatNumber, todayInVietnam } from '../../i18n/format';
import { affiliation, memberRole, membershipRequestStatus } from '../../i18n/labels';
import { DownloadFile } from '../papers/DownloadFile';
import { TeamFundSection } from './TeamFundSection';
import { PlanSectionsForm, PlanSectionsText } from './PlanSectionsForm';

type Member = NonNullable<WebTeamPageQuery['team']>['members'][number];
type Request = WebTeamPageQuery['membershipRequests'][number];

/** The officer's teams under their unit, each opening its team page. */
export function UnitTeamsScreen() {
  const session = useSession();
  const [{ data, fetching, error }] = useQuery({ query: WebUnitTeamsDocument, variables: { unitCode: session?.units?.[0] ?? '' } });
  return (
    <Page title={`Các tổ công nghệ số${data?.administrativeUnit ? ` – ${data.administrativeUnit.name}` : ''}`}>
      {fetching && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      <ul className="cards">
        {data?.administrativeUnit?.teamsUnder.nodes.map((team) => (
          <li key={team.id} className="card">
            <h2>
              <Link to={`/to/${team.id}`}>{team.name}</Link>
            </h2>
            <p>
              {team.unit.name} · {formatNumber(team.memberCount)} thành viên
            </p>
          </li>
        ))}
      </ul>
    </Page>
  );
}

function MembersTable({ members, caption }: { members: Member[]; caption: string }) {
  return (
    <table className="stacked">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Họ tên</th>
          <th scope="col">Vai trò</th>
          <th scope="col">Thành phần</th>
          <th scope="col">Điện thoại</th>
          <th scope="col">Ngày vào tổ</th>
        </tr>
      </thead>
      <tbody>
        {members.map((member) => (
          <tr key={member.id}>
            <td>
              <CellLabel>Họ tên</CellLabel>
              <span>{member.fullName ?? '—'}</span>
            </td>
            <td>
              <CellLabel>Vai trò</CellLabel>
              <span>
                {memberRole[member.role]}
                {member.standingDeputy && ' (thường trực)'}
              </span>
            </td>
            <td>
              <CellLabel>Thành phần</CellLabel>
              <span>{affiliation[member.affiliation]}</span>
            </td>
            <td>
              <CellLabel>Điện thoại</CellLabel>
              <span>{member.phone ? <a href={`tel:${member.phone}`}>{member.phone}</a> : '—'}</span>
            </td>
            <td>
              <CellLabel>Ngày vào tổ</CellLabel>
              <span>{formatDate(member.joinedOn)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * A team's page: the roster (members with their roles, then collaborators), the requests to join or
 * leave (the leader recommends, the commune's officer decides) and the monthly reports of a year.
 */
export function TeamScreen() {
  const session = useSession();
  const { teamId = session?.team ?? '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const thisYear = todayInVietnam().slice(0, 4);
  const year = search.get('nam') ?? thisYear;
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebTeamPageDocument, variables: { id: teamId, year, planYear: Number(year) } });
  const [recommending, recommend] = useMutation(WebRecommendMembershipRequestDocument);
  const [deciding, decide] = useMutation(WebDecideMembershipRequestDocument);
  const [done, setDone] = useState<string>();
  // One key per action on a request, kept until the hub answers: a resend after a lost answer acts once.
  const { keyFor, saved } = useIdempotencyKeys();
  const team = data?.team;
  const isLeader = session?.roles.includes('TEAM_LEADER') && session.team === teamId;
  const isOfficer = session?.roles.includes('OFFICER');
  const busy = recommending.fetching || deciding.fetching;
  const failure: CombinedError | undefined = recommending.error ?? deciding.error;

  const act = async (write: string, run: (idempotencyKey: string) => Promise<{ error?: CombinedError }>, said: string) => {
    setDone(undefined);
    const answer = await run(keyFor(write));
    if (answer.error) return;
    saved(write);
    setDone(said);
    refetch({ requestPolicy: 'network-only' });
  };
  const who = (request: Request) => request.applicantName ?? request.member?.fullName ?? 'Người đề nghị';

  return (
    <Page title={team?.name ?? 'Tổ công nghệ số'} lead={team ? `${team.unit.name} · ${formatNumber(team.memberCount)} thành viên` : undefined}>
      {fetching && !data && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {failure && <Alert>{shownError(failure, { CONFLICT: 'Không thực hiện được: đơn đã được xử lý, hoặc tổ đã đủ số thành viên.' }).message}</Alert>}
      {done && <Alert tone="success">{done}</Alert>}
      {team && (
        <>
          <h2>Đơn xin vào, ra tổ đang chờ</h2>
          {data.membershipRequests.length === 0 ? (
            <p>Không có đơn nào đang chờ.</p>
          ) : (
            <ul className="cards">
              {data.membershipRequests.map((request) => (
                <li key={request.id} className="card" data-testid={`request-${who(request)}`}>
                  <h3>
                    {request.kind === 'JOIN' ? 'Xin vào tổ' : 'Xin ra khỏi tổ'}: {who(request)}
                  </h3>
                  <p>
                    {request.requestedRole && `${memberRole[request.requestedRole]} · `}
                    {request.affiliation && `${affiliation[request.affiliation]} · `}
                    {request.applicantPhone && <a href={`tel:${request.applicantPhone}`}>{request.applicantPhone}</a>}
                  </p>
                  {request.reason && <p>Lý do: {request.reason}</p>}
                  <p>
                    Ngày gửi {formatDate(request.createdAt)} · <strong>{membershipRequestStatus[request.status]}</strong>
                  </p>
                  <p className="actions">
                    {isLeader && request.status === 'PENDING' && (
                      <button type="button" disabled={busy} onClick={() => void act(`recommend-${request.id}`, (idempotencyKey) => recommend({ id: request.id, idempotencyKey }), `Đã đề nghị xã chấp thuận đơn của ${who(request)}.`)}>
                        Đề nghị xã chấp thuận
                      </button>
                    )}
                    {isOfficer && request.status === 'RECOMMENDED' && (
                      <button type="button" disabled={busy} onClick={() => void act(`approve-${request.id}`, (idempotencyKey) => decide({ id: request.id, approve: true, idempotencyKey }), `Đã chấp thuận đơn của ${who(request)}.`)}>
                        Chấp thuận
                      </button>
                    )}
                    {isOfficer && (
                      <button
                        type="button"
                        className="secondary"
                        disabled={busy}
                        onClick={() => window.confirm(`Không chấp thuận đơn của ${who(request)}?`) && void act(`reject-${request.id}`, (idempotencyKey) => decide({ id: request.id, approve: false, idempotencyKey }), `Đã không chấp thuận đơn của ${who(request)}.`)}
                      >
                        Không chấp thuận
                      </button>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <h2>Thành viên</h2>
          <MembersTable caption="Tổ trưởng, tổ phó và thành viên" members={team.members.filter((member) => member.role !== 'COLLABORATOR')} />
          {team.members.some((member) => member.role === 'COLLABORATOR') && (
            <MembersTable caption="Cộng tác viên" members={team.members.filter((member) => member.role === 'COLLABORATOR')} />
          )}
          {team.subGroups.length > 0 && <p>Nhóm: {team.subGroups.map((group) => group.name).join(', ')}</p>}
          <TeamFundSection team={team} canWrite={Boolean(isLeader || isOfficer)} onSaved={() => refetch({ requestPolicy: 'network-only' })} />
          <h2>Báo cáo tháng năm {year}</h2>
          <form
            className="inline"
            onSubmit={(event) => {
              event.preventDefault();
              setSearch({ nam: String(new FormData(event.currentTarget).get('nam')) });
            }}
          >
            <label htmlFor="nam">Năm</label>
            <select id="nam" name="nam" defaultValue={year}>
              {[0, 1, 2].map((back) => String(Number(thisYear) - back)).map((option) => (
                <option key={option}>{option}</option>
              ))}
            </select>
            <button type="submit">Xem</button>
          </form>
          {!team.plan && <p>Tổ chưa có kế hoạch hoạt động năm {year}.</p>}
          {team.plan && (
            <section aria-labelledby="plan-heading">
              <h2 id="plan-heading">Kế hoạch hoạt động năm {year}</h2>
              {team.plan.approvedOn ? <p>Đã được UBND xã phê duyệt ngày {formatDate(team.plan.approvedOn)}.</p> : <p>Dự thảo, chưa được phê duyệt.</p>}
              {!team.plan.approvedOn && (isLeader || isOfficer) ? (
                <PlanSectionsForm key={team.plan.id} plan={team.plan} onSaved={() => refetch({ requestPolicy: 'network-only' })} />
              ) : (
                <PlanSectionsText plan={team.plan} />
              )}
            </section>
          )}
          {team.plan && (
          <p data-testid="team-papers">
            {(['PDF', 'XLSX'] as const).map((format) => (
              <DownloadFile
                key={`plan-${format}`}
                label={`Tải kế hoạch hoạt động năm ${year} (mẫu 6.3, ${format === 'PDF' ? 'PDF' : 'Excel'})`}
                query={WebActivityPlanFileDocument}
                variables={{ teamId: team.id, year: Number(year), format }}
                file={(found) => found.activityPlanFile}
              />
            ))}
            {(['XLSX', 'PDF'] as const).map((format) => (
              <DownloadFile
                key={`programme-${format}`}
                label={`Tải chương trình hoạt động năm ${year} (mẫu 6.2, ${format === 'PDF' ? 'PDF' : 'Excel'})`}
                query={WebActivityProgrammeFileDocument}
                variables={{ teamId: team.id, year: Number(year), format }}
                file={(found) => found.activityProgrammeFile}
              />
            ))}
            {(['XLSX', 'PDF'] as const).map((format) => (
              <DownloadFile
                key={`assignments-${format}`}
                label={`Tải bảng phân công nhiệm vụ năm ${year} (mẫu 6.5, ${format === 'PDF' ? 'PDF' : 'Excel'})`}
                query={WebWorkAssignmentsFileDocument}
                variables={{ teamId: team.id, year: Number(year), format }}
                file={(found) => found.workAssignmentsFile}
              />
            ))}
          </p>
          )}
          {!team.activityReports?.length ? (
            <p>Chưa có báo cáo nào trong năm {year}.</p>
          ) : (
            <ul className="cards" data-testid="report-history">
              {team.activityReports.map((report) => (
                <li key={report.id} className="card">
                  <h3>
                    Tháng {report.month.slice(5)}/{report.month.slice(0, 4)}
                  </h3>
                  <p>
                    {report.revision > 1 ? `Đã sửa ${report.revision - 1} lần, lần cuối` : 'Gửi'} ngày {formatDate(report.updatedAt)}
                  </p>
                  <ExportButtons label={`báo cáo tháng ${formatMonth(report.month)}`} query={WebExportActivityReportDocument} variables={{ teamId: team.id, month: report.month }} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Page>
  );
}
