import type { Clock } from '../config/clock';
import type { EventRecorder, NewDomainEvent } from './domain-event';
import { insertEvent } from './event-store';

/** An update that names its changed attributes and finds none changed nothing that consumers should hear of. */
const changesNothing = (event: NewDomainEvent) =>
  Array.isArray(event.data.changed_attributes) && event.data.changed_attributes.length === 0;

/**
 * Records events in the transaction the caller passes, the one that makes the change: the event commits with the
 * change or not at all, and the dispatcher hands it to consumers only once committed. An update that set every
 * attribute to the value it had records nothing, as the reference fires no update for a save without changes.
 */
export function createEventRecorder({ clock }: { clock: Clock }): EventRecorder {
  return {
    async record(transaction, event) {
      if (changesNothing(event)) return;
      await insertEvent(transaction, event, clock.nowSeconds());
    },
  };
}
