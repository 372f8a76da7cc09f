import type { InquirlyClient } from './create-client.js';
import type { operations, Schemas } from './types.js';
import { unwrap } from './unwrap.js';

/** An operation's query parameters, less the ones the walk itself sets. */
type QueryOf<Operation extends keyof operations, SetByWalk extends string> = Omit<
  NonNullable<operations[Operation]['parameters']['query']>,
  SetByWalk
>;

// The size of a window of messages: a shorter one is the conversation's first.
const messagesPerPage = 20;

/** One page of a listing, and where the next one starts: `next` is undefined after the last page. */
interface Page<Item, Cursor> {
  items: Item[];
  next: Cursor | undefined;
}

/**
 * Yields the items of one page after another. A page is fetched only when the consumer asks for the item after the
 * previous page's last, so breaking out of `for await` makes no further request.
 */
async function* walkPages<Item, Cursor>(
  fetchPage: (cursor: Cursor | undefined) => Promise<Page<Item, Cursor>>,
): AsyncGenerator<Item, void, undefined> {
  let cursor: Cursor | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.next;
  } while (cursor !== undefined);
}

/** One numbered page, with what the listing says of those after it: its total, or whether more follow. */
type NumberedPage<Item> = { items: Item[]; total: number } | { items: Item[]; hasMore: boolean };

/**
 * Walks pages numbered from 1 until the listing's total is reached, it says nothing follows, or a page is empty. The
 * walk counts the items rather than assume a page size, and stops without asking for an empty page when the items
 * fill their last page exactly.
 */
function walkNumberedPages<Item>(
  fetchPage: (page: number) => Promise<NumberedPage<Item>>,
): AsyncGenerator<Item, void, undefined> {
  let seen = 0;
  return walkPages<Item, number>(async (page = 1) => {
    const listed = await fetchPage(page);
    seen += listed.items.length;
    const more = listed.items.length > 0 && ('hasMore' in listed ? listed.hasMore : seen < listed.total);
    return { items: listed.items, next: more ? page + 1 : undefined };
  });
}

/**
 * Every contact of the account's list, page after page (15 at a time), in the order `query.sort` asks for (by default
 * the most recently active first). As the list itself, it leaves out anonymous visitors.
 *
 * The pages are read one by one as the loop goes, by number: contacts created or deleted meanwhile can shift the
 * later pages, so a contact may be skipped or seen twice.
 *
 * @throws {InquirlyApiError} when a page is refused, e.g. 401 for a bad token.
 * @example
 * ```ts
 * for await (const contact of eachContact(client, { accountId, query: { labels: ['vip'], sort: 'name' } })) {
 *   console.log(contact.name, contact.email);
 * }
 * ```
 */
export function eachContact(
  client: InquirlyClient,
  { accountId, query }: { accountId: number; query?: QueryOf<'listContacts', 'page'> | undefined },
): AsyncIterableIterator<Schemas['Contact']> {
  return walkNumberedPages(async (page) => {
    const { meta, payload } = await unwrap(
      client.GET('/api/v1/accounts/{account_id}/contacts', {
        params: { path: { account_id: accountId }, query: { ...query, page } },
      }),
    );
    return { items: payload, total: meta.count };
  });
}

/**
 * Every contact whose name, email or phone number contains `query.q` (ignoring case), or whose identifier does, page
 * after page (15 at a time), as the contact search finds them.
 *
 * @throws {InquirlyApiError} when a page is refused, e.g. 422 for a blank `q`.
 * @example
 * ```ts
 * const found = [];
 * for await (const contact of eachSearchedContact(client, { accountId, query: { q: 'example.com', sort: 'email' } })) {
 *   found.push(contact.email);
 * }
 * ```
 */
export function eachSearchedContact(
  client: InquirlyClient,
  { accountId, query }: { accountId: number; query: QueryOf<'searchContacts', 'page'> },
): AsyncIterableIterator<Schemas['Contact']> {
  return walkNumberedPages(async (page) => {
    const { meta, payload } = await unwrap(
      client.GET('/api/v1/accounts/{account_id}/contacts/search', {
        params: { path: { account_id: accountId }, query: { ...query, page } },
      }),
    );
    return { items: payload, hasMore: meta.has_more };
  });
}

/**
 * Every contact matching `conditions`, joined left to right by each condition's `query_operator`, page after page
 * (15 at a time).
 *
 * @throws {InquirlyApiError} when a page is refused, e.g. 422 for an unknown attribute key.
 * @example
 * ```ts
 * const inLisbon = eachFilteredContact(client, {
 *   accountId,
 *   conditions: [{ attribute_key: 'city', filter_operator: 'equal_to', values: ['Lisbon'] }],
 * });
 * for await (const contact of inLisbon) invite(contact);
 * ```
 */
export function eachFilteredContact(
  client: InquirlyClient,
  {
    accountId,
    conditions,
    query,
  }: {
    accountId: number;
    conditions: Schemas['FilterCondition'][];
    query?: QueryOf<'filterContacts', 'page'> | undefined;
  },
): AsyncIterableIterator<Schemas['Contact']> {
  return walkNumberedPages(async (page) => {
    const { meta, payload } = await unwrap(
      client.POST('/api/v1/accounts/{account_id}/contacts/filter', {
        params: { path: { account_id: accountId }, query: { ...query, page } },
        body: { payload: conditions },
      }),
    );
    return { items: payload, total: meta.count };
  });
}

/**
 * Every conversation of the account's list the caller sees, page after page (25 at a time), most recently active
 * first unless `query.sort_by` says otherwise. As the list itself, it holds open conversations unless `query.status`
 * names another status (or `all`).
 *
 * The pages are read one by one as the loop goes, by number: a conversation that moves meanwhile (a new message
 * changes its place in the default order) can shift the later pages, so a conversation may be skipped or seen
 * twice.
 *
 * @throws {InquirlyApiError} when a page is refused, e.g. 422 for an unknown status.
 * @example
 * ```ts
 * for await (const conversation of eachConversation(client, { accountId, query: { status: 'resolved', inbox_id } })) {
 *   archive(conversation.id);
 * }
 * ```
 */
export function eachConversation(
  client: InquirlyClient,
  { accountId, query }: { accountId: number; query?: QueryOf<'listConversations', 'page'> | undefined },
): AsyncIterableIterator<Schemas['Conversation']> {
  return walkNumberedPages(async (page) => {
    const { data } = await unwrap(
      client.GET('/api/v1/accounts/{account_id}/conversations', {
        params: { path: { account_id: accountId }, query: { ...query, page } },
      }),
    );
    return { items: data.payload, total: listedCount(data.meta, query?.assignee_type) };
  });
}

/** Of the list's counts, the one of the conversations the list holds for `assigneeType`. */
function listedCount(
  counts: Schemas['ConversationCounts'],
  assigneeType: QueryOf<'listConversations', 'page'>['assignee_type'],
): number {
  if (assigneeType === 'me') return counts.mine_count;
  if (assigneeType === 'unassigned') return counts.unassigned_count;
  if (assigneeType === 'assigned') return counts.assigned_count;
  return counts.all_count;
}

/**
 * Every conversation the caller sees matching `conditions`, of any status unless a condition names one, joined left
 * to right by each condition's `query_operator`, most recently active first, page after page (25 at a time).
 *
 * @throws {InquirlyApiError} when a page is refused, e.g. 422 for an unknown attribute key.
 * @example
 * ```ts
 * const urgent = eachFilteredConversation(client, {
 *   accountId,
 *   conditions: [{ attribute_key: 'priority', filter_operator: 'equal_to', values: ['urgent'] }],
 * });
 * for await (const conversation of urgent) escalate(conversation.id);
 * ```
 */
export function eachFilteredConversation(
  client: InquirlyClient,
  { accountId, conditions }: { accountId: number; conditions: Schemas['FilterCondition'][] },
): AsyncIterableIterator<Schemas['Conversation']> {
  return walkNumberedPages(async (page) => {
    const { meta, payload } = await unwrap(
      client.POST('/api/v1/accounts/{account_id}/conversations/filter', {
        params: { path: { account_id: accountId }, query: { page } },
        body: { payload: conditions },
      }),
    );
    return { items: payload, total: meta.all_count };
  });
}

/**
 * Every message of a conversation, of every kind, from the newest to the oldest: strictly by descending id. The walk
 * goes backwards 20 messages at a time, each window before the oldest message seen, so it holds one window at a time
 * and reading the latest few costs one request however long the conversation. Messages written while it runs are not
 * included; none is skipped or seen twice.
 *
 * `conversationId` is the conversation's display id, as in every path.
 *
 * @throws {InquirlyApiError} when a page is refused, e.g. 404 for a conversation the caller does not see.
 * @example
 * ```ts
 * const latest = [];
 * for await (const message of eachMessage(client, { accountId, conversationId: 42 })) {
 *   latest.push(message);
 *   if (latest.length === 50) break;
 * }
 * latest.reverse(); // oldest first, to show them as a thread
 * ```
 */
export function eachMessage(
  client: InquirlyClient,
  { accountId, conversationId }: { accountId: number; conversationId: number },
): AsyncIterableIterator<Schemas['Message']> {
  return walkPages<Schemas['Message'], number>(async (before) => {
    const { payload } = await unwrap(
      client.GET('/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages', {
        params: {
          path: { account_id: accountId, conversation_id: conversationId },
          query: before === undefined ? {} : { before },
        },
      }),
    );
    // A window comes oldest first; its first message bounds the next, older window.
    const next = payload.length < messagesPerPage ? undefined : payload[0]?.id;
    return { items: payload.reverse(), next };
  });
}
