import type { ActorReference, DomainEvent } from '../../src/events/domain-event';
import { loadSpecDocument } from '../../src/http/spec-document';
import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

/** A consumer as webhooks or automation will be: it keeps what the dispatcher hands it. */
const delivered: DomainEvent[] = [];
const testConsumer = { name: 'test-consumer', handle: async (event: DomainEvent) => void delivered.push(event) };

let server: TestServer;
let fixture: AccountFixture;
beforeAll(async () => {
  server = await startTestServer({ consumers: [testConsumer] });
  fixture = await createAccountFixture(server);
  await server.container.dispatcher.runOnce();
  delivered.length = 0;
});
afterAll(() => server.close());

/** Operations that change nothing although they are not GETs, and GETs that do change something. */
const readOnlyWrites = new Set(['filterContacts', 'filterConversations']);
const writingReads = new Set(['platformGetUserSsoLink', 'signInWithSsoLink']);

const writeOperations = Object.values(loadSpecDocument().paths)
  .flatMap((item) => Object.entries(item))
  .filter(([method, operation]) =>
    method === 'get' ? writingReads.has(operation.operationId ?? '') : !readOnlyWrites.has(operation.operationId ?? ''),
  )
  .map(([, operation]) => operation.operationId as string);

const exercised = new Set<string>();

interface ExpectedEvent {
  name: string;
  subject: string;
  actor: ActorReference['type'];
}

/**
 * Sends one write, lets the dispatcher run, and checks the events the test consumer received: their names, subjects
 * and actors, in order. Answers the response body.
 */
async function write(
  operationId: string,
  [method, path]: [string, string],
  options: { token?: string; body?: unknown },
  expected: ExpectedEvent[],
): Promise<any> {
  const response = await server.request(method, path, options);
  expect(response.status).toBeLessThan(300);
  await server.container.dispatcher.runOnce();
  const received = delivered.splice(0);
  expect(received.map(({ name, subject, actor }) => ({ name, subject: subject.type, actor: actor.type }))).toEqual(
    expected,
  );
  exercised.add(operationId);
  return response.body;
}

const by = (actor: ActorReference['type']) => (name: string, subject: string) => ({ name, subject, actor });
const platform = by('platform_app');
const member = by('user');

test('every write of the platform API records its event, which the consumer receives', async () => {
  const token = fixture.platformToken;
  const P = '/platform/api/v1';
  const account = await write('platformCreateAccount', ['POST', `${P}/accounts`], { token, body: { name: 'Events' } }, [
    platform('account_created', 'account'),
  ]);
  await write('platformUpdateAccount', ['PATCH', `${P}/accounts/${account.id}`], { token, body: { name: 'Renamed' } }, [
    platform('account_updated', 'account'),
  ]);
  const user = await write(
    'platformCreateUser',
    ['POST', `${P}/users`],
    { token, body: { name: 'Eve', email: 'eve-events@example.com', password: 'Secret-Pass1' } },
    [platform('user_created', 'user')],
  );
  await write('platformUpdateUser', ['PATCH', `${P}/users/${user.id}`], { token, body: { name: 'Eva' } }, [
    platform('user_updated', 'user'),
  ]);
  const accountUsers = `${P}/accounts/${account.id}/account_users`;
  await write(
    'platformCreateAccountUser',
    ['POST', accountUsers],
    { token, body: { user_id: user.id, role: 'agent' } },
    [platform('agent_added', 'user')],
  );
  await write('platformDeleteAccountUser', ['DELETE', accountUsers], { token, body: { user_id: user.id } }, [
    platform('agent_removed', 'user'),
  ]);
  const link = await write('platformGetUserSsoLink', ['GET', `${P}/users/${user.id}/login`], { token }, [
    platform('sso_link_issued', 'user'),
  ]);
  const signIn = new URL(link.url);
  await write('signInWithSsoLink', ['GET', `${signIn.pathname}${signIn.search}`], {}, [
    by('user')('user_signed_in', 'user'),
  ]);
  const bot = await write('platformCreateAgentBot', ['POST', `${P}/agent_bots`], { token, body: { name: 'Relay' } }, [
    platform('agent_bot_created', 'agent_bot'),
  ]);
  await write('platformUpdateAgentBot', ['PATCH', `${P}/agent_bots/${bot.id}`], { token, body: { name: 'Relay 2' } }, [
    platform('agent_bot_updated', 'agent_bot'),
  ]);
  await write('platformDeleteAgentBot', ['DELETE', `${P}/agent_bots/${bot.id}`], { token }, [
    platform('agent_bot_deleted', 'agent_bot'),
  ]);
  await write('platformDeleteUser', ['DELETE', `${P}/users/${user.id}`], { token }, [platform('user_deleted', 'user')]);
  await write('platformDeleteAccount', ['DELETE', `${P}/accounts/${account.id}`], { token }, [
    platform('account_deleted', 'account'),
  ]);
});

test('every write of the application API records its event with the member as actor and the account', async () => {
  const token = fixture.admin.token;
  const A = `/api/v1/accounts/${fixture.accountId}`;
  const agent = await write(
    'createAgent',
    ['POST', `${A}/agents`],
    { token, body: { name: 'Nia', email: 'nia-events@example.com', role: 'agent' } },
    [member('user_created', 'user'), member('agent_added', 'user')],
  );
  await write('updateAgent', ['PATCH', `${A}/agents/${agent.id}`], { token, body: { role: 'administrator' } }, [
    member('agent_updated', 'user'),
  ]);

  const team = await write('createTeam', ['POST', `${A}/teams`], { token, body: { name: 'Billing' } }, [
    member('team_created', 'team'),
  ]);
  await write('updateTeam', ['PATCH', `${A}/teams/${team.id}`], { token, body: { description: 'Money' } }, [
    member('team_updated', 'team'),
  ]);
  const teamMembers = `${A}/teams/${team.id}/team_members`;
  await write('addTeamMembers', ['POST', teamMembers], { token, body: { user_ids: [agent.id] } }, [
    member('team_members_changed', 'team'),
  ]);
  await write('updateTeamMembers', ['PATCH', teamMembers], { token, body: { user_ids: [fixture.agent.id] } }, [
    member('team_members_changed', 'team'),
  ]);
  await write('removeTeamMembers', ['DELETE', teamMembers], { token, body: { user_ids: [fixture.agent.id] } }, [
    member('team_members_changed', 'team'),
  ]);
  await write('deleteTeam', ['DELETE', `${A}/teams/${team.id}`], { token }, [member('team_deleted', 'team')]);

  const inbox = await write(
    'createInbox',
    ['POST', `${A}/inboxes`],
    { token, body: { name: 'Support API', channel: { type: 'api' } } },
    [member('inbox_created', 'inbox')],
  );
  await write('updateInbox', ['PATCH', `${A}/inboxes/${inbox.id}`], { token, body: { name: 'Support' } }, [
    member('inbox_updated', 'inbox'),
  ]);
  await write('resetInboxSecret', ['POST', `${A}/inboxes/${inbox.id}/reset_secret`], { token }, [
    member('inbox_secret_reset', 'inbox'),
  ]);
  const webhook = await write(
    'createWebhook',
    ['POST', `${A}/webhooks`],
    { token, body: { url: 'https://hooks.example.com/events', subscriptions: ['contact_created'] } },
    [member('webhook_created', 'webhook')],
  );
  await write(
    'updateWebhook',
    ['PATCH', `${A}/webhooks/${webhook.payload.webhook.id}`],
    { token, body: { name: 'Events' } },
    [member('webhook_updated', 'webhook')],
  );
  // A contact for the webhook to be told of; its delivery is then marked finished, as one given up is.
  await server.request('POST', `${A}/contacts`, { token, body: { name: 'Hooked', email: 'hooked@example.com' } });
  await server.container.dispatcher.runOnce();
  delivered.length = 0;
  const delivery = await server.db('webhook_deliveries').where({ webhook_id: webhook.payload.webhook.id }).first();
  if (!delivery) throw new Error('the webhook got no delivery');
  await server.db('webhook_deliveries').where({ id: delivery.id }).update({ status: 'failed' });
  await write(
    'redeliverWebhookDelivery',
    ['POST', `${A}/webhooks/${webhook.payload.webhook.id}/deliveries/${delivery.id}/redeliver`],
    { token },
    [member('webhook_redelivery_requested', 'webhook')],
  );
  const hook = await write(
    'createIntegrationHook',
    ['POST', `${A}/integrations/hooks`],
    { token, body: { app_id: 'google_translate', settings: { project_id: 'p', credentials: {} } } },
    [member('integration_hook_created', 'integration_hook')],
  );
  await write(
    'updateIntegrationHook',
    ['PATCH', `${A}/integrations/hooks/${hook.id}`],
    { token, body: { status: 'disabled' } },
    [member('integration_hook_updated', 'integration_hook')],
  );
  await write('deleteIntegrationHook', ['DELETE', `${A}/integrations/hooks/${hook.id}`], { token }, [
    member('integration_hook_deleted', 'integration_hook'),
  ]);
  await write('deleteWebhook', ['DELETE', `${A}/webhooks/${webhook.payload.webhook.id}`], { token }, [
    member('webhook_deleted', 'webhook'),
  ]);
  const inboxMembers = `${A}/inbox_members`;
  await write(
    'addInboxMembers',
    ['POST', inboxMembers],
    { token, body: { inbox_id: inbox.id, user_ids: [agent.id] } },
    [member('inbox_members_changed', 'inbox')],
  );
  await write(
    'updateInboxMembers',
    ['PATCH', inboxMembers],
    { token, body: { inbox_id: inbox.id, user_ids: [fixture.agent.id] } },
    [member('inbox_members_changed', 'inbox')],
  );
  await write(
    'removeInboxMembers',
    ['DELETE', inboxMembers],
    { token, body: { inbox_id: inbox.id, user_ids: [fixture.agent.id] } },
    [member('inbox_members_changed', 'inbox')],
  );

  const bot = await write('createAccountAgentBot', ['POST', `${A}/agent_bots`], { token, body: { name: 'Triage' } }, [
    member('agent_bot_created', 'agent_bot'),
  ]);
  await write('updateAccountAgentBot', ['PATCH', `${A}/agent_bots/${bot.id}`], { token, body: { name: 'Sorter' } }, [
    member('agent_bot_updated', 'agent_bot'),
  ]);
  await write('resetAccountAgentBotSecret', ['POST', `${A}/agent_bots/${bot.id}/reset_secret`], { token }, [
    member('agent_bot_secret_reset', 'agent_bot'),
  ]);
  await write(
    'setInboxAgentBot',
    ['POST', `${A}/inboxes/${inbox.id}/set_agent_bot`],
    { token, body: { agent_bot: bot.id } },
    [member('inbox_agent_bot_changed', 'inbox')],
  );
  await write('deleteAccountAgentBot', ['DELETE', `${A}/agent_bots/${bot.id}`], { token }, [
    member('agent_bot_deleted', 'agent_bot'),
  ]);

  const canned = await write(
    'createCannedResponse',
    ['POST', `${A}/canned_responses`],
    { token, body: { short_code: 'hi', content: 'Hello!' } },
    [member('canned_response_created', 'canned_response')],
  );
  await write(
    'updateCannedResponse',
    ['PATCH', `${A}/canned_responses/${canned.id}`],
    { token, body: { content: 'Hello there!' } },
    [member('canned_response_updated', 'canned_response')],
  );
  await write('deleteCannedResponse', ['DELETE', `${A}/canned_responses/${canned.id}`], { token }, [
    member('canned_response_deleted', 'canned_response'),
  ]);

  const definitions = `${A}/custom_attribute_definitions`;
  const definition = await write(
    'createCustomAttributeDefinition',
    ['POST', definitions],
    { token, body: { attribute_display_name: 'Plan', attribute_key: 'plan', attribute_model: 'contact_attribute' } },
    [member('custom_attribute_definition_created', 'custom_attribute_definition')],
  );
  await write(
    'updateCustomAttributeDefinition',
    ['PATCH', `${definitions}/${definition.id}`],
    { token, body: { attribute_display_name: 'Pricing plan' } },
    [member('custom_attribute_definition_updated', 'custom_attribute_definition')],
  );
  await write('deleteCustomAttributeDefinition', ['DELETE', `${definitions}/${definition.id}`], { token }, [
    member('custom_attribute_definition_deleted', 'custom_attribute_definition'),
  ]);

  const filter = await write(
    'createCustomFilter',
    ['POST', `${A}/custom_filters`],
    { token, body: { name: 'Open', filter_type: 'conversation', query: { payload: [] } } },
    [member('custom_filter_created', 'custom_filter')],
  );
  await write('updateCustomFilter', ['PATCH', `${A}/custom_filters/${filter.id}`], { token, body: { name: 'All' } }, [
    member('custom_filter_updated', 'custom_filter'),
  ]);
  await write('deleteCustomFilter', ['DELETE', `${A}/custom_filters/${filter.id}`], { token }, [
    member('custom_filter_deleted', 'custom_filter'),
  ]);

  const created = await write(
    'createContact',
    ['POST', `${A}/contacts`],
    { token, body: { name: 'Ana', email: 'ana-events@example.com' } },
    [member('contact_created', 'contact')],
  );
  const contactId = created.payload.contact.id;
  await write('updateContact', ['PUT', `${A}/contacts/${contactId}`], { token, body: { name: 'Ana Lima' } }, [
    member('contact_updated', 'contact'),
  ]);
  await write(
    'createContactInbox',
    ['POST', `${A}/contacts/${contactId}/contact_inboxes`],
    { token, body: { inbox_id: inbox.id } },
    [member('contact_inbox_created', 'contact')],
  );
  await write('setContactLabels', ['POST', `${A}/contacts/${contactId}/labels`], { token, body: { labels: ['vip'] } }, [
    member('contact_updated', 'contact'),
  ]);
  await write('deleteContact', ['DELETE', `${A}/contacts/${contactId}`], { token }, [
    member('contact_deleted', 'contact'),
  ]);
  await write('deleteAgent', ['DELETE', `${A}/agents/${agent.id}`], { token }, [member('agent_removed', 'user')]);
});

test('every write of the client API records its event, with the contact as actor', async () => {
  const created = await server.request<{ inbox_identifier: string }>(
    'POST',
    `/api/v1/accounts/${fixture.accountId}/inboxes`,
    {
      token: fixture.admin.token,
      body: { name: 'Client events', channel: { type: 'api' }, csat_survey_enabled: true },
    },
  );
  await server.container.dispatcher.runOnce();
  delivered.length = 0;
  const contact = by('contact');
  const contacts = `/public/api/v1/inboxes/${created.body.inbox_identifier}/contacts`;
  const opened = await write('createPublicContact', ['POST', contacts], { body: { name: 'Visitor' } }, [
    contact('contact_created', 'contact'),
  ]);
  await write('updatePublicContact', ['PATCH', `${contacts}/${opened.source_id}`], { body: { name: 'Vera' } }, [
    contact('contact_updated', 'contact'),
  ]);
  const conversations = `${contacts}/${opened.source_id}/conversations`;
  const started = await write('createPublicConversation', ['POST', conversations], {}, [
    contact('conversation_created', 'conversation'),
  ]);
  await write(
    'togglePublicConversationTyping',
    ['POST', `${conversations}/${started.id}/toggle_typing`],
    {
      body: { typing_status: 'on' },
    },
    [contact('conversation_typing_on', 'conversation')],
  );
  await write(
    'createPublicMessage',
    ['POST', `${conversations}/${started.id}/messages`],
    { body: { content: 'Hello' } },
    [contact('message_created', 'message'), contact('contact_updated', 'contact')],
  );
  const select = await server.request<{ id: number }>(
    'POST',
    `/api/v1/accounts/${fixture.accountId}/conversations/${started.id}/messages`,
    {
      token: fixture.admin.token,
      body: {
        content: 'Which?',
        content_type: 'input_select',
        content_attributes: { items: [{ title: 'A', value: 'a' }] },
      },
    },
  );
  await server.container.dispatcher.runOnce();
  delivered.length = 0;
  await write(
    'updatePublicMessage',
    ['PATCH', `${conversations}/${started.id}/messages/${select.body.id}`],
    { body: { submitted_values: [{ title: 'A', value: 'a' }] } },
    [contact('message_updated', 'message')],
  );
  // The contact reads the option list the agent sent.
  await write('updatePublicConversationLastSeen', ['POST', `${conversations}/${started.id}/update_last_seen`], {}, [
    contact('message_updated', 'message'),
  ]);
  // The activity message, then the inbox's survey.
  await write('resolvePublicConversation', ['POST', `${conversations}/${started.id}/toggle_status`], {}, [
    contact('conversation_status_changed', 'conversation'),
    contact('conversation_resolved', 'conversation'),
    contact('conversation_updated', 'conversation'),
    contact('message_created', 'message'),
    contact('message_created', 'message'),
  ]);
  const survey = `/public/api/v1/csat_survey/${started.uuid}`;
  const rating = (value: number) => ({
    body: { message: { submitted_values: { csat_survey_response: { rating: value } } } },
  });
  await write('answerCsatSurvey', ['PUT', survey], rating(4), [contact('message_updated', 'message')]);
  await write('answerCsatSurveyByPatch', ['PATCH', survey], rating(5), [contact('message_updated', 'message')]);
});

test('an update carries what changed as previous and current values', async () => {
  const A = `/api/v1/accounts/${fixture.accountId}`;
  const team = await server.request('POST', `${A}/teams`, { token: fixture.admin.token, body: { name: 'Sales' } });
  await server.request('PATCH', `${A}/teams/${team.body.id}`, { token: fixture.admin.token, body: { name: 'Deals' } });
  await server.container.dispatcher.runOnce();
  const updated = delivered.splice(0).find((event) => event.name === 'team_updated');
  expect(updated).toMatchObject({
    accountId: fixture.accountId,
    subject: { type: 'team', id: team.body.id },
    actor: { type: 'user', id: fixture.admin.id },
    data: {
      team: { name: 'Deals' },
      changed_attributes: [{ name: { previous_value: 'Sales', current_value: 'Deals' } }],
    },
  });
});

test('an update that changes nothing records no event', async () => {
  const A = `/api/v1/accounts/${fixture.accountId}`;
  const token = fixture.admin.token;
  const team = await server.request('POST', `${A}/teams`, { token, body: { name: 'Support' } });
  const inbox = await server.request('POST', `${A}/inboxes`, {
    token,
    body: { name: 'Mail', channel: { type: 'api' } },
  });
  await server.container.dispatcher.runOnce();
  delivered.length = 0;
  expect(
    (await server.request('PATCH', `${A}/teams/${team.body.id}`, { token, body: { name: 'Support' } })).status,
  ).toBe(200);
  expect(
    (await server.request('POST', `${A}/inboxes/${inbox.body.id}/set_agent_bot`, { token, body: { agent_bot: null } }))
      .status,
  ).toBe(200);
  await server.container.dispatcher.runOnce();
  expect(delivered.splice(0)).toEqual([]);
});

test('inbox events carry no HMAC token and no mail password', async () => {
  const A = `/api/v1/accounts/${fixture.accountId}`;
  const token = fixture.admin.token;
  const inbox = await server.request('POST', `${A}/inboxes`, {
    token,
    body: {
      name: 'Mailbox',
      channel: { type: 'email', email: 'help-events@example.com', imap_password: 'imap-secret' },
    },
  });
  expect(inbox.status).toBe(200);
  await server.request('PATCH', `${A}/inboxes/${inbox.body.id}`, {
    token,
    body: { channel: { imap_password: 'new-imap-secret', smtp_password: 'smtp-secret' } },
  });
  await server.container.dispatcher.runOnce();
  const recorded = JSON.stringify(delivered.splice(0));
  expect(recorded).toContain('inbox_created');
  expect(recorded).toContain('inbox_updated');
  expect(recorded).not.toMatch(/secret|hmac_token/);
});

test('a write that fails records no event', async () => {
  const A = `/api/v1/accounts/${fixture.accountId}`;
  const first = await server.request('POST', `${A}/canned_responses`, {
    token: fixture.admin.token,
    body: { short_code: 'dup', content: 'One' },
  });
  expect(first.status).toBe(200);
  const clash = await server.request('POST', `${A}/canned_responses`, {
    token: fixture.admin.token,
    body: { short_code: 'dup', content: 'Two' },
  });
  expect(clash.status).toBe(422);
  await server.container.dispatcher.runOnce();
  expect(delivered.splice(0).map((event) => event.name)).toEqual(['canned_response_created']);
});

test('every write of conversations and messages records its events', async () => {
  const A = `/api/v1/accounts/${fixture.accountId}`;
  const token = fixture.admin.token;
  const inbox = await server.request('POST', `${A}/inboxes`, {
    token,
    body: { name: 'Desk', channel: { type: 'api' } },
  });
  const contact = await server.request('POST', `${A}/contacts`, {
    token,
    body: { name: 'Dora', email: 'dora-events@example.com', inbox_id: inbox.body.id },
  });
  const sourceId = contact.body.payload.contact_inbox.source_id;
  await server.container.dispatcher.runOnce();
  delivered.length = 0;

  const conversation = await write(
    'createConversation',
    ['POST', `${A}/conversations`],
    { token, body: { source_id: sourceId, message: { content: 'Welcome' } } },
    [
      member('conversation_created', 'conversation'),
      member('message_created', 'message'),
      member('conversation_updated', 'conversation'),
    ],
  );
  const C = `${A}/conversations/${conversation.id}`;
  await write(
    'createConversationMessage',
    ['POST', `${C}/messages`],
    { token, body: { content: 'Still there?', message_type: 'incoming' } },
    [
      member('message_created', 'message'),
      member('conversation_updated', 'conversation'),
      member('contact_updated', 'contact'),
    ],
  );
  const note = await server.request('POST', `${C}/messages`, { token, body: { content: 'Note', private: true } });
  await server.container.dispatcher.runOnce();
  delivered.length = 0;
  await write('deleteConversationMessage', ['DELETE', `${C}/messages/${note.body.id}`], { token }, [
    member('message_updated', 'message'),
  ]);
  await write('toggleConversationStatus', ['POST', `${C}/toggle_status`], { token, body: { status: 'resolved' } }, [
    member('conversation_status_changed', 'conversation'),
    member('conversation_resolved', 'conversation'),
    member('conversation_updated', 'conversation'),
    member('message_created', 'message'),
  ]);
  await write('toggleConversationPriority', ['POST', `${C}/toggle_priority`], { token, body: { priority: 'high' } }, [
    member('conversation_updated', 'conversation'),
    member('message_created', 'message'),
  ]);
  await write('updateConversation', ['PATCH', C], { token, body: { priority: 'low' } }, [
    member('conversation_updated', 'conversation'),
    member('message_created', 'message'),
  ]);
  await write('setConversationLabels', ['POST', `${C}/labels`], { token, body: { labels: ['billing'] } }, [
    member('conversation_updated', 'conversation'),
    member('message_created', 'message'),
  ]);
  await write('assignConversation', ['POST', `${C}/assignments`], { token, body: { assignee_id: fixture.agent.id } }, [
    member('assignee_changed', 'conversation'),
    member('conversation_updated', 'conversation'),
    member('message_created', 'message'),
  ]);

  const bot = await server.request('POST', `${A}/agent_bots`, { token, body: { name: 'Handoff' } });
  await server.container.dispatcher.runOnce();
  delivered.length = 0;
  await write(
    'assignConversation',
    ['POST', `${C}/assignments`],
    { token, body: { assignee_type: 'AgentBot', assignee_id: bot.body.id } },
    [
      member('conversation_status_changed', 'conversation'),
      member('assignee_changed', 'conversation'),
      member('conversation_updated', 'conversation'),
      member('message_created', 'message'),
      member('message_created', 'message'),
    ],
  );
  const agentBot = by('agent_bot');
  await write(
    'toggleConversationStatus',
    ['POST', `${C}/toggle_status`],
    { token: bot.body.access_token, body: { status: 'open' } },
    [
      agentBot('conversation_status_changed', 'conversation'),
      agentBot('conversation_opened', 'conversation'),
      agentBot('conversation_updated', 'conversation'),
      agentBot('conversation_bot_handoff', 'conversation'),
    ],
  );
});

test('reopening snoozed conversations records their events as the system', async () => {
  const A = `/api/v1/accounts/${fixture.accountId}`;
  const token = fixture.admin.token;
  const inbox = await server.request('POST', `${A}/inboxes`, {
    token,
    body: { name: 'Snoozes', channel: { type: 'api' } },
  });
  const contact = await server.request('POST', `${A}/contacts`, {
    token,
    body: { name: 'Sam', email: 'sam-snoozes@example.com', inbox_id: inbox.body.id },
  });
  const conversation = await server.request('POST', `${A}/conversations`, {
    token,
    body: { source_id: contact.body.payload.contact_inbox.source_id },
  });
  await server.request('POST', `${A}/conversations/${conversation.body.id}/toggle_status`, {
    token,
    body: { status: 'snoozed', snoozed_until: Math.floor(Date.now() / 1000) - 1 },
  });
  await server.container.dispatcher.runOnce();
  delivered.length = 0;

  await server.container.snoozeExpiry.runOnce();
  await server.container.dispatcher.runOnce();
  const system = by('system');
  expect(
    delivered.splice(0).map(({ name, subject, actor }) => ({ name, subject: subject.type, actor: actor.type })),
  ).toEqual([
    system('conversation_status_changed', 'conversation'),
    system('conversation_opened', 'conversation'),
    system('conversation_updated', 'conversation'),
  ]);
});

test("a contact's message that reopens a resolved conversation records the reopening and what changed", async () => {
  const A = `/api/v1/accounts/${fixture.accountId}`;
  const token = fixture.admin.token;
  const inbox = await server.request('POST', `${A}/inboxes`, {
    token,
    body: { name: 'Reopen', channel: { type: 'api' } },
  });
  const contact = await server.request('POST', `${A}/contacts`, {
    token,
    body: { name: 'Rita', email: 'rita-events@example.com', inbox_id: inbox.body.id },
  });
  const conversation = await server.request('POST', `${A}/conversations`, {
    token,
    body: { source_id: contact.body.payload.contact_inbox.source_id, status: 'resolved' },
  });
  await server.container.dispatcher.runOnce();
  delivered.length = 0;
  await server.request('POST', `${A}/conversations/${conversation.body.id}/messages`, {
    token,
    body: { content: 'It broke again', message_type: 'incoming' },
  });
  await server.container.dispatcher.runOnce();
  const received = delivered.splice(0);
  expect(received.map((event) => event.name)).toEqual([
    'message_created',
    'conversation_status_changed',
    'conversation_opened',
    'conversation_updated',
    'contact_updated',
    'message_created',
  ]);
  expect(received.find((event) => event.name === 'conversation_updated')?.data.changed_attributes).toEqual([
    { status: { previous_value: 'resolved', current_value: 'open' } },
  ]);
});

test('the tests above exercise every write operation of the spec', () => {
  expect([...exercised].sort()).toEqual([...writeOperations].sort());
});
