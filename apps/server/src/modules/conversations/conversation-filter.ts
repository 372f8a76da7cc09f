import type { Knex } from 'knex';
import type { ConversationPriority, ConversationStatus } from '../../db/column-values';
import type { Database } from '../../db/connection';
import { jsonText } from '../../db/json-text';
import { normalisedLabels } from '../contacts/contact-label-service';
import { customAttributeDefinitionRepository } from '../custom-attributes/custom-attribute-repository';
import {
  choiceAttribute,
  idAttribute,
  type TagQueries,
  tagsAttribute,
  textAttribute,
  timestampAttribute,
} from '../filters/attribute-kinds';
import { compileFilter } from '../filters/compile-filter';
import { customAttributeFilters } from '../filters/custom-attribute-filters';
import type { FilterAttribute, FilterCondition, FilterOperator } from '../filters/filter-attribute';
import { textsOf } from '../filters/filter-values';
import { column, type SqlFragment, sql, sqlList } from '../filters/sql-fragment';

/** What a query over the selected conversations is for: counting all of them, or finding one page of them. */
export type SelectionReading = 'count' | 'page';

/**
 * A condition on the `conversations` table, applied to a query that reads it under that name; it may be written
 * differently for a count and for a page, whose best plans differ.
 */
export type ConversationCondition = (query: Knex.QueryBuilder, reading: SelectionReading) => void;

const statuses: readonly ConversationStatus[] = ['open', 'resolved', 'pending', 'snoozed'];
const priorities: readonly ConversationPriority[] = ['low', 'medium', 'high', 'urgent'];

const equality: FilterOperator[] = ['equal_to', 'not_equal_to'];
const presence: FilterOperator[] = ['is_present', 'is_not_present'];
const linkOperators: FilterOperator[] = [...equality, ...presence];
const textOperators: FilterOperator[] = [...equality, 'contains', 'does_not_contain'];
const dateOperators: FilterOperator[] = ['is_greater_than', 'is_less_than', 'days_before'];

/**
 * Conversations by their labels, each conversation's labels found through an index. The labels' account, the same
 * as the conversation's, lets PostgreSQL, which joins the labels rather than checking each conversation, read only
 * the account's labels through the index on (account_id, label, conversation_id).
 *
 * Carrying labels is written in two ways. `EXISTS` checks each conversation the query reads: a page reads the
 * conversations in its order and stops at the page's last, and the other conditions' indexes keep driving it on
 * SQLite. `IN`, which `countingLabelled` asks for, lets a count read the labelled conversations from the labels' index
 * rather than check every conversation of the account: for a label on a tenth of them, a tenth of the reads (SQLite
 * always reads an `IN (subquery)` first, since it reckons it at 25 rows).
 */
function conversationLabelQueries(accountId: number, { countingLabelled }: { countingLabelled: boolean }): TagQueries {
  const labelIn = (labels?: string[]) => (labels ? sql` and label in (${sqlList(labels)})` : column(''));
  const labelled = (labels?: string[]) =>
    sql`select 1 from conversation_labels where conversation_labels.conversation_id = conversations.id
      and conversation_labels.account_id = conversations.account_id${labelIn(labels)}`;
  const labelledIds = (labels?: string[]) =>
    sql`select conversation_labels.conversation_id from conversation_labels
      where conversation_labels.account_id = ${accountId}${labelIn(labels)}`;
  // NOT EXISTS for the reasons the contact filter gives: the other conditions' indexes keep driving the query on
  // SQLite, and PostgreSQL turns NOT EXISTS into an anti-join.
  return {
    normalised: normalisedLabels,
    carrying: (labels) =>
      countingLabelled ? sql`conversations.id in (${labelledIds(labels)})` : sql`exists (${labelled(labels)})`,
    lacking: (labels) => sql`not exists (${labelled(labels)})`,
  };
}

/**
 * The display id: the number itself for equality, through the account's unique index on it, and its digits for
 * `contains`, which finds conversation 1024 by `02`.
 */
function displayIdAttribute(db: Database): FilterAttribute {
  const byNumber = idAttribute(column('conversations.display_id'), equality);
  const byDigits = textAttribute(db, column('cast(conversations.display_id as text)'), {
    operators: ['contains', 'does_not_contain'],
  });
  return {
    operators: textOperators,
    predicate: (operator, values, context) =>
      (byNumber.operators.includes(operator) ? byNumber : byDigits).predicate(operator, values, context),
  };
}

/**
 * The standard keys of the conversation filter, in the order the reference lists them; a conversation custom
 * attribute may take none of them (`standardAttributeKeys`).
 */
function standardConversationAttributes(db: Database, labels: TagQueries): Map<string, FilterAttribute> {
  const additional = (key: string): SqlFragment => jsonText(db, 'conversations.additional_attributes', key);
  return new Map([
    ['status', choiceAttribute(column('conversations.status'), statuses, equality, { everyChoice: 'all' })],
    ['priority', choiceAttribute(column('conversations.priority'), priorities, equality)],
    ['browser_language', textAttribute(db, additional('browser_language'), { operators: equality })],
    ['conversation_language', textAttribute(db, additional('conversation_language'), { operators: equality })],
    ['contact_id', idAttribute(column('conversations.contact_id'), equality)],
    // A conversation held by an agent bot has an assignee too, though no user's id matches it.
    [
      'assignee_id',
      idAttribute(
        column('conversations.assignee_id'),
        linkOperators,
        column('(conversations.assignee_id is not null or conversations.assignee_agent_bot_id is not null)'),
      ),
    ],
    ['inbox_id', idAttribute(column('conversations.inbox_id'), linkOperators)],
    ['team_id', idAttribute(column('conversations.team_id'), linkOperators)],
    ['campaign_id', idAttribute(column('conversations.campaign_id'), linkOperators)],
    ['labels', tagsAttribute(labels, linkOperators)],
    ['display_id', displayIdAttribute(db)],
    ['referer', textAttribute(db, additional('referer'), { operators: textOperators })],
    ['mail_subject', textAttribute(db, additional('mail_subject'), { operators: textOperators })],
    ['created_at', timestampAttribute(column('conversations.created_at'), dateOperators)],
    ['last_activity_at', timestampAttribute(column('conversations.last_activity_at'), dateOperators)],
  ]);
}

/**
 * The conversations of an account that a filter's conditions select, as a condition on `conversations`; the caller
 * adds the account and what the member may see. The account's conversation custom attributes are read only when a
 * condition names a key that is not a standard one. A malformed condition throws a 422 naming its field.
 *
 * A count reads the labelled conversations first unless a condition names a status: the conversations of one status
 * are then read from the index that holds them, as for a page, and each checked for its labels.
 */
export async function conversationFilterCondition(
  db: Database,
  accountId: number,
  conditions: FilterCondition[],
  nowSeconds: number,
): Promise<ConversationCondition> {
  const standardFor = (countingLabelled: boolean) =>
    standardConversationAttributes(db, conversationLabelQueries(accountId, { countingLabelled }));
  const standard = standardFor(false);
  const namesCustomAttribute = conditions.some((condition) => !standard.has(condition.attribute_key));
  const definitions = namesCustomAttribute
    ? await customAttributeDefinitionRepository(db).listByModel(accountId, 'conversation_attribute')
    : [];
  const custom = { conversation_attribute: customAttributeFilters(db, 'conversations.custom_attributes', definitions) };
  const compiled = (vocabulary: Map<string, FilterAttribute>) =>
    compileFilter(conditions, { standard: vocabulary, defaultModel: 'conversation_attribute', custom }, { nowSeconds });
  const page = compiled(standard);
  const namesStatus = conditions.some((condition) => condition.attribute_key === 'status');
  const count = namesStatus ? page : compiled(standardFor(true));
  return (query, reading) => {
    const filter = reading === 'count' ? count : page;
    query.whereRaw(filter.sql, filter.bindings);
  };
}

/**
 * The label a filter selects by, when its one condition is `labels equal_to` names that come to a single label: it
 * selects the conversations carrying that label, of every status, as a selection of that label does. Read it of
 * conditions `conversationFilterCondition` accepted.
 */
export function soleLabelOf(conditions: FilterCondition[]): string | undefined {
  const [condition, ...others] = conditions;
  if (!condition || others.length > 0) return undefined;
  if (condition.attribute_key !== 'labels' || condition.filter_operator !== 'equal_to') return undefined;
  const labels = normalisedLabels(textsOf(condition.values ?? []));
  return labels.length === 1 ? labels[0] : undefined;
}
