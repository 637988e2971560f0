import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { z } from 'zod';
import { WebRequestToJoinDocument, WebTeamToJoinDocument, type WebRequestToJoinMutation } from '../../../../client/generated/web-public';
import { Field } from '../../components/Field';
import { PRIVACY_NOTICE_VERSION } from '../../privacy';
import { Alert, Loading, Page } from '../../components/Page';
import { ReferenceCodeSent } from '../../components/ReferenceCodeSent';
import { ShareLink } from '../../components/ShareLink';
import { useRefusal } from '../../components/useRefusal';
import { phone, text } from '../../forms';
import { affiliation, memberRole, membershipRequestStatus } from '../../i18n/labels';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';

const AFFILIATIONS = Object.keys(affiliation) as (keyof typeof affiliation)[];
const ROLES = ['MEMBER', 'COLLABORATOR'] as const;

const schema = z.object({
  fullName: text(2, 120, 'họ tên'),
  phone,
  address: z.string().trim().max(255, 'Địa chỉ dài quá 255 ký tự').optional(),
  affiliation: z.enum(AFFILIATIONS as [keyof typeof affiliation, ...(keyof typeof affiliation)[]]),
  role: z.enum(ROLES),
  reason: z.string().trim().max(500, 'Lý do dài quá 500 ký tự').optional(),
  agreed: z.literal(true, { message: 'Xin đánh dấu đồng ý để tổ và xã được dùng thông tin của bạn khi xét đơn' }),
});
type Form = z.input<typeof schema>;

/** The API names the applicant's fields as `applicant.phone`: the form's own field is the last part. */
const APPLICANT_FIELDS = {
  'applicant.fullName': 'fullName',
  'applicant.phone': 'phone',
  'applicant.address': 'address',
  'applicant.affiliation': 'affiliation',
  'applicant.role': 'role',
} as const;

/** A resident asks to join a team: no sign-in, a link or QR code the team shares; answers with a reference code. */
export function JoinRequestScreen() {
  const { teamId = '' } = useParams();
  const [{ data, fetching }] = useQuery({ query: WebTeamToJoinDocument, variables: { id: teamId } });
  const [sent, send] = useMutation(WebRequestToJoinDocument);
  const [idempotencyKey, renewIdempotencyKey] = useIdempotencyKey();
  const [result, setResult] = useState<{ request: WebRequestToJoinMutation['requestToJoin']; phone: string }>();
  const form = useForm<Form, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { affiliation: 'RESIDENT', role: 'MEMBER' } });
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = form;
  const team = data?.team;
  const refusal = useRefusal(form, sent.error, APPLICANT_FIELDS, { CONFLICT: 'Không gửi được: số điện thoại này đã là thành viên của tổ, hoặc đã có một đơn đang chờ xét.' });

  const onSubmit = handleSubmit(async ({ reason, role, agreed: _agreed, ...applicant }) => {
    // The person ticked the box under the notice: their consent, through the web form.
    const consent = { noticeVersion: PRIVACY_NOTICE_VERSION, channel: 'ONLINE_FORM' as const };
    const answer = await send({
      input: { teamId, applicant: { ...applicant, role, address: applicant.address || null }, reason: reason || null, consent, idempotencyKey },
    });
    if (answer.data) {
      setResult({ request: answer.data.requestToJoin, phone: applicant.phone });
      renewIdempotencyKey();
    }
  });

  if (result) {
    const { request } = result;
    return (
      <Page title="Đã gửi đơn xin gia nhập">
        {request.notice && <Alert tone="info">{request.notice}</Alert>}
        <ReferenceCodeSent
          outcome={
            <>
              Đơn xin gia nhập {request.team.name}: <strong>{membershipRequestStatus[request.status]}</strong>.
            </>
          }
          code={request.referenceCode ?? null}
          phone={result.phone}
          statusPath="/tra-cuu-gia-nhap"
          undo="rút đơn"
        />
      </Page>
    );
  }

  return (
    <Page title="Xin gia nhập tổ công nghệ số cộng đồng" lead={team ? `${team.name} – ${team.unit.name}` : undefined}>
      {fetching && <Loading />}
      {!fetching && !team && <Alert>Không tìm thấy tổ này. Xin kiểm tra lại đường dẫn.</Alert>}
      {team && team.status !== 'ACTIVE' && <Alert tone="info">Tổ này hiện không nhận thành viên mới.</Alert>}
      {refusal}
      {team && (
        <>
          <form onSubmit={onSubmit} noValidate>
            <Field label="Họ và tên" error={errors.fullName?.message}>
              {(props) => <input {...props} autoComplete="name" {...register('fullName')} />}
            </Field>
            <Field label="Số điện thoại" hint="Chỉ tổ trưởng và cán bộ xã thấy số này; dùng cùng mã tra cứu để xem đơn" error={errors.phone?.message}>
              {(props) => <input {...props} type="tel" inputMode="tel" autoComplete="tel" {...register('phone')} />}
            </Field>
            <Field label="Địa chỉ (không bắt buộc)" error={errors.address?.message}>
              {(props) => <input {...props} autoComplete="street-address" {...register('address')} />}
            </Field>
            <Field label="Bạn là" error={errors.affiliation?.message}>
              {(props) => (
                <select {...props} {...register('affiliation')}>
                  {AFFILIATIONS.map((value) => (
                    <option key={value} value={value}>
                      {affiliation[value]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Xin tham gia với vai trò" hint="Khi tổ đã đủ số thành viên, người mới tham gia với vai trò cộng tác viên" error={errors.role?.message}>
              {(props) => (
                <select {...props} {...register('role')}>
                  {ROLES.map((value) => (
                    <option key={value} value={value}>
                      {memberRole[value]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Vì sao bạn muốn tham gia (không bắt buộc)" error={errors.reason?.message}>
              {(props) => <textarea {...props} rows={3} {...register('reason')} />}
            </Field>
            <Field
              label="Tôi đồng ý"
              hint="Họ tên, số điện thoại và địa chỉ chỉ dùng để tổ trưởng và cán bộ xã xét đơn và liên hệ với bạn; không công khai. Bạn có thể rút lại sự đồng ý, xem, sửa hoặc yêu cầu xoá thông tin bất cứ lúc nào."
              error={errors.agreed?.message}
            >
              {(props) => <input {...props} type="checkbox" {...register('agreed')} />}
            </Field>
            <button type="submit" disabled={sent.fetching || team.status !== 'ACTIVE'}>
              {sent.fetching ? 'Đang gửi…' : 'Gửi đơn xin gia nhập'}
            </button>
          </form>
          <ShareLink path={`/to/${team.id}/xin-gia-nhap`} label={`Xin gia nhập ${team.name}`} />
        </>
      )}
    </Page>
  );
}
