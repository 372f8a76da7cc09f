import type { Database } from '../../db/connection';
import { inOneRound } from '../../db/read-rounds';
import { appError, referenceValidationError, validationError } from '../../errors/app-error';
import { isoTime } from '../../http/iso-time';
import type { Schemas } from '../../http/schemas';
import type { UploadedFile } from '../../http/uploaded-file';
import { attachmentRepository } from '../attachments/attachment-repository';
import type { AttachmentRow, NewAttachmentRow } from '../attachments/attachment-row';
import type { AttachmentService } from '../attachments/attachment-service';
import { contactRepository } from '../contacts/contact-repository';
import type { ServiceDependencies } from '../service-dependencies';
import { accountIdOf, type DeskActor, directoryOf, findVisibleConversation } from './conversation-access';
import { messageEvent } from './conversation-events';
import { conversationLabelRepository } from './conversation-label-repository';
import type { ConversationRecord } from './conversation-repository';
import type { Presentation } from './conversation-service';
import { toContactSender, toMessage, toUserSender } from './message-mapper';
import { type MessageRecord, type MessageWindow, messageRepository } from './message-repository';
import { messageSurroundings } from './message-surroundings';
import { appendMessage } from './message-writer';

type MessageCreate = Schemas['MessageCreate'];

/** What a deleted message says instead of its text. */
export const deletedMessageText = 'This message was deleted';

/** How many messages a conversation takes per minute before refusing more. */
export const messagesPerMinuteLimit = 200;

/** Content types whose `content_attributes.items` must list at least one item. */
const itemContentTypes = new Set(['input_select', 'cards', 'form']);

const largestId = 2_147_483_647;

/** `content_attributes` as an object, from an object or its JSON text. */
function contentAttributesOf(input: MessageCreate): Record<string, unknown> {
  const given = input.content_attributes;
  if (given === undefined) return {};
  if (typeof given !== 'string') return given;
  if (given.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(given);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Falls through to the refusal below.
  }
  throw validationError([{ attribute: 'content_attributes', message: 'must be a JSON object' }]);
}

function checkItems(contentType: string, attributes: Record<string, unknown>): void {
  if (!itemContentTypes.has(contentType)) return;
  const items = attributes.items;
  if (!Array.isArray(items) || items.length === 0) {
    throw referenceValidationError(
      'content_attributes.items',
      'Validation failed: Content attributes At least one item is required.',
    );
  }
  if (!items.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) {
    throw validationError([{ attribute: 'content_attributes.items', message: 'must be a list of objects' }]);
  }
}

/** Refuses a message to a conversation that took `messagesPerMinuteLimit` in the last minute, as the reference does. */
export async function refuseMessageFlood(
  trx: Database,
  conversation: ConversationRecord,
  nowSeconds: number,
): Promise<void> {
  // Every message sets its conversation's last activity to its own time, so a conversation quiet for a minute has
  // taken none in the last one.
  const since = nowSeconds - 60;
  if (conversation.last_activity_at < since) return;
  const recent = await messageRepository(trx).countRecentSince(conversation.id, since, messagesPerMinuteLimit);
  if (recent >= messagesPerMinuteLimit) {
    throw referenceValidationError('conversation_id', 'Validation failed: Too many messages');
  }
}

/**
 * Writes a message with `write` in a transaction, then keeps its files and stores their rows in the same one. The
 * files are kept before the transaction commits, and removed again if it does not, so that no committed message lacks
 * a file and no file outlives a message never committed.
 */
export async function writeMessageWithFiles(
  db: Database,
  attachments: AttachmentService,
  files: readonly UploadedFile[],
  write: (trx: Database) => Promise<MessageRecord>,
): Promise<{ message: MessageRecord; attachmentRows: AttachmentRow[] }> {
  const stored: NewAttachmentRow[] = [];
  return db
    .transaction(async (trx) => {
      const message = await write(trx);
      const kept = await attachments.store(files, { accountId: message.account_id, messageId: message.id });
      stored.push(...kept);
      return { message, attachmentRows: await attachmentRepository(trx).insertMany(kept) };
    })
    .catch(async (error: unknown) => {
      await attachments.removeFiles(stored);
      throw error;
    });
}

/** The messages of conversations, as agents and bots read and write them. */
export function messageService(dependencies: ServiceDependencies, attachments: AttachmentService) {
  const { db, clock } = dependencies;

  return {
    /** Adds a message from the caller, with its files (see `writeMessageWithFiles`). */
    async create(
      actor: DeskActor,
      displayId: number,
      input: MessageCreate,
      files: readonly UploadedFile[],
      presentation: Presentation,
    ) {
      const contentAttributes = contentAttributesOf(input);
      const contentType = input.content_type ?? 'text';
      checkItems(contentType, contentAttributes);
      const messageType = input.message_type ?? 'outgoing';
      // Read before the transaction: on SQLite a directory not yet in memory is read over the one connection, which
      // the transaction holds.
      const directory = await directoryOf(dependencies.directories, actor);
      const { message, attachmentRows } = await writeMessageWithFiles(db, attachments, files, async (trx) => {
        const conversation = await findVisibleConversation(trx, actor, displayId, { lock: true });
        if (messageType === 'incoming') {
          const inbox = directory.inbox(conversation.inbox_id);
          if (inbox?.channel_type !== 'Channel::Api') {
            throw referenceValidationError('message_type', 'Incoming messages are only allowed in Api inboxes');
          }
        }
        await refuseMessageFlood(trx, conversation, clock.nowSeconds());
        const sender =
          messageType === 'incoming'
            ? { sender_type: 'Contact' as const, sender_id: conversation.contact_id }
            : actor.kind === 'member'
              ? { sender_type: 'User' as const, sender_id: actor.user.id }
              : { sender_type: 'AgentBot' as const, sender_id: actor.agentBot.id };
        const appended = await appendMessage(trx, dependencies, actor, conversation, {
          message_type: messageType,
          content: input.content ?? null,
          content_type: contentType,
          private: input.private ?? false,
          source_id: input.source_id ?? null,
          content_attributes: contentAttributes,
          ...sender,
        });
        return appended.message;
      });
      const around = await messageSurroundings(db, accountIdOf(actor), [message], presentation.presentAttachment, {
        attachments: attachmentRows,
        directory,
      });
      return toMessage(message, displayId, around, input.echo_id);
    },

    /**
     * Deletes a message as the reference does: its text and structure are replaced, its files removed, and the
     * message keeps its place in the conversation.
     */
    async delete(actor: DeskActor, displayId: number, messageId: number, presentation: Presentation) {
      const removed = await db.transaction(async (trx) => {
        const conversation = await findVisibleConversation(trx, actor, displayId, { lock: true });
        const messages = messageRepository(trx);
        const existing = await messages.findInConversation(conversation.id, messageId);
        if (!existing) throw appError('RESOURCE_NOT_FOUND');
        const files = await attachmentRepository(trx).deleteOfMessage(existing.id);
        const deleted = await messages.update(
          existing.id,
          { content: deletedMessageText, content_type: 'text', content_attributes: { deleted: true } },
          clock.nowSeconds(),
        );
        if (!deleted) throw appError('RESOURCE_NOT_FOUND');
        await dependencies.events.record(trx, messageEvent('message_updated', actor, deleted, conversation));
        return { deleted, files };
      });
      await attachments.removeFiles(removed.files);
      const message = removed.deleted;
      const around = await messageSurroundings(db, accountIdOf(actor), [message], presentation.presentAttachment);
      return toMessage(message, displayId, around);
    },

    async list(
      actor: DeskActor,
      displayId: number,
      cursors: MessageWindow,
      presentation: Presentation,
    ): Promise<Schemas['MessagePage']> {
      const accountId = accountIdOf(actor);
      const conversation = await findVisibleConversation(db, actor, displayId);
      // Ids beyond the id columns' range: nothing lies after one, and one given as the end bounds nothing.
      const outOfRange = cursors.after !== undefined && cursors.after > largestId;
      const window: MessageWindow = {
        ...(cursors.after !== undefined && { after: cursors.after }),
        ...(cursors.before !== undefined && cursors.before <= largestId && { before: cursors.before }),
      };
      const [messages, labels, contact, directory] = await inOneRound(db, (round) =>
        Promise.all([
          outOfRange ? [] : messageRepository(round).window(conversation.id, window),
          conversationLabelRepository(round).list(conversation.id),
          contactRepository(round).findInAccount(accountId, conversation.contact_id),
          directoryOf(dependencies.directories, actor),
        ]),
      );
      if (!contact) throw appError('RESOURCE_NOT_FOUND');
      // The messages' senders are mostly the conversation's contact, read above, and the account's agents.
      const around = await messageSurroundings(db, accountId, messages, presentation.presentAttachment, {
        contacts: [contact],
        directory,
      });
      const assignee = conversation.assignee_id === null ? undefined : directory.agent(conversation.assignee_id);
      const seenAt = (seconds: number | null) => (seconds === null ? null : isoTime(seconds));
      return {
        meta: {
          labels,
          additional_attributes: conversation.additional_attributes,
          contact: toContactSender(contact),
          ...(assignee && { assignee: toUserSender(assignee) }),
          agent_last_seen_at: seenAt(conversation.agent_last_seen_at),
          assignee_last_seen_at: seenAt(conversation.assignee_last_seen_at),
        },
        payload: messages.map((message) => toMessage(message, displayId, around)),
      };
    },
  };
}

export type MessageService = ReturnType<typeof messageService>;
