import type { DomainEvent } from '../../src/events/domain-event';
import type { AccountFixture, TestServer } from '../../src/testing';
import type { Conversation, DeskFixture } from './desk-fixture';

/** An activity message as the tests read it. */
export interface Activity {
  content: string;
  content_attributes: Record<string, unknown>;
}

/** A consumer that keeps what the dispatcher hands it, for tests that check the events of an action. */
export function eventRecorder() {
  const received: DomainEvent[] = [];
  return {
    consumer: { name: 'desk-actions-test', handle: async (event: DomainEvent) => void received.push(event) },
    /** The events recorded since the last call, handed over by one run of the dispatcher. */
    async since(server: TestServer): Promise<DomainEvent[]> {
      await server.container.dispatcher.runOnce();
      return received.splice(0);
    },
  };
}

/** Requests to a desk's conversations and their actions. */
export function deskActions(server: TestServer, fixture: AccountFixture, desk: DeskFixture) {
  const admin = fixture.admin.token;
  return {
    /** A new open conversation of the contact in the desk's inbox, started by an administrator. */
    async open(body: Record<string, unknown> = {}): Promise<Conversation> {
      const response = await server.request<Conversation>('POST', desk.conversationsPath, {
        token: admin,
        body: { source_id: desk.sourceId, ...body },
      });
      if (response.status !== 200) throw new Error(`starting a conversation answered ${response.status}`);
      return response.body;
    },

    async show(displayId: number): Promise<Conversation> {
      return (await server.request<Conversation>('GET', desk.conversationPath(displayId), { token: admin })).body;
    },

    /** `POST …/conversations/{id}/{action}`, by an administrator unless a token is given. */
    act(displayId: number, action: string, body?: unknown, token = admin) {
      return server.request('POST', `${desk.conversationPath(displayId)}/${action}`, {
        token,
        ...(body !== undefined && { body }),
      });
    },

    /** The conversation's activity messages, oldest first. */
    async activities(displayId: number): Promise<Activity[]> {
      const response = await server.request<{ payload: Array<Activity & { message_type: number }> }>(
        'GET',
        `${desk.conversationPath(displayId)}/messages`,
        { token: admin },
      );
      return response.body.payload
        .filter((message) => message.message_type === 2)
        .map(({ content, content_attributes }) => ({ content, content_attributes }));
    },

    /** The texts of the conversation's activity messages, oldest first. */
    async activityTexts(displayId: number): Promise<string[]> {
      return (await this.activities(displayId)).map((activity) => activity.content);
    },

    /** A new agent bot of the account, made through the account's agent bots API, with its access token. */
    async createBot(name = 'Helper bot'): Promise<{ id: number; token: string }> {
      const response = await server.request('POST', `${desk.base}/agent_bots`, { token: admin, body: { name } });
      if (response.status !== 200) throw new Error(`creating an agent bot answered ${response.status}`);
      return { id: response.body.id, token: response.body.access_token };
    },
  };
}
