import type { Knex } from 'knex';
import { everyConversation, fillConversationTallies, noAssignee, tallyKey } from '../conversation-tallies';

const isPostgres = (db: Knex) => db.client.config.client === 'pg';

const keyColumns = tallyKey.join(', ');

/** A tally the change meets for the first time starts at the change; one already there adds it up. */
const addingUp = `on conflict (${keyColumns}) do update set count = conversation_tallies.count + excluded.count`;

/** The columns of a conversation that place it in a tally; an update of any other leaves the tallies alone. */
const talliedConversationColumns = 'account_id, status, inbox_id, assignee_id, assignee_agent_bot_id';

/** Whether an update moved the conversation to other tallies: not when a bot hands it to another bot, for one. */
const movesTallies = `old.account_id <> new.account_id or old.status <> new.status or old.inbox_id <> new.inbox_id
  or coalesce(old.assignee_id, ${noAssignee}) <> coalesce(new.assignee_id, ${noAssignee})
  or (old.assignee_agent_bot_id is null) <> (new.assignee_agent_bot_id is null)`;

/**
 * Takes the conversation row `old` out of its tallies and counts `new` in its own, each under every conversation and
 * under each of the conversation's labels. What one update takes out and puts back in the same tally cancels out,
 * and the tallies are written in the order of their key, so that concurrent updates of conversations lock the
 * tallies they share in the same order and never wait for each other in a circle.
 */
function tallyingConversation(rows: Array<'old' | 'new'>): string {
  const changes = rows
    .map(
      (row) => `select ${row}.account_id as account_id, ${row}.status as status, ${row}.inbox_id as inbox_id,
        coalesce(${row}.assignee_id, ${noAssignee}) as assignee_id,
        ${row}.assignee_agent_bot_id is not null as held_by_bot, ${row === 'old' ? -1 : 1} as delta`,
    )
    .join(' union all ');
  const key =
    'labels.label, changed.account_id, changed.status, changed.inbox_id, changed.assignee_id, changed.held_by_bot';
  return `insert into conversation_tallies (${keyColumns}, count)
    select changed.account_id, labels.label, changed.status, changed.inbox_id, changed.assignee_id,
      changed.held_by_bot, sum(changed.delta)
    from (${changes}) as changed
    cross join (select '${everyConversation}' as label union all
      select label from conversation_labels where conversation_id = ${rows[rows.length - 1]}.id) as labels
    where true
    group by ${key}
    having sum(changed.delta) <> 0
    order by ${key}
    ${addingUp}`;
}

/** Counts the label row `row` in (`new`) or out (`old`) of the tally of its conversation as it now stands. */
function tallyingLabel(row: 'old' | 'new'): string {
  return `insert into conversation_tallies (${keyColumns}, count)
    select conversations.account_id, ${row}.label, conversations.status, conversations.inbox_id,
      coalesce(conversations.assignee_id, ${noAssignee}), conversations.assignee_agent_bot_id is not null,
      ${row === 'old' ? -1 : 1}
    from conversations where conversations.id = ${row}.conversation_id
    ${addingUp}`;
}

/**
 * A conversation's labels go before the conversation does, each taken out of its tally while the conversation is
 * there to say which: when the labels go by the cascade of the conversation's deletion, the conversation is gone.
 */
const removingLabels = 'delete from conversation_labels where conversation_id = old.id';

/**
 * On PostgreSQL a label's change locks its conversation, as an update of the conversation does, before it reads
 * where the conversation stands: an update of the conversation committing in between would otherwise move the
 * conversation's tallies without this label, which it does not see yet, while the label is counted where the
 * conversation was.
 */
const lockingConversation = (row: 'old' | 'new') =>
  `perform 1 from conversations where id = ${row}.conversation_id for no key update`;

interface TallyTrigger {
  name: string;
  table: 'conversations' | 'conversation_labels';
  timing: 'before' | 'after';
  event: string;
  when?: string;
  statements: string[];
  /** What PostgreSQL runs before the statements. */
  postgresFirst?: string[];
}

const tallyTriggers: TallyTrigger[] = [
  {
    name: 'conversations_tally_insert',
    table: 'conversations',
    timing: 'after',
    event: 'insert',
    statements: [tallyingConversation(['new'])],
  },
  {
    name: 'conversations_tally_update',
    table: 'conversations',
    timing: 'after',
    event: `update of ${talliedConversationColumns}`,
    when: movesTallies,
    statements: [tallyingConversation(['old', 'new'])],
  },
  {
    name: 'conversations_tally_labels_removal',
    table: 'conversations',
    timing: 'before',
    event: 'delete',
    statements: [removingLabels],
  },
  {
    name: 'conversations_tally_delete',
    table: 'conversations',
    timing: 'after',
    event: 'delete',
    statements: [tallyingConversation(['old'])],
  },
  {
    name: 'conversation_labels_tally_insert',
    table: 'conversation_labels',
    timing: 'after',
    event: 'insert',
    postgresFirst: [lockingConversation('new')],
    statements: [tallyingLabel('new')],
  },
  {
    name: 'conversation_labels_tally_delete',
    table: 'conversation_labels',
    timing: 'after',
    event: 'delete',
    postgresFirst: [lockingConversation('old')],
    statements: [tallyingLabel('old')],
  },
  {
    name: 'conversation_labels_tally_update',
    table: 'conversation_labels',
    timing: 'after',
    event: 'update of conversation_id, label',
    when: 'old.conversation_id <> new.conversation_id or old.label <> new.label',
    postgresFirst: [lockingConversation('old'), lockingConversation('new')],
    statements: [tallyingLabel('old'), tallyingLabel('new')],
  },
];

/**
 * The conversation tallies (see conversation-tallies.ts), kept exact by triggers whichever code writes the
 * conversations and their labels. Only changes of the columns that place a conversation in a tally fire them: a new
 * message, which moves the conversation's activity, reads and writes no tally. No foreign key ties a tally to its
 * account or inbox: their deletion deletes the conversations, whose triggers then write the tallies of the account
 * and inbox being deleted. A tally that falls to zero stays, at zero.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('conversation_tallies', (table) => {
    table.integer('account_id').notNullable();
    // A lower-cased label, or `everyConversation`.
    table.string('label').notNullable();
    table.string('status').notNullable();
    table.integer('inbox_id').notNullable();
    // A user, or `noAssignee`.
    table.integer('assignee_id').notNullable();
    table.boolean('held_by_bot').notNullable();
    table.integer('count').notNullable();
    table.primary([...tallyKey]);
  });
  await db.raw(fillConversationTallies);

  for (const trigger of tallyTriggers) {
    if (isPostgres(db)) {
      const result = trigger.timing === 'before' ? 'old' : 'null';
      await db.raw(`create function ${trigger.name}() returns trigger language plpgsql as $$
        begin
          ${[...(trigger.postgresFirst ?? []), ...trigger.statements].map((statement) => `${statement};`).join('\n')}
          return ${result};
        end
      $$`);
      await db.raw(`create trigger ${trigger.name} ${trigger.timing} ${trigger.event} on ${trigger.table}
        for each row ${trigger.when ? `when (${trigger.when})` : ''} execute function ${trigger.name}()`);
    } else {
      await db.raw(`create trigger ${trigger.name} ${trigger.timing} ${trigger.event} on ${trigger.table}
        ${trigger.when ? `when ${trigger.when}` : ''}
        begin
          ${trigger.statements.map((statement) => `${statement};`).join('\n')}
        end`);
    }
  }
}

export async function down(db: Knex): Promise<void> {
  for (const trigger of tallyTriggers) {
    if (isPostgres(db)) {
      await db.raw(`drop trigger if exists ${trigger.name} on ${trigger.table}`);
      await db.raw(`drop function if exists ${trigger.name}()`);
    } else {
      await db.raw(`drop trigger if exists ${trigger.name}`);
    }
  }
  await db.schema.dropTableIfExists('conversation_tallies');
}
