import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';
import { type Contact, contactRequests } from './contact-requests';

let server: TestServer;
let fixture: AccountFixture;
let contacts: ReturnType<typeof contactRequests>;
let contact: Contact;
beforeAll(async () => {
  server = await startTestServer();
});
beforeEach(async () => {
  fixture = await createAccountFixture(server);
  contacts = contactRequests(server, fixture);
  contact = await contacts.created({ name: 'Ana', email: 'ana@example.com' });
});
afterAll(() => server.close());

const labelsPath = (id = contact.id) => `${contacts.base()}/contacts/${id}/labels`;

function setLabels(labels: unknown, token = fixture.agent.token) {
  return server.request('POST', labelsPath(), { token, body: { labels } });
}

async function labelsOf(id = contact.id): Promise<string[]> {
  const response = await server.request<{ payload: string[] }>('GET', labelsPath(id), { token: fixture.agent.token });
  expect(response.status).toBe(200);
  return response.body.payload;
}

describe('contact labels', () => {
  test('a new contact carries no labels', async () => {
    expect(await labelsOf()).toEqual([]);
  });

  test('replaces the labels, trimmed, lower-cased and each once, in the order first given', async () => {
    const response = await setLabels(['VIP', ' billing ', 'vip', 'Billing']);
    expect([response.status, response.body]).toEqual([200, { payload: ['vip', 'billing'] }]);
    expect(await labelsOf()).toEqual(['vip', 'billing']);
  });

  test('drops the labels left out and keeps the others in their place', async () => {
    await setLabels(['vip', 'billing', 'churn-risk']);
    const response = await setLabels(['renewal', 'churn-risk', 'vip']);
    expect(response.body.payload).toEqual(['vip', 'churn-risk', 'renewal']);
  });

  test('an empty list removes every label', async () => {
    await setLabels(['vip']);
    expect((await setLabels([])).body.payload).toEqual([]);
    expect(await labelsOf()).toEqual([]);
  });

  test("touches no other contact's labels", async () => {
    const other = await contacts.created({ name: 'Bea', email: 'bea@example.com' });
    await contacts.label(other.id, ['vip']);
    await setLabels(['billing']);
    expect(await labelsOf(other.id)).toEqual(['vip']);
  });

  test("answers 404 for another account's contact", async () => {
    const foreign = await contacts.create({ name: 'Theirs' }, fixture.outsider.token, fixture.otherAccountId);
    const id = foreign.body.payload.contact.id as number;
    const read = await server.request('GET', labelsPath(id), { token: fixture.agent.token });
    const write = await server.request('POST', labelsPath(id), { token: fixture.agent.token, body: { labels: ['x'] } });
    expect([read.status, write.status]).toEqual([404, 404]);
  });

  test.each([
    [['vip', '  '], 'labels.1'],
    [[''], 'labels.0'],
    [[7], 'labels.0'],
    ['vip', 'labels'],
  ])('refuses %j, naming %s', async (labels, field) => {
    const response = await setLabels(labels);
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual([field]);
  });
});
