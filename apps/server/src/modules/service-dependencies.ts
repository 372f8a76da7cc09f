import type { Clock } from '../config/clock';
import type { Database } from '../db/connection';
import type { EventRecorder } from '../events/domain-event';

/** What every service is built with, by the one composition root (`createContainer`). */
export interface ServiceDependencies {
  db: Database;
  clock: Clock;
  /** Records the domain event of each change, in the change's own transaction. */
  events: EventRecorder;
}
