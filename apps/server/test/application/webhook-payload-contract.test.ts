import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { resolveRef, type SpecDocument } from '../../src/http/spec-document';
import {
  type AccountFixture,
  createAccountFixture,
  manualClock,
  startTestServer,
  type TestServer,
} from '../../src/testing';

/**
 * The spec's `webhooks` against what is really posted: a day of an account's work, heard by a webhook subscribed to
 * every event, an API inbox's address and an agent bot. Every body received must be one the spec lists for its
 * `event`, accepted by that webhook's request body schema, with the headers its parameters describe; and every
 * event the spec lists must be received, so that the day exercises each of them.
 */

interface SchemaValidator {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; message?: string }> | null;
}

/** What this test uses of Ajv, which the server does not depend on directly and so has no types here. */
interface SchemaCompiler {
  addSchema(schema: object): unknown;
  addVocabulary(keywords: string[]): unknown;
  compile(schema: object): SchemaValidator;
}

// Ajv 8 and its formats come with the request validator; its 2020-12 dialect is the one OpenAPI 3.1 schemas use.
const fromValidator = createRequire(require.resolve('express-openapi-validator/package.json'));
const Ajv2020 = (fromValidator('ajv/dist/2020') as { default: new (options: object) => SchemaCompiler }).default;
const addFormats = (fromValidator('ajv-formats') as { default: (ajv: SchemaCompiler) => void }).default;

interface HeaderParameter {
  name: string;
  required?: boolean;
}

const document = JSON.parse(
  readFileSync(require.resolve('@inquirly/api-types/openapi.json'), 'utf8'),
) as SpecDocument & {
  webhooks: Record<string, { post: { parameters: Array<{ $ref: string } | HeaderParameter> } }>;
  components: { schemas: { WebhookEvent: { enum: string[] } } };
};
/** Where the document is registered with Ajv: the `$ref`s inside it resolve against this. */
const documentId = 'https://inquirly.invalid/openapi.json';
const pointer = (...keys: string[]) => keys.map((key) => key.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
// What OpenAPI adds to JSON Schema: the sections of the document that hold the schemas, and `example`.
ajv.addVocabulary(['components', 'webhooks', 'example']);
ajv.addSchema({ $id: documentId, components: document.components, webhooks: document.webhooks });

const bodySchemas = new Map(
  Object.keys(document.webhooks).map((event) => [
    event,
    ajv.compile({
      $ref: `${documentId}#/${pointer('webhooks', event, 'post', 'requestBody', 'content', 'application/json', 'schema')}`,
    }),
  ]),
);

/** The headers each webhook's deliveries carry, with the schema each value must meet. */
const headerRules = new Map(
  Object.entries(document.webhooks).map(([event, { post }]) => [
    event,
    post.parameters.map((parameter, index) => {
      const location =
        '$ref' in parameter
          ? parameter.$ref.replace(/^#\//, '')
          : pointer('webhooks', event, 'post', 'parameters', String(index));
      const { name, required } = (
        '$ref' in parameter ? resolveRef(document, parameter.$ref) : parameter
      ) as HeaderParameter;
      return {
        name,
        required: required === true,
        validate: ajv.compile({ $ref: `${documentId}#/${location}/schema` }),
      };
    }),
  ]),
);

/** Where a validator found fault, one line each. */
const faultsOf = (validate: SchemaValidator) =>
  (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''}`);

interface Delivery {
  target: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, any>;
}

let server: TestServer;
let fixture: AccountFixture;
let receiver: http.Server;
let receiverUrl: string;
const received: Delivery[] = [];

beforeAll(async () => {
  server = await startTestServer({
    clock: manualClock(),
    webhookDelivery: { allowPrivateNetworks: true, timeoutMs: 2000, retryPeriodSeconds: 3600 },
  });
  fixture = await createAccountFixture(server);
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        target: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
  await server.close();
});

const A = () => `/api/v1/accounts/${fixture.accountId}`;

/** A request that must succeed, answering its body. */
async function act<Body = any>(method: string, path: string, body?: unknown, token = fixture.admin.token) {
  const response = await server.request<Body>(method, path, { token, ...(body !== undefined && { body }) });
  if (response.status !== 200) {
    throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

/** A contact's conversation in an API inbox, through the client API, with the path of its client API resource. */
async function visitorConversation(inboxIdentifier: string, name: string) {
  const contacts = `/public/api/v1/inboxes/${inboxIdentifier}/contacts`;
  const contact = await act<{ source_id: string }>('POST', contacts, { name });
  const conversations = `${contacts}/${contact.source_id}/conversations`;
  const conversation = await act<{ id: number }>('POST', conversations, {});
  return { id: conversation.id, publicPath: `${conversations}/${conversation.id}` };
}

/** Hands the recorded events to the fan-out, then makes every delivery that is due. */
async function deliver(): Promise<void> {
  await server.container.dispatcher.runOnce();
  while ((await server.container.deliveryWorker.runOnce()) > 0);
}

test('every delivered body is one the spec lists, as its schema describes it, and every listed one is delivered', async () => {
  const subscribable = document.components.schemas.WebhookEvent.enum;
  await act('POST', `${A()}/webhooks`, { url: `${receiverUrl}/webhook`, subscriptions: subscribable });
  const team = await act<{ id: number }>('POST', `${A()}/teams`, { name: 'Contract desk' });
  const bot = await act<{ id: number; access_token: string }>('POST', `${A()}/agent_bots`, {
    name: 'Contract bot',
    outgoing_url: `${receiverUrl}/bot`,
  });

  // An API inbox posting to its own address; a web-widget inbox, whose channel differs; both changed once.
  const apiInbox = await act<{ id: number; inbox_identifier: string }>('POST', `${A()}/inboxes`, {
    name: 'Contract app',
    channel: { type: 'api', webhook_url: `${receiverUrl}/inbox` },
  });
  const widgetInbox = await act<{ id: number }>('POST', `${A()}/inboxes`, {
    name: 'Contract widget',
    channel: { type: 'web_widget', website_url: 'https://contract.example' },
  });
  await act('PATCH', `${A()}/inboxes/${apiInbox.id}`, { greeting_enabled: true, greeting_message: 'Hello there' });
  await act('PATCH', `${A()}/inboxes/${widgetInbox.id}`, { channel: { welcome_title: 'Hi' } });

  // Contacts made and changed by agents.
  const contact = await act<{ payload: { contact: { id: number } } }>('POST', `${A()}/contacts`, {
    name: 'Casey Contract',
    email: 'casey@contract.example',
    custom_attributes: { plan: 'gold' },
  });
  await act('PUT', `${A()}/contacts/${contact.payload.contact.id}`, { phone_number: '+15550100' });

  // A conversation of the API inbox worked by an agent: typing, messages, a file, a note, a deletion, assignments,
  // labels, priority, snooze and resolution.
  const worked = await visitorConversation(apiInbox.inbox_identifier, 'Vera Visitor');
  const conversation = `${A()}/conversations/${worked.id}`;
  await act('POST', `${worked.publicPath}/toggle_typing`, { typing_status: 'on' });
  await act('POST', `${worked.publicPath}/messages`, { content: 'My parcel is late\\\n\n' });
  await act('POST', `${worked.publicPath}/toggle_typing`, { typing_status: 'off' });
  await act('POST', `${conversation}/assignments`, { assignee_id: fixture.agent.id });
  await act('POST', `${conversation}/assignments`, { team_id: team.id });
  await act('POST', `${conversation}/labels`, { labels: ['parcel'] });
  await act('POST', `${conversation}/toggle_priority`, { priority: 'high' });
  await act('POST', `${conversation}/messages`, { content: 'Looking into it' });
  const form = new FormData();
  form.append('content', 'The label');
  form.append('attachments[]', new Blob([Buffer.from('%PDF-1.4')], { type: 'application/pdf' }), 'label.pdf');
  const upload = await fetch(`${server.url}${conversation}/messages`, {
    method: 'POST',
    headers: { api_access_token: fixture.admin.token },
    body: form,
  });
  expect(upload.status).toBe(200);
  const note = await act<{ id: number }>('POST', `${conversation}/messages`, { content: 'Check', private: true });
  await act('DELETE', `${conversation}/messages/${note.id}`);
  await act('POST', `${conversation}/toggle_status`, { status: 'snoozed', snoozed_until: 1_900_000_000 });
  await act('POST', `${conversation}/assignments`, { assignee_id: bot.id, assignee_type: 'AgentBot' });
  await act('POST', `${conversation}/toggle_status`, { status: 'resolved' });

  // A conversation of an inbox an agent bot fronts: the bot answers, hands it to the agents and it is resolved.
  const botInbox = await act<{ id: number; inbox_identifier: string }>('POST', `${A()}/inboxes`, {
    name: 'Contract bot front',
    channel: { type: 'api' },
  });
  await act('POST', `${A()}/inboxes/${botInbox.id}/set_agent_bot`, { agent_bot: bot.id });
  const fronted = await visitorConversation(botInbox.inbox_identifier, 'Bo Visitor');
  await act('POST', `${fronted.publicPath}/messages`, { content: 'Hello?' });
  const frontedPath = `${A()}/conversations/${fronted.id}`;
  await act('POST', `${frontedPath}/messages`, { content: 'A human will be with you' }, bot.access_token);
  await act('POST', `${frontedPath}/toggle_status`, { status: 'open' }, bot.access_token);
  await act('POST', `${frontedPath}/toggle_status`, { status: 'resolved' });

  await deliver();

  const listed = new Set(Object.keys(document.webhooks));
  const faults: string[] = [];
  for (const { target, headers, body } of received) {
    const where = `${body.event} to ${target}`;
    const validate = bodySchemas.get(body.event);
    if (!validate) {
      faults.push(`${where}: the spec lists no such webhook`);
      continue;
    }
    if (!validate(body)) faults.push(...faultsOf(validate).map((fault) => `${where}: ${fault}`));
    for (const header of headerRules.get(body.event) ?? []) {
      const value = headers[header.name.toLowerCase()];
      if (value === undefined) {
        if (header.required) faults.push(`${where}: no ${header.name} header`);
      } else if (!header.validate(value)) {
        faults.push(...faultsOf(header.validate).map((fault) => `${where}: ${header.name} ${fault}`));
      }
    }
  }
  expect([...new Set(faults)]).toEqual([]);
  expect(new Set(received.map((delivery) => delivery.target))).toEqual(new Set(['/webhook', '/inbox', '/bot']));
  expect([...new Set(received.map((delivery) => delivery.body.event))].sort()).toEqual([...listed].sort());
});
