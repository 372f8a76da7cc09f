import type { MemberActor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { isUniqueViolation } from '../../db/unique-violation';
import { appError, validationError } from '../../errors/app-error';
import { changedAttributes, changeEvent } from '../../events/change-event';
import type { Schemas } from '../../http/schemas';
import { randomToken } from '../access-tokens/random-token';
import { inboxRepository } from '../inboxes/inbox-repository';
import type { ServiceDependencies } from '../service-dependencies';
import { deliveryRepository } from './delivery-repository';
import { defaultSubscriptions } from './webhook-events';
import { toWebhook, toWebhookDelivery } from './webhook-mapper';
import { type WebhookFields, type WebhookRecord, webhookRepository } from './webhook-repository';

const urlTaken = () => validationError([{ attribute: 'url', message: 'has already been taken' }]);

/** Whether `url` is an absolute http or https address, as the reference demands. */
function isWebAddress(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/** How many of a webhook's deliveries administrators see. */
const shownDeliveries = 50;

/**
 * The account's webhooks: where its events are posted, and how the posting went. Administrators manage them.
 * `onRequeued` is told when a delivery is due again.
 */
export function webhookService({ db, clock, events }: ServiceDependencies, onRequeued: () => void) {
  const webhookEvent = (name: string, member: MemberActor, webhook: WebhookRecord, data = {}) =>
    changeEvent(name, member, webhook.account_id, { type: 'webhook', id: webhook.id }, { webhook, ...data });

  /** The names of the account's inboxes among `ids`. */

  /** The fields given, checked: an http(s) address, and an inbox of the account. */
  async function checkedFields(
    database: Database,
    member: MemberActor,
    input: Schemas['WebhookUpdate'],
  ): Promise<Partial<WebhookFields>> {
    const fields: Partial<WebhookFields> = {};
    if (input.url !== undefined) {
      const url = input.url.trim();
      if (!isWebAddress(url)) throw validationError([{ attribute: 'url', message: 'is not a valid http(s) URL' }]);
      fields.url = url;
    }
    if (input.subscriptions !== undefined) fields.subscriptions = input.subscriptions;
    if (input.name !== undefined) fields.name = input.name;
    if (input.inbox_id !== undefined) {
      if (
        input.inbox_id !== null &&
        !(await inboxRepository(database).namesInAccount(member.account.id, [input.inbox_id])).size
      ) {
        throw validationError([{ attribute: 'inbox_id', message: 'is not an inbox of the account' }]);
      }
      fields.inbox_id = input.inbox_id;
    }
    return fields;
  }

  /** Turns a clash on the unique (account, url) index into a 422 naming url; the index alone decides. */
  async function guardingUrl<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw urlTaken();
      throw error;
    }
  }

  async function present(database: Database, webhook: WebhookRecord): Promise<Schemas['Webhook']> {
    const names = await inboxRepository(database).namesInAccount(webhook.account_id, [webhook.inbox_id]);
    return toWebhook(webhook, webhook.inbox_id === null ? undefined : names.get(webhook.inbox_id));
  }

  return {
    async list(member: MemberActor): Promise<Schemas['WebhookList']> {
      const webhooks = await webhookRepository(db).list(member.account.id);
      const names = await inboxRepository(db).namesInAccount(
        member.account.id,
        webhooks.map((webhook) => webhook.inbox_id),
      );
      return {
        payload: {
          webhooks: webhooks.map((webhook) =>
            toWebhook(webhook, webhook.inbox_id === null ? undefined : names.get(webhook.inbox_id)),
          ),
        },
      };
    },

    async create(member: MemberActor, input: Schemas['WebhookCreate']): Promise<Schemas['WebhookEnvelope']> {
      const checked = await checkedFields(db, member, input);
      const fields: WebhookFields = {
        url: checked.url ?? input.url,
        subscriptions: checked.subscriptions ?? [...defaultSubscriptions],
        name: checked.name ?? null,
        inbox_id: checked.inbox_id ?? null,
      };
      const created = await guardingUrl(() =>
        db.transaction(async (trx) => {
          const webhook = await webhookRepository(trx).insert(
            member.account.id,
            { ...fields, secret: randomToken() },
            clock.nowSeconds(),
          );
          await events.record(trx, webhookEvent('webhook_created', member, webhook));
          return webhook;
        }),
      );
      return { payload: { webhook: await present(db, created) } };
    },

    async update(
      member: MemberActor,
      id: number,
      input: Schemas['WebhookUpdate'],
    ): Promise<Schemas['WebhookEnvelope']> {
      const changes = await checkedFields(db, member, input);
      const updated = await guardingUrl(() =>
        db.transaction(async (trx) => {
          const current = await webhookRepository(trx).findInAccount(member.account.id, id, { lock: true });
          if (!current) throw appError('RESOURCE_NOT_FOUND');
          const now = clock.nowSeconds();
          await webhookRepository(trx).update(current.id, changes, now);
          const webhook = { ...current, ...changes, updated_at: now };
          await events.record(
            trx,
            webhookEvent('webhook_updated', member, webhook, {
              changed_attributes: changedAttributes(current, changes),
            }),
          );
          return webhook;
        }),
      );
      return { payload: { webhook: await present(db, updated) } };
    },

    /** The webhook's newest deliveries, waiting or finished. */
    async deliveries(member: MemberActor, id: number): Promise<Schemas['WebhookDeliveryList']> {
      const webhook = await webhookRepository(db).findInAccount(member.account.id, id);
      if (!webhook) throw appError('RESOURCE_NOT_FOUND');
      const found = await deliveryRepository(db).ofWebhook(webhook.id, shownDeliveries);
      return { payload: found.map(toWebhookDelivery) };
    },

    /** Makes a finished delivery of the webhook due again. */
    async redeliver(member: MemberActor, id: number, deliveryId: number): Promise<Schemas['WebhookDelivery']> {
      const webhook = await webhookRepository(db).findInAccount(member.account.id, id);
      if (!webhook) throw appError('RESOURCE_NOT_FOUND');
      const deliveries = deliveryRepository(db);
      const delivery = await deliveries.findOfWebhook(webhook.id, deliveryId);
      if (!delivery) throw appError('RESOURCE_NOT_FOUND');
      if (delivery.status === 'pending') {
        throw validationError([{ attribute: 'delivery_id', message: 'is still waiting to be delivered' }]);
      }
      const now = clock.nowSeconds();
      await db.transaction(async (trx) => {
        await deliveryRepository(trx).requeue(delivery.id, now);
        await events.record(
          trx,
          webhookEvent('webhook_redelivery_requested', member, webhook, { delivery_id: delivery.delivery_id }),
        );
      });
      onRequeued();
      return toWebhookDelivery({
        ...delivery,
        status: 'pending',
        next_attempt_at: now,
        finished_at: null,
        updated_at: now,
      });
    },

    async delete(member: MemberActor, id: number): Promise<void> {
      await db.transaction(async (trx) => {
        const webhook = await webhookRepository(trx).findInAccount(member.account.id, id, { lock: true });
        if (!webhook) throw appError('RESOURCE_NOT_FOUND');
        await webhookRepository(trx).delete(webhook.id);
        await events.record(trx, webhookEvent('webhook_deleted', member, webhook));
      });
    },
  };
}

export type WebhookService = ReturnType<typeof webhookService>;
