import type { Clock } from '../config/clock';
import type { Database } from '../db/connection';
import type { EventRecorder } from '../events/domain-event';
import type { Repositories } from './repositories';

/** What every service is built with, by the one composition root (`createContainer`). */
export interface ServiceDependencies {
  db: Database;
  clock: Clock;
  /** Records the domain event of each change, in the change's own transaction. */
  events: EventRecorder;
  /** Other areas' repositories, for the reads and writes a service makes across areas in its own transactions. */
  repositories: Repositories;
}
