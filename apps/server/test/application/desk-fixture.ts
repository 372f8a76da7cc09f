import type { AccountFixture, TestServer, TestUser } from '../../src/testing';
import { accessTokenOf, addAgent } from './new-agents';

/** A conversation as the tests read it. */
/** The four counts of a conversation list, as `meta` and the lists answer them. */
export interface ConversationCounts {
  mine_count: number;
  assigned_count: number;
  unassigned_count: number;
  all_count: number;
}

export interface Conversation {
  id: number;
  uuid: string;
  account_id: number;
  inbox_id: number;
  status: string;
  priority: string | null;
  labels: string[];
  messages: Array<Record<string, any>>;
  meta: Record<string, any>;
  unread_count: number;
  waiting_since: number;
  first_reply_created_at: number;
  last_activity_at: number;
  timestamp: number;
  snoozed_until: string | null;
  [field: string]: unknown;
}

/**
 * An account ready for conversations: an API inbox worked by the fixture's agent, a second inbox nobody works but
 * administrators, an agent of that second inbox only, and a contact with a session in both inboxes.
 */
export interface DeskFixture {
  base: string;
  inboxId: number;
  otherInboxId: number;
  /** An agent of the account who works only the other inbox. */
  otherAgent: TestUser;
  contactId: number;
  sourceId: string;
  conversationsPath: string;
  conversationPath(displayId: number): string;
}

export async function createDeskFixture(server: TestServer, fixture: AccountFixture): Promise<DeskFixture> {
  const base = `/api/v1/accounts/${fixture.accountId}`;
  const admin = fixture.admin.token;
  async function expectOk<Body>(method: string, path: string, body: unknown): Promise<Body> {
    const response = await server.request<Body>(method, `${base}${path}`, { token: admin, body });
    if (response.status !== 200) {
      throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }
  const inbox = await expectOk<{ id: number }>('POST', '/inboxes', { name: 'Support', channel: { type: 'api' } });
  const otherInbox = await expectOk<{ id: number }>('POST', '/inboxes', { name: 'Sales', channel: { type: 'api' } });
  const added = await addAgent(server, fixture, { name: 'Other Agent', role: 'agent' });
  const otherAgent = { id: added.id, email: added.email, token: await accessTokenOf(server, added.id) };
  await expectOk('POST', '/inbox_members', { inbox_id: inbox.id, user_ids: [fixture.agent.id] });
  await expectOk('POST', '/inbox_members', { inbox_id: otherInbox.id, user_ids: [otherAgent.id] });
  const contact = await expectOk<{ payload: { contact: { id: number }; contact_inbox: { source_id: string } } }>(
    'POST',
    '/contacts',
    {
      name: 'Carla Contact',
      email: `carla-${fixture.accountId}@example.com`,
      inbox_id: inbox.id,
    },
  );
  const contactId = contact.payload.contact.id;
  await expectOk('POST', `/contacts/${contactId}/contact_inboxes`, { inbox_id: otherInbox.id });
  return {
    base,
    inboxId: inbox.id,
    otherInboxId: otherInbox.id,
    otherAgent,
    contactId,
    sourceId: contact.payload.contact_inbox.source_id,
    conversationsPath: `${base}/conversations`,
    conversationPath: (displayId) => `${base}/conversations/${displayId}`,
  };
}
