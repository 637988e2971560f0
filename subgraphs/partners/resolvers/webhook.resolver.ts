import { Length } from 'class-validator';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import { audit } from '../../common/audit';
import type { Context } from '../../common/context';
import { conflict, invalidInputs, notFound, type Problem } from '../../common/errors';
import { checkedKey, once, RETRY_KEY } from '../../common/idempotency';
import { Connection, PageArgs, paginate } from '../../common/pagination';
import { insistActsFor, loadPartner } from '../access';
import {
  Partner,
  PartnerNotice,
  WebhookAttempt,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookEndpointStatus,
} from '../entities';
import { attemptsOfWebhookDelivery, webhookDeliveryById, webhookEndpointById, webhookEndpointsOfPartner } from '../loaders';
import { deleteEndpoint, newSigningSecret, queueTestWebhook, redeliver, rotateSigningSecret } from '../services/webhooks';
import { WEBHOOK_EVENT_KINDS, webhookEventKind } from '../webhooks/catalogue';
import { endpointUrlProblem } from '../webhooks/settings';
import { RegisterWebhookEndpointInput, UpdateWebhookEndpointInput } from './webhook.inputs';
import { t, type ActionKey } from '../../common/messages';

enum WebhookAudience {
  PARTNER = 'PARTNER',
  PUBLIC = 'PUBLIC',
}
registerEnumType(WebhookAudience, {
  name: 'WebhookAudience',
  description: 'Who receives an event type’s webhooks',
  valuesConfig: {
    PARTNER: { description: 'Only the partner whose record it is about' },
    PUBLIC: { description: 'Every partner subscribed (public information, such as the administrative tree)' },
  },
});

@ObjectType({ description: 'An event type a webhook endpoint may subscribe to' })
class WebhookEventType {
  @Field({ description: 'The event type’s name, e.g. training.logged' })
  type: string;

  @Field(() => WebhookAudience, { description: 'Who receives it' })
  audience: WebhookAudience;

  @Field(() => [String], { description: 'The fields of its `data`' })
  fields: string[];

  @Field({ description: 'In Vietnamese' })
  description: string;
}

@ObjectType({ description: 'A new webhook endpoint, with its signing secret' })
class RegisteredWebhookEndpoint {
  @Field(() => WebhookEndpoint, { description: 'The endpoint as registered' })
  endpoint: WebhookEndpoint;

  @Field({ description: 'The Standard Webhooks secret (`whsec_…`) to verify signatures with: shown this once, keep it in your secret store' })
  signingSecret: string;
}

@ObjectType({ description: 'A webhook endpoint’s new signing secret, after a rotation' })
class WebhookSecretRotationResult {
  @Field(() => WebhookEndpoint, { description: 'The endpoint; previousSecretExpiresAt says until when the old secret still signs too' })
  endpoint: WebhookEndpoint;

  @Field({ description: 'The new Standard Webhooks secret (`whsec_…`): shown this once, keep it in your secret store' })
  signingSecret: string;
}

@ObjectType({ description: 'A deleted webhook endpoint' })
class DeletedWebhookEndpoint {
  @Field(() => ID, { description: 'The endpoint’s id' })
  id: string;

  @Field(() => Int, { description: 'Deliveries that were still waiting to be sent and never will be (0 on a retry with the same key)' })
  pendingCancelled: number;
}

@ObjectType({ description: 'A page of webhook deliveries' })
class WebhookDeliveryConnection extends Connection(WebhookDelivery) {}

@ArgsType()
class WebhookDeliveriesArgs extends PageArgs {
  @Field(() => ID, { description: 'The endpoint whose deliveries to list' })
  @Length(1, 36)
  endpointId: string;

  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this status; all when left out' })
  status?: WebhookDeliveryStatus | null;
}

/** The log's order: by when each delivery was queued, as the database keeps it. */
const createdAtCursor = (delivery: WebhookDelivery) => delivery.createdAt.toISOString().replace('T', ' ').replace('Z', '');

/** Each event type known, once: the problems name the input's rows. */
function checkedEventTypes(eventTypes: string[], field: string, problems: Problem[]): string[] {
  eventTypes.forEach((type, index) => {
    if (!webhookEventKind(type)) problems.push({ field: `${field}.${index}`, message: t('checks.unknownWebhookEventType', { type }) });
  });
  return [...new Set(eventTypes)];
}

function checkUrl(url: string, field: string, problems: Problem[]): string {
  const trimmed = url.trim();
  const problem = endpointUrlProblem(trimmed);
  if (problem) problems.push({ field, message: problem });
  return trimmed;
}

async function loadEndpoint(ctx: Context, id: string, action: ActionKey): Promise<WebhookEndpoint> {
  const endpoint = await ctx.loaders.get(webhookEndpointById).load(id);
  if (!endpoint) throw notFound('WebhookEndpoint', id);
  await insistActsFor(ctx, endpoint.partnerId, action);
  return endpoint;
}

/**
 * Partners' webhook endpoints (Standard Webhooks), the log of what was sent to them, and the
 * notices the hub leaves a partner. A partner sees and changes only its own; admins all.
 */
@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Query(() => [WebhookEventType], { description: 'The event types a partner may receive by webhook (public)' })
  webhookEventTypes(): WebhookEventType[] {
    return WEBHOOK_EVENT_KINDS.map(({ type, audience, fields, description }) => ({
      type,
      audience: audience === 'partner' ? WebhookAudience.PARTNER : WebhookAudience.PUBLIC,
      fields: [...fields],
      description,
    }));
  }

  @Query(() => [WebhookEndpoint], { description: 'The partner and admins' })
  async webhookEndpoints(@Arg('partnerId', () => ID, { description: 'The partner whose endpoints to list' }) partnerId: string, @Ctx() ctx: Context): Promise<WebhookEndpoint[]> {
    await loadPartner(ctx, partnerId);
    await insistActsFor(ctx, partnerId, 'actions.seeWebhookEndpoints');
    return ctx.loaders.get(webhookEndpointsOfPartner).load(partnerId);
  }

  @Query(() => [PartnerNotice], { description: 'The newest 100 notices the hub left the partner (the partner and admins)' })
  async partnerNotices(@Arg('partnerId', () => ID, { description: 'The partner whose notices to list' }) partnerId: string, @Ctx() ctx: Context): Promise<PartnerNotice[]> {
    await loadPartner(ctx, partnerId);
    await insistActsFor(ctx, partnerId, 'actions.seeWebhookDeliveries');
    return ctx.db.manager.find(PartnerNotice, { where: { partnerId }, order: { createdAt: 'DESC', id: 'DESC' }, take: 100 });
  }

  @FieldResolver(() => [String], { description: 'The event types it receives' })
  eventTypes(@Root() endpoint: WebhookEndpoint): string[] {
    return endpoint.eventTypes;
  }

  @FieldResolver(() => Partner, { description: 'The partner whose system it is' })
  partner(@Root() endpoint: WebhookEndpoint, @Ctx() ctx: Context): Promise<Partner> {
    return loadPartner(ctx, endpoint.partnerId);
  }

  @Mutation(() => RegisteredWebhookEndpoint, { description: 'The partner and admins; the signing secret is shown once' })
  async registerWebhookEndpoint(@Arg('input', { description: 'The endpoint and the event types it wants' }) input: RegisterWebhookEndpointInput, @Ctx() ctx: Context): Promise<RegisteredWebhookEndpoint> {
    await loadPartner(ctx, input.partnerId);
    await insistActsFor(ctx, input.partnerId, 'actions.registerWebhookEndpoint');
    const problems: Problem[] = [];
    const url = checkUrl(input.url, 'url', problems);
    const eventTypes = checkedEventTypes(input.eventTypes, 'eventTypes', problems);
    if (problems.length > 0) throw invalidInputs(problems);
    const { idempotencyKey, ...fields } = input;
    const endpoint = await once(
      ctx.db,
      { scope: `registerWebhookEndpoint:${ctx.viewer.subject}`, key: idempotencyKey, input: fields },
      async (manager) => {
        const registered = await manager.save(
          manager.create(WebhookEndpoint, {
            partnerId: input.partnerId,
            url,
            description: input.description.trim(),
            eventTypeList: eventTypes.join(' '),
            signingSecret: newSigningSecret(),
            status: WebhookEndpointStatus.ENABLED,
            disabledAt: null,
            disabledReason: null,
            failingSince: null,
            createdBy: ctx.viewer.subject,
          }),
        );
        // The trail keeps what was registered, never the secret.
        const { signingSecret, ...kept } = registered;
        await audit(manager, ctx.viewer, { action: 'registerWebhookEndpoint', entity: registered, after: kept });
        return registered;
      },
      // A retry of the same registration gets the same answer, secret included: its first answer may have been lost.
      (manager, id) => manager.findOneByOrFail(WebhookEndpoint, { id }),
    );
    return { endpoint, signingSecret: endpoint.signingSecret };
  }

  @Mutation(() => WebhookEndpoint, { description: 'The partner and admins' })
  async updateWebhookEndpoint(
    @Arg('id', () => ID, { description: 'The endpoint to change' }) id: string,
    @Arg('input', { description: 'What changes; fields left out stay as they are' }) input: UpdateWebhookEndpointInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookEndpoint> {
    const endpoint = await loadEndpoint(ctx, id, 'actions.changeWebhookEndpoint');
    const problems: Problem[] = [];
    const changes: Partial<WebhookEndpoint> = {};
    if (input.url != null) changes.url = checkUrl(input.url, 'url', problems);
    if (input.eventTypes != null) changes.eventTypeList = checkedEventTypes(input.eventTypes, 'eventTypes', problems).join(' ');
    if (input.description != null) changes.description = input.description.trim();
    if (problems.length > 0) throw invalidInputs(problems);
    const before = { url: endpoint.url, description: endpoint.description, eventTypeList: endpoint.eventTypeList };
    return ctx.db.transaction(async (manager) => {
      const updated = await manager.save(Object.assign(endpoint, changes));
      await audit(manager, ctx.viewer, { action: 'updateWebhookEndpoint', entity: updated, before, after: changes });
      return updated;
    });
  }

  @Mutation(() => WebhookEndpoint, { description: 'Stops sending to it; its events wait until it is enabled (the partner and admins)' })
  disableWebhookEndpoint(@Arg('id', () => ID, { description: 'The endpoint to disable' }) id: string, @Ctx() ctx: Context): Promise<WebhookEndpoint> {
    return this.setStatus(ctx, id, WebhookEndpointStatus.DISABLED);
  }

  @Mutation(() => WebhookEndpoint, { description: 'Sends to it again, starting with the events that waited (the partner and admins)' })
  enableWebhookEndpoint(@Arg('id', () => ID, { description: 'The endpoint to enable' }) id: string, @Ctx() ctx: Context): Promise<WebhookEndpoint> {
    return this.setStatus(ctx, id, WebhookEndpointStatus.ENABLED);
  }

  private async setStatus(ctx: Context, id: string, status: WebhookEndpointStatus): Promise<WebhookEndpoint> {
    const enabling = status === WebhookEndpointStatus.ENABLED;
    const endpoint = await loadEndpoint(ctx, id, enabling ? 'actions.enableWebhookEndpoint' : 'actions.pauseWebhookEndpoint');
    if (endpoint.status === status) return endpoint;
    const changes = enabling
      ? { status, disabledAt: null, disabledReason: null, failingSince: null }
      : { status, disabledAt: new Date(), disabledReason: 'Doanh nghiệp tạm dừng' };
    return ctx.db.transaction(async (manager) => {
      const saved = await manager.save(Object.assign(endpoint, changes));
      await audit(manager, ctx.viewer, { action: enabling ? 'enableWebhookEndpoint' : 'disableWebhookEndpoint', entity: saved, after: { status } });
      return saved;
    });
  }

  @Mutation(() => WebhookSecretRotationResult, {
    description: 'A new signing secret, shown once; for 24 hours deliveries carry signatures with both the new and the old secret (the partner and admins)',
  })
  async rotateWebhookSigningSecret(
    @Arg('id', () => ID, { description: 'The endpoint whose secret to replace' }) id: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<WebhookSecretRotationResult> {
    const key = checkedKey(idempotencyKey);
    const endpoint = await loadEndpoint(ctx, id, 'actions.rotateWebhookSecret');
    const rotated = await once(
      ctx.db,
      { scope: `rotateWebhookSigningSecret:${ctx.viewer.subject}`, key, input: { id } },
      async (manager) => {
        const saved = await rotateSigningSecret(ctx.db, manager, endpoint.id);
        if (!saved) throw notFound('WebhookEndpoint', id);
        // Never a secret in the trail: only until when the old one still signs.
        await audit(manager, ctx.viewer, { action: 'rotateWebhookSigningSecret', entity: saved, after: { previousSecretExpiresAt: saved.previousSecretExpiresAt } });
        return saved;
      },
      // A retry of the same rotation gets the secret it made: its first answer may have been lost.
      (manager, endpointId) => manager.findOneByOrFail(WebhookEndpoint, { id: endpointId }),
    );
    return { endpoint: rotated, signingSecret: rotated.signingSecret };
  }

  @Mutation(() => DeletedWebhookEndpoint, {
    description: 'Deletes the endpoint with its delivery log; deliveries still waiting are never sent (the partner and admins)',
  })
  async deleteWebhookEndpoint(
    @Arg('id', () => ID, { description: 'The endpoint to delete' }) id: string,
    @Arg('idempotencyKey', () => String, { nullable: true, description: RETRY_KEY }) idempotencyKey: string | null | undefined,
    @Ctx() ctx: Context,
  ): Promise<DeletedWebhookEndpoint> {
    const key = checkedKey(idempotencyKey);
    return once(
      ctx.db,
      { scope: `deleteWebhookEndpoint:${ctx.viewer.subject}`, key, input: { id } },
      async (manager) => {
        // Looked up in the transaction: a retry whose first attempt deleted it replays above instead of finding nothing.
        const endpoint = await loadEndpoint(ctx, id, 'actions.deleteWebhookEndpoint');
        const deleted = await deleteEndpoint(ctx.db, manager, id);
        if (!deleted) throw notFound('WebhookEndpoint', id);
        const { pendingCancelled } = deleted;
        const before = { url: endpoint.url, description: endpoint.description, eventTypeList: endpoint.eventTypeList, status: endpoint.status };
        await audit(manager, ctx.viewer, { action: 'deleteWebhookEndpoint', entity: endpoint, before, after: { pendingCancelled } });
        return { id, pendingCancelled };
      },
      async (_manager, deletedId) => ({ id: deletedId, pendingCancelled: 0 }),
    );
  }

  @Mutation(() => WebhookDelivery, { description: 'Queues a `webhook.test` event for the endpoint, to check the receiver (the partner and admins)' })
  async sendTestWebhook(@Arg('endpointId', () => ID, { description: 'The endpoint to send the test event to' }) endpointId: string, @Ctx() ctx: Context): Promise<WebhookDelivery> {
    const endpoint = await loadEndpoint(ctx, endpointId, 'actions.testWebhookEndpoint');
    return ctx.db.transaction(async (manager) => {
      const delivery = await queueTestWebhook(manager, endpoint);
      await audit(manager, ctx.viewer, { action: 'sendTestWebhook', entity: delivery, after: { endpointId, eventId: delivery.eventId } });
      return delivery;
    });
  }
}

/** The delivery log: what was sent to an endpoint, each attempt, and redelivery on request. */
@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @Query(() => WebhookDeliveryConnection, { description: 'An endpoint’s deliveries, oldest first (the partner and admins)' })
  async webhookDeliveries(@Args() { endpointId, status, ...page }: WebhookDeliveriesArgs, @Ctx() ctx: Context): Promise<WebhookDeliveryConnection> {
    await loadEndpoint(ctx, endpointId, 'actions.seeWebhookLog');
    const query = ctx.db.manager.createQueryBuilder(WebhookDelivery, 'delivery').where('delivery.endpointId = :endpointId', { endpointId });
    if (status) query.andWhere('delivery.status = :status', { status });
    return new WebhookDeliveryConnection(await paginate(query, { column: 'delivery.createdAt', valueOf: createdAtCursor }, page));
  }

  @FieldResolver(() => WebhookEndpoint, { description: 'The endpoint it is sent to' })
  async endpoint(@Root() delivery: WebhookDelivery, @Ctx() ctx: Context): Promise<WebhookEndpoint> {
    const endpoint = await ctx.loaders.get(webhookEndpointById).load(delivery.endpointId);
    if (!endpoint) throw notFound('WebhookEndpoint', delivery.endpointId);
    return endpoint;
  }

  @FieldResolver(() => [WebhookAttempt], { description: 'Every attempt, oldest first' })
  attemptLog(@Root() delivery: WebhookDelivery, @Ctx() ctx: Context): Promise<WebhookAttempt[]> {
    return ctx.loaders.get(attemptsOfWebhookDelivery).load(delivery.id);
  }

  @Mutation(() => WebhookDelivery, { description: 'Sends a delivery again, as a new round of attempts with the same `webhook-id` (the partner and admins)' })
  async redeliverWebhook(@Arg('id', () => ID, { description: 'The delivery to send again' }) id: string, @Ctx() ctx: Context): Promise<WebhookDelivery> {
    const delivery = await ctx.loaders.get(webhookDeliveryById).load(id);
    if (!delivery) throw notFound('WebhookDelivery', id);
    const endpoint = await loadEndpoint(ctx, delivery.endpointId, 'actions.redeliverWebhookEvent');
    if (endpoint.status !== WebhookEndpointStatus.ENABLED) {
      throw conflict(t('conflicts.webhookPaused'), { field: 'id' });
    }
    if (delivery.status === WebhookDeliveryStatus.PENDING && delivery.attempts === 0) return delivery;
    return ctx.db.transaction(async (manager) => {
      const queued = await redeliver(manager, delivery);
      await audit(manager, ctx.viewer, { action: 'redeliverWebhook', entity: queued, after: { eventId: queued.eventId } });
      return queued;
    });
  }
}
