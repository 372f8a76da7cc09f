import type { Database } from '../../db/connection';
import type { DeliveryStatus, TableRow } from '../../db/tables';

export type DeliveryRecord = TableRow<'webhook_deliveries'>;

/** Who a delivery goes to: an account webhook, an API inbox's `webhook_url`, or an agent bot's `outgoing_url`. */
export type DeliveryTarget =
  | { kind: 'webhook'; id: number; url: string }
  | { kind: 'inbox'; id: number; url: string }
  | { kind: 'agent_bot'; id: number; url: string };

/** The queue a target's deliveries wait in, in order. */
export const targetKey = (target: DeliveryTarget): string => `${target.kind}:${target.id}`;

/** A delivery to queue: an event's body for one target. */
export interface NewDelivery {
  deliveryId: string;
  accountId: number;
  target: DeliveryTarget;
  eventId: number;
  event: string;
  messageId: number | null;
  body: string;
}

/** What one attempt came to. */
export type AttemptResult =
  | { outcome: 'delivered'; statusCode: number }
  | { outcome: 'retry'; statusCode: number | null; error: string; nextAttemptAt: number }
  | { outcome: 'failed'; statusCode: number | null; error: string };

/** Rows per insert: 16 values each, well under SQLite's limit of 32,766 bound values. */
const rowsPerInsert = 500;

/** The deliveries of events to webhooks, API inboxes and agent bots, and their progress. */
export function deliveryRepository(db: Database) {
  return {
    /**
     * Queues deliveries, in the order given (their ids keep it); one already queued for the same event and target is
     * left as it is. Rows go in chunks small enough for any engine's limit on bound values.
     */
    async enqueue(deliveries: NewDelivery[], now: number): Promise<void> {
      for (let start = 0; start < deliveries.length; start += rowsPerInsert) {
        await db('webhook_deliveries')
          .insert(
            deliveries.slice(start, start + rowsPerInsert).map((delivery) => ({
              delivery_id: delivery.deliveryId,
              account_id: delivery.accountId,
              webhook_id: delivery.target.kind === 'webhook' ? delivery.target.id : null,
              inbox_id: delivery.target.kind === 'inbox' ? delivery.target.id : null,
              agent_bot_id: delivery.target.kind === 'agent_bot' ? delivery.target.id : null,
              target: targetKey(delivery.target),
              event_id: delivery.eventId,
              event: delivery.event,
              message_id: delivery.messageId,
              url: delivery.target.url,
              body: delivery.body,
              status: 'pending' satisfies DeliveryStatus,
              attempts: 0,
              next_attempt_at: now,
              created_at: now,
              updated_at: now,
            })),
          )
          .onConflict(['event_id', 'target'])
          .ignore();
      }
    },

    /**
     * The targets whose oldest waiting delivery is due now, oldest first, leaving out those another process is
     * working through.
     */
    async dueTargets(now: number, limit: number): Promise<string[]> {
      const rows: Array<{ target: string }> = await db('webhook_deliveries as due')
        .select('due.target')
        .where('due.status', 'pending')
        .where('due.next_attempt_at', '<=', now)
        .whereNotExists((earlier) =>
          earlier
            .select(db.raw('1'))
            .from('webhook_deliveries as earlier')
            .whereRaw('earlier.target = due.target')
            .where('earlier.status', 'pending')
            .whereRaw('earlier.id < due.id'),
        )
        .whereNotExists((held) =>
          held
            .select(db.raw('1'))
            .from('webhook_delivery_queues as queue')
            .whereRaw('queue.target = due.target')
            .where('queue.claimed_until', '>=', now),
        )
        .orderBy('due.id')
        .limit(limit);
      return rows.map((row) => row.target);
    },

    /**
     * Takes a target's queue for this process until `until`, unless another process holds it: the condition is
     * checked by the update itself, so two processes never both take one. Answers whether it was taken.
     */
    async claimTarget(target: string, now: number, until: number): Promise<boolean> {
      await db('webhook_delivery_queues').insert({ target, claimed_until: null }).onConflict('target').ignore();
      const taken = await db('webhook_delivery_queues')
        .where({ target })
        .where((free) => free.whereNull('claimed_until').orWhere('claimed_until', '<', now))
        .update({ claimed_until: until });
      return taken === 1;
    },

    /** Keeps a queue this process holds for longer. */
    async extendClaim(target: string, until: number): Promise<void> {
      await db('webhook_delivery_queues').where({ target }).update({ claimed_until: until });
    },

    async releaseTarget(target: string): Promise<void> {
      await db('webhook_delivery_queues').where({ target }).update({ claimed_until: null });
    },

    /** The target's oldest waiting deliveries, in order. */
    async waitingOf(target: string, limit: number): Promise<DeliveryRecord[]> {
      return db('webhook_deliveries').where({ target, status: 'pending' }).orderBy('id').limit(limit);
    },

    /** Records deliveries the receiver took with the same status, at their last attempt, in one write. */
    async markDelivered(ids: number[], statusCode: number, now: number): Promise<void> {
      if (ids.length === 0) return;
      await db('webhook_deliveries')
        .whereIn('id', ids)
        .update({
          status: 'delivered',
          attempts: db.raw('attempts + 1') as unknown as number,
          last_status_code: statusCode,
          last_error: null,
          updated_at: now,
          finished_at: now,
        });
    },

    async recordAttempt(id: number, result: AttemptResult, now: number): Promise<void> {
      const common = { updated_at: now, attempts: db.raw('attempts + 1') as unknown as number };
      if (result.outcome === 'delivered') {
        await db('webhook_deliveries')
          .where({ id })
          .update({
            ...common,
            status: 'delivered',
            last_status_code: result.statusCode,
            last_error: null,
            finished_at: now,
          });
        return;
      }
      await db('webhook_deliveries')
        .where({ id })
        .update({
          ...common,
          last_status_code: result.statusCode,
          last_error: result.error,
          ...(result.outcome === 'retry'
            ? { next_attempt_at: result.nextAttemptAt }
            : { status: 'failed' as const, finished_at: now }),
        });
    },

    /** The secret that signs a delivery: its webhook's, inbox's or agent bot's, as it is now. */
    async secretOf(delivery: DeliveryRecord): Promise<string | null> {
      const [table, id] =
        delivery.webhook_id !== null
          ? (['webhooks', delivery.webhook_id] as const)
          : delivery.inbox_id !== null
            ? (['inboxes', delivery.inbox_id] as const)
            : (['agent_bots', delivery.agent_bot_id] as const);
      if (id === null) return null;
      const row: { secret: string | null } | undefined = await db(table).where({ id }).first('secret');
      return row?.secret ?? null;
    },

    /** A webhook's deliveries, newest first. */
    async ofWebhook(webhookId: number, limit: number): Promise<DeliveryRecord[]> {
      return db('webhook_deliveries').where({ webhook_id: webhookId }).orderBy('id', 'desc').limit(limit);
    },

    async findOfWebhook(webhookId: number, id: number): Promise<DeliveryRecord | undefined> {
      return db('webhook_deliveries').where({ webhook_id: webhookId, id }).first();
    },

    /** Makes a finished delivery due again, under its delivery id, ahead of its target's later deliveries. */
    async requeue(id: number, now: number): Promise<void> {
      await db('webhook_deliveries').where({ id }).update({
        status: 'pending',
        next_attempt_at: now,
        finished_at: null,
        updated_at: now,
      });
    },

    /** Removes deliveries finished before `before`. */
    async pruneFinished(before: number): Promise<number> {
      return db('webhook_deliveries').whereNotNull('finished_at').where('finished_at', '<', before).delete();
    },
  };
}
