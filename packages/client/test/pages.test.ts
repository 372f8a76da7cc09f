import { startTestServer, type TestServer } from '@inquirly/server/testing';
import {
  createInquirlyClient,
  eachContact,
  eachConversation,
  eachFilteredContact,
  eachFilteredConversation,
  eachMessage,
  eachSearchedContact,
  InquirlyApiError,
  type InquirlyClient,
  type Schemas,
  unwrap,
} from '../src';
import { accountWithAdministrator } from './account-with-administrator';

/**
 * The page walkers against a real server: every item once, in the listing's order, with no more requests than the
 * pages hold, and none after the consumer stops.
 */
let server: TestServer;
let admin: InquirlyClient;
let accountId: number;
/** The query string of each request the administrator's client has made since the last walk began. */
const requests: string[] = [];

const contactCount = 45;
const resolvedCount = 30;
const openCount = 5;
const messageCount = 45;
/** The contacts in creation order; the first 35 each have a conversation, the first 30 resolved. */
const contacts: Schemas['Contact'][] = [];
const resolvedIds: number[] = [];
const openIds: number[] = [];
const messageIds: number[] = [];

beforeAll(async () => {
  server = await startTestServer();
  ({ accountId, admin } = await accountWithAdministrator(server, 'Pages', 'ada@pages.example'));
  const inAccount = { path: { account_id: accountId } };
  const inbox = await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/inboxes', {
      params: inAccount,
      body: { name: 'API', channel: { type: 'api' } },
    }),
  );
  for (let index = 0; index < contactCount; index++) {
    const created = await unwrap(
      admin.POST('/api/v1/accounts/{account_id}/contacts', {
        params: inAccount,
        // Names out of creation order, so that sorting by name shows.
        body: {
          name: `Person ${String((index * 7) % contactCount).padStart(2, '0')}`,
          email: `person${index}@${index % 3 === 0 ? 'third' : 'other'}.example`,
        },
      }),
    );
    contacts.push(created.payload.contact);
  }
  for (const [index, contact] of contacts.slice(0, resolvedCount + openCount).entries()) {
    const status = index < resolvedCount ? 'resolved' : 'open';
    const conversation = await unwrap(
      admin.POST('/api/v1/accounts/{account_id}/conversations', {
        params: inAccount,
        body: { inbox_id: inbox.id, contact_id: contact.id, status },
      }),
    );
    (status === 'resolved' ? resolvedIds : openIds).push(conversation.id);
  }
  for (let index = 0; index < messageCount; index++) {
    const message = await unwrap(
      admin.POST('/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages', {
        params: { path: { account_id: accountId, conversation_id: openIds[0] as number } },
        body: { content: `Message ${index}` },
      }),
    );
    messageIds.push(message.id);
  }
  admin.use({
    onRequest({ request }) {
      requests.push(new URL(request.url).search);
    },
  });
}, 60_000);
afterAll(() => server.close());

/** The items a walk yields, up to `limit`, and the query string of each request it made. */
async function walk<Item>(items: AsyncIterable<Item>, limit = Number.POSITIVE_INFINITY) {
  requests.length = 0;
  const yielded: Item[] = [];
  for await (const item of items) {
    yielded.push(item);
    if (yielded.length === limit) break;
  }
  return { items: yielded, requests: [...requests] };
}

const ids = (items: { id: number }[]) => items.map((item) => item.id);
const ascending = (numbers: number[]) => [...numbers].sort((a, b) => a - b);
const emails = (found: Schemas['Contact'][]) => found.map((contact) => contact.email).sort();

describe('eachContact', () => {
  it('yields every contact once, and stops at the page that reaches the total', async () => {
    const walked = await walk(eachContact(admin, { accountId }));
    expect(ascending(ids(walked.items))).toEqual(ascending(ids(contacts)));
    expect(walked.requests).toEqual(['?page=1', '?page=2', '?page=3']);
  });

  it('passes the query on, with the order it asks for', async () => {
    const walked = await walk(eachContact(admin, { accountId, query: { sort: 'name' } }));
    const names = walked.items.map((contact) => contact.name);
    expect(names).toEqual(contacts.map((contact) => contact.name).sort());
    expect(walked.requests).toEqual(['?sort=name&page=1', '?sort=name&page=2', '?sort=name&page=3']);
  });

  it('makes no request after the loop breaks', async () => {
    const walked = await walk(eachContact(admin, { accountId }), 5);
    expect(walked.items).toHaveLength(5);
    expect(walked.requests).toEqual(['?page=1']);
  });

  it('throws the refusal of a page', async () => {
    const stranger = createInquirlyClient({ baseUrl: server.url, token: 'not-a-token' });
    const refusal = eachContact(stranger, { accountId }).next();
    await expect(refusal).rejects.toBeInstanceOf(InquirlyApiError);
    await expect(refusal).rejects.toMatchObject({ status: 401 });
  });
});

describe('eachSearchedContact', () => {
  it('stops where the search says nothing follows', async () => {
    const walked = await walk(eachSearchedContact(admin, { accountId, query: { q: '@third.', sort: 'email' } }));
    const expected = contacts.filter((contact) => contact.email?.endsWith('@third.example'));
    expect(emails(walked.items)).toEqual(emails(expected));
    // Exactly one full page: the search's `has_more` spares asking for an empty second one.
    expect(expected).toHaveLength(15);
    expect(walked.requests).toEqual(['?q=%40third.&sort=email&page=1']);
  });
});

describe('eachFilteredContact', () => {
  it('yields every matching contact once', async () => {
    const walked = await walk(
      eachFilteredContact(admin, {
        accountId,
        conditions: [{ attribute_key: 'email', filter_operator: 'contains', values: ['@other.'] }],
        query: { sort: '-email' },
      }),
    );
    const expected = contacts.filter((contact) => contact.email?.endsWith('@other.example'));
    expect(emails(walked.items)).toEqual(emails(expected));
    expect(walked.requests).toEqual(['?sort=-email&page=1', '?sort=-email&page=2']);
  });
});

describe('eachConversation', () => {
  it('yields every conversation of the status asked for once', async () => {
    const walked = await walk(eachConversation(admin, { accountId, query: { status: 'resolved' } }));
    expect(ascending(ids(walked.items))).toEqual(ascending(resolvedIds));
    expect(walked.items.every((conversation) => conversation.status === 'resolved')).toBe(true);
    expect(walked.requests).toEqual(['?status=resolved&page=1', '?status=resolved&page=2']);
  });

  it('lists open conversations by default', async () => {
    const walked = await walk(eachConversation(admin, { accountId }));
    expect(ascending(ids(walked.items))).toEqual(ascending(openIds));
    expect(walked.requests).toEqual(['?page=1']);
  });
});

describe('eachFilteredConversation', () => {
  it('yields every matching conversation once', async () => {
    const walked = await walk(
      eachFilteredConversation(admin, {
        accountId,
        conditions: [{ attribute_key: 'status', filter_operator: 'not_equal_to', values: ['open'] }],
      }),
    );
    expect(ascending(ids(walked.items))).toEqual(ascending(resolvedIds));
    expect(walked.requests).toEqual(['?page=1', '?page=2']);
  });
});

describe('eachMessage', () => {
  const inConversation = () => ({ accountId, conversationId: openIds[0] as number });

  it('yields every message once, from the newest to the oldest', async () => {
    const walked = await walk(eachMessage(admin, inConversation()));
    expect(ids(walked.items)).toEqual([...messageIds].reverse());
    const [twentiethNewest, fortiethNewest] = [messageIds[messageCount - 20], messageIds[messageCount - 40]];
    expect(walked.requests).toEqual(['', `?before=${twentiethNewest}`, `?before=${fortiethNewest}`]);
  });

  it('reads only the pages the loop uses', async () => {
    const walked = await walk(eachMessage(admin, inConversation()), 20);
    expect(ids(walked.items)).toEqual(messageIds.slice(-20).reverse());
    expect(walked.requests).toEqual(['']);
  });
});

describe('types', () => {
  it('takes only the query of the listing walked, less the page', () => {
    // @ts-expect-error the walk sets the page
    eachContact(admin, { accountId, query: { page: 2 } });
    // @ts-expect-error `status` filters conversations, not contacts
    eachContact(admin, { accountId, query: { status: 'open' } });
    // @ts-expect-error conversations are sorted with `sort_by`
    eachConversation(admin, { accountId, query: { sort: 'name' } });
    // @ts-expect-error a contact is not a conversation
    const wrong: AsyncIterable<Schemas['Conversation']> = eachContact(admin, { accountId });
    expect(wrong).toBeDefined();
  });
});
