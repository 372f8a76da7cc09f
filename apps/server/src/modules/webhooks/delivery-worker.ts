import { createHmac, randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import type { SystemActor } from '../../auth/actor';
import { createWakeSignal } from '../../events/wake-signal';
import { changeConversation } from '../conversations/conversation-change';
import { messageEvent } from '../conversations/conversation-events';
import { conversationRepository } from '../conversations/conversation-repository';
import { messageRepository } from '../conversations/message-repository';
import { appendActivity } from '../conversations/message-writer';
import type { ServiceDependencies } from '../service-dependencies';
import { type PostOutcome, type PostSettings, postDelivery } from './delivery-post';
import { type AttemptResult, type DeliveryRecord, deliveryRepository } from './delivery-repository';

/** How deliveries are made and retried. */
export interface DeliverySettings extends PostSettings {
  /** How long a webhook's or an API inbox's delivery is retried before it is given up, in seconds. */
  retryPeriodSeconds: number;
  /** How long finished deliveries are kept for administrators to look at, in seconds. */
  retentionSeconds: number;
  /** How often the worker looks for due deliveries when nothing wakes it, in milliseconds. */
  pollIntervalMs: number;
}

/** `WEBHOOK_TIMEOUT` 5 s, private networks refused, `WEBHOOK_RETRY_HOURS` 24, finished deliveries kept a week. */
export const defaultDeliverySettings: DeliverySettings = {
  timeoutMs: 5000,
  allowPrivateNetworks: false,
  retryPeriodSeconds: 24 * 3600,
  retentionSeconds: 7 * 24 * 3600,
  pollIntervalMs: 1000,
};

/** Targets whose queues are worked through at once, one delivery at a time each. */
const concurrentTargets = 32;
/** Deliveries read from a queue at a time, and made in one turn before the other queues get theirs. */
const deliveriesPerRead = 50;
const deliveriesPerTurn = 500;

/** The first retry of a webhook's delivery waits about this long; each later one twice as long, up to an hour. */
const firstRetrySeconds = 10;
const longestRetrySeconds = 60 * 60;

/** Agent bots are retried as the reference retries them: three attempts, three seconds apart. */
const botAttempts = 3;
const botRetrySeconds = 3;

/** The activity written when a bot that holds a pending conversation cannot be reached. */
export const botFailureActivityText = 'Conversation was marked open by system due to an error with the agent bot.';

const deliverySystem: SystemActor = { kind: 'system', name: 'System' };

/** The delay before the next attempt after `attempts` failed ones: doubling, with jitter so receivers are not stampeded. */
function retryDelaySeconds(attempts: number): number {
  const ceiling = Math.min(firstRetrySeconds * 2 ** (attempts - 1), longestRetrySeconds);
  return Math.max(1, Math.round(ceiling / 2 + randomInt(0, Math.ceil(ceiling / 2) + 1)));
}

/** The headers of a delivery: its id, and when the target has a secret, the time and the signature of the body. */
export function deliveryHeaders(delivery: DeliveryRecord, secret: string | null, nowSeconds: number) {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'User-Agent': 'Inquirly-Webhooks',
    'X-Chatwoot-Delivery': delivery.delivery_id,
  };
  if (secret) {
    const timestamp = String(nowSeconds);
    const signature = createHmac('sha256', secret).update(`${timestamp}.${delivery.body}`).digest('hex');
    headers['X-Chatwoot-Timestamp'] = timestamp;
    headers['X-Chatwoot-Signature'] = `sha256=${signature}`;
  }
  return headers;
}

const statusOf = (outcome: PostOutcome): number | null => ('error' in outcome ? null : outcome.statusCode);

const describe = (outcome: PostOutcome) =>
  'error' in outcome ? outcome.error : `the receiver answered ${outcome.statusCode}`;

/**
 * Makes the queued deliveries, at least once each: the head of each target's queue is posted (so a target receives
 * its events in order), and a delivery that fails is tried again later, the target's next ones waiting behind it.
 * Webhooks and API inboxes are retried with doubling delays for `retryPeriodSeconds`, then the delivery is given up
 * (`failed`); a given-up message delivery to an API inbox marks the message failed, as the reference does. Agent bots
 * get the reference's three attempts; when the last fails on a message of a conversation the bot holds pending, the
 * conversation is opened for the agents. A target's queue is held for a while by the process working through it:
 * several processes share the targets, and one that dies mid-delivery leaves the queue to another once that while
 * has passed.
 */
export function createDeliveryWorker(
  dependencies: Pick<ServiceDependencies, 'db' | 'clock' | 'events'>,
  settings: DeliverySettings,
  logger: Logger,
) {
  const { db, clock } = dependencies;
  const deliveries = deliveryRepository(db);
  const claimSeconds = Math.ceil(settings.timeoutMs / 1000) + 30;

  function resultOf(delivery: DeliveryRecord, outcome: PostOutcome, now: number): AttemptResult {
    const statusCode = statusOf(outcome);
    if (statusCode !== null && statusCode >= 200 && statusCode < 300) return { outcome: 'delivered', statusCode };
    const error = describe(outcome);
    const attempts = delivery.attempts + 1;
    if (delivery.agent_bot_id !== null) {
      const retryable = statusCode === null || statusCode === 429 || statusCode >= 500;
      return retryable && attempts < botAttempts
        ? { outcome: 'retry', statusCode, error, nextAttemptAt: now + botRetrySeconds }
        : { outcome: 'failed', statusCode, error };
    }
    const nextAttemptAt = now + retryDelaySeconds(attempts);
    return nextAttemptAt <= delivery.created_at + settings.retryPeriodSeconds
      ? { outcome: 'retry', statusCode, error, nextAttemptAt }
      : { outcome: 'failed', statusCode, error };
  }

  /** What giving up a delivery does beyond it: the message it carried to an API inbox, a bot's pending conversation. */
  async function afterGivingUp(delivery: DeliveryRecord, error: string): Promise<void> {
    const message =
      delivery.message_id === null ? undefined : await messageRepository(db).findMany([delivery.message_id]);
    if (delivery.inbox_id !== null && message?.[0]) {
      const failed = message[0];
      // Marking the message failed is itself an update posted to the inbox; when that is given up too, the message
      // stays as it is, or each round of giving up would post another update to the receiver that is down.
      if (failed.status === 'failed') return;
      await db.transaction(async (trx) => {
        const now = clock.nowSeconds();
        const changed = await messageRepository(trx).update(
          failed.id,
          { status: 'failed', content_attributes: { ...failed.content_attributes, external_error: error } },
          now,
        );
        const conversation = await conversationRepository(trx).findById(failed.conversation_id);
        if (changed && conversation) {
          await dependencies.events.record(trx, messageEvent('message_updated', deliverySystem, changed, conversation));
        }
      });
      return;
    }
    if (delivery.agent_bot_id !== null && delivery.event.startsWith('message_')) {
      const body = JSON.parse(delivery.body) as { conversation?: { id?: number } };
      const displayId = body.conversation?.id;
      if (displayId === undefined) return;
      await db.transaction(async (trx) => {
        const conversation = await conversationRepository(trx).findByDisplayId(delivery.account_id, displayId, {
          lock: true,
        });
        if (conversation?.status !== 'pending') return;
        const opened = await changeConversation(trx, dependencies, deliverySystem, conversation, {
          fields: { status: 'open' },
        });
        await appendActivity(trx, dependencies, deliverySystem, opened, botFailureActivityText);
      });
    }
  }

  /**
   * Posts one delivery and answers what came of it. A failure is recorded at once (with what giving up brings); a
   * success is left to the caller, which records a run of them in one write.
   */
  async function attempt(delivery: DeliveryRecord): Promise<AttemptResult> {
    const now = clock.nowSeconds();
    const headers = deliveryHeaders(delivery, await deliveries.secretOf(delivery), now);
    const outcome = await postDelivery(delivery.url, delivery.body, headers, settings);
    const finishedAt = clock.nowSeconds();
    const result = resultOf(delivery, outcome, finishedAt);
    if (result.outcome === 'delivered') return result;
    await deliveries.recordAttempt(delivery.id, result, finishedAt);
    if (result.outcome === 'failed') {
      logger.warn(
        { deliveryId: delivery.delivery_id, target: delivery.target, error: result.error },
        'delivery given up',
      );
      await afterGivingUp(delivery, result.error);
    }
    return result;
  }

  /**
   * Works through a target's queue while this process holds it: its deliveries in order, each after the one before
   * it is delivered or given up, until one must wait for a retry, none is due, or this turn's share is done. The
   * deliveries made are recorded together after each read of the queue: a process that dies before that makes them
   * again, as at-least-once allows. Answers how many it attempted.
   */
  async function workThrough(target: string): Promise<number> {
    const holdUntil = () => clock.nowSeconds() + claimSeconds;
    if (!(await deliveries.claimTarget(target, clock.nowSeconds(), holdUntil()))) return 0;
    let attempted = 0;
    const delivered = new Map<number, number[]>();
    const recordDelivered = async () => {
      for (const [statusCode, ids] of delivered) await deliveries.markDelivered(ids, statusCode, clock.nowSeconds());
      delivered.clear();
    };
    try {
      while (attempted < deliveriesPerTurn) {
        const waiting = await deliveries.waitingOf(target, deliveriesPerRead);
        let goesOn = waiting.length > 0;
        for (const delivery of waiting) {
          if (delivery.next_attempt_at > clock.nowSeconds()) {
            goesOn = false;
            break;
          }
          attempted++;
          const result = await attempt(delivery);
          if (result.outcome === 'delivered') {
            delivered.set(result.statusCode, [...(delivered.get(result.statusCode) ?? []), delivery.id]);
          } else if (result.outcome === 'retry') {
            goesOn = false;
            break;
          }
        }
        await recordDelivered();
        if (!goesOn || waiting.length < deliveriesPerRead) break;
        await deliveries.extendClaim(target, holdUntil());
      }
    } finally {
      await recordDelivered();
      await deliveries.releaseTarget(target);
    }
    return attempted;
  }

  /** Works through the queues with deliveries due now, several at once; answers how many deliveries it attempted. */
  async function runOnce(): Promise<number> {
    const targets = await deliveries.dueTargets(clock.nowSeconds(), concurrentTargets);
    const attempted = await Promise.all(
      targets.map((target) =>
        workThrough(target).catch((error: unknown) => {
          logger.error({ err: error, target }, 'delivering to a target failed on our side');
          return 0;
        }),
      ),
    );
    return attempted.reduce((sum, count) => sum + count, 0);
  }

  const signal = createWakeSignal();
  let running = false;
  let loop: Promise<void> = Promise.resolve();
  let nextPruneAt = 0;

  async function repeat(): Promise<void> {
    while (running) {
      let attempted = 0;
      try {
        attempted = await runOnce();
        if (clock.nowSeconds() >= nextPruneAt) {
          nextPruneAt = clock.nowSeconds() + 3600;
          await deliveries.pruneFinished(clock.nowSeconds() - settings.retentionSeconds);
        }
      } catch (error) {
        logger.error({ err: error }, 'delivering webhooks failed; tried again at the next poll');
      }
      if (attempted === 0) await signal.sleep(settings.pollIntervalMs);
    }
  }

  return {
    runOnce,
    /** Makes an idle worker look for deliveries now, as after events were fanned out. */
    wake: () => signal.wake(),
    start() {
      if (running) return;
      running = true;
      loop = repeat();
    },
    async stop() {
      running = false;
      signal.wake();
      await loop;
    },
  };
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
