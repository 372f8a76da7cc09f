import {
  type AccountFixture,
  createAccountFixture,
  type ManualClock,
  manualClock,
  startTestServer,
  type TestServer,
} from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
let clock: ManualClock;
let inboxIdentifier: string;
beforeAll(async () => {
  clock = manualClock();
  server = await startTestServer({ clock });
  fixture = await createAccountFixture(server);
  const inbox = await server.request<{ inbox_identifier: string }>(
    'POST',
    `/api/v1/accounts/${fixture.accountId}/inboxes`,
    { token: fixture.admin.token, body: { name: 'Mobile app', channel: { type: 'api' }, csat_survey_enabled: true } },
  );
  inboxIdentifier = inbox.body.inbox_identifier;
});
afterAll(() => server.close());

const A = () => `/api/v1/accounts/${fixture.accountId}`;

async function newConversation() {
  const contact = await server.request<{ source_id: string }>(
    'POST',
    `/public/api/v1/inboxes/${inboxIdentifier}/contacts`,
    { body: {} },
  );
  const conversations = `/public/api/v1/inboxes/${inboxIdentifier}/contacts/${contact.body.source_id}/conversations`;
  const started = await server.request<{ id: number }>('POST', conversations, { body: {} });
  return { path: `${conversations}/${started.body.id}`, displayId: started.body.id };
}

/** A message the administrator sends in the conversation, answering its id. */
async function agentSends(displayId: number, body: Record<string, unknown>): Promise<number> {
  const response = await server.request<{ id: number }>('POST', `${A()}/conversations/${displayId}/messages`, {
    token: fixture.admin.token,
    body,
  });
  if (response.status !== 200) throw new Error(`sending a message answered ${response.status}`);
  return response.body.id;
}

const answer = (path: string, messageId: number, submitted_values: unknown) =>
  server.request<{ content_attributes: Record<string, unknown>; attributes?: string[] }>(
    'PATCH',
    `${path}/messages/${messageId}`,
    { body: { submitted_values } },
  );

test('an answer to an option list replaces the one before and keeps the options', async () => {
  const conversation = await newConversation();
  const items = [
    { title: 'Billing', value: 'billing' },
    { title: 'Shipping', value: 'shipping' },
  ];
  const messageId = await agentSends(conversation.displayId, {
    content: 'What is it about?',
    content_type: 'input_select',
    content_attributes: { items },
  });
  await answer(conversation.path, messageId, [{ title: 'Billing', value: 'billing' }]);
  const answered = await answer(conversation.path, messageId, [{ title: 'Shipping', value: 'shipping' }]);
  expect(answered.status).toBe(200);
  expect(answered.body.content_attributes).toEqual({
    items,
    submitted_values: [{ title: 'Shipping', value: 'shipping' }],
  });
  const event = await server
    .db('domain_events')
    .where({ name: 'message_updated', subject_id: messageId })
    .orderBy('id', 'desc')
    .first();
  expect(event).toMatchObject({ actor_type: 'contact' });
});

/** The satisfaction survey the conversation is sent when the administrator resolves it. */
async function surveyIn(displayId: number): Promise<number> {
  const resolved = await server.request('POST', `${A()}/conversations/${displayId}/toggle_status`, {
    token: fixture.admin.token,
    body: { status: 'resolved' },
  });
  if (resolved.status !== 200) throw new Error(`resolving answered ${resolved.status}`);
  const page = await server.request<{ payload: Array<{ id: number; content_type: string }> }>(
    'GET',
    `${A()}/conversations/${displayId}/messages`,
    { token: fixture.admin.token },
  );
  const survey = page.body.payload.find((message) => message.content_type === 'input_csat');
  if (!survey) throw new Error(`conversation ${displayId} was sent no survey`);
  return survey.id;
}

test('a survey takes a rating for 14 days, and a rating outside 1 to 5 is refused naming it', async () => {
  const conversation = await newConversation();
  const messageId = await surveyIn(conversation.displayId);
  const outOfRange = await answer(conversation.path, messageId, { csat_survey_response: { rating: 6 } });
  expect(outOfRange.status).toBe(422);
  expect(outOfRange.body.attributes?.join()).toMatch(/rating/);
  clock.advance(14 * 86_400);
  const onTheLastDay = await answer(conversation.path, messageId, {
    csat_survey_response: { rating: 4, feedback_message: 'Good' },
  });
  expect(onTheLastDay.status).toBe(200);
  clock.advance(1);
  const late = await answer(conversation.path, messageId, { csat_survey_response: { rating: 5 } });
  expect(late.status).toBe(422);
  expect(late.body).toMatchObject({ message: 'You cannot update the CSAT survey after 14 days' });
});

test("a private note, another conversation's message and an unknown one are JSON 404s", async () => {
  const conversation = await newConversation();
  const other = await newConversation();
  const note = await agentSends(conversation.displayId, { content: 'internal', private: true });
  const elsewhere = await agentSends(other.displayId, { content: 'Hi there' });
  for (const messageId of [note, elsewhere, 2_000_000_000]) {
    const response = await answer(conversation.path, messageId, [{ name: 'email', value: 'a@example.com' }]);
    expect(response.status).toBe(404);
  }
});
