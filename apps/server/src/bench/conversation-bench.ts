import { createServer } from 'node:http';
import type { Clock } from '../config/clock';
import { createContainer } from '../container';
import { type Database, engineOf } from '../db/connection';
import { conversationsBenchDatabaseUrl } from './bench-database';
import { benchConversationsSize, flag, type LoadSettings, scenarioChosen } from './bench-settings';
import type { BenchReport } from './endpoint-bench';
import { listenOnLoopback } from './loopback-server';
import { markdownTable, wholeNumber } from './markdown-table';
import { type CreatedMessage, loadMessageCreation, percentile } from './message-load';
import { productionApp } from './production-app';
import { captureQueries, explain } from './query-plans';
import { recordReply } from './replay-server';
import { type LoadSummary, measure } from './run-load';
import { type ConversationsBench, prepareConversationsBench } from './seed-conversations';

/** The p99 latency, ten requests at once, that every read scenario is meant to stay under. */
const p99TargetMs = 50;
/** The messages per second that ten connections are meant to create on SQLite, every message answered 2xx stored. */
const creationTargetPerSecond = 1000;
/** The label the filter scenario asks for: the account's most common. */
const filteredLabel = 'billing';
/** How many open conversations the message creation spreads its messages over. */
const writtenConversations = 1000;

/** Who calls: the agent sees the conversations of their inboxes, the administrator the whole account. */
interface Caller {
  name: 'agent' | 'administrator';
  token: string;
}

/** A request the desk makes all day, with how many conversations or messages its answer stands for. */
interface ReadScenario {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** Whether the bench prints the plans of the conversation queries it makes. */
  planned: boolean;
  /** What the answer counts, for the table. */
  matching(reply: unknown): string;
}

interface CountsReply {
  mine_count: number;
  all_count: number;
}

const countsOf = (counts: CountsReply) =>
  `${wholeNumber.format(counts.all_count)} (mine ${wholeNumber.format(counts.mine_count)})`;

/** The inboxes the agent is a member of. */
async function agentInboxIds({ db, account }: ConversationsBench): Promise<number[]> {
  const rows: Array<{ inbox_id: number }> = await db('inbox_members')
    .select('inbox_id')
    .where({ user_id: account.agentId })
    .orderBy('inbox_id');
  return rows.map((row) => row.inbox_id);
}

/** The rows a raw select answers, on either engine. */
async function selectRows<Row>(db: Database, sql: string, bindings: readonly (number | string)[]): Promise<Row[]> {
  const result = await db.raw(sql, bindings);
  return Array.isArray(result) ? result : result.rows;
}

/** The agent's conversation with the most messages: a long thread, whose newest page the desk opens. */
async function longestConversation({ db, account }: ConversationsBench, inboxIds: number[]) {
  const [row] = await selectRows<{ display_id: number; messages: number | string }>(
    db,
    `select conversations.display_id, count(*) as messages from messages
      join conversations on conversations.id = messages.conversation_id
      where conversations.account_id = ? and conversations.inbox_id in (${inboxIds.map(() => '?').join(', ')})
      group by conversations.id, conversations.display_id order by messages desc limit 1`,
    [account.accountId, ...inboxIds],
  );
  if (!row) throw new Error('The bench account has no conversation in the agent’s inboxes');
  return { displayId: row.display_id, messages: Number(row.messages) };
}

async function readScenarios(bench: ConversationsBench, inboxIds: number[]): Promise<ReadScenario[]> {
  const base = `/api/v1/accounts/${bench.account.accountId}/conversations`;
  const thread = await longestConversation(bench, inboxIds);
  const filter = {
    payload: [{ attribute_key: 'labels', filter_operator: 'equal_to', values: [filteredLabel], query_operator: null }],
  };
  return [
    {
      name: 'list: open, mine',
      method: 'GET',
      path: `${base}?status=open&assignee_type=me`,
      planned: true,
      matching: (reply) => countsOf((reply as { data: { meta: CountsReply } }).data.meta),
    },
    {
      name: 'list: open, all',
      method: 'GET',
      path: `${base}?status=open&assignee_type=all`,
      planned: true,
      matching: (reply) => countsOf((reply as { data: { meta: CountsReply } }).data.meta),
    },
    {
      name: 'counts: open',
      method: 'GET',
      path: `${base}/meta?status=open`,
      planned: true,
      matching: (reply) => countsOf((reply as { meta: CountsReply }).meta),
    },
    {
      name: `filter: label ${filteredLabel}`,
      method: 'POST',
      path: `${base}/filter`,
      body: JSON.stringify(filter),
      planned: true,
      matching: (reply) => countsOf((reply as { meta: CountsReply }).meta),
    },
    {
      name: 'messages: newest page',
      method: 'GET',
      path: `${base}/${thread.displayId}/messages`,
      planned: false,
      matching: (reply) =>
        `${(reply as { payload: unknown[] }).payload.length} of ${wholeNumber.format(thread.messages)}`,
    },
  ];
}

const readsConversations = (sql: string) => /\bfrom [`"]?conversation/.test(sql);

const headersOf = (caller: Caller) => ({ api_access_token: caller.token, 'content-type': 'application/json' });

/** The plans of the conversation queries a request makes, as each engine runs them. */
async function planLines(db: Database, url: string, caller: Caller, scenario: ReadScenario): Promise<string[]> {
  const request = { method: scenario.method, body: scenario.body };
  const queries = await captureQueries(db, () => recordReply(url, headersOf(caller), request));
  const lines = [`${scenario.name}, as the ${caller.name}: ${scenario.method} ${scenario.path} ${scenario.body ?? ''}`];
  for (const query of queries.filter(({ sql }) => readsConversations(sql))) {
    lines.push(`  ${query.sql.replace(/\s+/g, ' ')}`, ...(await explain(db, query)).map((line) => `    ${line}`));
  }
  return [...lines, ''];
}

/** The conversation rows message creation changes, as they are before it. */
type ConversationSnapshot = Array<Record<string, unknown> & { id: number }>;

/** Where the database stands before messages are created, so that it can be brought back there. */
interface CreationBaseline {
  lastMessageId: number;
  lastEventId: number;
  conversations: ConversationSnapshot;
}

async function takeBaseline(db: Database, conversationIds: number[]): Promise<CreationBaseline> {
  const lastMessage = await db('messages').max('id', { as: 'last' }).first();
  const lastEvent = await db('domain_events').max('id', { as: 'last' }).first();
  return {
    lastMessageId: Number(lastMessage?.last ?? 0),
    lastEventId: Number(lastEvent?.last ?? 0),
    conversations: await db('conversations').whereIn('id', conversationIds),
  };
}

/**
 * Brings the account back to where it stood before the messages were created: the messages and their events deleted,
 * the conversations' columns (last activity, newest messages, wait, first reply, update time) as they were. On
 * PostgreSQL the tables are vacuumed, as after seeding, so that index-only scans find their pages visible again.
 * Only the id counters move on.
 */
async function restoreBaseline(db: Database, accountId: number, baseline: CreationBaseline): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('messages').where('account_id', accountId).where('id', '>', baseline.lastMessageId).delete();
    await trx('domain_events').where('id', '>', baseline.lastEventId).delete();
    for (const { id, ...columns } of baseline.conversations) await trx('conversations').where({ id }).update(columns);
  });
  if (db.client.config.client === 'pg') await db.raw('vacuum analyze conversations, messages, domain_events');
}

/** What the check of the created messages found wrong; empty when every answered message is stored as answered. */
async function checkCreatedMessages(
  db: Database,
  accountId: number,
  baseline: CreationBaseline,
  answered: CreatedMessage[],
): Promise<string[]> {
  const problems: string[] = [];
  const ids = answered.map((answer) => answer.id);
  if (new Set(ids).size !== ids.length) problems.push('the answers share message ids');
  const stored: Array<{ id: number; content: string; display_id: number }> = await db('messages')
    .join('conversations', 'conversations.id', 'messages.conversation_id')
    .where('messages.account_id', accountId)
    .where('messages.id', '>', baseline.lastMessageId)
    .select('messages.id', 'messages.content', 'conversations.display_id');
  const storedById = new Map(stored.map((row) => [row.id, row]));
  const missing = answered.filter((answer) => {
    const row = answer.id === undefined ? undefined : storedById.get(answer.id);
    return (
      !row ||
      row.content !== answer.content ||
      row.display_id !== answer.displayId ||
      answer.conversationId !== answer.displayId
    );
  });
  if (missing.length > 0) problems.push(`${missing.length} messages answered 2xx are not stored as answered`);
  if (stored.length !== answered.length) {
    problems.push(`${stored.length} messages stored for ${answered.length} answered 2xx`);
  }
  const [displayIds] = await selectRows<{ total: number | string; distinct_ids: number | string }>(
    db,
    'select count(*) as total, count(distinct display_id) as distinct_ids from conversations where account_id = ?',
    [accountId],
  );
  if (Number(displayIds?.total) !== Number(displayIds?.distinct_ids)) problems.push('conversations share display ids');
  const targetIds = baseline.conversations.map((conversation) => conversation.id);
  const [stale] = await selectRows<{ count: number | string }>(
    db,
    `select count(*) as count from conversations where id in (${targetIds.map(() => '?').join(', ')})
      and last_message_id <> (select max(messages.id) from messages where messages.conversation_id = conversations.id)`,
    targetIds,
  );
  if (Number(stale?.count) > 0) problems.push(`${stale?.count} conversations do not name their newest message`);
  return problems;
}

interface CreationFigures {
  messagesPerSecond: number;
  p50LatencyMs: number;
  p99LatencyMs: number;
  answered: number;
  failures: string[];
}

/**
 * Ten connections (`BENCH_CONNECTIONS`) creating messages as the agent, each sending its next as soon as the last is
 * answered, over the agent's most recently active open conversations taken in turn; then the check that every
 * message answered 2xx is stored as answered, and the account brought back to where it stood.
 */
async function benchMessageCreation(
  bench: ConversationsBench,
  serverUrl: string,
  inboxIds: number[],
  settings: LoadSettings,
): Promise<CreationFigures> {
  const { db, account } = bench;
  const targets: Array<{ id: number; display_id: number }> = await db('conversations')
    .select('id', 'display_id')
    .where({ account_id: account.accountId, status: 'open' })
    .whereIn('inbox_id', inboxIds)
    .orderBy('last_activity_at', 'desc')
    .limit(writtenConversations);
  const baseline = await takeBaseline(
    db,
    targets.map((target) => target.id),
  );
  try {
    console.log(
      `message creation: warming up ${settings.warmupSeconds} s, then measuring ${settings.durationSeconds} s ` +
        `with ${settings.connections} connection(s) over ${targets.length} conversations`,
    );
    const result = await loadMessageCreation({
      conversationsUrl: `${serverUrl}/api/v1/accounts/${account.accountId}/conversations`,
      token: account.agentToken,
      displayIds: targets.map((target) => target.display_id),
      connections: settings.connections,
      warmupSeconds: settings.warmupSeconds,
      durationSeconds: settings.durationSeconds,
      contentPrefix: `Bench message ${Date.now()}`,
    });
    const answered = result.answers.filter((answer) => answer.status >= 200 && answer.status < 300);
    const failures: string[] = [];
    if (result.errors > 0) failures.push(`${result.errors} requests got no answer`);
    const refused = result.answers.length - answered.length;
    if (refused > 0) failures.push(`${refused} requests answered other than 2xx`);
    failures.push(...(await checkCreatedMessages(db, account.accountId, baseline, answered)));
    const latencies = [...result.latencies].sort((a, b) => a - b);
    return {
      messagesPerSecond: answered.filter((answer) => answer.measured).length / settings.durationSeconds,
      p50LatencyMs: percentile(latencies, 0.5),
      p99LatencyMs: percentile(latencies, 0.99),
      answered: answered.length,
      failures: failures.map((failure) => `message creation: ${failure}`),
    };
  } finally {
    await restoreBaseline(db, account.accountId, baseline);
  }
}

const creationScenario = 'message creation';

const milliseconds = (value: number) => (value < 10 ? value.toFixed(1) : String(Math.round(value)));

/**
 * The desk's requests over HTTP against the real application (production settings, silent logs) on the seeded
 * conversations account: the lists, the counts, a label filter and a long thread's newest messages, as the agent and
 * as the administrator, one request at a time and ten at once, with the plans of their conversation queries; then
 * message creation by ten connections, checked against the database and undone.
 */
export async function benchConversations(settings: LoadSettings): Promise<BenchReport> {
  const size = benchConversationsSize();
  const url = conversationsBenchDatabaseUrl(size);
  const bench = await prepareConversationsBench({ url, size, reseed: flag('BENCH_RESEED') });
  const cleanups: Array<() => Promise<void>> = [() => bench.db.destroy()];
  try {
    // The reads are answered by a server whose clock stands still, so that every answer of a scenario is the same
    // bytes: attachment links are signed to expire at the end of a quarter-hour, which could turn during a run.
    const startedSeconds = Math.floor(Date.now() / 1000);
    const stoppedClock: Clock = { nowSeconds: () => startedSeconds, nowMilliseconds: () => startedSeconds * 1000 };
    const server = await listenOnLoopback(
      createServer(productionApp(createContainer({ db: bench.db, clock: stoppedClock }))),
    );
    cleanups.push(server.close);
    const writer = await listenOnLoopback(createServer(productionApp(createContainer({ db: bench.db }))));
    cleanups.push(writer.close);
    const { account } = bench;
    const callers: Caller[] = [
      { name: 'agent', token: account.agentToken },
      { name: 'administrator', token: account.adminToken },
    ];
    const inboxIds = await agentInboxIds(bench);
    const scenarios = (await readScenarios(bench, inboxIds)).filter((scenario) => scenarioChosen(scenario.name));

    const lines = [
      `Conversations, ${engineOf(url)} (${url}): account ${account.accountId} with ` +
        `${wholeNumber.format(size.conversations)} conversations and ${wholeNumber.format(size.messages)} messages` +
        (bench.seededSeconds === undefined ? '' : `, seeded in ${Math.round(bench.seededSeconds)} s`),
      '',
    ];
    // The plans are taken before any load, so that no request of a load run is still in flight then.
    for (const scenario of scenarios.filter((each) => each.planned)) {
      for (const caller of callers)
        lines.push(...(await planLines(bench.db, server.url + scenario.path, caller, scenario)));
    }

    const concurrent = settings.connections;
    const rows: string[][] = [
      [
        'scenario',
        'caller',
        'answer',
        'alone: requests/s',
        'p50 (ms)',
        'p99 (ms)',
        `${concurrent} at once: requests/s`,
        'p50 (ms)',
        'p99 (ms)',
      ],
    ];
    const failures: string[] = [];
    const overTarget: string[] = [];
    for (const scenario of scenarios) {
      for (const caller of callers) {
        const name = `${scenario.name} (${caller.name})`;
        const request = { method: scenario.method, body: scenario.body };
        const headers = headersOf(caller);
        const reply = await recordReply(server.url + scenario.path, headers, request);
        const expectBody = reply.body.toString('utf8');
        const load = { ...request, url: server.url + scenario.path, headers, expectBody };
        const alone: LoadSummary = await measure(name, load, { ...settings, connections: 1 });
        const saturated: LoadSummary = await measure(name, load, settings);
        failures.push(...[...alone.failures, ...saturated.failures].map((failure) => `${name}: ${failure}`));
        rows.push([
          scenario.name,
          caller.name,
          scenario.matching(JSON.parse(expectBody)),
          wholeNumber.format(alone.requestsPerSecond),
          String(alone.p50LatencyMs),
          String(alone.p99LatencyMs),
          wholeNumber.format(saturated.requestsPerSecond),
          String(saturated.p50LatencyMs),
          String(saturated.p99LatencyMs),
        ]);
        if (saturated.p99LatencyMs >= p99TargetMs) {
          overTarget.push(
            `${name}: p99 ${saturated.p99LatencyMs} ms with ${concurrent} connections, over the ${p99TargetMs} ms target`,
          );
        }
      }
    }

    lines.push(markdownTable(rows));
    if (!scenarioChosen(creationScenario)) {
      lines.push(...overTarget);
      return { lines, failures };
    }
    const creation = await benchMessageCreation(bench, writer.url, inboxIds, settings);
    failures.push(...creation.failures);
    const creationRows = [
      [creationScenario, 'messages/s', 'p50 (ms)', 'p99 (ms)', 'answered 2xx, all stored'],
      [
        `${concurrent} connections, agent, ${writtenConversations} conversations`,
        wholeNumber.format(creation.messagesPerSecond),
        milliseconds(creation.p50LatencyMs),
        milliseconds(creation.p99LatencyMs),
        wholeNumber.format(creation.answered),
      ],
    ];
    if (engineOf(url) === 'sqlite' && creation.messagesPerSecond < creationTargetPerSecond) {
      overTarget.push(
        `message creation: ${wholeNumber.format(creation.messagesPerSecond)} messages/s, under the ` +
          `${wholeNumber.format(creationTargetPerSecond)} target`,
      );
    }
    lines.push('', markdownTable(creationRows), ...overTarget);
    return { lines, failures };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }
}
