import type { Database } from '../../db/connection';
import { inOneRound } from '../../db/read-rounds';
import type { Schemas } from '../../http/schemas';
import { type AgentBotRecord, agentBotRepository } from '../agent-bots/agent-bot-repository';
import { type AgentRecord, listAgents } from '../agents/agent-repository';
import { attachmentRepository } from '../attachments/attachment-repository';
import type { AttachmentRow } from '../attachments/attachment-row';
import { type ContactRecord, contactRepository } from '../contacts/contact-repository';
import type { AccountDirectory } from '../directory/account-directory';
import { type MessageSurroundings, toBotSender, toContactSender, toUserSender } from './message-mapper';
import type { MessageRecord } from './message-repository';

/** Turns a stored attachment into its JSON, with links the caller can download it through. */
export type AttachmentPresenter = (attachment: AttachmentRow) => Schemas['Attachment'];

const idsOf = (messages: MessageRecord[], type: MessageRecord['sender_type']) => [
  ...new Set(
    messages
      .filter((message) => message.sender_type === type && message.sender_id !== null)
      .map((m) => m.sender_id as number),
  ),
];

/**
 * What the caller already holds of the messages' surroundings, which is then not read again: agents, contacts and
 * bots it has read (those that are not senders are ignored, senders it lacks are read), and every attachment of the
 * messages when it has them all (those of a message it has just created, or read with the messages).
 */
export interface KnownSurroundings {
  agents?: AgentRecord[];
  /** The account's directory: agents who send messages are its members. */
  directory?: AccountDirectory;
  contacts?: ContactRecord[];
  bots?: AgentBotRecord[];
  attachments?: AttachmentRow[];
}

/** Reads the senders and attachments of these messages of one account that `known` lacks, in one query each. */
export async function messageSurroundings(
  db: Database,
  accountId: number,
  messages: MessageRecord[],
  presentAttachment: AttachmentPresenter,
  known: KnownSurroundings = {},
): Promise<MessageSurroundings> {
  const knownAgents = new Map((known.agents ?? []).map((agent) => [agent.id, agent]));
  const knownContacts = new Map((known.contacts ?? []).map((contact) => [contact.id, contact]));
  const knownBots = new Map((known.bots ?? []).map((bot) => [bot.id, bot]));
  const { directory } = known;
  const userIds = idsOf(messages, 'User').filter((id) => !knownAgents.has(id) && !directory);
  const contactIds = idsOf(messages, 'Contact').filter((id) => !knownContacts.has(id));
  const botIds = idsOf(messages, 'AgentBot').filter((id) => !knownBots.has(id));
  const messageIds = messages.map((message) => message.id);
  const [agents, contacts, bots, attachments] = await inOneRound(db, (round) =>
    Promise.all([
      userIds.length === 0 ? [] : listAgents(round, accountId, (query) => query.whereIn('users.id', userIds)),
      contactRepository(round).findManyInAccount(accountId, contactIds),
      agentBotRepository(round).listByIds(botIds),
      known.attachments ?? attachmentRepository(round).ofMessages(messageIds),
    ]),
  );
  const agentById = new Map([...knownAgents, ...agents.map((agent): [number, AgentRecord] => [agent.id, agent])]);
  const contactById = new Map([
    ...knownContacts,
    ...contacts.map((contact): [number, ContactRecord] => [contact.id, contact]),
  ]);
  const botById = new Map([...knownBots, ...bots.map((bot): [number, AgentBotRecord] => [bot.id, bot])]);
  const attachmentsByMessage = new Map<number, Schemas['Attachment'][]>();
  for (const attachment of attachments) {
    const list = attachmentsByMessage.get(attachment.message_id) ?? [];
    list.push(presentAttachment(attachment));
    attachmentsByMessage.set(attachment.message_id, list);
  }
  return {
    senderOf(message) {
      if (message.sender_id === null) return undefined;
      switch (message.sender_type) {
        case 'User': {
          const agent = agentById.get(message.sender_id) ?? directory?.agent(message.sender_id);
          return agent && toUserSender(agent);
        }
        case 'Contact': {
          const contact = contactById.get(message.sender_id);
          return contact && toContactSender(contact);
        }
        case 'AgentBot': {
          const bot = botById.get(message.sender_id);
          return bot && toBotSender(bot);
        }
        default:
          return undefined;
      }
    },
    attachmentsOf: (message) => attachmentsByMessage.get(message.id) ?? [],
  };
}
