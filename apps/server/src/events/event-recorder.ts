import type { Clock } from '../config/clock';
import type { EventRecorder } from './domain-event';
import { insertEvent } from './event-store';

/**
 * Records events in the transaction the caller passes, the one that makes the change: the event commits with the
 * change or not at all, and the dispatcher hands it to consumers only once committed.
 */
export function createEventRecorder({ clock }: { clock: Clock }): EventRecorder {
  return {
    async record(transaction, event) {
      await insertEvent(transaction, event, clock.nowSeconds());
    },
  };
}
