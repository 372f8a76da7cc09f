import { type Actor, actorReference } from '../auth/actor';
import type { AttributeChange, NewDomainEvent, SubjectReference } from './domain-event';

/** The event of a change made by an actor to a subject, in an account or outside any (null). */
export function changeEvent(
  name: string,
  actor: Actor,
  accountId: number | null,
  subject: SubjectReference,
  data: Record<string, unknown>,
): NewDomainEvent {
  return { name, accountId, subject, actor: actorReference(actor), data };
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The attributes that differ between two states of a subject, in the reference's form:
 * `[{"name": {"previous_value": "a", "current_value": "b"}}, ...]`. Only keys present in `after` are compared.
 */
export function changedAttributes(before: object, after: object): Array<Record<string, AttributeChange>> {
  const previous = before as Record<string, unknown>;
  return Object.entries(after)
    .filter(([key, value]) => !sameValue(previous[key], value))
    .map(([key, value]) => ({ [key]: { previous_value: previous[key] ?? null, current_value: value ?? null } }));
}
