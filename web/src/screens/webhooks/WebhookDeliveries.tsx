import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  WebRedeliverWebhookDocument,
  WebWebhookDeliveriesDocument,
  type WebWebhookDeliveriesQuery,
  type WebhookEndpointFieldsFragment,
  type WebhookDeliveryStatus,
} from '../../../../client/generated/web-webhooks';
import { CellLabel } from '../../components/CellLabel';
import { Field } from '../../components/Field';
import { LabelOptions } from '../../components/LabelOptions';
import { Alert, Loading } from '../../components/Page';
import { shownError } from '../../errors';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { webhookDeliveryStatus } from '../../i18n/labels';

/** An address's delivery log, oldest first, 20 at a time: where each event stands, its attempts, and redelivery. */
export function WebhookDeliveries({ endpoint }: { endpoint: WebhookEndpointFieldsFragment }) {
  const [status, setStatus] = useState<WebhookDeliveryStatus | ''>('');
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const after = pages[pages.length - 1];
  const [{ data, fetching, error }, refetch] = useQuery({
    query: WebWebhookDeliveriesDocument,
    variables: { endpointId: endpoint.id, status: status || null, after },
  });
  const [redelivered, redeliver] = useMutation(WebRedeliverWebhookDocument);
  const log = data?.webhookDeliveries;
  return (
    <section aria-labelledby="delivery-log">
      <h2 id="delivery-log">Nhật ký gửi tới “{endpoint.description}”</h2>
      <Field label="Tình trạng">
        {(props) => (
          <select
            {...props}
            value={status}
            onChange={(event) => {
              setStatus(event.target.value as WebhookDeliveryStatus | '');
              setPages([null]);
            }}
          >
            <option value="">Tất cả</option>
            <LabelOptions labels={webhookDeliveryStatus} />
          </select>
        )}
      </Field>
      {fetching && <Loading />}
      {error && <Alert>{shownError(error).message}</Alert>}
      {redelivered.error && <Alert>{shownError(redelivered.error, { CONFLICT: 'Địa chỉ đang tạm dừng: hãy bật lại rồi gửi lại.' }).message}</Alert>}
      {redelivered.data && <Alert tone="success">Đã xếp gửi lại sự kiện {redelivered.data.redeliverWebhook.eventType}, cùng mã webhook-id.</Alert>}
      {log && (
        <>
          <p>{formatNumber(log.totalCount)} lần gửi, cũ nhất trước.</p>
          {log.nodes.length === 0 ? (
            <p>Chưa có lần gửi nào.</p>
          ) : (
            <table className="stacked" data-testid="deliveries">
              <thead>
                <tr>
                  <th scope="col">Sự kiện</th>
                  <th scope="col">Tình trạng</th>
                  <th scope="col">Số lần thử</th>
                  <th scope="col">Lần thử cuối</th>
                  <th scope="col">Gửi lại</th>
                </tr>
              </thead>
              <tbody>
                {log.nodes.map((delivery) => (
                  <DeliveryRow
                    key={delivery.id}
                    delivery={delivery}
                    busy={redelivered.fetching}
                    onRedeliver={() => void redeliver({ id: delivery.id }).then(() => refetch({ requestPolicy: 'network-only' }))}
                  />
                ))}
              </tbody>
            </table>
          )}
          <div className="actions">
            {pages.length > 1 && (
              <button type="button" className="secondary" onClick={() => setPages(pages.slice(0, -1))}>
                Trang trước
              </button>
            )}
            {log.pageInfo.hasNextPage && (
              <button type="button" className="secondary" onClick={() => setPages([...pages, log.pageInfo.endCursor ?? null])}>
                Trang sau
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}

type Delivery = WebWebhookDeliveriesQuery['webhookDeliveries']['nodes'][number];

function DeliveryRow({ delivery, busy, onRedeliver }: { delivery: Delivery; busy: boolean; onRedeliver: () => void }) {
  const last = delivery.lastResponseStatus ? `HTTP ${delivery.lastResponseStatus}` : (delivery.lastError ?? '—');
  return (
    <tr data-testid={`delivery-${delivery.eventType}`}>
      <td>
        <CellLabel>Sự kiện</CellLabel>
        <span>
          {delivery.eventType}
          <br />
          <small>
            {formatDateTime(delivery.createdAt)} · <code>{delivery.eventId}</code>
          </small>
        </span>
      </td>
      <td>
        <CellLabel>Tình trạng</CellLabel>
        <span>
          {webhookDeliveryStatus[delivery.status]}
          {delivery.deliveredAt && <small> lúc {formatDateTime(delivery.deliveredAt)}</small>}
          {delivery.status === 'PENDING' && delivery.nextAttemptAt && <small> · thử lại lúc {formatDateTime(delivery.nextAttemptAt)}</small>}
        </span>
      </td>
      <td>
        <CellLabel>Số lần thử</CellLabel>
        <span>{formatNumber(delivery.attempts)}</span>
      </td>
      <td>
        <CellLabel>Lần thử cuối</CellLabel>
        <span>
          {delivery.attempts === 0 ? 'Chưa thử' : last}
          {delivery.attemptLog.length > 0 && (
            <details>
              <summary>Các lần thử ({delivery.attemptLog.length})</summary>
              <ol>
                {delivery.attemptLog.map((attempt) => (
                  <li key={attempt.id}>
                    {formatDateTime(attempt.attemptedAt)}: {attempt.responseStatus ? `HTTP ${attempt.responseStatus}` : 'không có trả lời'}, {formatNumber(attempt.durationMs)} ms
                    {attempt.error && ` · ${attempt.error}`}
                  </li>
                ))}
              </ol>
            </details>
          )}
        </span>
      </td>
      <td>
        <CellLabel>Gửi lại</CellLabel>
        <button type="button" className="secondary" disabled={busy} onClick={onRedeliver}>
          Gửi lại
        </button>
      </td>
    </tr>
  );
}
