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
  let seen: number;
  do {
    seen = delivered.length;
    await server.container.dispatcher.runOnce();
  } while (delivered.length > seen);
  return delivered.filter((event) => event.subject.type === type && event.subject.id === id);
}

/** A set of agents for each request: the sets overlap in many ways, and some are empty. */
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
    expect(sorted(added.flatMap((response) => response.body.map((agent: { id: number }) => agent.id)))).toEqual(
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

/** An object that concurrent requests update, and which attribute each sets to a value of its own. */
interface UpdateCase {
  subject: string;
  attribute: string;
  /** Creates the object with `initial` as the attribute's value; answers its subject id and the path to update. */
  create(initial: string): Promise<{ id: number; path: string }>;
  method: string;
  token: () => string;
}

const platformPath = '/platform/api/v1';
let caseCount = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++caseCount}`;

/** Posts and answers the body, failing the test unless it is a 200. */
async function created(path: string, token: string, body: unknown): Promise<any> {
  const response = await server.request('POST', path, { token, body });
  expect(response.status).toBe(200);
  return response.body;
}

const updateCases: Record<string, UpdateCase> = {
  team: {
    subject: 'team',
    attribute: 'description',
    method: 'PATCH',
    token: () => fixture.admin.token,
    async create(initial) {
      const team = await created(`${account()}/teams`, fixture.admin.token, {
        name: unique('t'),
        description: initial,
      });
      return { id: team.id, path: `${account()}/teams/${team.id}` };
    },
  },
  contact: {
    subject: 'contact',
    attribute: 'name',
    method: 'PUT',
    token: () => fixture.agent.token,
    async create(initial) {
      const { payload } = await created(`${account()}/contacts`, fixture.agent.token, { name: initial });
      return { id: payload.contact.id, path: `${account()}/contacts/${payload.contact.id}` };
    },
  },
  'canned response': {
    subject: 'canned_response',
    attribute: 'content',
    method: 'PATCH',
    token: () => fixture.admin.token,
    async create(initial) {
      const canned = await created(`${account()}/canned_responses`, fixture.admin.token, {
        short_code: unique('c'),
        content: initial,
      });
      return { id: canned.id, path: `${account()}/canned_responses/${canned.id}` };
    },
  },
  'custom attribute definition': {
    subject: 'custom_attribute_definition',
    attribute: 'attribute_description',
    method: 'PATCH',
    token: () => fixture.admin.token,
    async create(initial) {
      const definition = await created(`${account()}/custom_attribute_definitions`, fixture.admin.token, {
        attribute_display_name: 'Plan',
        attribute_key: unique('plan').replaceAll('-', '_'),
        attribute_model: 'contact_attribute',
        attribute_description: initial,
      });
      return { id: definition.id, path: `${account()}/custom_attribute_definitions/${definition.id}` };
    },
  },
  'custom filter': {
    subject: 'custom_filter',
    attribute: 'name',
    method: 'PATCH',
    token: () => fixture.agent.token,
    async create(initial) {
      const filter = await created(`${account()}/custom_filters`, fixture.agent.token, {
        name: initial,
        filter_type: 'contact',
        query: { payload: [] },
      });
      return { id: filter.id, path: `${account()}/custom_filters/${filter.id}` };
    },
  },
  'agent bot of the account': {
    subject: 'agent_bot',
    attribute: 'description',
    method: 'PATCH',
    token: () => fixture.admin.token,
    async create(initial) {
      const bot = await created(`${account()}/agent_bots`, fixture.admin.token, { name: 'Bot', description: initial });
      return { id: bot.id, path: `${account()}/agent_bots/${bot.id}` };
    },
  },
  'agent bot of a platform app': {
    subject: 'agent_bot',
    attribute: 'description',
    method: 'PATCH',
    token: () => fixture.platformToken,
    async create(initial) {
      const bot = await created(`${platformPath}/agent_bots`, fixture.platformToken, {
        name: 'Bot',
        description: initial,
      });
      return { id: bot.id, path: `${platformPath}/agent_bots/${bot.id}` };
    },
  },
  'platform account': {
    subject: 'account',
    attribute: 'name',
    method: 'PATCH',
    token: () => fixture.platformToken,
    async create(initial) {
      const platformAccount = await created(`${platformPath}/accounts`, fixture.platformToken, { name: initial });
      return { id: platformAccount.id, path: `${platformPath}/accounts/${platformAccount.id}` };
    },
  },
  'platform user': {
    subject: 'user',
    attribute: 'name',
    method: 'PATCH',
    token: () => fixture.platformToken,
    async create(initial) {
      const user = await created(`${platformPath}/users`, fixture.platformToken, {
        name: initial,
        email: `${unique('user')}@example.com`,
      });
      return { id: user.id, path: `${platformPath}/users/${user.id}` };
    },
  },
};

describe.each(Object.entries(updateCases))('updating one %s concurrently', (_, updateCase) => {
  test('records events whose previous value is the value the update before set', async () => {
    const { id, path } = await updateCase.create('initial');
    await eventsAbout(updateCase.subject, id);

    const responses = await concurrently(requestCount, (index) =>
      server.request(updateCase.method, path, {
        token: updateCase.token(),
        body: { [updateCase.attribute]: `value ${index}` },
      }),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(requestCount).fill(200));
    let value: unknown = 'initial';
    const changes = (await eventsAbout(updateCase.subject, id)).flatMap(
      (event) =>
        event.data.changed_attributes as Array<Record<string, { previous_value: unknown; current_value: unknown }>>,
    );
    const ofAttribute = changes.flatMap((change) =>
      change[updateCase.attribute] ? [change[updateCase.attribute]!] : [],
    );
    expect(ofAttribute).toHaveLength(requestCount);
    for (const change of ofAttribute) {
      expect(change.previous_value).toBe(value);
      value = change.current_value;
    }
  });
});

describe("changing a user's role in an account concurrently", () => {
  test('records events whose previous role is the role the change before set', async () => {
    const userId = agentIds[0]!;
    const accountUsers = `${platformPath}/accounts/${fixture.accountId}/account_users`;
    await eventsAbout('user', userId);
    const roleOf = (index: number) => (index % 2 === 0 ? 'administrator' : 'agent');

    const responses = await concurrently(requestCount, (index) =>
      server.request('POST', accountUsers, {
        token: fixture.platformToken,
        body: { user_id: userId, role: roleOf(index) },
      }),
    );

    expect(responses.map((response) => response.status)).toEqual(Array(requestCount).fill(200));
    let role: unknown = 'agent';
    for (const event of await eventsAbout('user', userId)) {
      for (const change of event.data.changed_attributes as Array<{ role?: Record<string, unknown> }>) {
        expect(change.role?.previous_value).toBe(role);
        role = change.role?.current_value;
      }
    }
    const stored = await server.db('account_users').where({ account_id: fixture.accountId, user_id: userId }).first();
    expect(stored?.role).toBe(role);
  });
});

describe('opening a session of a contact in an inbox', () => {
  test('concurrent requests with one source id all answer the session, opened once', async () => {
    const inbox = await server.request('POST', `${account()}/inboxes`, {
      token: fixture.admin.token,
      body: { name: 'Concurrent sessions', channel: { type: 'api' } },
    });
    const contact = await server.request('POST', `${account()}/contacts`, {
      token: fixture.admin.token,
      body: { name: 'Concurrent session' },
    });
    const contactId = contact.body.payload.contact.id;
    await eventsAbout('contact', contactId);

    const responses = await concurrently(requestCount, () =>
      server.request('POST', `${account()}/contacts/${contactId}/contact_inboxes`, {
        token: fixture.admin.token,
        body: { inbox_id: inbox.body.id, source_id: 'crm-concurrent' },
      }),
    );

    expect(responses.map((response) => [response.status, response.body.source_id])).toEqual(
      Array(requestCount).fill([200, 'crm-concurrent']),
    );
    const opened = (await eventsAbout('contact', contactId)).filter((event) => event.name === 'contact_inbox_created');
    expect(opened).toHaveLength(1);
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

describe('claiming an existing user from two platform apps at once', () => {
  test('gives the user to exactly one app, and refuses the other as if it had come second', async () => {
    const otherToken = await server.createPlatformApp('Concurrent claimant');
    const invited = await Promise.all(Array.from({ length: 5 }, () => addAgent(server, fixture)));

    const responses = await concurrently(invited.length * 2, (index) =>
      server.request('POST', '/platform/api/v1/users', {
        token: index % 2 === 0 ? fixture.platformToken : otherToken,
        body: { name: 'Claimed', email: invited[index >> 1]!.email },
      }),
    );

    invited.forEach((user, position) => {
      const pair = responses.slice(position * 2, position * 2 + 2);
      expect(pair.map((response) => response.status).sort()).toEqual([200, 401]);
      expect(pair.find((response) => response.status === 401)?.body.error).toBe('Non permissible resource');
      expect(pair.find((response) => response.status === 200)?.body.id).toBe(user.id);
    });
    const grants = await server
      .db('platform_app_permissibles')
      .where({ permissible_type: 'User' })
      .whereIn(
        'permissible_id',
        invited.map((user) => user.id),
      );
    expect(grants).toHaveLength(invited.length);
  });
});

describe('updating a custom attribute definition from two requests at once', () => {
  test('never stores a list attribute without values, and refuses the update that would', async () => {
    const definitionIds: number[] = [];
    for (let index = 0; index < 5; index++) {
      const definition = await created(`${account()}/custom_attribute_definitions`, fixture.admin.token, {
        attribute_display_name: 'Tier',
        attribute_key: unique('tier').replaceAll('-', '_'),
        attribute_model: 'contact_attribute',
        attribute_display_type: 'text',
        attribute_values: ['free', 'pro'],
      });
      definitionIds.push(definition.id);
    }
    const patchOf = (index: number) =>
      index % 2 === 0 ? { attribute_display_type: 'list' } : { attribute_values: [] as string[] };

    const responses = await concurrently(definitionIds.length * 2, (index) =>
      server.request('PATCH', `${account()}/custom_attribute_definitions/${definitionIds[index >> 1]}`, {
        token: fixture.admin.token,
        body: patchOf(index),
      }),
    );

    for (const [position, id] of definitionIds.entries()) {
      const pair = responses.slice(position * 2, position * 2 + 2);
      // Whichever comes second would make a list without values.
      expect(pair.map((response) => response.status).sort()).toEqual([200, 422]);
      expect(pair.find((response) => response.status === 422)?.body.attributes).toEqual(['attribute_values']);
      const stored = await server.request('GET', `${account()}/custom_attribute_definitions/${id}`, {
        token: fixture.admin.token,
      });
      expect([
        ['list', ['free', 'pro']],
        ['text', []],
      ]).toContainEqual([stored.body.attribute_display_type, stored.body.attribute_values]);
    }
  });
});

describe('deleting a team while its members change', () => {
  test('every request answers 200 or 404, and the delete locks the team as a delete does', async () => {
    const team = await created(`${account()}/teams`, fixture.admin.token, { name: unique('doomed') });
    const teamPath = `${account()}/teams/${team.id}`;
    const locks: string[] = [];
    const recordLock = ({ sql }: { sql: string }) => {
      const lock = /for (no key update|update) of "teams"/.exec(sql)?.[0];
      if (lock) locks.push(lock);
    };
    server.db.on('query', recordLock);

    const responses = await concurrently(requestCount, (index) =>
      index === requestCount >> 1
        ? server.request('DELETE', teamPath, { token: fixture.admin.token })
        : server.request('POST', `${teamPath}/team_members`, {
            token: fixture.admin.token,
            body: { user_ids: [agentIds[index % 5]!] },
          }),
    );
    server.db.off('query', recordLock);

    expect(responses[requestCount >> 1]!.status).toBe(200);
    for (const response of responses) expect([200, 404]).toContain(response.status);
    // On PostgreSQL the delete takes the lock of a delete from the start; the additions, that of an update.
    const onPostgres = server.db.client.config.client === 'pg';
    expect(locks.filter((lock) => lock === 'for update of "teams"')).toHaveLength(onPostgres ? 1 : 0);
    expect(await server.db('teams').where({ id: team.id })).toEqual([]);
  });
});

describe('attaching an agent bot to inboxes while it is deleted', () => {
  test('each attachment answers 200 or, once the bot is gone, 404, and no inbox keeps the bot', async () => {
    const inboxIds: number[] = [];
    for (let index = 0; index < 5; index++) {
      const inbox = await created(`${account()}/inboxes`, fixture.admin.token, {
        name: unique('bot-inbox'),
        channel: { type: 'api' },
      });
      inboxIds.push(inbox.id);
    }
    const bot = await created(`${account()}/agent_bots`, fixture.admin.token, { name: 'Short-lived bot' });

    const responses = await concurrently(requestCount, (index) =>
      index === requestCount >> 1
        ? server.request('DELETE', `${account()}/agent_bots/${bot.id}`, { token: fixture.admin.token })
        : server.request('POST', `${account()}/inboxes/${inboxIds[index % 5]}/set_agent_bot`, {
            token: fixture.admin.token,
            body: { agent_bot: bot.id },
          }),
    );

    expect(responses[requestCount >> 1]!.status).toBe(200);
    for (const response of responses) expect([200, 404]).toContain(response.status);
    expect(await server.db('agent_bot_inboxes').where({ agent_bot_id: bot.id })).toEqual([]);
  });
});
