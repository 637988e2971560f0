import { useState } from 'react';
import { useQuery } from 'urql';
import { WebSponsorPledgesDocument } from '../../../../client/generated/web-sponsors';
import { Alert, Loading } from '../../components/Page';
import { shownError } from '../../errors';
import { formatDate, formatMoney } from '../../i18n/format';
import { instalmentStatus, pledgeStatus } from '../../i18n/labels';
import { CancelPledgeForm, WriteOffInstalmentForm } from './PledgeActions';

/** Something is still expected from it: it can be cancelled, or the instalment written off. */
const stillExpected = (row: { outstanding: string }) => Number(row.outstanding) > 0;

/**
 * Every pledge of a sponsor, to any programme (not only the instalments the follow-up list shows),
 * read when the officer opens the list: each with its instalments, cancelling it and writing an
 * instalment off while something is still expected, and the reasons the hub keeps for both.
 */
export function SponsorPledges({ sponsorId, sponsorName, onSaved }: { sponsorId: string; sponsorName: string; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>Các cam kết</summary>
      {open && <PledgeList sponsorId={sponsorId} sponsorName={sponsorName} onSaved={onSaved} />}
    </details>
  );
}

function PledgeList({ sponsorId, sponsorName, onSaved }: { sponsorId: string; sponsorName: string; onSaved: () => void }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebSponsorPledgesDocument, variables: { id: sponsorId } });
  const [done, setDone] = useState<string>();
  const saved = (said: string) => {
    setDone(said);
    refetch({ requestPolicy: 'network-only' });
    onSaved();
  };
  const pledges = data?.sponsor?.pledges;
  return (
    <>
      {fetching && !data && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {done && <Alert tone="success">{done}</Alert>}
      {pledges?.length === 0 && <p>Chưa có cam kết nào.</p>}
      {pledges && pledges.length > 0 && (
        <ul className="pledges" data-testid={`pledges-${sponsorName}`}>
          {pledges.map((pledge) => {
            const cancelled = pledge.status === 'CANCELLED';
            return (
              <li key={pledge.id} data-testid={`pledge-${pledge.id}`}>
                <p>
                  <strong>{formatMoney(pledge.amount)}</strong> cho {pledge.programme.name} · <span className="badge">{pledgeStatus[pledge.status]}</span>
                </p>
                {pledge.cancellationReason && <p>Lý do huỷ: {pledge.cancellationReason}</p>}
                <ol>
                  {pledge.instalments.map((instalment) => (
                    <li key={instalment.id}>
                      Đợt {instalment.position}: {formatMoney(instalment.amount)}
                      {instalment.dueOn && `, hạn ${formatDate(instalment.dueOn)}`}
                      {!cancelled && ` · ${instalmentStatus[instalment.status]}`}
                      {instalment.writeOffReason && <> · Lý do thôi theo dõi: {instalment.writeOffReason}</>}
                      {!cancelled && !instalment.writeOffReason && stillExpected(instalment) && (
                        <details>
                          <summary>Thôi theo dõi đợt {instalment.position}</summary>
                          <WriteOffInstalmentForm
                            instalment={instalment}
                            sponsorName={sponsorName}
                            onSaved={() => saved(`Đã thôi theo dõi đợt ${instalment.position} của ${sponsorName}.`)}
                          />
                        </details>
                      )}
                    </li>
                  ))}
                </ol>
                {!cancelled && stillExpected(pledge) && (
                  <details>
                    <summary>Huỷ cam kết này</summary>
                    <CancelPledgeForm pledge={pledge} sponsorName={sponsorName} onSaved={() => saved(`Đã huỷ cam kết của ${sponsorName} cho ${pledge.programme.name}.`)} />
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
