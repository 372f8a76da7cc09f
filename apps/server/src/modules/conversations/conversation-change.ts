import type { Actor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { changedAttributes } from '../../events/change-event';
import { sendSurveyOnResolve } from '../csat/survey-sender';
import type { ServiceDependencies } from '../service-dependencies';
import {
  assignmentActivityText,
  contactResolvedActivityText,
  labelActivityTexts,
  priorityActivityText,
  statusActivityText,
} from './activity-texts';
import { announcedChanges, conversationEvent } from './conversation-events';
import { type ConversationFields, type ConversationRecord, conversationRepository } from './conversation-repository';
import { appendActivity, recordStatusChange } from './message-writer';

/** A change to a conversation: some of its fields, its labels, or both. */
export interface ConversationChange {
  fields: Partial<ConversationFields>;
  /** The labels before and after, when the change replaced them (the labels are already stored). */
  labels?: { previous: string[]; current: string[] };
}

/** The fields of `fields` whose value differs from the conversation's. */
function effectiveFields(before: ConversationRecord, fields: Partial<ConversationFields>): Partial<ConversationFields> {
  return Object.fromEntries(
    Object.entries(fields).filter(([key, value]) => before[key as keyof ConversationFields] !== value),
  ) as Partial<ConversationFields>;
}

/** The fields with what their status brings along: a snooze time only while snoozed, and no wait once resolved. */
function withStatusRules(before: ConversationRecord, fields: Partial<ConversationFields>): Partial<ConversationFields> {
  const status = fields.status ?? before.status;
  return {
    ...fields,
    ...(status !== 'snoozed' && { snoozed_until: null }),
    ...(status === 'resolved' && before.status !== 'resolved' && { waiting_since: null }),
  };
}

async function nameOf(trx: Database, table: 'users' | 'teams', id: number | null) {
  if (id === null) return null;
  const row = await trx(table).where({ id }).first('id', 'name');
  return row ?? null;
}

/** The activity messages a user's change, or a contact's resolve, writes, in the order the reference writes them. */
async function activityTextsOf(
  trx: Database,
  actor: Actor,
  before: ConversationRecord,
  after: ConversationRecord,
  labels: ConversationChange['labels'],
): Promise<Array<{ text: string; contentAttributes?: Record<string, unknown> }>> {
  if (actor.kind === 'contact') {
    return before.status !== after.status && after.status === 'resolved'
      ? [
          {
            text: contactResolvedActivityText(actor.contact),
            contentAttributes: { activity: { type: 'conversation_status_changed', status: after.status } },
          },
        ]
      : [];
  }
  if (actor.kind !== 'member') return [];
  const user = actor.user;
  const texts: Array<{ text: string; contentAttributes?: Record<string, unknown> }> = [];
  if (before.status !== after.status) {
    texts.push({
      text: statusActivityText(user, after.status),
      contentAttributes: { activity: { type: 'conversation_status_changed', status: after.status } },
    });
  }
  const priority = priorityActivityText(user, before.priority, after.priority);
  if (priority !== undefined) texts.push({ text: priority });
  const teamChanged = before.team_id !== after.team_id;
  const assigneeChanged = before.assignee_id !== after.assignee_id;
  if (teamChanged || assigneeChanged) {
    const text = assignmentActivityText(user, {
      ...(assigneeChanged && { assignee: await nameOf(trx, 'users', after.assignee_id) }),
      ...(teamChanged && {
        team: await nameOf(trx, 'teams', after.team_id),
        previousTeam: await nameOf(trx, 'teams', before.team_id),
      }),
    });
    if (text !== undefined) texts.push({ text });
  }
  if (labels) {
    const added = labels.current.filter((label) => !labels.previous.includes(label));
    const removed = labels.previous.filter((label) => !labels.current.includes(label));
    texts.push(...labelActivityTexts(user, added, removed).map((text) => ({ text })));
  }
  return texts;
}

/**
 * Saves a change to a conversation in the caller's transaction, with what the reference does on such a save: the
 * status events, `assignee_changed` and `team_changed`, `conversation_updated` with the attributes that changed,
 * when a user made the change its activity messages, and on resolve the inbox's satisfaction survey. A change that
 * changes nothing records nothing. Answers the conversation as it now stands.
 */
export async function changeConversation(
  trx: Database,
  dependencies: Pick<ServiceDependencies, 'clock' | 'events'>,
  actor: Actor,
  before: ConversationRecord,
  change: ConversationChange,
): Promise<ConversationRecord> {
  const { clock, events } = dependencies;
  const fields = effectiveFields(before, withStatusRules(before, change.fields));
  const labelsChanged =
    change.labels !== undefined && JSON.stringify(change.labels.previous) !== JSON.stringify(change.labels.current);
  if (Object.keys(fields).length === 0 && !labelsChanged) return before;

  const nowMilliseconds = clock.nowMilliseconds();
  await conversationRepository(trx).update(before.id, fields, nowMilliseconds);
  const after: ConversationRecord = { ...before, ...fields, updated_at: nowMilliseconds };

  await recordStatusChange(trx, dependencies, actor, before, after);
  if (before.assignee_id !== after.assignee_id) {
    await events.record(trx, conversationEvent('assignee_changed', actor, after));
  }
  if (before.team_id !== after.team_id) await events.record(trx, conversationEvent('team_changed', actor, after));
  const changed = [
    ...announcedChanges(before, after),
    ...(labelsChanged && change.labels
      ? changedAttributes({ label_list: change.labels.previous }, { label_list: change.labels.current })
      : []),
  ];
  await events.record(trx, conversationEvent('conversation_updated', actor, after, { changed_attributes: changed }));

  let current = after;
  for (const { text, contentAttributes } of await activityTextsOf(trx, actor, before, after, change.labels)) {
    ({ conversation: current } = await appendActivity(trx, dependencies, actor, current, text, contentAttributes));
  }
  if (before.status !== 'resolved' && current.status === 'resolved') {
    current = await sendSurveyOnResolve(trx, dependencies, actor, current);
  }
  return current;
}
