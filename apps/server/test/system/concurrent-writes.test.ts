import type { DomainEvent } from '../../src/events/domain-event';
import { type AccountFixture, createAccountFixture, startTestServer, type TestServer } from '../../src/testing';
import { addAgent } from '../application/new-agents';

/** Keeps every event the dispatcher hands it, in log order. */
const delivered: DomainEvent[] = [];
const recordingConsumer = {
  name: 'concurrency-consumer',
  handle: async (event: DomainEvent) => void delivered.push(event),
};

let server: TestServer;
let fixture: AccountFixture;
/** Agents of the fixture's account besides its administrator and agent, for sets of members. */
let agentIds: number[];
beforeAll(async () => {
  server = await startTestServer({ consumers: [recordingConsumer] });
  fixture = await createAccountFixture(server);
  agentIds = [];
  for (let index = 0; index < 5; index++) agentIds.push((await addAgent(server, fixture)).id);
});
afterAll(() => server.close());

const requestCount = 10;
const account = () => `/api/v1/accounts/${fixture.accountId}`;

/** Sends the requests all at once, each on a connection of its own, and waits for every answer. */
const concurrently = <T>(count: number, send: (index: number) => Promise<T>): Promise<T[]> =>
  Promise.all(Array.from({ length: count }, (_, index) => send(index)));

/** The events recorded since the last call, about the subject, in the order they were recorded. */
async function eventsAbout(type: string, id: number): Promise<DomainEvent[]> {
  delivered.length = 0;
  for (let pass = 0; pass < 10; pass++) await server.container.dispatcher.runOnce();
  return delivered.filter((event) => event.subject.type === type && event.subject.id === id);
}

/** A set of agents for each request: each differs from every other, and some are empty. */
const memberSetOf = (index: number): number[] =>
  index % 5 === 0 ? [] : agentIds.filter((_, position) => ((index >> position) & 1) === 1 || position === index % 5);

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

/**
 * Replays membership events from `start`: each must add only users not in the set yet and remove only users in it,
 * as happens when every change reads the members it changes under a lock. Answers the members it arrives at.
 */
function replayMembership(start: number[], events: DomainEvent[]): number[] {
  const members = new Set(start);
  for (const event of events) {
    const added = event.data.added_user_ids as number[];
    const removed = event.data.removed_user_ids as number[];
    for (const userId of added) expect(members.has(userId)).toBe(false);
    for (const userId of removed) expect(members.has(userId)).toBe(true);
    for (const userId of added) members.add(userId);
    for (const userId of removed) members.delete(userId);
  }
  return sorted([...members]);
}

describe('replacing the labels of a contact', () => {
  test('leaves exactly the labels of one request, and its events chain from one state to the next', async () => {
    const created = await server.request('POST', `${account()}/contacts`, {
      token: fixture.agent.token,
      body: { name: 'Concurrent labels' },
    });
    const contactId = created.body.payload.contact.id;
    await eventsAbout('contact', contactId);
    const labelSetOf = (index: number) => (index === 0 ? [] : [`only-${index}`, 'shared', `also-${index}`]);

    const responses = await concurrently(requestCount, (index) =>
      server.request('POST', `${account()}/contacts/${contactId}/labels`, {
        token: fixture.agent.token,
        body: { labels: labelSetOf(index) },
      }),
    );

    responses.forEach((response, index) => {
      expect([response.status, [...response.body.payload].sort()]).toEqual([200, labelSetOf(index).sort()]);
    });
    const stored = await server.request('GET', `${account()}/contacts/${contactId}/labels`, {
      token: fixture.agent.token,
    });
    const final = [...stored.body.payload].sort();
    const requested = Array.from({ length: requestCount }, (_, index) => labelSetOf(index).sort());
    expect(requested).toContainEqual(final);

    let labels: string[] = [];
    for (const event of await eventsAbout('contact', contactId)) {
      const [change] = event.data.changed_attributes as Array<{ label_list: { previous_value: string[] } }>;
      const { previous_value, current_value } = change!.label_list as {
        previous_value: string[];
        current_value: string[];
      };
      expect(previous_value).toEqual(labels);
      labels = current_value;
    }
    expect([...labels].sort()).toEqual(final);
  });
});

describe('changing the members of a team', () => {
  async function createTeam(name: string, memberIds: number[]): Promise<number> {
    const created = await server.request('POST', `${account()}/teams`, { token: fixture.admin.token, body: { name } });
    if (memberIds.length > 0) {
      await server.request('POST', `${account()}/teams/${created.body.id}/team_members`, {
        token: fixture.admin.token,
        body: { user_ids: memberIds },
      });
    }
    await eventsAbout('team', created.body.id);
    return created.body.id;
  }

  async function membersOf(teamId: number): Promise<number[]> {
    const response = await server.request('GET', `${account()}/teams/${teamId}/team_members`, {
      token: fixture.admin.token,
    });
    return sorted(response.body.map((agent: { id: number }) => agent.id));
  }

  const change = (method: string, teamId: number, userIds: number[]) =>
    server.request(method, `${account()}/teams/${teamId}/team_members`, {
      token: fixture.admin.token,
      body: { user_ids: userIds },
    });

  test('replacing leaves exactly the members one request gave, and its events add and remove in turn', async () => {
    const start = agentIds.slice(0, 2);
    const teamId = await createTeam('Concurrent replacements', start);

    const responses = await concurrently(requestCount, (index) => change('PATCH', teamId, memberSetOf(index)));

    responses.forEach((response, index) => {
      expect([response.status, sorted(response.body.map((agent: { id: number }) => agent.id))]).toEqual([
        200,
        sorted(memberSetOf(index)),
      ]);
    });
    const final = await membersOf(teamId);
    expect(Array.from({ length: requestCount }, (_, index) => sorted(memberSetOf(index)))).toContainEqual(final);
    expect(replayMembership(start, await eventsAbout('team', teamId))).toEqual(final);
  });

  test('adding and removing at once loses no change, and each user joins or leaves in one event', async () => {
    const teamId = await createTeam('Concurrent additions', []);

    const added = await concurrently(requestCount, (index) => change('POST', teamId, [agentIds[index % 5]!]));
    expect(added.map((response) => response.status)).toEqual(Array(requestCount).fill(200));
    expect(await membersOf(teamId)).toEqual(sorted(agentIds));
    // Of two requests adding the same user, one adds them and the other finds them already there.
    expect(added.flatMap((response) => response.body.map((agent: { id: number }) => agent.id)).sort()).toEqual(
      sorted(agentIds),
    );
    expect(replayMembership([], await eventsAbout('team', teamId))).toEqual(sorted(agentIds));

    const removed = await concurrently(requestCount, (index) => change('DELETE', teamId, [agentIds[index % 5]!]));
    expect(removed.map((response) => response.status)).toEqual(Array(requestCount).fill(200));
    expect(await membersOf(teamId)).toEqual([]);
    expect(replayMembership(sorted(agentIds), await eventsAbout('team', teamId))).toEqual([]);
  });
});

describe('changing the members of an inbox', () => {
  async function createInbox(name: string, memberIds: number[]): Promise<number> {
    const created = await server.request('POST', `${account()}/inboxes`, {
      token: fixture.admin.token,
      body: { name, channel: { type: 'api' } },
    });
    const inboxId = created.body.id;
    if (memberIds.length > 0) await change('POST', inboxId, memberIds);
    await eventsAbout('inbox', inboxId);
    return inboxId;
  }

  async function membersOf(inboxId: number): Promise<number[]> {
    const response = await server.request('GET', `${account()}/inbox_members/${inboxId}`, {
      token: fixture.admin.token,
    });
    return sorted(response.body.payload.map((agent: { id: number }) => agent.id));
  }

  const change = (method: string, inboxId: number, userIds: number[]) =>
    server.request(method, `${account()}/inbox_members`, {
      token: fixture.admin.token,
      body: { inbox_id: inboxId, user_ids: userIds },
    });

  test('replacing leaves exactly the members one request gave, and its events add and remove in turn', async () => {
    const start = agentIds.slice(0, 2);
    const inboxId = await createInbox('Concurrent replacements', start);

    // An inbox's members are replaced by a list of one user at least.
    const memberListOf = (index: number) => (index % 5 === 0 ? [fixture.agent.id] : memberSetOf(index));

    const responses = await concurrently(requestCount, (index) => change('PATCH', inboxId, memberListOf(index)));

    responses.forEach((response, index) => {
      expect([response.status, sorted(response.body.payload.map((agent: { id: number }) => agent.id))]).toEqual([
        200,
        sorted(memberListOf(index)),
      ]);
    });
    const final = await membersOf(inboxId);
    expect(Array.from({ length: requestCount }, (_, index) => sorted(memberListOf(index)))).toContainEqual(final);
    expect(replayMembership(start, await eventsAbout('inbox', inboxId))).toEqual(final);
  });

  test('adding and removing at once loses no change, and each user joins or leaves in one event', async () => {
    const inboxId = await createInbox('Concurrent additions', []);

    const added = await concurrently(requestCount, (index) => change('POST', inboxId, [agentIds[index % 5]!]));
    expect(added.map((response) => response.status)).toEqual(Array(requestCount).fill(200));
    expect(await membersOf(inboxId)).toEqual(sorted(agentIds));
    expect(replayMembership([], await eventsAbout('inbox', inboxId))).toEqual(sorted(agentIds));

    const removed = await concurrently(5, (index) => change('DELETE', inboxId, [agentIds[index]!]));
    expect(removed.map((response) => response.status)).toEqual(Array(5).fill(200));
    expect(await membersOf(inboxId)).toEqual([]);
    expect(replayMembership(sorted(agentIds), await eventsAbout('inbox', inboxId))).toEqual([]);
  });
});

describe('setting the agent bot of an inbox', () => {
  test("each event's previous bot is the bot the one before it set", async () => {
    const inbox = await server.request('POST', `${account()}/inboxes`, {
      token: fixture.admin.token,
      body: { name: 'Concurrent bots', channel: { type: 'api' } },
    });
    const botIds: Array<number | null> = [null];
    for (const name of ['First bot', 'Second bot']) {
      const bot = await server.request('POST', '/platform/api/v1/agent_bots', {
        token: fixture.platformToken,
        body: { name, outgoing_url: 'https://bots.example.com/hook', account_id: fixture.accountId },
      });
      botIds.push(bot.body.id);
    }
    await eventsAbout('inbox', inbox.body.id);

    const responses = await concurrently(requestCount, (index) =>
      server.request('POST', `${account()}/inboxes/${inbox.body.id}/set_agent_bot`, {
        token: fixture.admin.token,
        body: { agent_bot: botIds[(index % 2) + 1] ?? null },
      }),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(requestCount).fill(200));
    const stored = await server.request('GET', `${account()}/inboxes/${inbox.body.id}/agent_bot`, {
      token: fixture.admin.token,
    });
    let botId: number | null = null;
    for (const event of await eventsAbout('inbox', inbox.body.id)) {
      const [change] = event.data.changed_attributes as Array<{
        agent_bot_id: { previous_value: number | null; current_value: number | null };
      }>;
      expect(change!.agent_bot_id.previous_value).toBe(botId);
      botId = change!.agent_bot_id.current_value;
    }
    expect(botId).toBe(stored.body.agent_bot.id);
  });
});

describe('updating a contact', () => {
  test('custom attributes set by concurrent requests all stay, merged', async () => {
    const created = await server.request('POST', `${account()}/contacts`, {
      token: fixture.agent.token,
      body: { name: 'Concurrent attributes', custom_attributes: { origin: 'import' } },
    });
    const contactId = created.body.payload.contact.id;

    const responses = await concurrently(requestCount, (index) =>
      server.request('PUT', `${account()}/contacts/${contactId}`, {
        token: fixture.agent.token,
        body: { custom_attributes: { [`key_${index}`]: index } },
      }),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(requestCount).fill(200));
    const stored = await server.request('GET', `${account()}/contacts/${contactId}`, { token: fixture.agent.token });
    expect(stored.body.payload.custom_attributes).toEqual({
      origin: 'import',
      ...Object.fromEntries(Array.from({ length: requestCount }, (_, index) => [`key_${index}`, index])),
    });
  });
});

describe('creating a platform user by email', () => {
  test('every one of many concurrent requests with the same email answers the same user', async () => {
    const email = `concurrent-${process.pid}@example.com`;

    const responses = await concurrently(30, () =>
      server.request('POST', '/platform/api/v1/users', {
        token: fixture.platformToken,
        body: { name: 'Concurrent user', email },
      }),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(30).fill(200));
    expect(new Set(responses.map((response) => response.body.id)).size).toBe(1);
    const users = await server.db('users').where({ email });
    expect(users).toHaveLength(1);
  });
});
