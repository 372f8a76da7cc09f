import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';
import { type Conversation, createDeskFixture, type DeskFixture } from './desk-fixture';

let server: TestServer;
let fixture: AccountFixture;
let desk: DeskFixture;
let teamId: number;
let conversation: Conversation;

beforeAll(async () => {
  server = await startTestServer();
  fixture = await createAccountFixture(server);
  desk = await createDeskFixture(server, fixture);
  const team = await asAdmin<{ id: number }>('POST', '/teams', { name: 'Returns' });
  teamId = team.id;
  await asAdmin('POST', `/teams/${teamId}/team_members`, { user_ids: [fixture.agent.id] });
  conversation = await asAdmin<Conversation>('POST', '/conversations', {
    source_id: desk.sourceId,
    assignee_id: fixture.agent.id,
    team_id: teamId,
  });
});
afterAll(() => server.close());

async function asAdmin<Body>(method: string, path: string, body?: unknown): Promise<Body> {
  const response = await server.request<Body>(method, `${desk.base}${path}`, { token: fixture.admin.token, body });
  if (response.status !== 200) throw new Error(`${method} ${path} answered ${response.status}`);
  return response.body;
}

interface ListPage {
  data: { meta: { all_count: number }; payload: Array<Conversation & { meta: Record<string, unknown> }> };
}

/** The agent's list of every open conversation, read twice so that the second is answered from what the first kept. */
async function agentList(): Promise<ListPage['data']> {
  const read = () =>
    server.request<ListPage>('GET', `${desk.conversationsPath}?assignee_type=all`, { token: fixture.agent.token });
  await read();
  return (await read()).body.data;
}

const shown = (page: ListPage['data']) => page.payload.find((listed) => listed.id === conversation.id);

test('a renamed team is named so in the next list, and a member who leaves it is no longer shown as one', async () => {
  expect(shown(await agentList())?.meta.team).toMatchObject({ name: 'Returns', is_member: true });
  await asAdmin('PATCH', `/teams/${teamId}`, { name: 'Returns and refunds' });
  expect(shown(await agentList())?.meta.team).toMatchObject({ name: 'Returns and refunds', is_member: true });
  await asAdmin('DELETE', `/teams/${teamId}/team_members`, { user_ids: [fixture.agent.id] });
  expect(shown(await agentList())?.meta.team).toMatchObject({ name: 'Returns and refunds', is_member: false });
});

test('an agent removed from an inbox stops seeing its conversations at once, and sees them again when added back', async () => {
  expect((await agentList()).meta.all_count).toBeGreaterThan(0);
  await asAdmin('DELETE', '/inbox_members', { inbox_id: desk.inboxId, user_ids: [fixture.agent.id] });
  const without = await agentList();
  expect(without.meta.all_count).toBe(0);
  expect(without.payload).toEqual([]);
  await asAdmin('POST', '/inbox_members', { inbox_id: desk.inboxId, user_ids: [fixture.agent.id] });
  expect(shown(await agentList())).toBeDefined();
});

test("an agent's new availability shows in the next list", async () => {
  await asAdmin('PATCH', `/agents/${fixture.agent.id}`, { availability: 'busy' });
  expect(shown(await agentList())?.meta.assignee).toMatchObject({ availability_status: 'busy' });
  await asAdmin('PATCH', `/agents/${fixture.agent.id}`, { availability: 'online' });
  expect(shown(await agentList())?.meta.assignee).toMatchObject({ availability_status: 'online' });
});
