import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';
import { freshEmail } from './new-agents';

/** The objects an operation names, by the role they play in its path or body. */
interface Ids {
  user: number | string;
  team: number | string;
  inbox: number | string;
  bot: number | string;
  cannedResponse: number | string;
  definition: number | string;
  filter: number | string;
  contact: number | string;
}

/** One account-administration operation, with a request that would succeed for an administrator. */
interface Operation {
  operationId: string;
  method: string;
  path: (ids: Ids) => string;
  body?: (ids: Ids) => unknown;
  administratorOnly: boolean;
  /** The object the operation looks up, and the path or body field naming it. */
  target?: { role: keyof Ids; attribute: string };
}

/** The get, update and delete operations of one resource, with their methods. */
const readUpdateDelete = (resource: string) =>
  [
    [`get${resource}`, 'GET'],
    [`update${resource}`, 'PATCH'],
    [`delete${resource}`, 'DELETE'],
  ] as const;

const admin = true;
const member = false;
const operations: Operation[] = [
  { operationId: 'listAgents', method: 'GET', path: () => '/agents', administratorOnly: member },
  {
    operationId: 'createAgent',
    method: 'POST',
    path: () => '/agents',
    body: () => ({ name: 'New Agent', email: freshEmail() }),
    administratorOnly: admin,
  },
  {
    operationId: 'updateAgent',
    method: 'PATCH',
    path: (ids) => `/agents/${ids.user}`,
    body: () => ({ name: 'Renamed' }),
    administratorOnly: admin,
    target: { role: 'user', attribute: 'id' },
  },
  {
    operationId: 'deleteAgent',
    method: 'DELETE',
    path: (ids) => `/agents/${ids.user}`,
    administratorOnly: admin,
    target: { role: 'user', attribute: 'id' },
  },
  { operationId: 'listTeams', method: 'GET', path: () => '/teams', administratorOnly: member },
  {
    operationId: 'createTeam',
    method: 'POST',
    path: () => '/teams',
    body: () => ({ name: 'Refused team' }),
    administratorOnly: admin,
  },
  ...readUpdateDelete('Team').map(([operationId, method]) => ({
    operationId,
    method,
    path: (ids: Ids) => `/teams/${ids.team}`,
    body: operationId === 'updateTeam' ? () => ({ description: 'Changed' }) : undefined,
    administratorOnly: method !== 'GET',
    target: { role: 'team' as const, attribute: 'team_id' },
  })),
  ...(
    [
      ['listTeamMembers', 'GET'],
      ['addTeamMembers', 'POST'],
      ['updateTeamMembers', 'PATCH'],
      ['removeTeamMembers', 'DELETE'],
    ] as const
  ).map(([operationId, method]) => ({
    operationId,
    method,
    path: (ids: Ids) => `/teams/${ids.team}/team_members`,
    body: method === 'GET' ? undefined : (ids: Ids) => ({ user_ids: [ids.user] }),
    administratorOnly: method !== 'GET',
    target: { role: 'team' as const, attribute: 'team_id' },
  })),
  { operationId: 'listInboxes', method: 'GET', path: () => '/inboxes', administratorOnly: member },
  {
    operationId: 'createInbox',
    method: 'POST',
    path: () => '/inboxes',
    body: () => ({ name: 'Refused inbox', channel: { type: 'api' } }),
    administratorOnly: admin,
  },
  {
    operationId: 'getInbox',
    method: 'GET',
    path: (ids) => `/inboxes/${ids.inbox}`,
    administratorOnly: member,
    target: { role: 'inbox', attribute: 'id' },
  },
  {
    operationId: 'updateInbox',
    method: 'PATCH',
    path: (ids) => `/inboxes/${ids.inbox}`,
    body: () => ({ name: 'Renamed inbox' }),
    administratorOnly: admin,
    target: { role: 'inbox', attribute: 'id' },
  },
  {
    operationId: 'getInboxAgentBot',
    method: 'GET',
    path: (ids) => `/inboxes/${ids.inbox}/agent_bot`,
    administratorOnly: member,
    target: { role: 'inbox', attribute: 'id' },
  },
  {
    operationId: 'setInboxAgentBot',
    method: 'POST',
    path: (ids) => `/inboxes/${ids.inbox}/set_agent_bot`,
    body: () => ({ agent_bot: null }),
    administratorOnly: admin,
    target: { role: 'inbox', attribute: 'id' },
  },
  ...(
    [
      ['addInboxMembers', 'POST'],
      ['updateInboxMembers', 'PATCH'],
      ['removeInboxMembers', 'DELETE'],
    ] as const
  ).map(([operationId, method]) => ({
    operationId,
    method,
    path: () => '/inbox_members',
    body: (ids: Ids) => ({ inbox_id: ids.inbox, user_ids: [ids.user] }),
    administratorOnly: admin,
    target: { role: 'inbox' as const, attribute: 'inbox_id' },
  })),
  {
    operationId: 'listInboxMembers',
    method: 'GET',
    path: (ids) => `/inbox_members/${ids.inbox}`,
    administratorOnly: member,
    target: { role: 'inbox', attribute: 'inbox_id' },
  },
  { operationId: 'listAccountAgentBots', method: 'GET', path: () => '/agent_bots', administratorOnly: member },
  {
    operationId: 'createAccountAgentBot',
    method: 'POST',
    path: () => '/agent_bots',
    body: () => ({ name: 'Refused bot' }),
    administratorOnly: admin,
  },
  ...readUpdateDelete('AccountAgentBot').map(([operationId, method]) => ({
    operationId,
    method,
    path: (ids: Ids) => `/agent_bots/${ids.bot}`,
    body: method === 'PATCH' ? () => ({ name: 'Renamed bot' }) : undefined,
    administratorOnly: method !== 'GET',
    target: { role: 'bot' as const, attribute: 'id' },
  })),
  { operationId: 'listCannedResponses', method: 'GET', path: () => '/canned_responses', administratorOnly: member },
  {
    operationId: 'createCannedResponse',
    method: 'POST',
    path: () => '/canned_responses',
    body: () => ({ short_code: 'refused', content: 'Refused' }),
    administratorOnly: member,
  },
  ...readUpdateDelete('CannedResponse')
    .filter(([, method]) => method !== 'GET')
    .map(([operationId, method]) => ({
      operationId,
      method,
      path: (ids: Ids) => `/canned_responses/${ids.cannedResponse}`,
      body: method === 'PATCH' ? () => ({ content: 'Changed' }) : undefined,
      administratorOnly: admin,
      target: { role: 'cannedResponse' as const, attribute: 'id' },
    })),
  {
    operationId: 'listCustomAttributeDefinitions',
    method: 'GET',
    path: () => '/custom_attribute_definitions',
    administratorOnly: member,
  },
  {
    operationId: 'createCustomAttributeDefinition',
    method: 'POST',
    path: () => '/custom_attribute_definitions',
    body: () => ({ attribute_display_name: 'Refused', attribute_key: 'refused', attribute_model: 'contact_attribute' }),
    administratorOnly: admin,
  },
  ...readUpdateDelete('CustomAttributeDefinition').map(([operationId, method]) => ({
    operationId,
    method,
    path: (ids: Ids) => `/custom_attribute_definitions/${ids.definition}`,
    body: method === 'PATCH' ? () => ({ attribute_display_name: 'Changed' }) : undefined,
    administratorOnly: method !== 'GET',
    target: { role: 'definition' as const, attribute: 'id' },
  })),
  { operationId: 'listCustomFilters', method: 'GET', path: () => '/custom_filters', administratorOnly: member },
  {
    operationId: 'createCustomFilter',
    method: 'POST',
    path: () => '/custom_filters',
    body: () => ({ name: 'Refused', filter_type: 'conversation', query: {} }),
    administratorOnly: member,
  },
  ...readUpdateDelete('CustomFilter').map(([operationId, method]) => ({
    operationId,
    method,
    path: (ids: Ids) => `/custom_filters/${ids.filter}`,
    body: method === 'PATCH' ? () => ({ name: 'Changed' }) : undefined,
    administratorOnly: member,
    target: { role: 'filter' as const, attribute: 'custom_filter_id' },
  })),
  { operationId: 'listContacts', method: 'GET', path: () => '/contacts', administratorOnly: member },
  {
    operationId: 'createContact',
    method: 'POST',
    path: () => '/contacts',
    body: () => ({ name: 'Refused contact' }),
    administratorOnly: member,
  },
  { operationId: 'searchContacts', method: 'GET', path: () => '/contacts/search?q=ana', administratorOnly: member },
  {
    operationId: 'filterContacts',
    method: 'POST',
    path: () => '/contacts/filter',
    body: () => ({ payload: [{ attribute_key: 'name', filter_operator: 'contains', values: ['ana'] }] }),
    administratorOnly: member,
  },
  ...(
    [
      ['getContact', 'GET', '', undefined],
      ['updateContact', 'PUT', '', () => ({ name: 'Renamed' })],
      ['deleteContact', 'DELETE', '', undefined],
      ['listContactConversations', 'GET', '/conversations', undefined],
      ['createContactInbox', 'POST', '/contact_inboxes', (ids: Ids) => ({ inbox_id: ids.inbox })],
      ['listContactableInboxes', 'GET', '/contactable_inboxes', undefined],
      ['listContactLabels', 'GET', '/labels', undefined],
      ['setContactLabels', 'POST', '/labels', () => ({ labels: ['vip'] })],
    ] as const
  ).map(([operationId, method, subPath, body]) => ({
    operationId,
    method,
    path: (ids: Ids) => `/contacts/${ids.contact}${subPath}`,
    body,
    administratorOnly: operationId === 'deleteContact',
    target: { role: 'contact' as const, attribute: 'id' },
  })),
];

let server: TestServer;
let fixture: AccountFixture;
let own: Ids;
let foreign: Ids;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
  own = await objectsOf(fixture.accountId, fixture.admin.token, fixture.agent.id);
  foreign = await objectsOf(fixture.otherAccountId, fixture.outsider.token, fixture.outsider.id);
});
afterAll(() => server.close());

/** Creates one object of each kind in the account, as its administrator. */
async function objectsOf(accountId: number, token: string, user: number): Promise<Ids> {
  const create = async (path: string, body: unknown) => {
    const response = await server.request('POST', `/api/v1/accounts/${accountId}${path}`, { token, body });
    if (response.status !== 200) throw new Error(`POST ${path} answered ${response.status}`);
    return response.body.id as number;
  };
  return {
    user,
    team: await create('/teams', { name: 'Support' }),
    inbox: await create('/inboxes', { name: 'Support', channel: { type: 'api' } }),
    bot: await create('/agent_bots', { name: 'Triage' }),
    cannedResponse: await create('/canned_responses', { short_code: 'hello', content: 'Hello' }),
    definition: await create('/custom_attribute_definitions', {
      attribute_display_name: 'Plan',
      attribute_key: 'plan',
      attribute_model: 'contact_attribute',
    }),
    filter: await create('/custom_filters', { name: 'Open', filter_type: 'conversation', query: {} }),
    contact: await contactOf(accountId, token),
  };
}

async function contactOf(accountId: number, token: string): Promise<number> {
  const response = await server.request('POST', `/api/v1/accounts/${accountId}/contacts`, {
    token,
    body: { name: 'Ana Lima', email: 'ana@example.com' },
  });
  if (response.status !== 200) throw new Error(`POST /contacts answered ${response.status}`);
  return response.body.payload.contact.id as number;
}

function send(operation: Operation, ids: Ids, token: string, accountId: number | string = fixture.accountId) {
  return server.request(operation.method, `/api/v1/accounts/${accountId}${operation.path(ids)}`, {
    token,
    body: operation.body?.(ids),
  });
}

test('the table walks every account-administration and contact operation once', () => {
  expect(new Set(operations.map((operation) => operation.operationId)).size).toBe(54);
});

test.each(operations)('$operationId refuses a user of another account', async (operation) => {
  const response = await send(operation, own, fixture.outsider.token);
  expect([response.status, response.body.error]).toEqual([401, 'You are not authorized to access this account']);
});

test.each(operations.filter((operation) => operation.administratorOnly))(
  '$operationId refuses an agent',
  async (operation) => {
    const response = await send(operation, own, fixture.agent.token);
    expect([response.status, response.body.error]).toEqual([401, 'You are not authorized to do this action']);
  },
);

test.each(operations)('$operationId refuses an account id that is not a number, naming it', async (operation) => {
  const response = await send(operation, own, fixture.admin.token, 'first');
  expect(response.status).toBe(422);
  expect(response.body.attributes).toContain('account_id');
});

const targeted = operations.filter((operation) => operation.target !== undefined);

test.each(targeted)('$operationId answers 404 for an object of another account', async (operation) => {
  const role = operation.target?.role as keyof Ids;
  const response = await send(operation, { ...own, [role]: foreign[role] }, fixture.admin.token);
  expect([response.status, response.body.error]).toEqual([404, 'Resource could not be found']);
});

test.each(targeted)('$operationId refuses an object id that is not a number, naming it', async (operation) => {
  const target = operation.target as NonNullable<Operation['target']>;
  const response = await send(operation, { ...own, [target.role]: 'first' }, fixture.admin.token);
  expect(response.status).toBe(422);
  expect(response.body.attributes).toEqual([target.attribute]);
});
