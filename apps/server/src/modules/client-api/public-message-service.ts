import { appError } from '../../errors/app-error';
import type { Schemas } from '../../http/schemas';
import type { UploadedFile } from '../../http/uploaded-file';
import type { AttachmentService } from '../attachments/attachment-service';
import type { Presentation } from '../conversations/conversation-service';
import { messageRepository } from '../conversations/message-repository';
import { refuseMessageFlood, writeMessageWithFiles } from '../conversations/message-service';
import { messageSurroundings } from '../conversations/message-surroundings';
import { appendMessage } from '../conversations/message-writer';
import { storeMessageAnswer } from '../csat/survey-answers';
import type { ServiceDependencies } from '../service-dependencies';
import { toPublicMessage } from './public-conversation-mapper';
import type { PublicInboxService } from './public-inbox-service';
import { contactActorOf, findPublicSession, findSessionConversation } from './public-session';

/** How many messages a page of the client API's message list holds. */
export const publicMessagesPerPage = 20;

/** The messages of contacts' conversations, as the contacts read and write them through the client API. */
export function publicMessageService(
  dependencies: ServiceDependencies,
  inboxes: PublicInboxService,
  attachments: AttachmentService,
) {
  const { db, clock, directories } = dependencies;

  return {
    /** The newest messages the contact may see, before `before` when given, oldest first. */
    async list(
      inboxIdentifier: string,
      sourceId: string,
      displayId: number,
      before: number | undefined,
      presentation: Presentation,
    ): Promise<Schemas['PublicMessage'][]> {
      const party = await findPublicSession(db, inboxes, inboxIdentifier, sourceId);
      const conversation = await findSessionConversation(db, party, displayId);
      const messages = await messageRepository(db).visibleToContactPage(conversation.id, publicMessagesPerPage, before);
      const around = await messageSurroundings(db, party.inbox.account_id, messages, presentation.presentAttachment, {
        contacts: [party.contact],
        directory: await directories.of(party.inbox.account_id),
      });
      return messages.map((message) => toPublicMessage(message, displayId, around));
    },

    /** An incoming message from the contact, with its files (see `writeMessageWithFiles`). */
    async create(
      inboxIdentifier: string,
      sourceId: string,
      displayId: number,
      input: Schemas['PublicMessageCreate'],
      files: readonly UploadedFile[],
      presentation: Presentation,
    ): Promise<Schemas['PublicMessage']> {
      const party = await findPublicSession(db, inboxes, inboxIdentifier, sourceId);
      const actor = await contactActorOf(db, party);
      const { message, attachmentRows } = await writeMessageWithFiles(db, attachments, files, async (trx) => {
        const conversation = await findSessionConversation(trx, party, displayId, { lock: true });
        await refuseMessageFlood(trx, conversation, clock.nowSeconds());
        const appended = await appendMessage(trx, dependencies, actor, conversation, {
          message_type: 'incoming',
          content: input.content ?? null,
          content_type: 'text',
          private: false,
          source_id: null,
          content_attributes: {},
          sender_type: 'Contact',
          sender_id: party.contact.id,
        });
        return appended.message;
      });
      const around = await messageSurroundings(db, party.inbox.account_id, [message], presentation.presentAttachment, {
        contacts: [party.contact],
        attachments: attachmentRows,
      });
      return toPublicMessage(message, displayId, around);
    },

    /**
     * Stores the contact's answer to an interactive message of the conversation, replacing any before (see
     * `storeMessageAnswer`).
     */
    async answer(
      inboxIdentifier: string,
      sourceId: string,
      displayId: number,
      messageId: number,
      input: Schemas['PublicMessageUpdate'],
      presentation: Presentation,
    ): Promise<Schemas['PublicMessage']> {
      const party = await findPublicSession(db, inboxes, inboxIdentifier, sourceId);
      const actor = await contactActorOf(db, party);
      const updated = await db.transaction(async (trx) => {
        const conversation = await findSessionConversation(trx, party, displayId, { lock: true });
        const message = await messageRepository(trx).findInConversation(conversation.id, messageId);
        if (!message || message.private || message.message_type === 'activity') throw appError('RESOURCE_NOT_FOUND');
        return storeMessageAnswer(trx, dependencies, actor, conversation, message, input.submitted_values);
      });
      const around = await messageSurroundings(db, party.inbox.account_id, [updated], presentation.presentAttachment, {
        contacts: [party.contact],
        directory: await directories.of(party.inbox.account_id),
      });
      return toPublicMessage(updated, displayId, around);
    },
  };
}

export type PublicMessageService = ReturnType<typeof publicMessageService>;
