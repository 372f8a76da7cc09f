import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';
import { type ContactPage, contactRequests, namesOf } from './contact-requests';

let server: TestServer;
let fixture: AccountFixture;
let contacts: ReturnType<typeof contactRequests>;
beforeAll(async () => {
  server = await startTestServer();
});
// Each test gets accounts of its own, so that it finds only the contacts it made.
beforeEach(async () => {
  fixture = await createAccountFixture(server);
  contacts = contactRequests(server, fixture);
});
afterAll(() => server.close());

const search = (query: string) => contacts.get<ContactPage>(`/contacts/search?${query}`);
const found = async (q: string) => namesOf((await search(`q=${encodeURIComponent(q)}&sort=name`)).body);

async function seedPeople(): Promise<void> {
  await contacts.created({ name: 'Margarida Sousa', email: 'msousa@lisboa.example', phone_number: '+351912345678' });
  await contacts.created({ name: 'Tomás Marques', email: 'tomas@porto.example', identifier: 'CRM-Alpha-7' });
  await contacts.created({ name: 'Ines Duarte', phone_number: '+447700900123', identifier: 'crm-beta-8' });
}

describe('searching contacts', () => {
  test('finds a fragment of the name, ignoring case', async () => {
    await seedPeople();
    expect(await found('MAR')).toEqual(['Margarida Sousa', 'Tomás Marques']);
    expect(await found('sousa')).toEqual(['Margarida Sousa']);
  });

  test('finds a fragment of the email, ignoring case', async () => {
    await seedPeople();
    expect(await found('PORTO.example')).toEqual(['Tomás Marques']);
    expect(await found('msousa@lisboa.example')).toEqual(['Margarida Sousa']);
  });

  test('finds a fragment of the phone number, its prefix included', async () => {
    await seedPeople();
    expect(await found('+351')).toEqual(['Margarida Sousa']);
    expect(await found('7700900')).toEqual(['Ines Duarte']);
  });

  test('finds a fragment of the identifier only in its exact case', async () => {
    await seedPeople();
    expect(await found('Alpha-7')).toEqual(['Tomás Marques']);
    expect(await found('alpha-7')).toEqual([]);
    expect(await found('beta')).toEqual(['Ines Duarte']);
  });

  test('finds fragments shorter than three characters too', async () => {
    await seedPeople();
    expect(await found('es')).toEqual(['Ines Duarte', 'Tomás Marques']);
    expect(await found('+4')).toEqual(['Ines Duarte']);
  });

  test('trims the text and matches % and _ literally', async () => {
    await contacts.created({ name: '100% Ana', email: 'a_na@example.com' });
    await contacts.created({ name: '1000 Bea', email: 'bxna@example.com' });
    expect(await found('  100%  ')).toEqual(['100% Ana']);
    expect(await found('a_n')).toEqual(['100% Ana']);
  });

  test('accepts an email with its @ unencoded, as browsers send it', async () => {
    await seedPeople();
    expect(namesOf((await search('q=tomas@porto.example')).body)).toEqual(['Tomás Marques']);
  });

  test('finds contacts by their new values after an update, and not after a delete', async () => {
    const contact = await contacts.created({ name: 'Old Name', email: 'old@example.com' });
    await server.request('PUT', `${contacts.base()}/contacts/${contact.id}`, {
      token: fixture.admin.token,
      body: { name: 'Fresh Name', email: 'fresh@example.com' },
    });
    expect(await found('old')).toEqual([]);
    expect(await found('fresh')).toEqual(['Fresh Name']);
    await server.request('DELETE', `${contacts.base()}/contacts/${contact.id}`, { token: fixture.admin.token });
    expect(await found('fresh')).toEqual([]);
  });

  test("never finds another account's contacts", async () => {
    await contacts.create({ name: 'Elsewhere Ana' }, fixture.outsider.token, fixture.otherAccountId);
    await contacts.created({ name: 'Here Ana' });
    expect(await found('ana')).toEqual(['Here Ana']);
  });

  test('pages 15 at a time, saying whether more follow', async () => {
    for (let index = 1; index <= 16; index++) {
      await contacts.created({ name: `Match ${String(index).padStart(2, '0')}` });
    }
    await contacts.created({ name: 'Other' });
    const first = await search('q=match&sort=name');
    expect(first.body.meta).toEqual({ count: 15, current_page: 1, has_more: true });
    expect(namesOf(first.body)[0]).toBe('Match 01');
    const second = await search('q=match&sort=name&page=2');
    expect(second.body.meta).toEqual({ count: 1, current_page: 2, has_more: false });
    expect(namesOf(second.body)).toEqual(['Match 16']);
  });

  test('pages in the default order, the newest first among contacts never active', async () => {
    for (let index = 1; index <= 18; index++) {
      await contacts.created({ name: `Match ${String(index).padStart(2, '0')}` });
    }
    await contacts.created({ name: 'Other' });
    const first = await search('q=match');
    expect(first.body.meta).toEqual({ count: 15, current_page: 1, has_more: true });
    expect(namesOf(first.body)).toEqual(
      Array.from({ length: 15 }, (_, index) => `Match ${String(18 - index).padStart(2, '0')}`),
    );
    const second = await search('q=match&page=2');
    expect(second.body.meta).toEqual({ count: 3, current_page: 2, has_more: false });
    expect(namesOf(second.body)).toEqual(['Match 03', 'Match 02', 'Match 01']);
  });

  test('orders matches by the sort asked for', async () => {
    await seedPeople();
    expect(namesOf((await search('q=a&sort=-name')).body)).toEqual(['Tomás Marques', 'Margarida Sousa', 'Ines Duarte']);
  });

  test('carries each contact sessions', async () => {
    const inboxId = await contacts.inbox({ type: 'api' });
    await contacts.created({ name: 'Session Holder', inbox_id: inboxId, source_id: 'holder-1' });
    const [contact] = (await search('q=holder')).body.payload;
    expect(contact?.contact_inboxes?.map((session) => session.source_id)).toEqual(['holder-1']);
  });

  test.each(['', 'q=', 'q=%20%20'])('refuses a blank search (%s) as the reference does', async (query) => {
    const response = await search(query);
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ error: 'Specify search string with parameter q', code: 'SEARCH_QUERY_MISSING' });
  });
});
