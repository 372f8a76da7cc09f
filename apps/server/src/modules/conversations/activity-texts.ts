import type { ConversationPriority, ConversationStatus } from '../../db/column-values';

// The English texts of the activity messages the reference writes, with the acting user's name. They are part of the
// wire format: clients and reports match on them.

interface Named {
  id?: number;
  name: string;
}

const statusTexts: Record<ConversationStatus, (actor: string) => string> = {
  resolved: (actor) => `Conversation was marked resolved by ${actor}`,
  open: (actor) => `Conversation was reopened by ${actor}`,
  pending: (actor) => `Conversation was marked as pending by ${actor}`,
  snoozed: (actor) => `Conversation was snoozed by ${actor}`,
};

export const statusActivityText = (actor: Named, status: ConversationStatus): string => statusTexts[status](actor.name);

/** The name as Ruby's `capitalize` writes it, as the reference names a contact: `john DOE` is `John doe`. */
const capitalized = (name: string) => name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();

/** What a contact resolving their conversation through the client API writes. */
export const contactResolvedActivityText = (contact: Named): string =>
  `Conversation was resolved by ${capitalized(contact.name)}`;

export function priorityActivityText(
  actor: Named,
  previous: ConversationPriority | null,
  current: ConversationPriority | null,
): string | undefined {
  if (previous === current) return undefined;
  if (current === null) return `${actor.name} removed the priority`;
  if (previous === null) return `${actor.name} set the priority to ${current}`;
  return `${actor.name} changed the priority from ${previous} to ${current}`;
}

/** A change of a conversation's assignee, its team, or both in one save. */
export interface AssignmentChange {
  /** The assignee after the change, when it changed; null when it was removed. */
  assignee?: Named | null;
  /** The team after the change, when it changed; null when it was removed. */
  team?: Named | null;
  /** The team before the change. */
  previousTeam?: Named | null;
}

/** The activity of an assignment: a team change speaks for both when both change in one save. */
export function assignmentActivityText(actor: Named, change: AssignmentChange): string | undefined {
  if (change.team !== undefined) {
    if (change.team === null) {
      return change.previousTeam ? `Unassigned from ${change.previousTeam.name} by ${actor.name}` : undefined;
    }
    return change.assignee
      ? `Assigned to ${change.assignee.name} via ${change.team.name} by ${actor.name}`
      : `Assigned to ${change.team.name} by ${actor.name}`;
  }
  if (change.assignee === undefined) return undefined;
  if (change.assignee === null) return `Conversation unassigned by ${actor.name}`;
  if (change.assignee.id !== undefined && change.assignee.id === actor.id) {
    return `${actor.name} self-assigned this conversation`;
  }
  return `Assigned to ${change.assignee.name} by ${actor.name}`;
}

/** The activities of a change of labels: one for those added, one for those removed. */
export function labelActivityTexts(actor: Named, added: string[], removed: string[]): string[] {
  return [
    ...(added.length > 0 ? [`${actor.name} added ${added.join(', ')}`] : []),
    ...(removed.length > 0 ? [`${actor.name} removed ${removed.join(', ')}`] : []),
  ];
}
