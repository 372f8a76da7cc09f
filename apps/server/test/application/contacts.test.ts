import {
  type AccountFixture,
  createAccountFixture,
  type ManualClock,
  manualClock,
  startTestServer,
  type TestServer,
} from '../../src/testing';
import { type Contact, contactRequests, namesOf } from './contact-requests';

let server: TestServer;
let clock: ManualClock;
let fixture: AccountFixture;
let contacts: ReturnType<typeof contactRequests>;
beforeAll(async () => {
  clock = manualClock();
  server = await startTestServer({ clock });
});
// Each test gets accounts of its own, so that it sees only the contacts it made.
beforeEach(async () => {
  fixture = await createAccountFixture(server);
  contacts = contactRequests(server, fixture);
});
afterAll(() => server.close());

/** Contacts are active only once they write, which the API does not do yet; the tests set it in the database. */
async function setLastActivity(contact: Contact, at: number): Promise<void> {
  await server.db('contacts').where({ id: contact.id }).update({ last_activity_at: at });
}

describe('listing contacts', () => {
  test('pages identified contacts 15 at a time with their total, newest first when none has been active', async () => {
    for (let index = 1; index <= 17; index++) {
      await contacts.created({ name: `Contact ${index}`, email: `contact${index}@example.com` });
    }
    const first = await contacts.get('/contacts');
    expect(first.status).toBe(200);
    expect(first.body.meta).toEqual({ count: 17, current_page: 1 });
    expect(namesOf(first.body)).toEqual(Array.from({ length: 15 }, (_, index) => `Contact ${17 - index}`));
    const second = await contacts.get('/contacts?page=2');
    expect(second.body.meta).toEqual({ count: 17, current_page: 2 });
    expect(namesOf(second.body)).toEqual(['Contact 2', 'Contact 1']);
    const beyond = await contacts.get('/contacts?page=3');
    expect([beyond.body.meta, beyond.body.payload]).toEqual([{ count: 17, current_page: 3 }, []]);
  });

  test('leaves out contacts with no email, phone number or identifier', async () => {
    await contacts.created({ name: 'Anonymous visitor' });
    await contacts.created({ name: 'By email', email: 'email@example.com' });
    await contacts.created({ name: 'By phone', phone_number: '+14155550100' });
    await contacts.created({ name: 'By identifier', identifier: 'crm-7' });
    const page = await contacts.get('/contacts?sort=name');
    expect(namesOf(page.body)).toEqual(['By email', 'By identifier', 'By phone']);
    expect(page.body.meta.count).toBe(3);
  });

  test('puts the most recently active first and contacts never active last', async () => {
    const quiet = await contacts.created({ name: 'Quiet', email: 'quiet@example.com' });
    const early = await contacts.created({ name: 'Early', email: 'early@example.com' });
    const late = await contacts.created({ name: 'Late', email: 'late@example.com' });
    await setLastActivity(early, 1_700_000_000);
    await setLastActivity(late, 1_700_000_500);
    expect(namesOf((await contacts.get('/contacts')).body)).toEqual(['Late', 'Early', 'Quiet']);
    expect(namesOf((await contacts.get('/contacts?sort=-last_activity_at')).body)).toEqual(['Late', 'Early', 'Quiet']);
    expect(namesOf((await contacts.get('/contacts?sort=last_activity_at')).body)).toEqual(['Early', 'Late', 'Quiet']);
    const shown = (await contacts.get<{ payload: Contact }>(`/contacts/${late.id}`)).body.payload;
    expect(shown.last_activity_at).toBe(1_700_000_500);
    expect('last_activity_at' in quiet).toBe(false);
  });

  test('sorts by name ignoring case, ties by id', async () => {
    for (const name of ['bravo', 'Alpha', 'charlie', 'alpha']) {
      await contacts.created({ name, email: `${name.toLowerCase()}${Math.random()}@example.com` });
    }
    expect(namesOf((await contacts.get('/contacts?sort=name')).body)).toEqual(['Alpha', 'alpha', 'bravo', 'charlie']);
    expect(namesOf((await contacts.get('/contacts?sort=-name')).body)).toEqual(['charlie', 'bravo', 'alpha', 'Alpha']);
  });

  test.each([
    ['email', { email: 'b@example.com' }, { email: 'a@example.com' }],
    ['phone_number', { phone_number: '+14155550102' }, { phone_number: '+14155550101' }],
    [
      'company',
      { additional_attributes: { company_name: 'Beta' } },
      { additional_attributes: { company_name: 'Acme' } },
    ],
    ['city', { additional_attributes: { city: 'Porto' } }, { additional_attributes: { city: 'Lisbon' } }],
    ['country', { additional_attributes: { country: 'Spain' } }, { additional_attributes: { country: 'France' } }],
  ])('sorts by %s both ways, contacts without it last either way', async (sort, second, first) => {
    await contacts.created({ name: 'Second', identifier: 'second', ...second });
    await contacts.created({ name: 'Without', identifier: 'without' });
    await contacts.created({ name: 'First', identifier: 'first', ...first });
    expect(namesOf((await contacts.get(`/contacts?sort=${sort}`)).body)).toEqual(['First', 'Second', 'Without']);
    expect(namesOf((await contacts.get(`/contacts?sort=-${sort}`)).body)).toEqual(['Second', 'First', 'Without']);
  });

  test('sorts by creation time both ways', async () => {
    await contacts.created({ name: 'Older', email: 'older@example.com' });
    clock.advance(60);
    await contacts.created({ name: 'Newer', email: 'newer@example.com' });
    expect(namesOf((await contacts.get('/contacts?sort=created_at')).body)).toEqual(['Older', 'Newer']);
    expect(namesOf((await contacts.get('/contacts?sort=-created_at')).body)).toEqual(['Newer', 'Older']);
  });

  test('lists only contacts carrying any of the labels, in either query form', async () => {
    const vip = await contacts.created({ name: 'Vip', email: 'vip@example.com' });
    const billing = await contacts.created({ name: 'Billing', email: 'billing@example.com' });
    await contacts.created({ name: 'Unlabelled', email: 'plain@example.com' });
    await contacts.label(vip.id, ['vip']);
    await contacts.label(billing.id, ['billing', 'vip-later']);
    expect(namesOf((await contacts.get('/contacts?labels[]=vip&sort=name')).body)).toEqual(['Vip']);
    const either = await contacts.get('/contacts?labels[]=VIP&labels[]=billing&sort=name');
    expect([namesOf(either.body), either.body.meta.count]).toEqual([['Billing', 'Vip'], 2]);
    expect(namesOf((await contacts.get('/contacts?labels=billing')).body)).toEqual(['Billing']);
    expect((await contacts.get('/contacts?labels[]=missing')).body.meta.count).toBe(0);
  });

  test('carries each contact sessions unless include_contact_inboxes is false', async () => {
    const inboxId = await contacts.inbox({ type: 'api' });
    await contacts.created({ name: 'In inbox', email: 'in@example.com', inbox_id: inboxId, source_id: 'session-1' });
    const listed = (await contacts.get('/contacts')).body.payload[0] as Contact;
    expect(listed.contact_inboxes?.map((session) => [session.source_id, session.inbox.id])).toEqual([
      ['session-1', inboxId],
    ]);
    const bare = (await contacts.get('/contacts?include_contact_inboxes=false')).body.payload[0] as Contact;
    expect(bare).not.toHaveProperty('contact_inboxes');
  });

  test("never lists another account's contacts", async () => {
    await contacts.create(
      { name: 'Elsewhere', email: 'else@example.com' },
      fixture.outsider.token,
      fixture.otherAccountId,
    );
    await contacts.created({ name: 'Here', email: 'here@example.com' });
    expect(namesOf((await contacts.get('/contacts')).body)).toEqual(['Here']);
  });

  test.each([
    ['page=0', 'page'],
    ['page=two', 'page'],
    ['sort=age', 'sort'],
    ['include_contact_inboxes=maybe', 'include_contact_inboxes'],
  ])('refuses %s, naming the parameter', async (query, parameter) => {
    const response = await contacts.get(`/contacts?${query}`);
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual([parameter]);
  });
});

describe('creating a contact', () => {
  test('stores the contact with its email lower-cased and blanks as nulls, without a session when no inbox is named', async () => {
    const response = await contacts.create({
      name: 'Ana Lima',
      email: '  Ana.Lima@Example.COM ',
      phone_number: '',
      identifier: 'crm-1001',
      avatar_url: 'https://cdn.example.com/ana.png',
      blocked: true,
      additional_attributes: { city: 'Lisbon', company_name: 'Lima Imports' },
      custom_attributes: { plan: 'premium', seats: 3, tags: ['a', 'b'] },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      payload: {
        contact: {
          id: expect.any(Number),
          name: 'Ana Lima',
          email: 'ana.lima@example.com',
          phone_number: null,
          identifier: 'crm-1001',
          thumbnail: 'https://cdn.example.com/ana.png',
          blocked: true,
          availability_status: 'offline',
          additional_attributes: { city: 'Lisbon', company_name: 'Lima Imports' },
          custom_attributes: { plan: 'premium', seats: 3, tags: ['a', 'b'] },
          created_at: clock.nowSeconds(),
          contact_inboxes: [],
        },
        contact_inbox: { inbox: null, source_id: null },
      },
    });
  });

  test('opens a session in the named inbox under a generated UUID, or the source id given', async () => {
    const inboxId = await contacts.inbox({ type: 'api' });
    const generated = await contacts.create({ name: 'Generated', inbox_id: inboxId });
    expect(generated.body.payload.contact_inbox.source_id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(generated.body.payload.contact_inbox.inbox).toMatchObject({ id: inboxId, channel_type: 'Channel::Api' });
    expect(generated.body.payload.contact.contact_inboxes).toEqual([generated.body.payload.contact_inbox]);
    const given = await contacts.create({ name: 'Given', inbox_id: inboxId, source_id: 'crm-session-9' });
    expect(given.body.payload.contact_inbox.source_id).toBe('crm-session-9');
  });

  test('addresses a contact by email in an email inbox, and refuses one without an email, naming it', async () => {
    const inboxId = await contacts.inbox({ type: 'email', email: `support-${fixture.accountId}@acme.example` });
    const withEmail = await contacts.create({ name: 'Mailed', email: 'Mailed@Example.com', inbox_id: inboxId });
    expect(withEmail.body.payload.contact_inbox.source_id).toBe('mailed@example.com');
    const without = await contacts.create({ name: 'No email', inbox_id: inboxId });
    expect([without.status, without.body.attributes]).toEqual([422, ['email']]);
  });

  test('stores neither the contact nor the session when the source id belongs to another contact', async () => {
    const inboxId = await contacts.inbox({ type: 'api' });
    await contacts.created({ name: 'Holder', email: 'holder@example.com', inbox_id: inboxId, source_id: 'taken' });
    const response = await contacts.create({
      name: 'Late',
      email: 'late@example.com',
      inbox_id: inboxId,
      source_id: 'taken',
    });
    expect([response.status, response.body.attributes]).toEqual([422, ['source_id']]);
    const search = await contacts.get('/contacts/search?q=late@example.com');
    expect([search.status, search.body.payload]).toEqual([200, []]);
  });

  test('refuses a source id without an inbox', async () => {
    const response = await contacts.create({ name: 'Lost', source_id: 'nowhere' });
    expect([response.status, response.body.attributes]).toEqual([422, ['source_id']]);
  });

  test("answers 404 for another account's inbox, and refuses an agent an inbox they are not a member of", async () => {
    const foreignInbox = await server.request('POST', `${contacts.base(fixture.otherAccountId)}/inboxes`, {
      token: fixture.outsider.token,
      body: { name: 'Theirs', channel: { type: 'api' } },
    });
    const foreign = await contacts.create({ name: 'X', inbox_id: foreignInbox.body.id });
    expect([foreign.status, foreign.body.error]).toEqual([404, 'Resource could not be found']);
    const inboxId = await contacts.inbox({ type: 'api' });
    const refused = await contacts.create({ name: 'X', inbox_id: inboxId }, fixture.agent.token);
    expect([refused.status, refused.body.error]).toEqual([401, 'You are not authorized to do this action']);
    await contacts.addAgentTo(inboxId);
    const allowed = await contacts.create({ name: 'X', inbox_id: inboxId }, fixture.agent.token);
    expect(allowed.status).toBe(200);
  });

  test.each([
    ['email', { email: 'Taken@Example.com' }],
    ['phone_number', { phone_number: '+351912345678' }],
    ['identifier', { identifier: 'crm-1' }],
  ])('refuses a %s another contact of the account has, naming it', async (field, clash) => {
    await contacts.created({
      name: 'First',
      email: 'taken@example.com',
      phone_number: '+351912345678',
      identifier: 'crm-1',
    });
    const response = await contacts.create({ name: 'Second', ...clash });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ attributes: [field], message: `${field} has already been taken` });
  });

  test('names every clashing field at once, and lets another account use the same values', async () => {
    const fields = { email: 'same@example.com', phone_number: '+351912345678', identifier: 'crm-1' };
    await contacts.created({ name: 'First', ...fields });
    const clash = await contacts.create({ name: 'Second', ...fields });
    expect(clash.body.attributes).toEqual(['email', 'phone_number', 'identifier']);
    const elsewhere = await contacts.create(
      { name: 'Other', ...fields },
      fixture.outsider.token,
      fixture.otherAccountId,
    );
    expect(elsewhere.status).toBe(200);
  });

  test('lets exactly one of simultaneous creations with the same email through, refusing the rest with a 422', async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, index) => contacts.create({ name: `Racer ${index}`, email: 'race@example.com' })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 422, 422, 422, 422, 422]);
    expect(responses.find((response) => response.status === 422)?.body.attributes).toEqual(['email']);
  });

  test('takes identifiers as given, so that case tells two apart', async () => {
    await contacts.created({ name: 'Upper', identifier: 'CRM-1' });
    expect((await contacts.create({ name: 'Lower', identifier: 'crm-1' })).status).toBe(200);
  });

  test.each([
    ['phone_number', { phone_number: '912345678' }, 'phone_number should be in e164 format'],
    ['phone_number', { phone_number: '+0123456' }, 'phone_number should be in e164 format'],
    ['phone_number', { phone_number: '+1234567890123456' }, 'phone_number should be in e164 format'],
    ['email', { email: 'not-an-address' }, 'email is invalid'],
  ])('refuses a malformed %s (%j)', async (field, body, message) => {
    const response = await contacts.create({ name: 'Malformed', ...body });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ attributes: [field], message });
  });

  test.each([
    [{ name: 7 }, 'name'],
    [{ blocked: 'yes' }, 'blocked'],
    [{ custom_attributes: [] }, 'custom_attributes'],
    [{ inbox_id: 2147483648 }, 'inbox_id'],
  ])('refuses %j, naming the field', async (body, field) => {
    const response = await contacts.create(body);
    expect(response.status).toBe(422);
    expect(response.body.attributes).toEqual([field]);
  });
});

describe('showing, updating and deleting a contact', () => {
  test('shows the contact with its sessions', async () => {
    const inboxId = await contacts.inbox({ type: 'api' });
    const contact = await contacts.created({ name: 'Shown', inbox_id: inboxId, source_id: 'shown-1' });
    const response = await contacts.get<{ payload: Contact }>(`/contacts/${contact.id}`, fixture.admin.token);
    expect(response.status).toBe(200);
    expect(response.body.payload).toEqual(contact);
    expect(contact.contact_inboxes?.[0]?.source_id).toBe('shown-1');
  });

  test('changes only the fields given and merges attributes key by key', async () => {
    const contact = await contacts.created({
      name: 'Before',
      email: 'before@example.com',
      phone_number: '+351912345678',
      additional_attributes: { city: 'Lisbon', country: 'Portugal' },
      custom_attributes: { plan: 'basic', seats: 2 },
    });
    clock.advance(10);
    const response = await server.request('PUT', `${contacts.base()}/contacts/${contact.id}`, {
      token: fixture.agent.token,
      body: {
        name: 'After',
        email: 'After@Example.com',
        additional_attributes: { city: 'Porto' },
        custom_attributes: { plan: 'pro' },
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.payload).toEqual({
      ...contact,
      name: 'After',
      email: 'after@example.com',
      additional_attributes: { city: 'Porto', country: 'Portugal' },
      custom_attributes: { plan: 'pro', seats: 2 },
    });
    expect((await contacts.get<{ payload: Contact }>(`/contacts/${contact.id}`)).body.payload).toEqual(
      response.body.payload,
    );
  });

  test('clears a field given empty, and keeps its own unique values', async () => {
    const contact = await contacts.created({ name: 'Kept', email: 'kept@example.com', phone_number: '+351912345678' });
    const response = await server.request('PUT', `${contacts.base()}/contacts/${contact.id}`, {
      token: fixture.admin.token,
      body: { email: 'kept@example.com', phone_number: '' },
    });
    expect(response.status).toBe(200);
    expect([response.body.payload.email, response.body.payload.phone_number]).toEqual(['kept@example.com', null]);
  });

  test('refuses an email another contact has, naming it, and changes nothing', async () => {
    await contacts.created({ name: 'Owner', email: 'owner@example.com' });
    const contact = await contacts.created({ name: 'Other', email: 'other@example.com' });
    const response = await server.request('PUT', `${contacts.base()}/contacts/${contact.id}`, {
      token: fixture.admin.token,
      body: { name: 'Renamed', email: 'OWNER@example.com' },
    });
    expect([response.status, response.body.attributes]).toEqual([422, ['email']]);
    expect((await contacts.get<{ payload: Contact }>(`/contacts/${contact.id}`)).body.payload.name).toBe('Other');
  });

  test('deletes the contact with its sessions and labels', async () => {
    const inboxId = await contacts.inbox({ type: 'api' });
    const contact = await contacts.created({ name: 'Leaving', inbox_id: inboxId, source_id: 'leaving' });
    await contacts.label(contact.id, ['vip']);
    const response = await server.request('DELETE', `${contacts.base()}/contacts/${contact.id}`, {
      token: fixture.admin.token,
    });
    expect(response.status).toBe(200);
    expect((await contacts.get(`/contacts/${contact.id}`)).status).toBe(404);
    expect(await server.db('contact_inboxes').where({ contact_id: contact.id })).toEqual([]);
    expect(await server.db('contact_labels').where({ contact_id: contact.id })).toEqual([]);
    const again = await contacts.create({ name: 'Returning', inbox_id: inboxId, source_id: 'leaving' });
    expect(again.status).toBe(200);
  });

  test('lists no conversations for a contact that has none', async () => {
    const contact = await contacts.created({ name: 'New', email: 'new@example.com' });
    const response = await contacts.get(`/contacts/${contact.id}/conversations`);
    expect([response.status, response.body]).toEqual([200, { payload: [] }]);
  });
});
