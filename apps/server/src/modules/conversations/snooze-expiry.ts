import type { Logger } from 'pino';
import type { SystemActor } from '../../auth/actor';
import { createPeriodicLoop, type PeriodicLoop } from '../../background/periodic-loop';
import type { ServiceDependencies } from '../service-dependencies';
import { changeConversation } from './conversation-change';
import { conversationRepository } from './conversation-repository';

/** The server itself, reopening conversations whose snooze has ended: no activity message names it. */
export const snoozeExpiryActor: SystemActor = { kind: 'system', name: 'System' };

export interface SnoozeExpiry extends PeriodicLoop {
  /** Reopens every conversation whose snooze time has come; answers how many it reopened. */
  runOnce(): Promise<number>;
}

/**
 * Reopens snoozed conversations once their `snoozed_until` has come (at that second or later), each in its own
 * transaction under its row's lock, with the events of the change and no activity message, as the reference's
 * periodic job does. Several processes may sweep at once: each conversation is checked again under its lock, so it
 * is reopened once.
 */
export function createSnoozeExpiry(
  dependencies: Pick<ServiceDependencies, 'db' | 'clock' | 'events'>,
  options: { logger: Logger; intervalMs?: number; batchSize?: number },
): SnoozeExpiry {
  const { db, clock } = dependencies;
  const batchSize = options.batchSize ?? 100;

  /** Reopens one conversation if it is still snoozed and due; answers whether it did. */
  async function reopen(accountId: number, displayId: number, now: number): Promise<boolean> {
    return db.transaction(async (trx) => {
      const conversation = await conversationRepository(trx).findByDisplayId(accountId, displayId, { lock: true });
      const due =
        conversation?.status === 'snoozed' && conversation.snoozed_until !== null && conversation.snoozed_until <= now;
      if (!conversation || !due) return false;
      await changeConversation(trx, dependencies, snoozeExpiryActor, conversation, { fields: { status: 'open' } });
      return true;
    });
  }

  async function reopenDue(): Promise<number> {
    const now = clock.nowSeconds();
    let reopened = 0;
    for (;;) {
      const batch = await conversationRepository(db).dueSnoozes(now, batchSize);
      let reopenedInBatch = 0;
      for (const { account_id, display_id } of batch) {
        try {
          if (await reopen(account_id, display_id, now)) reopenedInBatch += 1;
        } catch (error) {
          options.logger.error({ err: error, accountId: account_id, displayId: display_id }, 'reopening failed');
        }
      }
      reopened += reopenedInBatch;
      // A batch that reopened nothing would come back the same: the rest waits for the next run.
      if (batch.length < batchSize || reopenedInBatch === 0) return reopened;
    }
  }

  // One run at a time within this process, whether the loop or a caller of runOnce started it.
  let inFlight: Promise<unknown> = Promise.resolve();
  const runOnce = (): Promise<number> => {
    const run = inFlight.then(reopenDue);
    inFlight = run.catch(() => undefined);
    return run;
  };

  const loop = createPeriodicLoop({
    description: 'reopening snoozed conversations',
    intervalMs: options.intervalMs ?? 60_000,
    logger: options.logger,
    work: runOnce,
  });
  return { ...loop, runOnce };
}
