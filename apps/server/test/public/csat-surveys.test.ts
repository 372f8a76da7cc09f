import { readJson } from '../../src/db/json-column';
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
beforeAll(async () => {
  clock = manualClock();
  server = await startTestServer({ clock });
  fixture = await createAccountFixture(server);
});
afterAll(() => server.close());

const A = () => `/api/v1/accounts/${fixture.accountId}`;

interface Survey {
  id: number;
  csat_survey_response: null | Record<string, unknown>;
  display_type: string;
  content: string | null;
  inbox_name: string;
  locale: string;
  conversation_id: number;
  created_at: string;
}

async function apiInbox(settings: Record<string, unknown>): Promise<{ id: number; identifier: string }> {
  const inbox = await server.request<{ id: number; inbox_identifier: string }>('POST', `${A()}/inboxes`, {
    token: fixture.admin.token,
    body: { name: 'Help desk', channel: { type: 'api' }, ...settings },
  });
  if (inbox.status !== 200) throw new Error(`creating the inbox answered ${inbox.status}`);
  return { id: inbox.body.id, identifier: inbox.body.inbox_identifier };
}

/** A conversation a visitor opened in the inbox, with its display id, uuid and client API path. */
async function visitorConversation(inboxIdentifier: string) {
  const contact = await server.request<{ source_id: string }>(
    'POST',
    `/public/api/v1/inboxes/${inboxIdentifier}/contacts`,
    { body: { name: 'Visitor' } },
  );
  const conversations = `/public/api/v1/inboxes/${inboxIdentifier}/contacts/${contact.body.source_id}/conversations`;
  const started = await server.request<{ id: number; uuid: string }>('POST', conversations, { body: {} });
  return { displayId: started.body.id, uuid: started.body.uuid, path: `${conversations}/${started.body.id}` };
}

const resolveAsAdmin = (displayId: number) =>
  server.request('POST', `${A()}/conversations/${displayId}/toggle_status`, {
    token: fixture.admin.token,
    body: { status: 'resolved' },
  });

const reopenAsAdmin = (displayId: number) =>
  server.request('POST', `${A()}/conversations/${displayId}/toggle_status`, {
    token: fixture.admin.token,
    body: { status: 'open' },
  });

async function surveyMessages(displayId: number) {
  const conversation = await server
    .db('conversations')
    .where({ account_id: fixture.accountId, display_id: displayId })
    .first();
  if (!conversation) throw new Error(`no conversation ${displayId}`);
  return server.db('messages').where({ conversation_id: conversation.id, content_type: 'input_csat' });
}

/** The one survey the conversation was sent. */
async function theSurvey(displayId: number) {
  const [survey, ...more] = await surveyMessages(displayId);
  if (!survey || more.length > 0)
    throw new Error(`conversation ${displayId} has ${more.length + (survey ? 1 : 0)} surveys`);
  return survey;
}

const rate = (uuid: string, rating: number, feedback?: string, method: 'PUT' | 'PATCH' = 'PUT') =>
  server.request<Survey & { attributes?: string[]; message?: string }>(method, `/public/api/v1/csat_survey/${uuid}`, {
    body: {
      message: {
        submitted_values: { csat_survey_response: { rating, ...(feedback && { feedback_message: feedback }) } },
      },
    },
  });

describe('sending the survey on resolve', () => {
  test('an inbox with surveys sends one template message, once, which the contact reads', async () => {
    const inbox = await apiInbox({ csat_survey_enabled: true });
    const conversation = await visitorConversation(inbox.identifier);
    expect((await resolveAsAdmin(conversation.displayId)).status).toBe(200);

    const survey = await theSurvey(conversation.displayId);
    expect(survey).toMatchObject({
      message_type: 'template',
      content: 'Please rate the conversation',
      sender_type: null,
    });
    expect(Boolean(survey.private)).toBe(false);
    expect(readJson(survey.content_attributes)).toEqual({ display_type: 'emoji' });
    const event = await server.db('domain_events').where({ name: 'message_created', subject_id: survey.id }).first();
    expect(event).toBeDefined();

    const seen = await server.request<Array<{ id: number; content_type: string; message_type: number }>>(
      'GET',
      `${conversation.path}/messages`,
    );
    expect(seen.body.at(-1)).toMatchObject({ id: survey.id, content_type: 'input_csat', message_type: 3 });

    await reopenAsAdmin(conversation.displayId);
    await resolveAsAdmin(conversation.displayId);
    expect(await surveyMessages(conversation.displayId)).toHaveLength(1);
  });

  test('an inbox without surveys sends none, and the contact resolving sends the inbox survey too', async () => {
    const quiet = await apiInbox({});
    const unsurveyed = await visitorConversation(quiet.identifier);
    await resolveAsAdmin(unsurveyed.displayId);
    expect(await surveyMessages(unsurveyed.displayId)).toHaveLength(0);

    const surveyed = await apiInbox({
      csat_survey_enabled: true,
      csat_config: { display_type: 'star', message: 'How did we do?' },
    });
    const conversation = await visitorConversation(surveyed.identifier);
    expect((await server.request('POST', `${conversation.path}/toggle_status`)).status).toBe(200);
    const survey = await theSurvey(conversation.displayId);
    expect(survey).toMatchObject({ content: 'How did we do?' });
    expect(readJson(survey.content_attributes)).toEqual({ display_type: 'star' });
  });

  test('the survey rules choose conversations by their labels', async () => {
    const inbox = await apiInbox({
      csat_survey_enabled: true,
      csat_config: { survey_rules: { operator: 'does_not_contain', values: ['Spam'] } },
    });
    const spam = await visitorConversation(inbox.identifier);
    await server.request('POST', `${A()}/conversations/${spam.displayId}/labels`, {
      token: fixture.admin.token,
      body: { labels: ['spam'] },
    });
    await resolveAsAdmin(spam.displayId);
    expect(await surveyMessages(spam.displayId)).toHaveLength(0);
    const genuine = await visitorConversation(inbox.identifier);
    await resolveAsAdmin(genuine.displayId);
    expect(await surveyMessages(genuine.displayId)).toHaveLength(1);

    const onlyBilling = await apiInbox({
      csat_survey_enabled: true,
      csat_config: { survey_rules: { operator: 'contains', values: ['billing'] } },
    });
    const unlabelled = await visitorConversation(onlyBilling.identifier);
    await resolveAsAdmin(unlabelled.displayId);
    expect(await surveyMessages(unlabelled.displayId)).toHaveLength(0);
  });

  test('the inbox shows its survey settings, and refuses an unknown display type naming it', async () => {
    const inbox = await apiInbox({ csat_survey_enabled: true, csat_config: { display_type: 'star' } });
    const shown = await server.request('GET', `${A()}/inboxes/${inbox.id}`, { token: fixture.admin.token });
    expect(shown.body).toMatchObject({ csat_survey_enabled: true, csat_config: { display_type: 'star' } });
    const refused = await server.request('PATCH', `${A()}/inboxes/${inbox.id}`, {
      token: fixture.admin.token,
      body: { csat_config: { display_type: 'thumbs' } },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.attributes.join()).toMatch(/csat_config\.display_type/);
  });
});

describe('answering through the survey operations', () => {
  test('a rating is stored at once, replaced by PATCH, and credits the assignee of the first answer', async () => {
    const inbox = await apiInbox({ csat_survey_enabled: true });
    await server.request('POST', `${A()}/inbox_members`, {
      token: fixture.admin.token,
      body: { inbox_id: inbox.id, user_ids: [fixture.agent.id] },
    });
    const conversation = await visitorConversation(inbox.identifier);
    await server.request('POST', `${A()}/conversations/${conversation.displayId}/assignments`, {
      token: fixture.admin.token,
      body: { assignee_id: fixture.agent.id },
    });
    await resolveAsAdmin(conversation.displayId);

    const before = await server.request<Survey>('GET', `/public/api/v1/csat_survey/${conversation.uuid}`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      csat_survey_response: null,
      display_type: 'emoji',
      content: 'Please rate the conversation',
      inbox_name: 'Help desk',
      locale: 'en',
    });

    const rated = await rate(conversation.uuid, 4, 'Quick answer');
    expect(rated.status).toBe(200);
    expect(rated.body.csat_survey_response).toMatchObject({
      rating: 4,
      feedback_message: 'Quick answer',
      message_id: before.body.id,
      assigned_agent_id: fixture.agent.id,
    });

    await server.request('POST', `${A()}/conversations/${conversation.displayId}/assignments`, {
      token: fixture.admin.token,
      body: { assignee_id: fixture.admin.id },
    });
    const changed = await rate(conversation.uuid, 2, undefined, 'PATCH');
    expect(changed.status).toBe(200);
    expect(changed.body.csat_survey_response).toMatchObject({
      id: (rated.body.csat_survey_response as { id: number }).id,
      rating: 2,
      feedback_message: null,
      assigned_agent_id: fixture.agent.id,
    });
    expect(await server.db('csat_survey_responses').where({ message_id: before.body.id })).toHaveLength(1);

    const message = await server.db('messages').where({ id: before.body.id }).first();
    expect(message && readJson(message.content_attributes)).toEqual({
      display_type: 'emoji',
      submitted_values: { csat_survey_response: { rating: 2 } },
    });
    const event = await server
      .db('domain_events')
      .where({ name: 'message_updated', subject_id: before.body.id })
      .orderBy('id', 'desc')
      .first();
    expect(event).toMatchObject({ actor_type: 'contact' });
  });

  test('the survey takes answers until 14 days after it was sent, and a rating outside 1 to 5 is a 422', async () => {
    const inbox = await apiInbox({ csat_survey_enabled: true });
    const conversation = await visitorConversation(inbox.identifier);
    await resolveAsAdmin(conversation.displayId);

    for (const rating of [0, 6]) {
      const refused = await rate(conversation.uuid, rating);
      expect(refused.status).toBe(422);
      expect(refused.body.attributes?.join()).toMatch(/rating/);
    }
    const survey = await theSurvey(conversation.displayId);
    expect(await server.db('csat_survey_responses').where({ message_id: survey.id })).toHaveLength(0);

    clock.advance(14 * 86_400);
    expect((await rate(conversation.uuid, 5)).status).toBe(200);
    clock.advance(1);
    const late = await rate(conversation.uuid, 1);
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ error: 'You cannot update the CSAT survey after 14 days' });
    const kept = await server.request<Survey>('GET', `/public/api/v1/csat_survey/${conversation.uuid}`);
    expect(kept.body.csat_survey_response).toMatchObject({ rating: 5 });
  });

  test('a conversation without a survey, or an unknown uuid, is a JSON 404', async () => {
    const inbox = await apiInbox({});
    const conversation = await visitorConversation(inbox.identifier);
    for (const uuid of [conversation.uuid, '00000000-0000-4000-8000-000000000000']) {
      const missing = await server.request('GET', `/public/api/v1/csat_survey/${uuid}`);
      expect(missing.status).toBe(404);
      expect(missing.body).toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
      expect((await rate(uuid, 5)).status).toBe(404);
    }
  });

  test('a rating given through the client API message update is the same stored answer', async () => {
    const inbox = await apiInbox({ csat_survey_enabled: true });
    const conversation = await visitorConversation(inbox.identifier);
    await resolveAsAdmin(conversation.displayId);
    const survey = await theSurvey(conversation.displayId);
    const answered = await server.request('PATCH', `${conversation.path}/messages/${survey.id}`, {
      body: { submitted_values: { csat_survey_response: { rating: 3, feedback_message: 'Fine' } } },
    });
    expect(answered.status).toBe(200);
    const shown = await server.request<Survey>('GET', `/public/api/v1/csat_survey/${conversation.uuid}`);
    expect(shown.body.csat_survey_response).toMatchObject({ rating: 3, feedback_message: 'Fine' });
  });
});

describe('the ratings, as administrators read them', () => {
  test('administrators list and count the answers by filter; agents may not', async () => {
    const inbox = await apiInbox({ csat_survey_enabled: true });
    const since = clock.nowSeconds();
    const ratings = [5, 3, 5];
    const uuids: string[] = [];
    for (const rating of ratings) {
      const conversation = await visitorConversation(inbox.identifier);
      await resolveAsAdmin(conversation.displayId);
      await rate(conversation.uuid, rating, `rated ${rating}`);
      uuids.push(conversation.uuid);
      clock.advance(60);
    }
    const unanswered = await visitorConversation(inbox.identifier);
    await resolveAsAdmin(unanswered.displayId);

    const listed = await server.request<Array<Record<string, any>>>(
      'GET',
      `${A()}/csat_survey_responses?inbox_id=${inbox.id}&since=${since}`,
      { token: fixture.admin.token },
    );
    expect(listed.status).toBe(200);
    expect(listed.body.map((row) => row.rating)).toEqual([5, 3, 5]);
    expect(listed.body[0]).toMatchObject({
      feedback_message: 'rated 5',
      account_id: fixture.accountId,
      contact: { name: 'Visitor' },
    });
    expect(listed.body[0]).not.toHaveProperty('assigned_agent');

    const fives = await server.request<Array<{ rating: number }>>(
      'GET',
      `${A()}/csat_survey_responses?inbox_id=${inbox.id}&rating=5&sort=created_at`,
      { token: fixture.admin.token },
    );
    expect(fives.body.map((row) => row.rating)).toEqual([5, 5]);

    const metrics = await server.request('GET', `${A()}/csat_survey_responses/metrics?inbox_id=${inbox.id}`, {
      token: fixture.admin.token,
    });
    expect(metrics.body).toEqual({ total_count: 3, ratings_count: { '3': 1, '5': 2 }, total_sent_messages_count: 4 });

    const asAgent = await server.request('GET', `${A()}/csat_survey_responses`, { token: fixture.agent.token });
    expect(asAgent.status).toBe(401);
    const elsewhere = await server.request('GET', `/api/v1/accounts/${fixture.otherAccountId}/csat_survey_responses`, {
      token: fixture.outsider.token,
    });
    expect(elsewhere.body).toEqual([]);
  });
});
