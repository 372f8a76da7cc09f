import { startTestServer, type TestServer } from '@inquirly/server/testing';
import { openBrowser } from '@inquirly/server/testing/browser';
import { createInquirlyClient, type InquirlyClient, unwrap } from '../src';
import { accountWithAdministrator } from './account-with-administrator';

/**
 * Both sides of a conversation, through the client: a visitor of a mobile app becomes a contact of its API inbox and
 * writes; an agent answers through the application API; the visitor reads the answer, types, marks it seen and
 * resolves the conversation, which the agent then sees resolved. The inbox's satisfaction survey arrives; the visitor
 * rates the conversation on the survey page, in Chromium, and the administrator reads the rating.
 */
let server: TestServer;
let agent: InquirlyClient;
let accountId: number;
let browser: Awaited<ReturnType<typeof openBrowser>>;

beforeAll(async () => {
  server = await startTestServer();
  ({ accountId, admin: agent } = await accountWithAdministrator(server, 'Visitor Day', 'ada@visitor.example'));
  browser = await openBrowser();
}, 30_000);
afterAll(async () => {
  await browser?.close();
  await server.close();
});

it('lets a visitor and an agent talk through their own APIs, and the visitor rate the conversation', async () => {
  const inbox = await unwrap(
    agent.POST('/api/v1/accounts/{account_id}/inboxes', {
      params: { path: { account_id: accountId } },
      body: { name: 'Mobile app', channel: { type: 'api' }, csat_survey_enabled: true },
    }),
  );
  const inboxIdentifier = inbox.inbox_identifier ?? '';
  // The visitor's client carries no token: the inbox identifier and their session are their address.
  const visitor = createInquirlyClient({ baseUrl: server.url });
  const details = await unwrap(
    visitor.GET('/public/api/v1/inboxes/{inbox_identifier}', {
      params: { path: { inbox_identifier: inboxIdentifier } },
    }),
  );
  expect(details).toMatchObject({ name: 'Mobile app', identity_validation_enabled: false });

  const contact = await unwrap(
    visitor.POST('/public/api/v1/inboxes/{inbox_identifier}/contacts', {
      params: { path: { inbox_identifier: inboxIdentifier } },
      body: { name: 'Vera Visitor', email: 'vera@visitor.example' },
    }),
  );
  expect(contact.pubsub_token).toHaveLength(24);
  const session = { inbox_identifier: inboxIdentifier, contact_identifier: contact.source_id };
  const conversation = await unwrap(
    visitor.POST('/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations', {
      params: { path: session },
      body: {},
    }),
  );
  const inConversation = { ...session, conversation_id: conversation.id };
  const messagesPath =
    '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/messages';
  await unwrap(
    visitor.POST(messagesPath, { params: { path: inConversation }, body: { content: 'Is my order on its way?' } }),
  );

  const inAgentConversation = { account_id: accountId, conversation_id: conversation.id };
  const agentView = await unwrap(
    agent.GET('/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages', {
      params: { path: inAgentConversation },
    }),
  );
  expect(agentView.payload.map((message) => message.content)).toContain('Is my order on its way?');
  await unwrap(
    agent.POST('/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages', {
      params: { path: inAgentConversation },
      body: { content: 'It left our warehouse this morning.' },
    }),
  );

  const read = await unwrap(visitor.GET(messagesPath, { params: { path: inConversation } }));
  expect(read.map((message) => [message.message_type, message.content])).toEqual([
    [0, 'Is my order on its way?'],
    [1, 'It left our warehouse this morning.'],
  ]);
  const actions =
    '/public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}';
  await unwrap(
    visitor.POST(`${actions}/toggle_typing`, { params: { path: inConversation }, body: { typing_status: 'on' } }),
  );
  await unwrap(visitor.POST(`${actions}/update_last_seen`, { params: { path: inConversation } }));
  const resolved = await unwrap(visitor.POST(`${actions}/toggle_status`, { params: { path: inConversation } }));
  expect(resolved).toMatchObject({ status: 'resolved', contact: { name: 'Vera Visitor', contact_type: 'lead' } });
  expect(resolved.contact_last_seen_at).toBeGreaterThan(0);

  const seenByAgent = await unwrap(
    agent.GET('/api/v1/accounts/{account_id}/conversations/{conversation_id}', {
      params: { path: inAgentConversation },
    }),
  );
  expect(seenByAgent.status).toBe('resolved');
  const replies = await unwrap(
    agent.GET('/api/v1/accounts/{account_id}/conversations/{conversation_id}/messages', {
      params: { path: inAgentConversation },
    }),
  );
  expect(replies.payload.find((message) => message.content === 'It left our warehouse this morning.')?.status).toBe(
    'read',
  );
  expect(replies.payload.at(-2)?.content).toBe('Conversation was resolved by Vera visitor');

  const afterResolve = await unwrap(visitor.GET(messagesPath, { params: { path: inConversation } }));
  const survey = afterResolve.at(-1);
  expect(survey).toMatchObject({
    message_type: 3,
    content_type: 'input_csat',
    content: 'Please rate the conversation',
  });

  const tab = await browser.newPage();
  await tab.goto(`${server.url}/survey/responses/${conversation.uuid}`);
  await tab.getByTitle('5 – Very happy').click();
  await tab.getByLabel('Tell us more (optional)').fill('Fast and friendly');
  await tab.getByRole('button', { name: 'Submit' }).click();
  await tab.getByText('Thank you for your feedback! Your rating: 5 of 5.').waitFor();
  await tab.close();

  const ratings = await unwrap(
    agent.GET('/api/v1/accounts/{account_id}/csat_survey_responses', { params: { path: { account_id: accountId } } }),
  );
  expect(ratings).toEqual([
    expect.objectContaining({
      rating: 5,
      feedback_message: 'Fast and friendly',
      message_id: survey?.id,
      conversation_id: conversation.id,
      contact: expect.objectContaining({ name: 'Vera Visitor' }),
    }),
  ]);
}, 60_000);
