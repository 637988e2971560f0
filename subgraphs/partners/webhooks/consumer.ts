import { onEvent } from '../../common/outbox';
import { queueWebhooks } from '../services/webhooks';
import { WEBHOOK_EVENT_KINDS } from './catalogue';

/**
 * Takes every event type a partner may receive, from any subgraph, and queues its webhooks in the
 * same transaction as the record that it was consumed: a redelivered event queues nothing twice.
 */
export const partnerWebhooks = onEvent(
  'partner-webhooks',
  WEBHOOK_EVENT_KINDS.map((kind) => kind.type),
  async (event, manager) => {
    await queueWebhooks(manager, event);
  },
);
