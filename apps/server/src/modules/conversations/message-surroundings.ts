import type { Database } from '../../db/connection';
import type { Schemas } from '../../http/schemas';
import { type AgentBotRecord, agentBotRepository } from '../agent-bots/agent-bot-repository';
import { type AgentRecord, listAgents } from '../agents/agent-repository';
import type { AttachmentRow } from '../attachments/attachment-row';
import { type ContactRecord, contactRepository } from '../contacts/contact-repository';
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

/** Reads the senders and attachments of these messages of one account, in one query each. */
export async function messageSurroundings(
  db: Database,
  accountId: number,
  messages: MessageRecord[],
  presentAttachment: AttachmentPresenter,
): Promise<MessageSurroundings> {
  const userIds = idsOf(messages, 'User');
  const contactIds = idsOf(messages, 'Contact');
  const botIds = idsOf(messages, 'AgentBot');
  const messageIds = messages.map((message) => message.id);
  const [agents, contacts, bots, attachments] = await Promise.all([
    userIds.length === 0 ? [] : listAgents(db, accountId, (query) => query.whereIn('users.id', userIds)),
    contactRepository(db).findManyInAccount(accountId, contactIds),
    agentBotRepository(db).listByIds(botIds),
    messageIds.length === 0 ? [] : db('attachments').whereIn('message_id', messageIds).orderBy('id'),
  ]);
  const agentById = new Map(agents.map((agent: AgentRecord) => [agent.id, agent]));
  const contactById = new Map(contacts.map((contact: ContactRecord) => [contact.id, contact]));
  const botById = new Map(bots.map((bot: AgentBotRecord) => [bot.id, bot]));
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
          const agent = agentById.get(message.sender_id);
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
