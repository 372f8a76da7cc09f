import { loadSpecDocument } from '../../src/http/spec-document';
import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';
import { freshEmail } from './new-agents';

/** The objects an operation names, by their kind. */
interface Ids {
  user: number | string;
  team: number | string;
  inbox: number | string;
  bot: number | string;
  cannedResponse: number | string;
  definition: number | string;
  filter: number | string;
  contact: number | string;
  conversation: number | string;
  message: number | string;
  webhook: number | string;
  delivery: number | string;
  hook: number | string;
}

/** The object an operation looks up, and the path parameter or body field naming it. */
interface Target {
  kind: keyof Ids;
  attribute: string;
}

/** What a request of an operation needs beyond its path to pass validation and find its objects. */
interface Sample {
  query?: string;
  body?: (ids: Ids) => unknown;
  /** The body field naming the object the operation looks up, when its path names none. */
  bodyTarget?: Target;
}

/**
 * Sample requests for the account operations that need one: a body, a query, or an object named in the body. An
 * operation the spec gives a request body or a required query parameter fails the first test until it has one here.
 */
const samples: Record<string, Sample> = {
  createAgent: { body: () => ({ name: 'New Agent', email: freshEmail() }) },
  updateAgent: { body: () => ({ name: 'Renamed' }) },
  createTeam: { body: () => ({ name: 'Refused team' }) },
  updateTeam: { body: () => ({ description: 'Changed' }) },
  addTeamMembers: { body: (ids) => ({ user_ids: [ids.user] }) },
  updateTeamMembers: { body: (ids) => ({ user_ids: [ids.user] }) },
  removeTeamMembers: { body: (ids) => ({ user_ids: [ids.user] }) },
  createInbox: { body: () => ({ name: 'Refused inbox', channel: { type: 'api' } }) },
  updateInbox: { body: () => ({ name: 'Renamed inbox' }) },
  setInboxAgentBot: { body: () => ({ agent_bot: null }) },
  ...Object.fromEntries(
    ['addInboxMembers', 'updateInboxMembers', 'removeInboxMembers'].map((operationId) => [
      operationId,
      {
        body: (ids: Ids) => ({ inbox_id: ids.inbox, user_ids: [ids.user] }),
        bodyTarget: { kind: 'inbox', attribute: 'inbox_id' },
      } satisfies Sample,
    ]),
  ),
  createAccountAgentBot: { body: () => ({ name: 'Refused bot' }) },
  updateAccountAgentBot: { body: () => ({ name: 'Renamed bot' }) },
  createCannedResponse: { body: () => ({ short_code: 'refused', content: 'Refused' }) },
  updateCannedResponse: { body: () => ({ content: 'Changed' }) },
  createCustomAttributeDefinition: {
    body: () => ({ attribute_display_name: 'Refused', attribute_key: 'refused', attribute_model: 'contact_attribute' }),
  },
  updateCustomAttributeDefinition: { body: () => ({ attribute_display_name: 'Changed' }) },
  createCustomFilter: { body: () => ({ name: 'Refused', filter_type: 'conversation', query: {} }) },
  updateCustomFilter: { body: () => ({ name: 'Changed' }) },
  createContact: { body: () => ({ name: 'Refused contact' }) },
  searchContacts: { query: 'q=ana' },
  filterContacts: {
    body: () => ({ payload: [{ attribute_key: 'name', filter_operator: 'contains', values: ['ana'] }] }),
  },
  updateContact: { body: () => ({ name: 'Renamed' }) },
  createContactInbox: { body: (ids) => ({ inbox_id: ids.inbox }) },
  setContactLabels: { body: () => ({ labels: ['vip'] }) },
  createConversation: {
    body: (ids) => ({ inbox_id: ids.inbox, contact_id: ids.contact }),
    bodyTarget: { kind: 'inbox', attribute: 'inbox_id' },
  },
  updateConversation: { body: () => ({ priority: 'low' }) },
  toggleConversationPriority: { body: () => ({ priority: 'high' }) },
  assignConversation: { body: (ids) => ({ assignee_id: ids.user }) },
  setConversationLabels: { body: () => ({ labels: ['billing'] }) },
  createConversationMessage: { body: () => ({ content: 'Hello' }) },
  filterConversations: {
    body: () => ({ payload: [{ attribute_key: 'status', filter_operator: 'equal_to', values: ['open'] }] }),
  },
  createWebhook: { body: () => ({ url: 'https://hooks.example.com/refused' }) },
  updateWebhook: { body: () => ({ name: 'Renamed' }) },
  createIntegrationHook: { body: () => ({ app_id: 'dyte', settings: { api_key: 'k', organization_id: 'o' } }) },
  updateIntegrationHook: { body: () => ({ status: 'disabled' }) },
};

/** The kind of object a path parameter names, by the collection it follows: `/inbox_members/{inbox_id}` an inbox. */
const kindOfCollection: Record<string, keyof Ids> = {
  agents: 'user',
  teams: 'team',
  inboxes: 'inbox',
  inbox_members: 'inbox',
  agent_bots: 'bot',
  canned_responses: 'cannedResponse',
  custom_attribute_definitions: 'definition',
  custom_filters: 'filter',
  contacts: 'contact',
  conversations: 'conversation',
  messages: 'message',
  webhooks: 'webhook',
  deliveries: 'delivery',
  hooks: 'hook',
};

interface SpecParameter {
  $ref?: string;
  name?: string;
  in?: string;
  required?: boolean;
}

interface SpecOperation {
  operationId: string;
  'x-required-role'?: string;
  requestBody?: { required?: boolean };
  parameters?: SpecParameter[];
}

interface AccountSpec {
  paths: Record<string, Record<string, unknown> & { parameters?: SpecParameter[] }>;
  components: { parameters: Record<string, SpecParameter> };
}

/** One operation under `/api/v1/accounts/{account_id}`, as the spec gives it. */
interface Operation {
  operationId: string;
  method: string;
  /** The path below the account: `/teams/{team_id}/team_members`. */
  pathTemplate: string;
  administratorOnly: boolean;
  takesBody: boolean;
  requiredQueryParameters: string[];
  /** The objects the path names, then the one the body names. */
  targets: Target[];
  sample: Sample | undefined;
}

const accountPrefix = '/api/v1/accounts/{account_id}';
const httpMethods = ['get', 'put', 'post', 'patch', 'delete'];

function accountOperations(): Operation[] {
  const spec = loadSpecDocument() as unknown as AccountSpec;
  const resolve = (parameter: SpecParameter) =>
    parameter.$ref ? spec.components.parameters[parameter.$ref.replace('#/components/parameters/', '')] : parameter;
  return Object.entries(spec.paths)
    .filter(([path]) => path === accountPrefix || path.startsWith(`${accountPrefix}/`))
    .flatMap(([path, pathItem]) =>
      httpMethods
        .filter((method) => pathItem[method] !== undefined)
        .map((method) => {
          const operation = pathItem[method] as SpecOperation;
          const requiredRole = operation['x-required-role'];
          if (requiredRole !== undefined && requiredRole !== 'administrator') {
            throw new Error(
              `${operation.operationId} requires the role "${requiredRole}", which this test does not know`,
            );
          }
          const pathTemplate = path.slice(accountPrefix.length);
          const sample = samples[operation.operationId];
          return {
            operationId: operation.operationId,
            method: method.toUpperCase(),
            pathTemplate,
            administratorOnly: requiredRole === 'administrator',
            takesBody: operation.requestBody?.required === true,
            requiredQueryParameters: [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]
              .map(resolve)
              .filter((parameter) => parameter?.in === 'query' && parameter.required)
              .map((parameter) => parameter?.name as string),
            targets: [
              ...pathTargets(operation.operationId, pathTemplate),
              ...(sample?.bodyTarget ? [sample.bodyTarget] : []),
            ],
            sample,
          };
        }),
    );
}

/** The objects a path names: each parameter, of the kind of the collection before it. */
function pathTargets(operationId: string, pathTemplate: string): Target[] {
  return [...pathTemplate.matchAll(/\/(\w+)\/\{(\w+)\}/g)].map(([, collection, attribute]) => {
    const kind = kindOfCollection[collection as string];
    if (!kind) {
      throw new Error(
        `${operationId}: no kind of object for /${collection}/{${attribute}}; add it to kindOfCollection`,
      );
    }
    return { kind, attribute: attribute as string };
  });
}

const operations = accountOperations();

let server: TestServer;
let fixture: AccountFixture;
let own: Ids;
let foreign: Ids;
beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
  own = await objectsOf(fixture.accountId, fixture.admin.token, fixture.agent.id);
  foreign = await objectsOf(fixture.otherAccountId, fixture.outsider.token, fixture.outsider.id, 1);
});
afterAll(() => server.close());

/** Creates one object of each kind in the account, as its administrator; `earlier` as `conversationOf` says. */
async function objectsOf(accountId: number, token: string, user: number, earlier = 0): Promise<Ids> {
  const create = async (path: string, body: unknown) => {
    const response = await server.request('POST', `/api/v1/accounts/${accountId}${path}`, { token, body });
    if (response.status !== 200) throw new Error(`POST ${path} answered ${response.status}`);
    return response.body.id as number;
  };
  const inbox = await create('/inboxes', { name: 'Support', channel: { type: 'api' } });
  const webhook = await server.request('POST', `/api/v1/accounts/${accountId}/webhooks`, {
    token,
    body: { url: 'https://hooks.example.com/access', subscriptions: ['contact_created'] },
  });
  const webhookId = webhook.body.payload.webhook.id as number;
  const objects = {
    user,
    team: await create('/teams', { name: 'Support' }),
    inbox,
    bot: await create('/agent_bots', { name: 'Triage' }),
    cannedResponse: await create('/canned_responses', { short_code: 'hello', content: 'Hello' }),
    definition: await create('/custom_attribute_definitions', {
      attribute_display_name: 'Plan',
      attribute_key: 'plan',
      attribute_model: 'contact_attribute',
    }),
    filter: await create('/custom_filters', { name: 'Open', filter_type: 'conversation', query: {} }),
    ...(await conversationOf(accountId, token, inbox, earlier)),
  };
  // The contact made above is delivered to the webhook once the event log is handed on.
  await server.container.dispatcher.runOnce();
  const delivery = await server.db('webhook_deliveries').where({ webhook_id: webhookId }).first('id');
  if (!delivery) throw new Error('the webhook got no delivery');
  const hook = await server.request('POST', `/api/v1/accounts/${accountId}/integrations/hooks`, {
    token,
    body: { app_id: 'openai', settings: { api_key: 'sk-access' } },
  });
  if (hook.status !== 200) throw new Error(`POST /integrations/hooks answered ${hook.status}`);
  return { ...objects, webhook: webhookId, delivery: delivery.id, hook: hook.body.id as number };
}

/**
 * A contact with a session in the inbox, a conversation with them there, and a message of it. Display ids count per
 * account: `earlier` conversations made first give this one a display id no conversation of the other account has.
 */
async function conversationOf(accountId: number, token: string, inbox: number, earlier: number) {
  const contact = await contactOf(accountId, token);
  const post = async (path: string, body: unknown) => {
    const response = await server.request('POST', `/api/v1/accounts/${accountId}${path}`, { token, body });
    if (response.status !== 200) throw new Error(`POST ${path} answered ${response.status}`);
    return response.body.id as number;
  };
  for (let made = 0; made < earlier; made++) await post('/conversations', { inbox_id: inbox, contact_id: contact });
  const conversation = await post('/conversations', { inbox_id: inbox, contact_id: contact });
  const message = await post(`/conversations/${conversation}/messages`, { content: 'Hello' });
  return { contact, conversation, message };
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
  const path = operation.pathTemplate.replace(/\{(\w+)\}/g, (_parameter, attribute: string) => {
    const target = operation.targets.find((candidate) => candidate.attribute === attribute) as Target;
    return String(ids[target.kind]);
  });
  const query = operation.sample?.query ? `?${operation.sample.query}` : '';
  return server.request(operation.method, `/api/v1/accounts/${accountId}${path}${query}`, {
    token,
    body: operation.sample?.body?.(ids),
  });
}

test('every account operation that needs a sample request has one, and every sample an operation', () => {
  const lacking = operations
    .filter(({ takesBody, requiredQueryParameters, sample }) => {
      const missingQuery = requiredQueryParameters.some((name) => !new URLSearchParams(sample?.query ?? '').has(name));
      return (takesBody && !sample?.body) || missingQuery;
    })
    .map(({ operationId }) => operationId);
  if (lacking.length > 0) {
    throw new Error(
      `Add a body or query that an administrator would get through with to \`samples\` in account-access.test.ts for: ${lacking.join(', ')}`,
    );
  }
  const specified = new Set(operations.map(({ operationId }) => operationId));
  expect(Object.keys(samples).filter((operationId) => !specified.has(operationId))).toEqual([]);
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

const targeted = operations.flatMap((operation) => operation.targets.map((target) => ({ operation, target })));

test.each(targeted)(
  '$operation.operationId answers 404 for a $target.kind of another account',
  async ({ operation, target }) => {
    const response = await send(operation, { ...own, [target.kind]: foreign[target.kind] }, fixture.admin.token);
    expect([response.status, response.body.error]).toEqual([404, 'Resource could not be found']);
  },
);

test.each(targeted)(
  '$operation.operationId refuses a $target.attribute that is not a number, naming it',
  async ({ operation, target }) => {
    const response = await send(operation, { ...own, [target.kind]: 'first' }, fixture.admin.token);
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual([target.attribute]);
  },
);
