import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { z } from 'zod';
import {
  WebDeleteWebhookEndpointDocument,
  WebDisableWebhookEndpointDocument,
  WebEnableWebhookEndpointDocument,
  WebRegisterWebhookEndpointDocument,
  WebRotateWebhookSigningSecretDocument,
  WebSendTestWebhookDocument,
  WebWebhookEndpointsDocument,
  type WebhookEndpointFieldsFragment,
} from '../../../../client/generated/web-webhooks';
import { Field } from '../../components/Field';
import { useIdempotencyKey } from '../../components/useIdempotencyKey';
import { useSession } from '../../components/Layout';
import { Alert, Loading, Page } from '../../components/Page';
import { useRefusal } from '../../components/useRefusal';
import { shownError } from '../../errors';
import { text } from '../../forms';
import { formatDate, formatDateTime } from '../../i18n/format';
import { CopySecret } from './CopySecret';
import { WebhookDeliveries } from './WebhookDeliveries';

/** Whether `value` is an https URL (the API also refuses addresses inside its own network). */
function isHttps(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

const schema = z.object({
  url: z
    .string()
    .trim()
    .max(500, 'Địa chỉ dài quá 500 ký tự')
    .refine(isHttps, 'Địa chỉ phải bắt đầu bằng https://, ví dụ https://crm.doanhnghiep.vn/webhooks'),
  description: text(2, 120, 'mô tả hệ thống nhận'),
  eventTypes: z.array(z.string()).min(1, 'Xin chọn ít nhất một loại sự kiện'),
});
type Form = z.input<typeof schema>;

/**
 * A partner's staff: the addresses where their systems receive the hub's events (Standard
 * Webhooks), registering one (its signing secret shown once), pausing and resuming it, a test
 * event, rotating its signing secret (the new one shown once), deleting it, and each address's
 * delivery log with redelivery.
 */
export function WebhooksScreen() {
  const partnerId = useSession()?.partner ?? '';
  const [search, setSearch] = useSearchParams();
  const shown = search.get('dia-chi') ?? undefined;
  const [{ data, fetching, error }, refetch] = useQuery({ query: WebWebhookEndpointsDocument, variables: { partnerId }, pause: !partnerId });
  const [registered, registerEndpoint] = useMutation(WebRegisterWebhookEndpointDocument);
  const [idempotencyKey, renewIdempotencyKey] = useIdempotencyKey();
  const [secret, setSecret] = useState<{ secret: string; oldSignsUntil?: string | null }>();
  const form = useForm<Form>({ resolver: zodResolver(schema), defaultValues: { url: '', description: '', eventTypes: [] } });
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors },
  } = form;
  const refusal = useRefusal(form, registered.error);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const onSubmit = handleSubmit(async (input) => {
    const answer = await registerEndpoint({ input: { partnerId, ...input, idempotencyKey } });
    if (!answer.data) return;
    setSecret({ secret: answer.data.registerWebhookEndpoint.signingSecret });
    renewIdempotencyKey();
    reset();
    reload();
  });

  const endpoints = data?.webhookEndpoints ?? [];
  const describe = new Map(data?.webhookEventTypes.map((kind) => [kind.type, kind.description]));
  return (
    <Page
      title="Nhận sự kiện qua webhook"
      lead="Hệ thống của doanh nghiệp nhận ngay các buổi tập huấn, lượt hỗ trợ và thay đổi đơn vị hành chính liên quan, thay vì phải hỏi định kỳ."
    >
      {!partnerId && <Alert>Tài khoản này không gắn với doanh nghiệp đối tác nào.</Alert>}
      {fetching && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {secret && <CopySecret {...secret} />}
      {data && (
        <>
          <h2>Địa chỉ nhận ({endpoints.length})</h2>
          {endpoints.length === 0 ? (
            <p>Chưa đăng ký địa chỉ nào.</p>
          ) : (
            <ul className="cards">
              {endpoints.map((endpoint) => (
                <EndpointCard
                  key={endpoint.id}
                  endpoint={endpoint}
                  describe={describe}
                  onShowLog={() => setSearch({ 'dia-chi': endpoint.id })}
                  onChanged={reload}
                  onRotated={(rotated) => setSecret({ secret: rotated.signingSecret, oldSignsUntil: rotated.endpoint.previousSecretExpiresAt })}
                />
              ))}
            </ul>
          )}
          {shown && endpoints.some((endpoint) => endpoint.id === shown) && <WebhookDeliveries endpoint={endpoints.find((endpoint) => endpoint.id === shown)!} />}
          <h2>Đăng ký địa chỉ mới</h2>
          <form onSubmit={onSubmit} noValidate>
            <Field label="Địa chỉ nhận (https)" hint="Địa chỉ trên Internet mà hệ thống của doanh nghiệp nhận sự kiện" error={errors.url?.message}>
              {(props) => <input {...props} type="url" inputMode="url" autoComplete="off" {...register('url')} />}
            </Field>
            <Field label="Mô tả" hint="Ví dụ: CRM Viettel Nghệ An" error={errors.description?.message}>
              {(props) => <input {...props} {...register('description')} />}
            </Field>
            <fieldset aria-invalid={Boolean(errors.eventTypes)}>
              <legend>Loại sự kiện muốn nhận</legend>
              {data.webhookEventTypes.map((kind) => (
                <label key={kind.type} className="choice">
                  <input type="checkbox" value={kind.type} {...register('eventTypes')} />
                  <span>
                    {kind.description} <small>({kind.type})</small>
                  </span>
                </label>
              ))}
              {errors.eventTypes && <p className="field-error">{errors.eventTypes.message}</p>}
            </fieldset>
            {refusal}
            <button type="submit" disabled={registered.fetching}>
              {registered.fetching ? 'Đang đăng ký…' : 'Đăng ký địa chỉ'}
            </button>
          </form>
        </>
      )}
    </Page>
  );
}

/** One address: where it stands, what it receives, pausing or resuming it, a test event, a new secret, deleting it, its log. */
function EndpointCard({
  endpoint,
  describe,
  onShowLog,
  onChanged,
  onRotated,
}: {
  endpoint: WebhookEndpointFieldsFragment;
  describe: Map<string, string>;
  onShowLog: () => void;
  onChanged: () => void;
  onRotated: (rotated: { signingSecret: string; endpoint: WebhookEndpointFieldsFragment }) => void;
}) {
  const [disabling, disable] = useMutation(WebDisableWebhookEndpointDocument);
  const [enabling, enable] = useMutation(WebEnableWebhookEndpointDocument);
  const [testing, sendTest] = useMutation(WebSendTestWebhookDocument);
  const [rotating, rotate] = useMutation(WebRotateWebhookSigningSecretDocument);
  const [deleting, remove] = useMutation(WebDeleteWebhookEndpointDocument);
  // One key per intended rotation or deletion: pressing again after a lost answer does it once.
  const [rotationKey, renewRotationKey] = useIdempotencyKey();
  const [deletionKey] = useIdempotencyKey();
  const onRotate = async () => {
    if (!window.confirm(`Đổi khoá ký của “${endpoint.description}”? Khoá mới chỉ hiện một lần. Trong 24 giờ, mỗi lần gửi mang cả chữ ký bằng khoá cũ và khoá mới để hệ thống nhận kịp chuyển sang khoá mới.`)) return;
    const answer = await rotate({ id: endpoint.id, idempotencyKey: rotationKey });
    if (!answer.data) return;
    renewRotationKey();
    onRotated(answer.data.rotateWebhookSigningSecret);
    onChanged();
  };
  const onDelete = async () => {
    if (!window.confirm(`Xoá địa chỉ “${endpoint.description}”? Các sự kiện đang chờ sẽ không được gửi, nhật ký gửi bị xoá theo; không thể hoàn tác. Muốn giữ nhật ký thì hãy tạm dừng.`)) return;
    const answer = await remove({ id: endpoint.id, idempotencyKey: deletionKey });
    if (answer.data) onChanged();
  };
  const failure = disabling.error ?? enabling.error ?? testing.error ?? rotating.error ?? deleting.error;
  const enabled = endpoint.status === 'ENABLED';
  const busy = disabling.fetching || enabling.fetching || testing.fetching || rotating.fetching || deleting.fetching;
  const oldSecretSigns = endpoint.previousSecretExpiresAt && new Date(endpoint.previousSecretExpiresAt).getTime() > Date.now();
  return (
    <li className="card" data-testid={`endpoint-${endpoint.description}`}>
      <h3>{endpoint.description}</h3>
      <p className="url">{endpoint.url}</p>
      <p>
        {enabled ? (
          <span className="badge">Đang nhận</span>
        ) : (
          <span className="badge badge-alert">Đã tạm dừng{endpoint.disabledAt && ` ngày ${formatDate(endpoint.disabledAt)}`}</span>
        )}
        {endpoint.disabledReason && <> · {endpoint.disabledReason}</>}
      </p>
      {endpoint.failingSince && <p>Gửi không được từ ngày {formatDate(endpoint.failingSince)}.</p>}
      {oldSecretSigns && <p>Khoá ký cũ vẫn ký kèm khoá mới đến {formatDateTime(endpoint.previousSecretExpiresAt!)}.</p>}
      <p>
        <small>Đăng ký ngày {formatDate(endpoint.createdAt)}. Nhận: {endpoint.eventTypes.map((type) => describe.get(type) ?? type).join('; ')}.</small>
      </p>
      {failure && <Alert>{shownError(failure, { CONFLICT: 'Địa chỉ đang tạm dừng: hãy bật lại trước khi gửi.' }).message}</Alert>}
      {testing.data && <Alert tone="success">Đã xếp một sự kiện thử (webhook.test) để gửi tới địa chỉ này.</Alert>}
      <div className="actions">
        <button type="button" className="secondary" onClick={onShowLog}>
          Xem nhật ký gửi
        </button>
        {enabled && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void sendTest({ endpointId: endpoint.id })}>
            Gửi thử
          </button>
        )}
        {enabled ? (
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => window.confirm(`Tạm dừng gửi tới “${endpoint.description}”? Sự kiện mới sẽ chờ đến khi bật lại.`) && void disable({ id: endpoint.id }).then(onChanged)}
          >
            Tạm dừng
          </button>
        ) : (
          <button type="button" disabled={busy} onClick={() => void enable({ id: endpoint.id }).then(onChanged)}>
            Bật lại
          </button>
        )}
        <button type="button" className="secondary" disabled={busy} onClick={() => void onRotate()}>
          Đổi khoá ký
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void onDelete()}>
          Xoá
        </button>
      </div>
    </li>
  );
}
