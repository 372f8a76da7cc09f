import type { Knex } from 'knex';
import pino, { type Logger } from 'pino';
import { type Clock, systemClock } from './config/clock';
import { defaultAttachmentUrlTtlSeconds, defaultStorageFolder } from './config/config';
import type { Database } from './db/connection';
import { createDispatcher } from './events/dispatcher';
import type { EventConsumer, EventRecorder } from './events/domain-event';
import { createEventRecorder } from './events/event-recorder';
import { callerStampRepository } from './modules/access-tokens/caller-stamp-repository';
import type { AttachmentStorage } from './modules/attachments/attachment-storage';
import { localDiskStorage } from './modules/attachments/local-disk-storage';
import { createSnoozeExpiry } from './modules/conversations/snooze-expiry';
import { accountDirectories } from './modules/directory/account-directory';
import { repositories } from './modules/repositories';
import { deliveryFanout } from './modules/webhooks/delivery-fanout';
import {
  createDeliveryWorker,
  type DeliverySettings,
  defaultDeliverySettings,
} from './modules/webhooks/delivery-worker';
import { createServices } from './services';

export interface ContainerOptions {
  db: Database;
  clock?: Clock;
  logger?: Logger;
  /** How webhooks, API inboxes and agent bots are posted to; the defaults of `WEBHOOK_*` for what is not given. */
  webhookDelivery?: Partial<Pick<DeliverySettings, 'timeoutMs' | 'allowPrivateNetworks' | 'retryPeriodSeconds'>>;
  /** The origin of links in what is posted to webhooks (attachments); `http://localhost:3000` unless given. */
  publicUrl?: string;
  /** The readers of the event log, each with its own progress; tests pass consumers of their own. */
  consumers?: EventConsumer[];
  /** How long handled events stay in the log, in seconds (the dispatcher's default when not given). */
  eventRetentionSeconds?: number;
  /** How often the dispatcher looks for events other processes recorded, in milliseconds. */
  eventPollIntervalMs?: number;
  /** Where attachments are kept: the local disk under `data/storage` unless given. */
  storage?: AttachmentStorage;
  /** How long a link to an attachment opens it, in seconds; an hour unless given. */
  attachmentUrlTtlSeconds?: number;
  /** `SECRET_KEY_BASE`; without it, a secret generated once is kept in the database. */
  secretKeyBase?: string;
  /** How often snoozed conversations whose time has come are reopened, in milliseconds; every minute by default. */
  snoozeExpiryIntervalMs?: number;
}

/**
 * The composition root: builds every service once, with its dependencies, for the server, the CLI, the worker, the
 * bench and the tests alike. Nothing runs until asked: the background work (the dispatcher, the reopening of snoozed
 * conversations) starts with `startBackgroundWork()`, and each part has a `runOnce()` for tests.
 */
export function createContainer(options: ContainerOptions) {
  const { db } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? pino({ level: 'silent' });
  const recorder = createEventRecorder({ clock });
  const events: EventRecorder = {
    async record(transaction, event) {
      await recorder.record(transaction, event);
      // Consumers in this process hear of the event as soon as it commits, rather than at their next poll.
      (transaction as Knex.Transaction).executionPromise?.then(
        () => dispatcher.wake(),
        () => undefined,
      );
    },
  };
  const deliveryWorker = createDeliveryWorker(
    { db, clock, events },
    {
      ...defaultDeliverySettings,
      ...options.webhookDelivery,
      retentionSeconds: options.eventRetentionSeconds ?? defaultDeliverySettings.retentionSeconds,
      pollIntervalMs: options.eventPollIntervalMs ?? defaultDeliverySettings.pollIntervalMs,
    },
    logger,
  );
  const services = createServices(
    { db, clock, events, repositories, directories: accountDirectories(db, callerStampRepository(db)) },
    {
      storage: options.storage ?? localDiskStorage(defaultStorageFolder),
      attachmentUrlTtlSeconds: options.attachmentUrlTtlSeconds ?? defaultAttachmentUrlTtlSeconds,
      secretKeyBase: options.secretKeyBase,
      wakeDeliveries: () => deliveryWorker.wake(),
    },
  );
  const deliveries = deliveryFanout(
    {
      db,
      presentation: () => services.presentation(options.publicUrl ?? 'http://localhost:3000'),
    },
    clock,
    () => deliveryWorker.wake(),
  );
  const consumers = [deliveries, ...(options.consumers ?? [])];
  const dispatcher = createDispatcher({
    db,
    clock,
    logger,
    consumers,
    ...(options.eventRetentionSeconds !== undefined && { retentionSeconds: options.eventRetentionSeconds }),
    ...(options.eventPollIntervalMs !== undefined && { pollIntervalMs: options.eventPollIntervalMs }),
  });
  const snoozeExpiry = createSnoozeExpiry(
    { db, clock, events },
    {
      logger,
      ...(options.snoozeExpiryIntervalMs !== undefined && { intervalMs: options.snoozeExpiryIntervalMs }),
    },
  );
  return {
    db,
    clock,
    logger,
    services,
    dispatcher,
    snoozeExpiry,
    deliveryWorker,
    /** Starts what a process that does background work runs: the dispatcher, the deliveries, the periodic work. */
    startBackgroundWork() {
      dispatcher.start();
      deliveryWorker.start();
      snoozeExpiry.start();
    },
    /** Stops the background work; resolves once the runs under way have finished. */
    async stopBackgroundWork() {
      await Promise.all([dispatcher.stop(), deliveryWorker.stop(), snoozeExpiry.stop()]);
    },
  };
}

export type Container = ReturnType<typeof createContainer>;
