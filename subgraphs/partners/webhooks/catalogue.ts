/**
 * The events a partner's webhook endpoint may subscribe to, and which of them it receives.
 *
 * A partner receives only what it could read through the API: its own records' events (the
 * event's scope names it) and public ones (the administrative tree). Each type lists the payload
 * fields sent: anything else a producer adds stays in the hub, so a field added later can never
 * carry residents' personal data out to partners unnoticed.
 */
export interface WebhookEventKind {
  type: string;
  /** `partner`: only to the partner named in the event's scope; `public`: to every partner subscribed. */
  audience: 'partner' | 'public';
  /** The payload fields sent, as `data`. */
  fields: readonly string[];
  /** For the partner's staff, in Vietnamese. */
  description: string;
}

/** Sent only by `sendTestWebhook`, to one endpoint: never subscribed to. */
export const TEST_EVENT_TYPE = 'webhook.test';

export const WEBHOOK_EVENT_KINDS: readonly WebhookEventKind[] = [
  {
    type: 'training.logged',
    audience: 'partner',
    fields: ['trainingId', 'partnerId', 'unitCode', 'heldOn', 'format', 'skill', 'platformId', 'invitedTeamIds', 'attendeeCount'],
    description: 'Một buổi tập huấn của doanh nghiệp đã được ghi nhận',
  },
  {
    type: 'onboarding.logged',
    audience: 'partner',
    fields: ['onboardingId', 'partnerId', 'platformId', 'teamId', 'onboardeeKind', 'onboardedOn', 'status'],
    description: 'Một hộ gia đình, hộ kinh doanh hoặc hợp tác xã được tổ công nghệ số hỗ trợ lên nền tảng của doanh nghiệp',
  },
  {
    type: 'stall-application.decided',
    audience: 'partner',
    fields: ['applicationId', 'eventId', 'categoryId', 'partnerId', 'status', 'stallId'],
    description: 'Đơn đăng ký gian hàng của doanh nghiệp tại ngày hội đã được duyệt hoặc từ chối',
  },
  {
    type: 'stall-application.promoted',
    audience: 'partner',
    fields: ['applicationId', 'eventId', 'categoryId', 'partnerId', 'status', 'stallId'],
    description: 'Đơn đăng ký gian hàng của doanh nghiệp trong danh sách chờ đã được xếp gian hàng',
  },
  {
    type: 'unit.renamed',
    audience: 'public',
    fields: ['code', 'name', 'formerName'],
    description: 'Một đơn vị hành chính đổi tên',
  },
  {
    type: 'unit.moved',
    audience: 'public',
    fields: ['code', 'parentCode', 'formerParentCode'],
    description: 'Một đơn vị hành chính chuyển sang đơn vị cấp trên khác',
  },
  {
    type: 'unit.merged',
    audience: 'public',
    fields: ['code', 'intoCode'],
    description: 'Một đơn vị hành chính được sáp nhập vào đơn vị khác; mã cũ vẫn tra cứu được',
  },
];

const byType = new Map(WEBHOOK_EVENT_KINDS.map((kind) => [kind.type, kind]));

export function webhookEventKind(type: string): WebhookEventKind | undefined {
  return byType.get(type);
}
