export { createDispatcher, type Dispatcher, type DispatcherOptions } from './dispatcher';
export type {
  ActorReference,
  AttributeChange,
  DomainEvent,
  EventConsumer,
  EventRecorder,
  NewDomainEvent,
  SubjectReference,
} from './domain-event';
export { createEventRecorder } from './event-recorder';
export { type PruneOptions, pruneEvents } from './prune-events';
export type { RetryBackoff } from './retry-backoff';
