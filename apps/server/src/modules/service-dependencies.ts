import type { Clock } from '../config/clock';
import type { Database } from '../db/connection';
import type { EventRecorder } from '../events/domain-event';
import type { AccountDirectories } from './directory/account-directory';
import type { Repositories } from './repositories';

/** What every service is built with, by the one composition root (`createContainer`). */
export interface ServiceDependencies {
  db: Database;
  clock: Clock;
  /** Records the domain event of each change, in the change's own transaction. */
  events: EventRecorder;
  /** Other areas' repositories, for the reads and writes a service makes across areas in its own transactions. */
  repositories: Repositories;
  /** Accounts' inboxes, teams, members and agents, kept in memory while they stay as they are. */
  directories: AccountDirectories;
}
