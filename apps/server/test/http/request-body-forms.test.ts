import { rootKeyExtension } from '../../src/http/request-body-forms';
import { loadSpecDocument } from '../../src/http/spec-document';
import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';

let server: TestServer;
let fixture: AccountFixture;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
  inboxOfHooks = await created('/inboxes', inboxBody());
});
afterAll(() => server.close());

const accountPath = (path: string) => `/api/v1/accounts/${fixture.accountId}${path}`;

let uniqueCount = 0;
/** A text no earlier call returned, for fields an account keeps unique. */
const unique = (prefix: string) => `${prefix}_${process.pid}_${++uniqueCount}`;

/** Creates a resource as the administrator, in the unwrapped form, and gives its id. */
async function created(path: string, body: Record<string, unknown>): Promise<number> {
  const response = await server.request('POST', accountPath(path), { token: fixture.admin.token, body });
  if (response.status !== 200) throw new Error(`POST ${path} answered ${response.status}`);
  return response.body.id;
}

const teamBody = () => ({ name: unique('team'), description: 'Invoices and refunds' });
const cannedResponseBody = () => ({ short_code: unique('code'), content: 'Thanks for writing' });
const definitionBody = () => ({
  attribute_display_name: 'Plan',
  attribute_key: unique('plan'),
  attribute_model: 'contact_attribute',
  attribute_display_type: 'text',
});
const filterQuery = {
  payload: [{ attribute_key: 'status', filter_operator: 'equal_to', values: ['open'], query_operator: null }],
};
const customFilterBody = () => ({ name: unique('filter'), filter_type: 'conversation', query: filterQuery });
const botBody = () => ({ name: unique('bot'), description: 'Triage', outgoing_url: 'https://bot.example.com/hook' });
const inboxBody = () => ({ name: unique('inbox'), channel: { type: 'api' } });
const platformBot = async (): Promise<number> => {
  const response = await server.request('POST', '/platform/api/v1/agent_bots', {
    token: fixture.platformToken,
    body: botBody(),
  });
  if (response.status !== 200) throw new Error(`creating a platform bot answered ${response.status}`);
  return response.body.id;
};
const agentBody = () => ({ name: unique('agent'), email: `${unique('agent')}@example.com`, role: 'agent' });
const webhookBody = () => ({ url: `https://hooks.example.com/${unique('hook')}`, subscriptions: ['message_created'] });
const webhookId = async (): Promise<number> => {
  const response = await server.request('POST', accountPath('/webhooks'), {
    token: fixture.admin.token,
    body: webhookBody(),
  });
  if (response.status !== 200) throw new Error(`creating a webhook answered ${response.status}`);
  return response.body.payload.webhook.id;
};
/** The inbox the hooks of inbox apps are made for. */
let inboxOfHooks = 0;
const hookId = async (): Promise<number> => {
  const response = await server.request('POST', accountPath('/integrations/hooks'), {
    token: fixture.admin.token,
    body: { app_id: 'dialogflow', inbox_id: inboxOfHooks, settings: { project_id: 'p', credentials: {} } },
  });
  if (response.status !== 200) throw new Error(`creating a hook answered ${response.status}`);
  return response.body.id;
};
/** Webhooks answer inside the reference's envelope. */
const inWebhookEnvelope = (body: Record<string, unknown>) => ({ payload: { webhook: body } });

interface RootKeyCase {
  /** The path to call, after creating what the operation acts on. */
  path: () => Promise<string>;
  /** A body the operation accepts, new at each call where the account keeps values unique; the answer echoes it. */
  body: () => Record<string, unknown>;
  /** What of the body the answer shows, where it does not echo it as sent. */
  echoed?: (body: Record<string, unknown>) => Record<string, unknown>;
  /** The platform API's operations are called with the platform app's token, the others with an administrator's. */
  platform?: boolean;
}

/** How to call each operation the spec gives a root key; the first test fails until a new one has its case here. */
const rootKeyCases: Record<string, RootKeyCase> = {
  createTeam: { path: async () => accountPath('/teams'), body: teamBody },
  updateTeam: {
    path: async () => accountPath(`/teams/${await created('/teams', teamBody())}`),
    body: () => ({ description: unique('description') }),
  },
  createCannedResponse: { path: async () => accountPath('/canned_responses'), body: cannedResponseBody },
  updateCannedResponse: {
    path: async () => accountPath(`/canned_responses/${await created('/canned_responses', cannedResponseBody())}`),
    body: () => ({ content: unique('content') }),
  },
  createCustomAttributeDefinition: {
    path: async () => accountPath('/custom_attribute_definitions'),
    body: definitionBody,
  },
  updateCustomAttributeDefinition: {
    path: async () =>
      accountPath(`/custom_attribute_definitions/${await created('/custom_attribute_definitions', definitionBody())}`),
    body: () => ({ attribute_display_name: unique('Plan') }),
  },
  createCustomFilter: { path: async () => accountPath('/custom_filters'), body: customFilterBody },
  updateCustomFilter: {
    path: async () => accountPath(`/custom_filters/${await created('/custom_filters', customFilterBody())}`),
    body: () => ({ name: unique('filter') }),
  },
  createAgent: { path: async () => accountPath('/agents'), body: agentBody },
  createAccountAgentBot: { path: async () => accountPath('/agent_bots'), body: botBody },
  updateAccountAgentBot: {
    path: async () => accountPath(`/agent_bots/${await created('/agent_bots', botBody())}`),
    body: () => ({ name: unique('renamed') }),
  },
  createInbox: {
    path: async () => accountPath('/inboxes'),
    body: inboxBody,
    echoed: ({ name }) => ({ name, channel_type: 'Channel::Api' }),
  },
  updateInbox: {
    path: async () => accountPath(`/inboxes/${await created('/inboxes', inboxBody())}`),
    body: () => ({ name: unique('renamed') }),
  },
  platformCreateAgentBot: { path: async () => '/platform/api/v1/agent_bots', body: botBody, platform: true },
  platformUpdateAgentBot: {
    path: async () => `/platform/api/v1/agent_bots/${await platformBot()}`,
    body: () => ({ name: unique('renamed') }),
    platform: true,
  },
  updateAgent: {
    path: async () => accountPath(`/agents/${await created('/agents', agentBody())}`),
    body: () => ({ name: unique('renamed') }),
  },
  createWebhook: { path: async () => accountPath('/webhooks'), body: webhookBody, echoed: inWebhookEnvelope },
  updateWebhook: {
    path: async () => accountPath(`/webhooks/${await webhookId()}`),
    body: () => ({ name: unique('renamed') }),
    echoed: inWebhookEnvelope,
  },
  createIntegrationHook: {
    path: async () => accountPath('/integrations/hooks'),
    body: () => ({
      app_id: 'dialogflow',
      inbox_id: inboxOfHooks,
      settings: { project_id: unique('p'), credentials: {} },
    }),
    echoed: (body) => ({
      app_id: body.app_id,
      inbox: { id: body.inbox_id },
      settings: { project_id: (body.settings as { project_id: string }).project_id },
    }),
  },
  updateIntegrationHook: {
    path: async () => accountPath(`/integrations/hooks/${await hookId()}`),
    body: () => ({ status: false }),
    echoed: () => ({ status: false }),
  },
};

/** Every operation of the spec with a root key, in document order. */
const rootKeyOperations = Object.values(loadSpecDocument().paths).flatMap((item) =>
  Object.entries(item).flatMap(([method, operation]) => {
    const rootKey = (operation as Record<string, unknown>)[rootKeyExtension];
    return typeof rootKey === 'string'
      ? [{ method: method.toUpperCase(), operationId: operation.operationId, rootKey }]
      : [];
  }),
);

test('every operation with a root key in the spec has a case here, and every case an operation', () => {
  expect(rootKeyOperations.length).toBeGreaterThan(0);
  expect(Object.keys(rootKeyCases).sort()).toEqual(rootKeyOperations.map((operation) => operation.operationId).sort());
});

describe.each(rootKeyOperations)('$operationId', ({ method, operationId, rootKey }) => {
  const call = async (wrap: (body: Record<string, unknown>) => Record<string, unknown>) => {
    const operationCase = rootKeyCases[operationId as string];
    if (!operationCase) throw new Error(`${operationId} has no case in rootKeyCases`);
    const body = operationCase.body();
    const response = await server.request(method, await operationCase.path(), {
      token: operationCase.platform ? fixture.platformToken : fixture.admin.token,
      body: wrap(body),
    });
    return { body: operationCase.echoed?.(body) ?? body, response };
  };

  test('takes its body as documented', async () => {
    const { body, response } = await call((fields) => fields);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject(body);
  });

  test(`takes its body under "${rootKey}" and reads the same fields`, async () => {
    const { body, response } = await call((fields) => ({ [rootKey]: fields }));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject(body);
  });
});

describe('a body under its root key', () => {
  test('takes a field given both inside and beside the root key from inside, and the other fields beside it', async () => {
    const name = unique('inside');
    const response = await server.request('POST', accountPath('/teams'), {
      token: fixture.admin.token,
      body: { team: { name }, name: unique('beside'), description: 'Given beside' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name, description: 'Given beside' });
  });

  test('is validated unwrapped: an error names the field without the root key', async () => {
    const response = await server.request('POST', accountPath('/teams'), {
      token: fixture.admin.token,
      body: { team: { name: unique('team'), description: 5 } },
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['description']);
  });

  test('stays as it is when the root key holds no object', async () => {
    const response = await server.request('POST', accountPath('/teams'), {
      token: fixture.admin.token,
      body: { team: 'Sales' },
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['name']);
  });
});

describe('integer fields given as strings of digits', () => {
  test('an id in a list becomes a number', async () => {
    const teamId = await created('/teams', teamBody());
    const response = await server.request('POST', accountPath(`/teams/${teamId}/team_members`), {
      token: fixture.admin.token,
      body: { user_ids: [String(fixture.agent.id)] },
    });
    expect(response.status).toBe(200);
    expect(response.body.map((member: { id: number }) => member.id)).toEqual([fixture.agent.id]);
  });

  test('an id becomes a number, in the platform API too', async () => {
    const user = await server.request('POST', '/platform/api/v1/users', {
      token: fixture.platformToken,
      body: { name: 'Digits', email: `${unique('digits')}@example.com` },
    });
    const response = await server.request('POST', `/platform/api/v1/accounts/${fixture.accountId}/account_users`, {
      token: fixture.platformToken,
      body: { user_id: String(user.body.id), role: 'agent' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ account_id: fixture.accountId, user_id: user.body.id, role: 'agent' });
  });

  test('an id that may be null, and an id beside other fields, become numbers', async () => {
    const bot = await server.request('POST', '/platform/api/v1/agent_bots', {
      token: fixture.platformToken,
      body: { name: 'Digits bot', account_id: String(fixture.accountId) },
    });
    expect(bot.status).toBe(200);
    expect(bot.body.account_id).toBe(fixture.accountId);
    const inboxId = await created('/inboxes', { name: 'Digits', channel: { type: 'api' } });
    const contact = await server.request('POST', accountPath('/contacts'), {
      token: fixture.admin.token,
      body: { name: 'Ana', inbox_id: String(inboxId) },
    });
    expect(contact.status).toBe(200);
    expect(contact.body.payload.contact_inbox.inbox.id).toBe(inboxId);
  });

  test('numbers in nested objects and lists, and in a map of counts, become numbers', async () => {
    const inboxId = await created('/inboxes', { name: 'Hours', channel: { type: 'api' } });
    const inbox = await server.request('PATCH', accountPath(`/inboxes/${inboxId}`), {
      token: fixture.admin.token,
      body: {
        working_hours_enabled: true,
        working_hours: [
          { day_of_week: '6', open_hour: '10', open_minutes: '0', close_hour: '14', close_minutes: '30' },
        ],
      },
    });
    expect(inbox.status).toBe(200);
    expect(inbox.body.working_hours[6]).toMatchObject({ open_hour: 10, open_minutes: 0, close_hour: 14 });
    const account = await server.request('POST', '/platform/api/v1/accounts', {
      token: fixture.platformToken,
      body: { name: 'Counted', limits: { agents: '5' } },
    });
    expect(account.status).toBe(200);
    expect(account.body.limits).toEqual({ agents: 5 });
  });

  test('a field that takes text keeps its digits as text', async () => {
    const name = String(900_000 + process.pid);
    const response = await server.request('POST', accountPath('/teams'), {
      token: fixture.admin.token,
      body: { name },
    });
    expect(response.status).toBe(200);
    expect(response.body.name).toBe(name);
  });

  test.each([
    [{ user_ids: ['abc'] }, 'user_ids.0'],
    [{ user_ids: ['5.5'] }, 'user_ids.0'],
    [{ user_ids: [' 5'] }, 'user_ids.0'],
    [{ user_ids: ['1e3'] }, 'user_ids.0'],
    [{ user_ids: [''] }, 'user_ids.0'],
    [{ user_ids: ['99999999999999999999'] }, 'user_ids.0'],
  ])('anything else is refused: %j is a 422 naming %s', async (body, attribute) => {
    const teamId = await created('/teams', teamBody());
    const response = await server.request('POST', accountPath(`/teams/${teamId}/team_members`), {
      token: fixture.admin.token,
      body,
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual([attribute]);
  });

  test('a string of letters for an id is a 422 naming the field', async () => {
    const response = await server.request('POST', `/platform/api/v1/accounts/${fixture.accountId}/account_users`, {
      token: fixture.platformToken,
      body: { user_id: 'abc', role: 'agent' },
    });
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual(['user_id']);
  });
});
