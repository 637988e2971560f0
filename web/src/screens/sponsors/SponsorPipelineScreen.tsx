import { useState } from 'react';
import { useQuery } from 'urql';
import { WebSponsorPipelineDocument, type WebSponsorPipelineQuery } from '../../../../client/generated/web-signed-in';
import { CellLabel } from '../../components/CellLabel';
import { useSession } from '../../components/Layout';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { formatDate, formatMoney } from '../../i18n/format';
import { instalmentStatus, interactionKind, sponsorKind, sponsorStatus } from '../../i18n/labels';
import { CancelPledgeForm, WriteOffInstalmentForm } from './PledgeActions';
import { AddContactForm, EditSponsorForm, InteractionForm, NewSponsorForm, PledgeForm } from './SponsorForms';
import { SponsorPledges } from './SponsorPledges';

type Contacts = WebSponsorPipelineQuery['pledgeFollowUp']['instalments'][number]['sponsorContacts'];

/** Whom to call about a sponsor: names with their phones as tap-to-call links. */
function ContactList({ contacts }: { contacts: Contacts }) {
  if (!contacts?.length) return <>—</>;
  return (
    <span>
      {contacts.map((contact) => (
        <span key={contact.id} className="contact">
          {contact.fullName}
          {contact.phone && (
            <>
              {' '}
              <a href={`tel:${contact.phone}`}>{contact.phone}</a>
            </>
          )}
        </span>
      ))}
    </span>
  );
}

/**
 * The officer's sponsor pipeline: pledge instalments due in the next 30 days or overdue and
 * memoranda ending soon (who to call), each instalment with writing it off and cancelling its
 * pledge (with a reason, confirmed); then every sponsor with its contacts, history and all its
 * pledges (the same two actions there, and the reasons kept); adding a
 * sponsor, editing one, adding a contact, noting a contact in its history and recording a pledge
 * with its instalments. The screen is for officers (its route), who oversee every sponsor and
 * pledge it lists: the unit's subtree.
 */
export function SponsorPipelineScreen() {
  const session = useSession();
  const unitCode = session?.units?.[0] ?? '';
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebSponsorPipelineDocument, variables: { unitCode } });
  // Each write asks for the pipeline again (the app keeps no cache): the new sponsor, contact or instalments show at once.
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const [added, setAdded] = useState<string>();
  const [followedUp, setFollowedUp] = useState<string>();
  const afterFollowUp = (said: string) => {
    setFollowedUp(said);
    reload();
  };
  const followUp = data?.pledgeFollowUp;
  return (
    <Page title="Nhà tài trợ và cam kết">
      {fetching && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {followUp && (
        <>
          <h2>
            Khoản cam kết đến hạn đến {formatDate(followUp.until)} hoặc quá hạn
          </h2>
          {followedUp && <Alert tone="success">{followedUp}</Alert>}
          {followUp.instalments.length === 0 ? (
            <p>Không có khoản nào cần nhắc.</p>
          ) : (
            <table className="stacked" data-testid="instalments-to-follow-up">
              <thead>
                <tr>
                  <th scope="col">Nhà tài trợ</th>
                  <th scope="col">Chương trình</th>
                  <th scope="col">Hạn</th>
                  <th scope="col" className="number">Còn phải nhận</th>
                  <th scope="col">Liên hệ</th>
                  <th scope="col">Xử lý</th>
                </tr>
              </thead>
              <tbody>
                {followUp.instalments.map(({ instalment, sponsor, programme, sponsorContacts }) => (
                  <tr key={instalment.id}>
                    <td>
                      <CellLabel>Nhà tài trợ</CellLabel>
                      <span>{sponsor.name}</span>
                    </td>
                    <td>
                      <CellLabel>Chương trình</CellLabel>
                      <span>
                        {programme.name} (đợt {instalment.position})
                      </span>
                    </td>
                    <td>
                      <CellLabel>Hạn</CellLabel>
                      <span>
                        {instalment.dueOn ? formatDate(instalment.dueOn) : '—'}
                        <br />
                        <span className={instalment.status === 'OVERDUE' ? 'badge badge-alert' : 'badge'}>{instalmentStatus[instalment.status]}</span>
                      </span>
                    </td>
                    <td className="number">
                      <CellLabel>Còn phải nhận</CellLabel>
                      <span>{formatMoney(instalment.outstanding)}</span>
                    </td>
                    <td>
                      <CellLabel>Liên hệ</CellLabel>
                      <ContactList contacts={sponsorContacts} />
                    </td>
                    <td>
                      <CellLabel>Xử lý</CellLabel>
                      <span>
                        <details>
                          <summary>Thôi theo dõi đợt này</summary>
                          <WriteOffInstalmentForm
                            instalment={instalment}
                            sponsorName={sponsor.name}
                            onSaved={() => afterFollowUp(`Đã thôi theo dõi đợt ${instalment.position} của ${sponsor.name}.`)}
                          />
                        </details>
                        <details>
                          <summary>Huỷ cam kết</summary>
                          <CancelPledgeForm pledge={instalment.pledge} sponsorName={sponsor.name} onSaved={() => afterFollowUp(`Đã huỷ cam kết của ${sponsor.name}.`)} />
                        </details>
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {followUp.memoranda.length > 0 && (
            <>
              <h2>Biên bản ghi nhớ sắp hết hạn</h2>
              <ul>
                {followUp.memoranda.map(({ memorandum, sponsor, sponsorContacts }) => (
                  <li key={memorandum.id}>
                    <strong>{sponsor.name}</strong>: {memorandum.summary}, hết hạn {memorandum.validUntil ? formatDate(memorandum.validUntil) : '—'}. Liên hệ:{' '}
                    <ContactList contacts={sponsorContacts} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {data && (
        <>
          <h2>Nhà tài trợ ({data.sponsors.totalCount})</h2>
          {added && <Alert tone="success">Đã thêm nhà tài trợ {added}.</Alert>}
          <details>
            <summary>Thêm nhà tài trợ</summary>
            <NewSponsorForm
              unitCode={unitCode}
              onDone={(name) => {
                setAdded(name);
                reload();
              }}
            />
          </details>
          <ul className="cards">
            {data.sponsors.nodes.map((sponsor) => (
              <li key={sponsor.id} className="card" data-testid={`sponsor-${sponsor.name}`}>
                <h3>{sponsor.name}</h3>
                <p>
                  {sponsorKind[sponsor.kind]} · <strong>{sponsorStatus[sponsor.status]}</strong>
                  {!sponsor.publiclyNamed && ' · không nêu tên khi công khai'}
                </p>
                <p>
                  Liên hệ: <ContactList contacts={sponsor.contacts} />
                </p>
                <SponsorPledges sponsorId={sponsor.id} sponsorName={sponsor.name} onSaved={reload} />
                <details>
                  <summary>Ghi cam kết tài trợ</summary>
                  <PledgeForm unitCode={unitCode} sponsorId={sponsor.id} sponsorName={sponsor.name} onSaved={reload} />
                </details>
                <details>
                  <summary>Thêm người liên hệ</summary>
                  <AddContactForm sponsorId={sponsor.id} sponsorName={sponsor.name} onSaved={reload} />
                </details>
                <details>
                  <summary>Sửa thông tin</summary>
                  <EditSponsorForm sponsor={sponsor} onSaved={reload} />
                </details>
                <details>
                  <summary>Quá trình quan hệ ({sponsor.history.length})</summary>
                  <InteractionForm sponsorId={sponsor.id} sponsorName={sponsor.name} onSaved={reload} />
                  {sponsor.history.length > 0 && (
                    <ul data-testid={`history-${sponsor.name}`}>
                      {sponsor.history.map((entry) => (
                        <li key={entry.id}>
                          {formatDate(entry.occurredOn)} – {interactionKind[entry.kind]}: {entry.summary}
                          {entry.validUntil && ` (đến ${formatDate(entry.validUntil)})`}
                        </li>
                      ))}
                    </ul>
                  )}
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
    </Page>
  );
}
