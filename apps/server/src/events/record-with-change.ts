import type { Database } from '../db/connection';
import type { EventRecorder, NewDomainEvent } from './domain-event';

/** Makes a change and records its event in one transaction: both commit, or neither does. */
export function recordWithChange({ db, events }: { db: Database; events: EventRecorder }) {
  return async <T>(change: (trx: Database) => Promise<T>, eventOf: (result: T) => NewDomainEvent): Promise<T> =>
    db.transaction(async (trx) => {
      const result = await change(trx);
      await events.record(trx, eventOf(result));
      return result;
    });
}
