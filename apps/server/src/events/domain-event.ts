import type { Database } from '../db/connection';

/** Who caused a change, as the event log keeps it: the kind of actor and its id (none for the system). */
export interface ActorReference {
  type: 'user' | 'agent_bot' | 'contact' | 'platform_app' | 'system';
  id: number | null;
}

/** The object a change happened to, such as `{type: 'contact', id: 7}`. */
export interface SubjectReference {
  type: string;
  id: number;
}

/** A value before and after a change, as consumers (webhooks, automation) read `changed_attributes`. */
export interface AttributeChange {
  previous_value: unknown;
  current_value: unknown;
}

/** A state change as a service records it, inside the transaction that makes the change. */
export interface NewDomainEvent {
  /** In the reference's vocabulary where it has one: `contact_created`, `inbox_updated`, ... */
  name: string;
  /** The account the change belongs to; null for changes outside any account (a platform user, say). */
  accountId: number | null;
  subject: SubjectReference;
  actor: ActorReference;
  /** What consumers need without reading the database again: the subject as committed, `changed_attributes`, ... */
  data: Record<string, unknown>;
}

/** A committed event, as the dispatcher hands it to consumers. */
export interface DomainEvent extends NewDomainEvent {
  id: number;
  /** Unix seconds. */
  occurredAt: number;
}

/** Records events in the caller's transaction, so that a rollback leaves none. */
export interface EventRecorder {
  record(transaction: Database, event: NewDomainEvent): Promise<void>;
}

/** A reader of the event log (webhooks, agent bots, automation, realtime, reports), with its own progress. */
export interface EventConsumer {
  /** Stable name: the consumer's progress is kept under it. */
  name: string;
  /** Handles one event; a throw makes the dispatcher retry this event later, with backoff, for this consumer only. */
  handle(event: DomainEvent): Promise<void>;
  /**
   * Handles a batch of events at once, in log order, for a consumer that gains from it (reading for several events
   * together); the dispatcher then calls it instead of `handle`. A throw makes the dispatcher retry the whole batch
   * later, events already handled included.
   */
  handleBatch?(events: DomainEvent[]): Promise<void>;
}
