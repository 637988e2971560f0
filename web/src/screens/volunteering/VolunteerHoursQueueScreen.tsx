import { useState } from 'react';
import { useIdempotencyKeys } from '../../components/useIdempotencyKey';
import { useMutation, useQuery } from 'urql';
import {
  WebDecideVolunteerHoursDocument,
  WebVolunteerHoursToApproveDocument,
  type HoursDecision,
  type WebVolunteerHoursToApproveQuery,
} from '../../../../client/generated/web-volunteers';
import { CellLabel } from '../../components/CellLabel';
import { useSession } from '../../components/Layout';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError, type ShownError } from '../../errors';
import { formatDate, formatHours } from '../../i18n/format';

type Hours = WebVolunteerHoursToApproveQuery['volunteerHoursToApprove'][number];

/** What a refused decision means here. */
const DECISION_ERRORS = {
  FORBIDDEN: 'Bạn đã ghi số giờ này nên không được tự duyệt: cần người khác duyệt.',
  CONFLICT: 'Số giờ này đã được xét duyệt.',
  BAD_USER_INPUT: 'Cần ghi lý do (và số giờ được duyệt khi điều chỉnh); số giờ tính theo từng 15 phút.',
};

/** Asks what the manager decides beyond approving: the hours that count instead, and why. */
function askDecision(hours: Hours, decision: HoursDecision): { hours?: number; reason?: string } | null {
  if (decision === 'APPROVE') return {};
  const reason = window.prompt(decision === 'CORRECT' ? 'Lý do điều chỉnh số giờ:' : 'Lý do không duyệt:');
  if (!reason?.trim()) return null;
  if (decision === 'DECLINE') return { reason };
  const corrected = window.prompt(`Số giờ được duyệt (đã ghi ${formatHours(hours.hours)}):`);
  return corrected ? { reason, hours: Number(corrected.replace(',', '.')) } : null;
}

/**
 * The approval queue of volunteers' hours for an officer (the programmes of their unit) or a team
 * leader (their team's programmes): approve, correct with a reason, or decline with a reason.
 * Nothing is deleted; hours the caller logged themselves are marked, for someone else to decide.
 */
export function VolunteerHoursQueueScreen() {
  const session = useSession();
  const unitCode = session?.units?.[0] ?? '17227';
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebVolunteerHoursToApproveDocument, variables: { unitCode } });
  const [decision, decide] = useMutation(WebDecideVolunteerHoursDocument);
  const [refusal, setRefusal] = useState<{ id: string; error: ShownError }>();
  const keys = useIdempotencyKeys();
  const [done, setDone] = useState<string>();

  const act = async (hours: Hours, choice: HoursDecision) => {
    const details = askDecision(hours, choice);
    if (!details) return;
    setDone(undefined);
    setRefusal(undefined);
    const write = `${hours.id}:${choice}`;
    const answer = await decide({ id: hours.id, decision: choice, hours: details.hours ?? null, reason: details.reason ?? null, idempotencyKey: keys.keyFor(write) });
    if (answer.error) return setRefusal({ id: hours.id, error: shownError(answer.error, DECISION_ERRORS) });
    keys.saved(write);
    setDone(`${{ APPROVE: 'Đã duyệt', CORRECT: 'Đã điều chỉnh và duyệt', DECLINE: 'Đã không duyệt' }[choice]} số giờ của ${hours.volunteer.fullName ?? 'tình nguyện viên'}.`);
    refetch({ requestPolicy: 'network-only' });
  };

  const queue = data?.volunteerHoursToApprove ?? [];
  return (
    <Page title="Duyệt giờ tình nguyện" lead="Số giờ tình nguyện viên tự ghi, đang chờ duyệt. Chỉ số giờ đã duyệt mới được tính và in trên giấy chứng nhận.">
      {fetching && !data && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {done && <Alert tone="success">{done}</Alert>}
      {data && queue.length === 0 && <p>Không có số giờ nào đang chờ duyệt.</p>}
      {queue.length > 0 && (
        <table className="stacked">
          <thead>
            <tr>
              <th scope="col">Tình nguyện viên</th>
              <th scope="col">Ngày, công việc</th>
              <th scope="col" className="number">
                Số giờ
              </th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((hours) => {
              const refused = refusal?.id === hours.id ? refusal.error : undefined;
              const who = hours.volunteer.fullName ?? 'Tình nguyện viên';
              return (
                <tr key={hours.id} data-testid={`gio-${hours.activity}`} className={refused ? 'row-invalid' : undefined}>
                  <td>
                    <CellLabel>Tình nguyện viên</CellLabel>
                    <span>{who}</span>
                  </td>
                  <td>
                    <CellLabel>Ngày, công việc</CellLabel>
                    <span>
                      {formatDate(hours.workedOn)}: {hours.activity ?? 'không ghi'}
                      <br />
                      <small>{hours.programme.name}</small>
                    </span>
                  </td>
                  <td className="number">
                    <CellLabel>Số giờ</CellLabel>
                    <span>{formatHours(hours.hours)}</span>
                  </td>
                  <td>
                    <CellLabel>Thao tác</CellLabel>
                    <span>
                      {hours.loggedByMe ? (
                        <strong>Bạn đã ghi số giờ này: cần người khác duyệt</strong>
                      ) : (
                        <span className="actions">
                          <button type="button" disabled={decision.fetching} onClick={() => void act(hours, 'APPROVE')} aria-label={`Duyệt số giờ của ${who}`}>
                            Duyệt
                          </button>
                          <button type="button" className="secondary" disabled={decision.fetching} onClick={() => void act(hours, 'CORRECT')} aria-label={`Điều chỉnh số giờ của ${who}`}>
                            Điều chỉnh
                          </button>
                          <button type="button" className="secondary" disabled={decision.fetching} onClick={() => void act(hours, 'DECLINE')} aria-label={`Không duyệt số giờ của ${who}`}>
                            Không duyệt
                          </button>
                        </span>
                      )}
                      {refused && (
                        <p className="field-error" role="alert">
                          {refused.message}
                        </p>
                      )}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Page>
  );
}
