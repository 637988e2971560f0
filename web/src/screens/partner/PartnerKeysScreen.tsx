import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { z } from 'zod';
import {
  WebIssuePartnerKeyDocument,
  WebPartnerChoicesDocument,
  WebPartnerKeysDocument,
  WebRevokePartnerKeyDocument,
} from '../../../../client/generated/web-signed-in';
import { CellLabel } from '../../components/CellLabel';
import { Field } from '../../components/Field';
import { Alert, Loading, Page } from '../../components/Page';
import { shownError } from '../../errors';
import { text } from '../../forms';
import { formatDate } from '../../i18n/format';

const schema = z.object({ label: text(3, 120, 'mục đích sử dụng khoá') });
type Form = z.input<typeof schema>;

/** Admins: a partner's API keys for its own systems; a new key is shown once, a key can be revoked. */
export function PartnerKeysScreen() {
  const [search, setSearch] = useSearchParams();
  const partnerId = search.get('doi-tac') ?? '';
  const [{ data: choices }] = useQuery({ query: WebPartnerChoicesDocument });
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebPartnerKeysDocument, variables: { partnerId }, pause: !partnerId });
  const [issuing, issue] = useMutation(WebIssuePartnerKeyDocument);
  const [revoking, revoke] = useMutation(WebRevokePartnerKeyDocument);
  const [issued, setIssued] = useState<string>();
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = useForm<Form>({ resolver: zodResolver(schema), defaultValues: { label: '' } });
  const failure = issuing.error ?? revoking.error;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const onSubmit = handleSubmit(async ({ label }) => {
    const answer = await issue({ partnerId, label });
    if (!answer.data) return;
    setIssued(answer.data.issuePartnerCredential.apiKey);
    reset();
    reload();
  });
  return (
    <Page title="Khoá API của doanh nghiệp đối tác">
      <Field label="Doanh nghiệp">
        {(props) => (
          <select
            {...props}
            value={partnerId}
            onChange={(event) => {
              setIssued(undefined);
              setSearch(event.target.value ? { 'doi-tac': event.target.value } : {});
            }}
          >
            <option value="">— Chọn doanh nghiệp —</option>
            {choices?.partners.nodes.map((partner) => (
              <option key={partner.id} value={partner.id}>
                {partner.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      {fetching && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {failure && <Alert>{shownError(failure).message}</Alert>}
      {issued && (
        <Alert tone="success">
          <p>Khoá mới (chỉ hiện một lần này: hãy chép vào hệ thống của doanh nghiệp ngay):</p>
          <p className="reference" data-testid="issued-key">
            {issued}
          </p>
        </Alert>
      )}
      {data?.partner && (
        <>
          <h2>Các khoá của {data.partner.name}</h2>
          {data.partnerCredentials.length === 0 ? (
            <p>Chưa có khoá nào.</p>
          ) : (
            <table className="stacked">
              <thead>
                <tr>
                  <th scope="col">Mục đích</th>
                  <th scope="col">Ngày cấp</th>
                  <th scope="col">Tình trạng</th>
                </tr>
              </thead>
              <tbody>
                {data.partnerCredentials.map((credential) => (
                  <tr key={credential.id} data-testid={`key-${credential.label}`}>
                    <td>
                      <CellLabel>Mục đích</CellLabel>
                      <span>{credential.label}</span>
                    </td>
                    <td>
                      <CellLabel>Ngày cấp</CellLabel>
                      <span>{formatDate(credential.issuedAt)}</span>
                    </td>
                    <td>
                      <CellLabel>Tình trạng</CellLabel>
                      {credential.revokedAt ? (
                        <span>Đã thu hồi ngày {formatDate(credential.revokedAt)}</span>
                      ) : (
                        <button
                          type="button"
                          className="danger"
                          disabled={revoking.fetching}
                          onClick={() => window.confirm(`Thu hồi khoá “${credential.label}”? Hệ thống dùng khoá này sẽ không gửi được dữ liệu nữa.`) && void revoke({ id: credential.id }).then(reload)}
                        >
                          Thu hồi
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>Cấp khoá mới</h2>
          <form onSubmit={onSubmit} noValidate>
            <Field label="Mục đích sử dụng" hint="Ví dụ: Hệ thống đào tạo Viettel Nghệ An" error={errors.label?.message}>
              {(props) => <input {...props} {...register('label')} />}
            </Field>
            <button type="submit" disabled={issuing.fetching}>
              Cấp khoá
            </button>
          </form>
        </>
      )}
    </Page>
  );
}
