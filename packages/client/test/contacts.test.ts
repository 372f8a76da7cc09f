import type { components } from '@inquirly/api-types';
import { startTestServer, type TestServer } from '@inquirly/server/testing';
import { createInquirlyClient, type InquirlyClient, unwrap } from '../src';

/**
 * An administrator imports a few hundred contacts through the client, then finds them again: by search, by a
 * compound filter over standard keys and a custom attribute, and by label, paging through every result.
 */
type Contact = components['schemas']['Contact'];

interface Person {
  name: string;
  email: string;
  phone_number: string;
  city: string;
  plan: string;
  seats: number;
}

const firstNames = ['Ana', 'Bruno', 'Carla', 'Diogo', 'Elena', 'Filipe', 'Greta', 'Hugo', 'Irene', 'Jonas'];
const lastNames = ['Almeida', 'Baker', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Horvat', 'Ivanova'];
const cities = ['Lisbon', 'Porto', 'Berlin', 'Madrid', 'Paris'];
const plans = ['free', 'pro', 'enterprise'];

/** A deterministic crowd: every combination shows up, with varied seats and unique addresses and numbers. */
const people: Person[] = Array.from({ length: 300 }, (_, index) => ({
  name: `${firstNames[index % firstNames.length]} ${lastNames[(index * 7) % lastNames.length]}`,
  email: `person${index}@${index % 2 === 0 ? 'mail' : 'corp'}.example`,
  phone_number: `+${index % 3 === 0 ? '351' : '49'}91${String(1_000_000 + index * 37).slice(-7)}`,
  city: cities[index % cities.length] as string,
  plan: plans[(index * 5) % plans.length] as string,
  seats: (index * 13) % 50,
}));

let server: TestServer;
let admin: InquirlyClient;
let accountId: number;

beforeAll(async () => {
  server = await startTestServer();
  const platform = createInquirlyClient({ baseUrl: server.url, token: await server.createPlatformApp('CRM import') });
  const account = await unwrap(platform.POST('/platform/api/v1/accounts', { body: { name: 'Acme Support' } }));
  const owner = await unwrap(
    platform.POST('/platform/api/v1/users', { body: { name: 'Olivia Owner', email: 'olivia@acme.example' } }),
  );
  await unwrap(
    platform.POST('/platform/api/v1/accounts/{account_id}/account_users', {
      params: { path: { account_id: account.id } },
      body: { user_id: owner.id, role: 'administrator' },
    }),
  );
  accountId = account.id;
  admin = createInquirlyClient({ baseUrl: server.url, token: owner.access_token });
}, 30_000);
afterAll(() => server.close());

/** Every page of a contact listing, 15 at a time, until one comes back short. */
async function allPages(fetchPage: (page: number) => Promise<{ payload: Contact[] }>): Promise<Contact[]> {
  const everyone: Contact[] = [];
  for (let page = 1; ; page++) {
    const { payload } = await fetchPage(page);
    everyone.push(...payload);
    if (payload.length < 15) return everyone;
  }
}

const sortedEmails = (contacts: { email: string | null }[]) => contacts.map((contact) => contact.email).sort();

it('imports, searches, filters, labels and pages through contacts', async () => {
  const inAccount = { path: { account_id: accountId } };
  const inbox = await unwrap(
    admin.POST('/api/v1/accounts/{account_id}/inboxes', {
      params: inAccount,
      body: { name: 'CRM', channel: { type: 'api' } },
    }),
  );
  for (const [key, type] of [
    ['plan', 'list'],
    ['seats', 'number'],
  ] as const) {
    await unwrap(
      admin.POST('/api/v1/accounts/{account_id}/custom_attribute_definitions', {
        params: inAccount,
        body: {
          attribute_display_name: key,
          attribute_key: key,
          attribute_model: 'contact_attribute',
          attribute_display_type: type,
          ...(type === 'list' && { attribute_values: plans }),
        },
      }),
    );
  }

  for (const [index, person] of people.entries()) {
    const created = await unwrap(
      admin.POST('/api/v1/accounts/{account_id}/contacts', {
        params: inAccount,
        body: {
          name: person.name,
          email: person.email,
          phone_number: person.phone_number,
          additional_attributes: { city: person.city },
          custom_attributes: { plan: person.plan, seats: person.seats },
          ...(index % 10 === 0 && { inbox_id: inbox.id }),
        },
      }),
    );
    expect(created.payload.contact.email).toBe(person.email);
  }
  const listed = await unwrap(admin.GET('/api/v1/accounts/{account_id}/contacts', { params: inAccount }));
  expect(listed.meta.count).toBe(people.length);

  const searchAll = (q: string) =>
    allPages((page) =>
      unwrap(
        admin.GET('/api/v1/accounts/{account_id}/contacts/search', {
          params: { ...inAccount, query: { q, page, sort: 'email' } },
        }),
      ),
    );
  const byName = await searchAll('eriksen');
  expect(sortedEmails(byName)).toEqual(sortedEmails(people.filter((person) => person.name.endsWith('Eriksen'))));
  expect(byName.length).toBeGreaterThan(15);
  expect(sortedEmails(await searchAll('person42@'))).toEqual(['person42@mail.example']);
  const byPhone = await searchAll('+35191');
  expect(sortedEmails(byPhone)).toEqual(
    sortedEmails(people.filter((person) => person.phone_number.startsWith('+351'))),
  );

  const filterAll = (payload: components['schemas']['FilterCondition'][]) =>
    allPages((page) =>
      unwrap(
        admin.POST('/api/v1/accounts/{account_id}/contacts/filter', {
          params: { ...inAccount, query: { page } },
          body: { payload },
        }),
      ),
    );
  // Left to right: (in Lisbon OR in Porto) AND on the pro plan AND with more than 20 seats.
  const segment = await filterAll([
    { attribute_key: 'city', filter_operator: 'equal_to', values: ['lisbon'], query_operator: 'OR' },
    { attribute_key: 'city', filter_operator: 'equal_to', values: ['Porto'], query_operator: 'AND' },
    { attribute_key: 'plan', filter_operator: 'equal_to', values: ['pro'], query_operator: 'and' },
    { attribute_key: 'seats', filter_operator: 'is_greater_than', values: [20], query_operator: null },
  ]);
  const expected = people.filter(
    (person) => ['Lisbon', 'Porto'].includes(person.city) && person.plan === 'pro' && person.seats > 20,
  );
  expect(expected.length).toBeGreaterThan(15);
  expect(sortedEmails(segment)).toEqual(sortedEmails(expected));

  for (const contact of segment) {
    const labels = await unwrap(
      admin.POST('/api/v1/accounts/{account_id}/contacts/{id}/labels', {
        params: { path: { account_id: accountId, id: contact.id } },
        body: { labels: ['VIP', 'iberia'] },
      }),
    );
    expect(labels.payload).toEqual(['vip', 'iberia']);
  }
  const labelled = await allPages((page) =>
    unwrap(
      admin.GET('/api/v1/accounts/{account_id}/contacts', {
        params: { ...inAccount, query: { labels: ['vip'], page, sort: 'name', include_contact_inboxes: false } },
      }),
    ),
  );
  expect(sortedEmails(labelled)).toEqual(sortedEmails(expected));
  const names = labelled.map((contact) => contact.name.toLowerCase());
  expect(names).toEqual([...names].sort());
  expect(labelled.every((contact) => contact.contact_inboxes === undefined)).toBe(true);
  const filteredByLabel = await filterAll([
    { attribute_key: 'labels', filter_operator: 'equal_to', values: ['iberia'] },
  ]);
  expect(filteredByLabel).toHaveLength(expected.length);
}, 120_000);
