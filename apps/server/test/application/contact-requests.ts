import type { AccountFixture, TestServer } from '../../src/testing';

/** A contact as the tests read it. */
export interface Contact {
  id: number;
  name: string;
  email: string | null;
  phone_number: string | null;
  identifier: string | null;
  blocked: boolean;
  additional_attributes: Record<string, unknown>;
  custom_attributes: Record<string, unknown>;
  last_activity_at?: number;
  created_at: number;
  contact_inboxes?: { source_id: string; inbox: { id: number; channel_type: string } }[];
}

export interface ContactPage {
  meta: { count: number; current_page: number; has_more?: boolean };
  payload: Contact[];
}

/** The contact requests of one account, as its administrator unless another token is given. */
export function contactRequests(server: TestServer, fixture: AccountFixture) {
  const base = (accountId = fixture.accountId) => `/api/v1/accounts/${accountId}`;

  return {
    base,

    create(body: Record<string, unknown>, token = fixture.admin.token, accountId = fixture.accountId) {
      return server.request('POST', `${base(accountId)}/contacts`, { token, body });
    },

    /** A new contact, failing the test when the server refuses it. */
    async created(body: Record<string, unknown>, token = fixture.admin.token): Promise<Contact> {
      const response = await server.request('POST', `${base()}/contacts`, { token, body });
      if (response.status !== 200) {
        throw new Error(`creating a contact answered ${response.status}: ${JSON.stringify(response.body)}`);
      }
      return response.body.payload.contact;
    },

    /** A GET under the account, such as `/contacts?page=2`, as the agent unless another token is given. */
    get<Body = any>(path: string, token = fixture.agent.token) {
      return server.request<Body>('GET', `${base()}${path}`, { token });
    },

    async inbox(channel: Record<string, unknown>, name = 'Support'): Promise<number> {
      const response = await server.request('POST', `${base()}/inboxes`, {
        token: fixture.admin.token,
        body: { name, channel },
      });
      if (response.status !== 200) throw new Error(`creating an inbox answered ${response.status}`);
      return response.body.id;
    },

    async addAgentTo(inboxId: number): Promise<void> {
      const response = await server.request('POST', `${base()}/inbox_members`, {
        token: fixture.admin.token,
        body: { inbox_id: inboxId, user_ids: [fixture.agent.id] },
      });
      if (response.status !== 200) throw new Error(`adding the agent answered ${response.status}`);
    },

    async label(contactId: number, labels: string[]): Promise<void> {
      const response = await server.request('POST', `${base()}/contacts/${contactId}/labels`, {
        token: fixture.admin.token,
        body: { labels },
      });
      if (response.status !== 200) throw new Error(`labelling answered ${response.status}`);
    },
  };
}

export const namesOf = (page: ContactPage): string[] => page.payload.map((contact) => contact.name);
