import type { MemberActor } from '../auth/actor';
import { type Container, createContainer } from '../container';
import type { Database } from '../db/connection';
import { emptyConversationTallies, fillConversationTallies } from '../db/conversation-tallies';
import { readJson, writeJson } from '../db/json-column';
import type { TableName } from '../db/tables';
import { accessTokenRepository } from '../modules/access-tokens/access-token-repository';
import { userRepository } from '../modules/users/user-repository';
import { openBenchDatabase } from './bench-database';
import type { ConversationsBenchSize } from './bench-settings';
import { type BulkWriter, openBulkWriter } from './bulk-writer';
import { createRandom, type Random } from './contact-generator';
import { namePools } from './contact-population';
import {
  type ConversationAccountShape,
  type FirstIds,
  type GeneratedMessage,
  planConversations,
} from './conversation-generator';
import { inboxProfiles, teamNames } from './conversation-population';
import { deferIndexes } from './deferred-indexes';
import { progressBar } from './progress-bar';

/** The account the conversation scenarios run in: its administrator, and the agent the desk's lists are read as. */
export interface ConversationsBenchAccount extends ConversationsBenchSize {
  accountId: number;
  adminToken: string;
  /** An agent with memberships in some of the inboxes, who holds conversations of their own. */
  agentId: number;
  agentToken: string;
}

const accountName = 'Conversations bench';
const adminEmail = 'admin@conversations-bench.example';
const agentEmail = (number: number) => `agent${String(number).padStart(2, '0')}@conversations-bench.example`;
/** The agent the scenarios call as. */
const callerEmail = agentEmail(1);
const agentCount = 50;
/** The caller works the Support, Orders, Enterprise and Marketplace inboxes: about half the account's traffic. */
const callerInboxes = [0, 2, 5, 6];
/** The inboxes an agent bot answers first: Billing and Mobile app. */
const botInboxes = [1, 3];
// The same seed and size give the same rows, so the README's figures hold for anyone who reseeds.
const generatorSeed = 20_250_301;
const messagesPerInsert = 5000;
/** SQLite commits every this many messages, so that its write-ahead log is folded into the database as it goes. */
const messagesPerTransaction = 200_000;

/** The seeding of a complete load, written last: its absence means the load is missing, partial or of another size. */
interface SeedMark {
  seeded?: ConversationsBenchSize;
}

/** The bench account when it is there, completely seeded with exactly this size. */
export async function findSeededConversationsAccount(
  db: Database,
  size: ConversationsBenchSize,
): Promise<ConversationsBenchAccount | undefined> {
  const account = await db('accounts').select('id', 'custom_attributes').where({ name: accountName }).first();
  if (!account) return undefined;
  const { seeded } = readJson<SeedMark>(account.custom_attributes);
  if (seeded?.conversations !== size.conversations || seeded.messages !== size.messages) return undefined;
  const users = userRepository(db);
  const tokens = accessTokenRepository(db);
  const admin = await users.findByEmail(adminEmail);
  const agent = await users.findByEmail(callerEmail);
  const adminToken = admin && (await tokens.tokenOf('User', admin.id));
  const agentToken = agent && (await tokens.tokenOf('User', agent.id));
  if (!adminToken || !agent || !agentToken) return undefined;
  return { accountId: account.id, adminToken, agentId: agent.id, agentToken, ...size };
}

/** `count` distinct indexes below `limit`, each drawn by `weightOf`. */
function distinctIndexes(random: Random, count: number, limit: number, weightOf: (index: number) => number): number[] {
  const chosen = new Set<number>();
  const totalWeight = Array.from({ length: limit }, (_, index) => weightOf(index)).reduce(
    (sum, weight) => sum + weight,
  );
  while (chosen.size < Math.min(count, limit)) {
    let target = random.next() * totalWeight;
    let index = 0;
    while (index < limit - 1 && target >= weightOf(index)) target -= weightOf(index++);
    chosen.add(index);
  }
  return [...chosen].sort((a, b) => a - b);
}

/**
 * The account as an administrator would set it up, through the services: the administrator, 50 agents, 10 API
 * inboxes whose members the busier ones have more of, 5 teams, and an agent bot answering two of the inboxes.
 */
async function setUpAccount(container: Container, random: Random) {
  const { services } = container;
  const { platformApp } = await services.platformApps.create(accountName);
  const provisioning = { kind: 'platformApp', platformApp } as const;
  const account = await services.accounts.create(provisioning, { name: accountName });
  const userNames = new Map<number, string>();
  const addUser = async (name: string, email: string, role: 'administrator' | 'agent', password?: string) => {
    const created = await services.users.createOrClaim(provisioning, { name, email, ...(password && { password }) });
    await services.accountUsers.createOrUpdate(provisioning, account.id, { user_id: created.user.id, role });
    userNames.set(created.user.id, name);
    return created;
  };
  const admin = await addUser('Bench Administrator', adminEmail, 'administrator', 'Bench-Pass1');
  const agents = [];
  for (let number = 1; number <= agentCount; number++) {
    const pool = random.pick(namePools);
    const name = `${random.pick(pool.firstNames)} ${random.pick(pool.lastNames)}`;
    agents.push(await addUser(name, agentEmail(number), 'agent'));
  }
  const adminMember: MemberActor = await services.accountMembers.resolve(admin.user, account.id);

  const inboxes = [];
  for (const [name] of inboxProfiles) {
    inboxes.push(await services.inboxes.create(adminMember, { name, channel: { type: 'api' } }));
  }
  // Each agent works two to four inboxes, the busy ones more often; every inbox has at least three members.
  const membersOf = inboxes.map(() => new Set<number>());
  agents.forEach((agent, index) => {
    const chosen =
      index === 0
        ? callerInboxes
        : distinctIndexes(random, 2 + random.below(3), inboxes.length, (inbox) => inboxProfiles[inbox]![1]);
    for (const inbox of chosen) membersOf[inbox]!.add(agent.user.id);
  });
  for (const members of membersOf) {
    while (members.size < 3) members.add(agents[1 + random.below(agents.length - 1)]!.user.id);
  }
  for (const [index, members] of membersOf.entries()) {
    await services.inboxMembers.add(adminMember, { inbox_id: inboxes[index]!.id, user_ids: [...members] });
  }

  const teams = [];
  const teamMembers = teamNames.map(() => [] as number[]);
  agents.forEach((agent, index) => {
    const count = index === 0 ? 1 : 1 + random.below(2);
    for (const team of distinctIndexes(random, count, teamNames.length, () => 1)) {
      teamMembers[team]!.push(agent.user.id);
    }
  });
  for (const [index, name] of teamNames.entries()) {
    const team = await services.teams.create(adminMember, { name });
    await services.teams.addMembers(adminMember, team.id, teamMembers[index]!);
    teams.push({ id: team.id, name, memberIds: teamMembers[index]! });
  }

  const { bot } = await services.accountAgentBots.create(adminMember, { name: 'Triage bot' });
  for (const index of botInboxes) await services.inboxAgentBots.set(adminMember, inboxes[index]!.id, bot.id);

  const shape: ConversationAccountShape = {
    accountId: account.id,
    adminId: admin.user.id,
    inboxes: inboxes.map((inbox, index) => ({
      id: inbox.id,
      weight: inboxProfiles[index]![1],
      memberIds: [...membersOf[index]!],
      botId: botInboxes.includes(index) ? bot.id : null,
    })),
    teams,
    userNames,
    bot: { id: bot.id, name: bot.name },
  };
  const caller = agents[0]!;
  return {
    shape,
    account: {
      accountId: account.id,
      adminToken: admin.accessToken,
      agentId: caller.user.id,
      agentToken: caller.accessToken,
    },
  };
}

/** Reports on stderr how long each phase took since the previous one, when `shown`. */
function phaseTimer(shown: boolean) {
  let last = Date.now();
  return (phase: string) => {
    const now = Date.now();
    if (shown) process.stderr.write(`${phase} in ${((now - last) / 1000).toFixed(1)} s\n`);
    last = now;
  };
}

/** The tables whose rows the load writes with their ids, and the key of each in `FirstIds`. */
const loadedTables: Array<[TableName, keyof FirstIds]> = [
  ['contacts', 'contact'],
  ['contact_inboxes', 'contactInbox'],
  ['conversations', 'conversation'],
  ['conversation_labels', 'conversationLabel'],
  ['messages', 'message'],
  ['attachments', 'attachment'],
];

/** The SQLite full-text tables the loaded tables' triggers keep in step. */
const searchTables = new Map<TableName, string>([
  ['contacts', 'contact_search'],
  ['messages', 'message_search'],
]);

async function firstFreeIds(db: Database): Promise<FirstIds> {
  const ids = {} as FirstIds;
  for (const [table, key] of loadedTables) {
    const row = await db(table).max('id', { as: 'last' }).first();
    ids[key] = Number(row?.last ?? 0) + 1;
  }
  return ids;
}

/** Rows in multi-row inserts of `size` rows. */
async function writeInSlices<Row extends object>(
  writer: BulkWriter,
  table: TableName,
  rows: Row[],
  size = messagesPerInsert,
): Promise<void> {
  for (let start = 0; start < rows.length; start += size) await writer.insert(table, rows.slice(start, start + size));
}

/** The messages and their attachments, in slices; SQLite commits every `messagesPerTransaction` messages. */
async function writeMessages(
  writer: BulkWriter,
  messages: Generator<GeneratedMessage>,
  { total, sqlite, showProgress }: { total: number; sqlite: boolean; showProgress: boolean },
) {
  const bar = showProgress ? progressBar(total) : undefined;
  let written = 0;
  let writing: Promise<void> = Promise.resolve();
  let batch: GeneratedMessage[] = [];
  const flush = async () => {
    const rows = batch;
    batch = [];
    // The next batch is generated while PostgreSQL stores this one.
    await writing;
    bar?.update(written);
    writing = (async () => {
      await writer.insert(
        'messages',
        rows.map(({ message }) => message),
      );
      await writer.insert(
        'attachments',
        rows.flatMap(({ attachment }) => (attachment ? [attachment] : [])),
      );
    })();
    written += rows.length;
    if (sqlite && written % messagesPerTransaction === 0) {
      await writing;
      await writer.commit();
      await writer.begin();
    }
  };
  for (const generated of messages) {
    batch.push(generated);
    if (batch.length === messagesPerInsert) await flush();
  }
  if (batch.length > 0) await flush();
  await writing;
  bar?.finish();
}

/**
 * Brings the loaded database to the state it reaches in service: the serial sequences past the ids written
 * (PostgreSQL), the trigram indexes merged, the planner's statistics gathered, and the visibility map set, which
 * PostgreSQL's index-only scans need (as autovacuum would after such a load).
 */
async function settle(writer: BulkWriter, postgres: boolean): Promise<void> {
  if (postgres) {
    for (const [table] of loadedTables) {
      await writer.execute(
        `select setval(pg_get_serial_sequence('${table}', 'id'), greatest((select max(id) from ${table}), 1))`,
      );
    }
    await writer.execute('vacuum analyze');
    return;
  }
  await writer.execute("insert into contact_search (contact_search) values ('optimize')");
  await writer.execute("insert into message_search (message_search) values ('optimize')");
  await writer.execute('analyze');
}

/**
 * Creates the conversations bench account (see `setUpAccount`) and loads its contacts, conversations, labels,
 * messages and attachments as `planConversations` generates them, with progress on stderr; then tallies the
 * conversations, settles the database and marks the account seeded.
 */
export async function seedConversationsAccount(
  db: Database,
  { size, now, showProgress = true }: { size: ConversationsBenchSize; now: number; showProgress?: boolean },
): Promise<ConversationsBenchAccount> {
  const random = createRandom(generatorSeed);
  const phase = phaseTimer(showProgress);
  const { shape, account } = await setUpAccount(createContainer({ db }), random);
  phase('account set up');
  const plan = planConversations({
    seed: generatorSeed,
    now,
    ...size,
    account: shape,
    firstIds: await firstFreeIds(db),
  });
  phase('planned');
  const postgres = db.client.config.client === 'pg';
  const writer = await openBulkWriter(db);
  try {
    await writer.begin();
    // PostgreSQL loads in this one transaction (nothing stays of a failed load), whose commit need not wait for the
    // disk: the setting ends with it. SQLite commits as it goes (see `writeMessages`); a load that fails there leaves
    // no seed mark, so the next run starts over in an emptied database.
    if (postgres) await writer.execute('set local synchronous_commit = off');
    const restores = [];
    for (const [table] of loadedTables) {
      const searchTable = postgres ? undefined : searchTables.get(table);
      restores.push(await deferIndexes(writer, { table, postgres, ...(searchTable && { searchTable }) }));
    }
    await writeInSlices(writer, 'contacts', plan.contacts);
    await writeInSlices(writer, 'contact_inboxes', plan.contactInboxes);
    await writeInSlices(writer, 'conversations', plan.conversations);
    await writeInSlices(writer, 'conversation_labels', plan.labels);
    await writer.insert('conversation_display_ids', [
      { account_id: shape.accountId, last_value: plan.conversations.length },
    ]);
    phase('conversations loaded');
    await writeMessages(writer, plan.messages(), { total: plan.messageCount, sqlite: !postgres, showProgress });
    phase('messages loaded');
    for (const restore of restores) await restore();
    // The conversations and labels were loaded without the triggers that tally them.
    await writer.execute(emptyConversationTallies);
    await writer.execute(fillConversationTallies);
    await writer.commit();
    phase('indexes built');
    await settle(writer, postgres);
    phase('settled');
  } finally {
    await writer.release();
  }
  await db('accounts')
    .where({ id: shape.accountId })
    .update({ custom_attributes: writeJson({ seeded: size }) });
  return { ...account, ...size };
}

/** The bench database, open, with its seeded account, and how long seeding took when it had to be done. */
export interface ConversationsBench {
  db: Database;
  url: string;
  account: ConversationsBenchAccount;
  seededSeconds?: number;
}

/**
 * Opens the conversations bench at `url`, reusing a complete seeding of this size; seeds it (into an emptied database)
 * when asked to with `reseed`, or when what is there is missing, partial or of another size.
 */
export async function prepareConversationsBench({
  url,
  size,
  reseed,
}: {
  url: string;
  size: ConversationsBenchSize;
  reseed: boolean;
}): Promise<ConversationsBench> {
  let db = await openBenchDatabase(url, { fresh: reseed });
  const existing = reseed ? undefined : await findSeededConversationsAccount(db, size);
  if (existing) return { db, url, account: existing };
  if (!reseed) {
    await db.destroy();
    db = await openBenchDatabase(url, { fresh: true });
  }
  try {
    const started = Date.now();
    const account = await seedConversationsAccount(db, { size, now: Math.floor(started / 1000) });
    return { db, url, account, seededSeconds: (Date.now() - started) / 1000 };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
