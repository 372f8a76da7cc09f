/**
 * The conversation tallies: how many conversations of an account each combination of label, status, inbox, assignee
 * and agent bot holds, which the counts of the desk's lists read instead of the conversations themselves. Triggers
 * of migration 0008 keep them exact; a bulk load that drops those triggers fills them again from the tables.
 */

/** The label of the tallies that count every conversation, labelled or not. */
export const everyConversation = '';

/** The assignee of the tallies of conversations no user holds. */
export const noAssignee = 0;

/** The columns that tell one tally from another, in the order of the table's primary key. */
export const tallyKey = ['account_id', 'label', 'status', 'inbox_id', 'assignee_id', 'held_by_bot'] as const;

const keyColumns = tallyKey.join(', ');

/** A conversation's key columns but the label, as a tally holds them, from `conversation` (a table or a row). */
export const talliedColumns = (conversation: string) =>
  `${conversation}.account_id, ${conversation}.status, ${conversation}.inbox_id, ` +
  `coalesce(${conversation}.assignee_id, ${noAssignee}), ${conversation}.assignee_agent_bot_id is not null`;

/**
 * Tallies every conversation and every label of a conversation, into an empty table: the tallies under a label count
 * the conversations carrying it, by the conversation's own account.
 */
export const fillConversationTallies = `insert into conversation_tallies (${keyColumns}, count)
  select conversations.account_id, '${everyConversation}', conversations.status, conversations.inbox_id,
    coalesce(conversations.assignee_id, ${noAssignee}), conversations.assignee_agent_bot_id is not null, count(*)
  from conversations
  group by ${talliedColumns('conversations')}
  union all
  select conversations.account_id, conversation_labels.label, conversations.status, conversations.inbox_id,
    coalesce(conversations.assignee_id, ${noAssignee}), conversations.assignee_agent_bot_id is not null, count(*)
  from conversation_labels join conversations on conversations.id = conversation_labels.conversation_id
  group by conversation_labels.label, ${talliedColumns('conversations')}`;

/** Empties the tallies, before they are filled again from the tables. */
export const emptyConversationTallies = 'delete from conversation_tallies';
