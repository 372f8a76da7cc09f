import type { Logger } from 'pino';
import type { Clock } from '../config/clock';
import type { Database } from '../db/connection';
import { claimConsumer } from './consumer-claim';
import { type ConsumerProgress, registerConsumers, saveProgress } from './consumer-progress';
import type { DomainEvent, EventConsumer } from './domain-event';
import { readEventsAfter } from './event-store';
import { pruneEvents } from './prune-events';
import { createReadHorizon } from './read-horizon';
import { defaultRetryBackoff, type RetryBackoff, retryDelaySeconds } from './retry-backoff';
import { createWakeSignal, type WakeSignal } from './wake-signal';

export interface DispatcherOptions {
  db: Database;
  clock: Clock;
  logger: Logger;
  /** Each with a unique name, under which its progress is kept. */
  consumers: EventConsumer[];
  /** How often an idle consumer looks for new events once started; 1000 by default. */
  pollIntervalMs?: number;
  /** Events handed to a consumer per claim; 100 by default. */
  batchSize?: number;
  /** When a consumer tries a failed event again; 5 s doubling up to 15 min by default. */
  retryBackoff?: RetryBackoff;
  /** How long handled events are kept, in seconds; 7 days by default. */
  retentionSeconds?: number;
  /** How often the log is pruned, by the clock, in seconds; hourly by default. */
  pruneIntervalSeconds?: number;
}

export interface Dispatcher {
  /** Starts polling: each consumer in a loop of its own, so a slow one delays no other, and pruning in another. */
  start(): void;
  /** Makes idle consumers look for events now rather than at their next poll, as after a commit that recorded one. */
  wake(): void;
  /** Stops polling; resolves once the batches and the pruning under way have finished. */
  stop(): Promise<void>;
  /** Hands each consumer one batch of the events after its position, then prunes if due. */
  runOnce(): Promise<void>;
}

const lastErrorLength = 2000;

/**
 * Hands committed events to consumers, at least once each and in log order (see event-store.ts), each consumer from
 * its own position kept in the database: a crash loses nothing, and a dispatcher started later, here or in another
 * process, resumes from the last committed position. A batch handled but not yet saved when the process dies is
 * handled again, so consumers must tolerate seeing an event twice.
 *
 * A consumer seen for the first time starts at the beginning of the retained log, so that events recorded before any
 * dispatcher ran (a web process records before the worker is up) reach it; a consumer that must not act on old events
 * can compare their `occurredAt` with its clock.
 *
 * A consumer whose handler throws keeps its position before the failed event and tries it again after a backoff; it
 * never skips it, and the other consumers go on meanwhile.
 */
export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { db, clock, logger, consumers } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const batchSize = options.batchSize ?? 100;
  const retryBackoff = options.retryBackoff ?? defaultRetryBackoff;
  const retentionSeconds = options.retentionSeconds ?? 7 * 24 * 60 * 60;
  const pruneIntervalSeconds = options.pruneIntervalSeconds ?? 60 * 60;

  const names = consumers.map((consumer) => consumer.name);
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) throw new Error(`two event consumers are named "${duplicate}"`);

  let consumerIds: Promise<Map<string, number>> | undefined;
  function registeredConsumerIds(): Promise<Map<string, number>> {
    consumerIds ??= registerConsumers(db, names, clock.nowSeconds()).catch((error: unknown) => {
      // Registration is tried again by the next batch rather than failing every later one.
      consumerIds = undefined;
      throw error;
    });
    return consumerIds;
  }

  const horizon = createReadHorizon(db);

  /** Handles one batch for the consumer; returns whether more events may be waiting right after it. */
  async function dispatchBatch(consumer: EventConsumer): Promise<boolean> {
    const consumerId = (await registeredConsumerIds()).get(consumer.name)!;
    // Before the claim, which holds a connection for the whole batch: settling needs one of its own, and consumers
    // each holding one while waiting for another could empty the pool.
    const upTo = await horizon.settledUpTo();
    const moreWaiting = await claimConsumer(db, consumerId, async (connection, progress) => {
      if (progress.retryAt !== null && progress.retryAt > clock.nowSeconds()) return false;
      if (progress.position >= upTo) return false;
      const batch = await readEventsAfter(connection, progress.position, { upTo, limit: batchSize });
      let reached: ConsumerProgress = { position: progress.position, attempts: 0, retryAt: null, lastError: null };
      // A consumer that takes batches takes this one as one step: it fails or succeeds as a whole, at its first event.
      const { handleBatch } = consumer;
      const steps = handleBatch ? (batch.length > 0 ? [batch] : []) : batch.map((event) => [event]);
      const handleStep = (step: DomainEvent[]) =>
        handleBatch ? handleBatch.call(consumer, step) : consumer.handle(step[0] as DomainEvent);
      for (const [index, step] of steps.entries()) {
        const event = step[0] as DomainEvent;
        const last = step[step.length - 1] as DomainEvent;
        try {
          await handleStep(step);
        } catch (error) {
          // Attempts count the failures at one event: they start over when this batch got past the one that failed.
          const attempts = index === 0 ? progress.attempts + 1 : 1;
          const retryAt = clock.nowSeconds() + retryDelaySeconds(attempts, retryBackoff);
          logger.error(
            { consumer: consumer.name, eventId: event.id, attempts, retryAt, err: error },
            'event consumer failed; the event is tried again later',
          );
          const lastError = (error instanceof Error ? error.message : String(error)).slice(0, lastErrorLength);
          await saveProgress(connection, consumerId, { ...reached, attempts, retryAt, lastError }, clock.nowSeconds());
          return false;
        }
        reached = { ...reached, position: last.id };
      }
      if (batch.length > 0) await saveProgress(connection, consumerId, reached, clock.nowSeconds());
      return batch.length === batchSize;
    });
    return moreWaiting ?? false;
  }

  // One batch at a time per consumer within this dispatcher, whether started by its loop or by runOnce: on SQLite
  // nothing else keeps two batches of one consumer apart.
  const batchInFlight = new Map<EventConsumer, Promise<unknown>>();
  function dispatchBatchAlone(consumer: EventConsumer): Promise<boolean> {
    const batch = (batchInFlight.get(consumer) ?? Promise.resolve()).then(() => dispatchBatch(consumer));
    batchInFlight.set(
      consumer,
      batch.catch(() => undefined),
    );
    return batch;
  }

  let nextPruneAt = 0;
  let pruneInFlight: Promise<unknown> = Promise.resolve();
  function pruneIfDue(): Promise<void> {
    const prune = pruneInFlight.then(async () => {
      if (clock.nowSeconds() < nextPruneAt) return;
      // A prune that fails waits for the next interval too, rather than failing again at every poll.
      nextPruneAt = clock.nowSeconds() + pruneIntervalSeconds;
      const deleted = await pruneEvents({ db, clock, retentionSeconds });
      if (deleted > 0) logger.info({ deleted }, 'pruned handled events');
    });
    pruneInFlight = prune.catch(() => undefined);
    return prune;
  }

  let running = false;
  let loops: Promise<void>[] = [];
  const consumerSignals = consumers.map(() => createWakeSignal());
  const pruneSignal = createWakeSignal();

  async function consumerLoop(consumer: EventConsumer, signal: WakeSignal): Promise<void> {
    while (running) {
      let moreWaiting = false;
      try {
        moreWaiting = await dispatchBatchAlone(consumer);
      } catch (error) {
        logger.error({ consumer: consumer.name, err: error }, 'event dispatch failed');
      }
      if (!moreWaiting) await signal.sleep(pollIntervalMs);
    }
  }

  async function pruneLoop(): Promise<void> {
    while (running) {
      try {
        await pruneIfDue();
      } catch (error) {
        logger.error({ err: error }, 'pruning the event log failed');
      }
      await pruneSignal.sleep(pollIntervalMs);
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      loops = [...consumers.map((consumer, index) => consumerLoop(consumer, consumerSignals[index]!)), pruneLoop()];
    },

    wake() {
      for (const signal of consumerSignals) signal.wake();
    },

    async stop() {
      running = false;
      for (const signal of [...consumerSignals, pruneSignal]) signal.wake();
      await Promise.all(loops);
      loops = [];
    },

    async runOnce() {
      await Promise.all(consumers.map((consumer) => dispatchBatchAlone(consumer)));
      await pruneIfDue();
    },
  };
}
