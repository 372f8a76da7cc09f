import { appError } from '../../errors/app-error';
import type { Schemas } from '../../http/schemas';
import { changeConversation } from '../conversations/conversation-change';
import { conversationEvent, messageEvent } from '../conversations/conversation-events';
import { type ConversationRecord, conversationRepository } from '../conversations/conversation-repository';
import type { Presentation } from '../conversations/conversation-service';
import { messageRepository } from '../conversations/message-repository';
import { messageSurroundings } from '../conversations/message-surroundings';
import { inboxAgentBotRepository } from '../inboxes/inbox-agent-bot-repository';
import type { ServiceDependencies } from '../service-dependencies';
import { toPublicConversation } from './public-conversation-mapper';
import type { PublicInboxService } from './public-inbox-service';
import { contactActorOf, findPublicSession, findSessionConversation, type PublicSession } from './public-session';

/** The conversations of contacts' sessions, as the contacts see and start them through the client API. */
export function publicConversationService(dependencies: ServiceDependencies, inboxes: PublicInboxService) {
  const { db, clock, events, directories } = dependencies;

  /** The conversations with every message the contact may see, their senders and files read together. */
  async function present(
    { inbox, contact }: PublicSession,
    conversations: ConversationRecord[],
    presentation: Presentation,
  ): Promise<Schemas['PublicConversation'][]> {
    const messages = await messageRepository(db).visibleToContact(conversations.map((conversation) => conversation.id));
    const around = await messageSurroundings(db, inbox.account_id, messages, presentation.presentAttachment, {
      contacts: [contact],
      directory: await directories.of(inbox.account_id),
    });
    return conversations.map((conversation) =>
      toPublicConversation(
        conversation,
        contact,
        messages.filter((message) => message.conversation_id === conversation.id),
        around,
      ),
    );
  }

  return {
    /** The session's conversations, or the contact's in every inbox once the session proved their identity. */
    async list(inboxIdentifier: string, sourceId: string, presentation: Presentation) {
      const party = await findPublicSession(db, inboxes, inboxIdentifier, sourceId);
      const conversations = await conversationRepository(db).listOfSession(party.session, party.inbox.account_id);
      return present(party, conversations, presentation);
    },

    /** One conversation the session sees, by display id; 404 for any other. */
    async show(inboxIdentifier: string, sourceId: string, displayId: number, presentation: Presentation) {
      const party = await findPublicSession(db, inboxes, inboxIdentifier, sourceId);
      const [conversation] = await conversationRepository(db).listOfSession(
        party.session,
        party.inbox.account_id,
        displayId,
      );
      if (!conversation) throw appError('RESOURCE_NOT_FOUND');
      const [presented] = await present(party, [conversation], presentation);
      return presented as Schemas['PublicConversation'];
    },

    /**
     * A new conversation of the session, started by the contact: pending when a bot answers the inbox first, resolved
     * when the contact is blocked, else open. An inbox keeping one conversation per contact answers the session's
     * newest instead, once there is one.
     */
    async create(
      inboxIdentifier: string,
      sourceId: string,
      input: Schemas['PublicConversationCreate'],
      presentation: Presentation,
    ) {
      const party = await findPublicSession(db, inboxes, inboxIdentifier, sourceId);
      const { inbox, contact, session } = party;
      const actor = await contactActorOf(db, party);
      const conversation = await db.transaction(async (trx) => {
        const conversations = conversationRepository(trx);
        if (inbox.lock_to_single_conversation) {
          const latest = await conversations.latestOfSession(session.id);
          if (latest) return latest;
        }
        const inboxBotId = await inboxAgentBotRepository(trx).botIdOf(inbox.id);
        const now = { seconds: clock.nowSeconds(), milliseconds: clock.nowMilliseconds() };
        const created = await conversations.insert(
          {
            account_id: inbox.account_id,
            inbox_id: inbox.id,
            contact_id: contact.id,
            contact_inbox_id: session.id,
            status: contact.blocked ? 'resolved' : inboxBotId !== undefined ? 'pending' : 'open',
            assignee_agent_bot_id: inboxBotId ?? null,
            waiting_since: now.seconds,
            custom_attributes: input.custom_attributes ?? {},
          },
          now,
        );
        await events.record(trx, conversationEvent('conversation_created', actor, created));
        return created;
      });
      const [presented] = await present(party, [conversation], presentation);
      return presented as Schemas['PublicConversation'];
    },

    /** Resolves the conversation as its contact; a resolved one stays as it is. */
    async resolve(inboxIdentifier: string, sourceId: string, displayId: number, presentation: Presentation) {
      const party = await findPublicSession(db, inboxes, inboxIdentifier, sourceId);
      const actor = await contactActorOf(db, party);
      const conversation = await db.transaction(async (trx) => {
        const current = await findSessionConversation(trx, party, displayId, { lock: true });
        if (current.status === 'resolved') return current;
        return changeConversation(trx, dependencies, actor, current, { fields: { status: 'resolved' } });
      });
      const [presented] = await present(party, [conversation], presentation);
      return presented as Schemas['PublicConversation'];
    },

    /** Records that the contact started or stopped typing; any other status is ignored. */
    async typing(inboxIdentifier: string, sourceId: string, displayId: number, typingStatus: string | undefined) {
      const party = await findPublicSession(db, inboxes, inboxIdentifier, sourceId);
      const conversation = await findSessionConversation(db, party, displayId);
      if (typingStatus !== 'on' && typingStatus !== 'off') return;
      const name = typingStatus === 'on' ? 'conversation_typing_on' : 'conversation_typing_off';
      const actor = await contactActorOf(db, party);
      await db.transaction((trx) => events.record(trx, conversationEvent(name, actor, conversation)));
    },

    /** The contact has read the conversation: their last-seen time moves to now, and the replies sent to them are read. */
    async markSeen(inboxIdentifier: string, sourceId: string, displayId: number) {
      const party = await findPublicSession(db, inboxes, inboxIdentifier, sourceId);
      const actor = await contactActorOf(db, party);
      const now = clock.nowSeconds();
      await db.transaction(async (trx) => {
        const conversation = await findSessionConversation(trx, party, displayId, { lock: true });
        await conversationRepository(trx).update(
          conversation.id,
          { contact_last_seen_at: now },
          clock.nowMilliseconds(),
        );
        const seen = { ...conversation, contact_last_seen_at: now };
        for (const message of await messageRepository(trx).markReadByContact(conversation.id, now, now)) {
          await events.record(trx, messageEvent('message_updated', actor, message, seen));
        }
      });
    },
  };
}

export type PublicConversationService = ReturnType<typeof publicConversationService>;
