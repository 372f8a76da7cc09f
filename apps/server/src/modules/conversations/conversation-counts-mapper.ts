import type { Schemas } from '../../http/schemas';
import type { ConversationCounts } from './conversation-listing';

/** The counts as the conversation list and its counts operation give them. */
export function toConversationCounts(counts: ConversationCounts): Schemas['ConversationCounts'] {
  return {
    mine_count: counts.mine,
    assigned_count: counts.assigned,
    unassigned_count: counts.unassigned,
    all_count: counts.all,
  };
}

/** The counts as the conversation filter gives them: without `assigned_count`, as in the reference. */
export function toConversationFilterCounts(counts: ConversationCounts): Schemas['ConversationFilterResult']['meta'] {
  return { mine_count: counts.mine, unassigned_count: counts.unassigned, all_count: counts.all };
}
