import type { Knex } from 'knex';
import type { ConversationStatus } from '../../db/column-values';
import type { Database } from '../../db/connection';
import { everyConversation, noAssignee } from '../../db/conversation-tallies';
import { escapeLike } from '../../db/like-pattern';
import type { TableRow } from '../../db/tables';
import { phrase, shortestIndexedText } from '../contacts/contact-search';
import type { ConversationCondition, SelectionReading } from './conversation-filter';
import { type ConversationRecord, toConversationRecord } from './conversation-repository';

/**
 * The conversations a listing reads: those of the account in the inboxes the viewer sees, narrowed by the filters.
 * Every filter left undefined leaves its column free.
 */
export interface ConversationSelection {
  accountId: number;
  contactId?: number;
  /** The inboxes read; undefined reads every inbox of the account. */
  inboxIds?: number[];
  status?: ConversationStatus;
  teamId?: number;
  /** Lower-cased labels, of which a conversation carries any. */
  labels?: string[];
  /** Text that an incoming or outgoing message of the conversation contains, ignoring case. */
  text?: string;
  /** Any further condition, such as a filter's. */
  condition?: ConversationCondition;
}

/** Which of the selected conversations a page lists, by who holds them. */
export type ConversationHolder = 'me' | 'unassigned' | 'assigned' | 'anyone';

/** The selected conversations counted by who holds them. */
export interface ConversationCounts {
  mine: number;
  assigned: number;
  unassigned: number;
  all: number;
}

export const conversationOrders = [
  'last_activity_at_desc',
  'last_activity_at_asc',
  'created_at_desc',
  'created_at_asc',
  'priority_desc',
  'priority_asc',
  'priority_desc_created_at_asc',
  'waiting_since_asc',
  'waiting_since_desc',
] as const;
export type ConversationOrder = (typeof conversationOrders)[number];

export interface ConversationPageRequest {
  holder: ConversationHolder;
  order: ConversationOrder;
  /** From 1. */
  page: number;
  pageSize: number;
}

// The messages `q` searches: what the contact and the agents wrote, private notes included; not activity messages.
const searchedMessageTypes = ['incoming', 'outgoing'];

// Priorities by urgency, for the orders that rank by it; priorities are stored by name.
const priorityRank =
  "case conversations.priority when 'low' then 0 when 'medium' then 1 when 'high' then 2 when 'urgent' then 3 end";

const orderClauses: Record<ConversationOrder, string> = {
  // The account indexes give the orders of activity and creation as they are, and hold the keys of the others.
  last_activity_at_desc: 'conversations.last_activity_at desc, conversations.id desc',
  last_activity_at_asc: 'conversations.last_activity_at asc, conversations.id asc',
  created_at_desc: 'conversations.created_at desc, conversations.id desc',
  created_at_asc: 'conversations.created_at asc, conversations.id asc',
  priority_desc: `${priorityRank} desc nulls last, conversations.last_activity_at desc, conversations.id desc`,
  priority_asc: `${priorityRank} asc nulls last, conversations.last_activity_at desc, conversations.id desc`,
  priority_desc_created_at_asc: `${priorityRank} desc nulls last, conversations.created_at asc, conversations.id asc`,
  waiting_since_asc: 'conversations.waiting_since asc nulls last, conversations.created_at asc, conversations.id asc',
  waiting_since_desc: 'conversations.waiting_since desc nulls last, conversations.created_at asc, conversations.id asc',
};

const isPostgres = (db: Database) => db.client.config.client === 'pg';

/**
 * Conversations with an incoming or outgoing message containing `text` ignoring case: on PostgreSQL through the
 * trigram index of message contents, on SQLite through its trigram table, whose phrase query matches exactly the
 * rows containing the text. Texts too short for a trigram are matched by reading the messages.
 */
function containingText(db: Database, text: string): ConversationCondition {
  if (isPostgres(db)) {
    return (query) =>
      query.whereIn('conversations.id', (messages) =>
        messages
          .select('messages.conversation_id')
          .from('messages')
          .whereIn('messages.message_type', searchedMessageTypes)
          .whereRaw('messages.content ilike ?', [`%${escapeLike(text)}%`]),
      );
  }
  if ([...text].length < shortestIndexedText) {
    return (query) =>
      query.whereExists((messages) =>
        messages
          .select(db.raw('1'))
          .from('messages')
          .whereRaw('messages.conversation_id = conversations.id')
          .whereIn('messages.message_type', searchedMessageTypes)
          .whereRaw(`messages.content like ? escape '\\'`, [`%${escapeLike(text)}%`]),
      );
  }
  return (query) =>
    query.whereIn('conversations.id', (messages) =>
      messages
        .select('messages.conversation_id')
        .from('messages')
        .whereRaw('messages.id in (select rowid from message_search where message_search match ?)', [phrase(text)])
        .whereIn('messages.message_type', searchedMessageTypes),
    );
}

function byHolder(query: Knex.QueryBuilder, holder: ConversationHolder, viewerId: number): void {
  if (holder === 'me') query.where('conversations.assignee_id', viewerId);
  if (holder === 'unassigned') {
    query.whereNull('conversations.assignee_id').whereNull('conversations.assignee_agent_bot_id');
  }
  if (holder === 'assigned') {
    query.where((either) =>
      either.whereNotNull('conversations.assignee_id').orWhereNotNull('conversations.assignee_agent_bot_id'),
    );
  }
}

/**
 * The one label whose tallies count the selection (`everyConversation` for none), when the tallies can: they count
 * conversations by account, label, status, inbox and holder, and nothing else.
 */
function talliedLabel(selection: ConversationSelection): string | undefined {
  const narrowedElsewhere =
    selection.contactId !== undefined ||
    selection.teamId !== undefined ||
    selection.text !== undefined ||
    selection.condition !== undefined;
  if (narrowedElsewhere) return undefined;
  if (selection.labels === undefined) return everyConversation;
  return selection.labels.length === 1 ? selection.labels[0] : undefined;
}

interface CountsRow {
  all_count: number | string | null;
  mine_count: number | string | null;
  unassigned_count: number | string | null;
}

function countsOf(row: CountsRow | undefined): ConversationCounts {
  const all = Number(row?.all_count ?? 0);
  const unassigned = Number(row?.unassigned_count ?? 0);
  return { mine: Number(row?.mine_count ?? 0), assigned: all - unassigned, unassigned, all };
}

/** The conversation lists of an account: what a selection counts, and its pages in the orders the desk offers. */
export function conversationListing(db: Database) {
  /**
   * Conversations carrying any of the labels. A page, and a count of one status, read the conversations from the
   * index of their order or status and check each one's labels. A count of every status reads the labelled ones from
   * the labels' index instead (as `conversationLabelQueries` explains), rather than checking the account's every
   * conversation.
   */
  function carryingLabels(
    query: Knex.QueryBuilder,
    selection: ConversationSelection,
    labels: string[],
    reading: SelectionReading,
  ) {
    if (selection.status === undefined && reading === 'count') {
      query.whereIn('conversations.id', (labelled) =>
        labelled
          .select('conversation_labels.conversation_id')
          .from('conversation_labels')
          .where('conversation_labels.account_id', selection.accountId)
          .whereIn('conversation_labels.label', labels),
      );
      return;
    }
    // The labels' account, the conversation's own, lets PostgreSQL read only the account's labels through their
    // index when it joins them rather than checking each conversation.
    query.whereExists((labelled) =>
      labelled
        .select(db.raw('1'))
        .from('conversation_labels')
        .whereRaw('conversation_labels.conversation_id = conversations.id')
        .whereRaw('conversation_labels.account_id = conversations.account_id')
        .whereIn('conversation_labels.label', labels),
    );
  }

  function selected(selection: ConversationSelection, reading: SelectionReading): Knex.QueryBuilder {
    const query = db('conversations').where('conversations.account_id', selection.accountId);
    if (selection.contactId !== undefined) query.where('conversations.contact_id', selection.contactId);
    if (selection.inboxIds !== undefined) query.whereIn('conversations.inbox_id', selection.inboxIds);
    if (selection.status !== undefined) query.where('conversations.status', selection.status);
    if (selection.teamId !== undefined) query.where('conversations.team_id', selection.teamId);
    if (selection.labels !== undefined) carryingLabels(query, selection, selection.labels, reading);
    if (selection.text !== undefined) containingText(db, selection.text)(query, reading);
    if (selection.condition) {
      const condition = selection.condition;
      query.where((narrowed) => condition(narrowed, reading));
    }
    return query;
  }

  /** The counts of a selection the tallies count, from the tallies of its label, status and inboxes. */
  async function talliedCounts(selection: ConversationSelection, label: string, viewerId: number) {
    const query = db('conversation_tallies')
      .where({ account_id: selection.accountId, label })
      .select(
        db.raw('sum(count) as all_count'),
        db.raw('sum(case when assignee_id = ? then count else 0 end) as mine_count', [viewerId]),
        db.raw('sum(case when assignee_id = ? and not held_by_bot then count else 0 end) as unassigned_count', [
          noAssignee,
        ]),
      );
    if (selection.status !== undefined) query.where('status', selection.status);
    if (selection.inboxIds !== undefined) query.whereIn('inbox_id', selection.inboxIds);
    const row = await query.first<CountsRow | undefined>();
    return countsOf(row);
  }

  return {
    /**
     * The selected conversations counted by holder: from the tallies when they count the selection, otherwise in
     * one pass over the conversations.
     */
    async counts(selection: ConversationSelection, viewerId: number): Promise<ConversationCounts> {
      if (selection.inboxIds?.length === 0) return countsOf(undefined);
      const label = talliedLabel(selection);
      if (label !== undefined) return talliedCounts(selection, label, viewerId);
      const row: CountsRow = await selected(selection, 'count')
        .select(
          db.raw('count(*) as all_count'),
          db.raw('count(*) filter (where conversations.assignee_id = ?) as mine_count', [viewerId]),
          db.raw(
            `count(*) filter (where conversations.assignee_id is null
               and conversations.assignee_agent_bot_id is null) as unassigned_count`,
          ),
        )
        .first();
      return countsOf(row);
    },

    /**
     * One page of the selected conversations held as `holder` says, in `order`. The page's ids are found first and
     * its rows read after, so that an order no index gives sorts the ids and their keys, not whole rows.
     */
    async page(
      selection: ConversationSelection,
      viewerId: number,
      request: ConversationPageRequest,
    ): Promise<ConversationRecord[]> {
      if (selection.inboxIds?.length === 0) return [];
      const onPage = selected(selection, 'page')
        .select('conversations.id')
        .orderByRaw(orderClauses[request.order])
        .limit(request.pageSize)
        .offset((request.page - 1) * request.pageSize);
      byHolder(onPage, request.holder, viewerId);
      const rows: TableRow<'conversations'>[] = await db('conversations')
        .select('conversations.*')
        .whereIn('conversations.id', onPage)
        .orderByRaw(orderClauses[request.order]);
      return rows.map(toConversationRecord);
    },
  };
}

export type ConversationListing = ReturnType<typeof conversationListing>;
