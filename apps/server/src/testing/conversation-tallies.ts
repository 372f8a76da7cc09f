import type { Database } from '../db/connection';
import { everyConversation, noAssignee } from '../db/conversation-tallies';

interface Tally {
  account_id: number;
  label: string;
  status: string;
  inbox_id: number;
  assignee_id: number;
  held_by_bot: boolean | 0 | 1;
  count: number;
}

/** A tally in one line, key and count, which reads well in a failed comparison. */
const lineOf = (tally: Tally) =>
  `account ${tally.account_id} label "${tally.label}" ${tally.status} inbox ${tally.inbox_id} ` +
  `assignee ${tally.assignee_id}${tally.held_by_bot ? ' bot' : ''}: ${tally.count}`;

/** The tallies the table holds, but those at zero, as sorted lines. */
export async function storedTallies(db: Database): Promise<string[]> {
  const rows: Tally[] = await db('conversation_tallies').select('*').whereNot('count', 0);
  return rows.map(lineOf).sort();
}

/** The tallies as the conversations and their labels count them, as `storedTallies` gives them. */
export async function countedTallies(db: Database): Promise<string[]> {
  const conversations = await db('conversations').select(
    'id',
    'account_id',
    'status',
    'inbox_id',
    'assignee_id',
    'assignee_agent_bot_id',
  );
  const labels = await db('conversation_labels').select('conversation_id', 'label');
  const labelsOf = new Map<number, string[]>();
  for (const { conversation_id, label } of labels) {
    labelsOf.set(conversation_id, [...(labelsOf.get(conversation_id) ?? []), label]);
  }
  const tallies = new Map<string, Tally>();
  for (const conversation of conversations) {
    for (const label of [everyConversation, ...(labelsOf.get(conversation.id) ?? [])]) {
      const tally: Tally = {
        account_id: conversation.account_id,
        label,
        status: conversation.status,
        inbox_id: conversation.inbox_id,
        assignee_id: conversation.assignee_id ?? noAssignee,
        held_by_bot: conversation.assignee_agent_bot_id !== null,
        count: 0,
      };
      const key = lineOf(tally);
      const counted = tallies.get(key) ?? tally;
      counted.count += 1;
      tallies.set(key, counted);
    }
  }
  return [...tallies.values()].map(lineOf).sort();
}
