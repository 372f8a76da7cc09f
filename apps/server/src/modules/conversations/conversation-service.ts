import { isAdministrator } from '../../auth/actor';
import type { ConversationPriority } from '../../db/column-values';
import type { Database } from '../../db/connection';
import { appError, validationError } from '../../errors/app-error';
import type { Schemas } from '../../http/schemas';
import { contactInboxRepository } from '../contacts/contact-inbox-repository';
import { type ContactRecord, contactRepository } from '../contacts/contact-repository';
import { openContactSession } from '../contacts/contact-sessions';
import type { AccountDirectory } from '../directory/account-directory';
import { inboxAgentBotRepository } from '../inboxes/inbox-agent-bot-repository';
import { type InboxRecord, inboxRepository } from '../inboxes/inbox-repository';
import type { ServiceDependencies } from '../service-dependencies';
import { assignmentActivityText } from './activity-texts';
import { accountIdOf, type DeskActor, directoryOf, findVisibleConversation } from './conversation-access';
import { changeConversation } from './conversation-change';
import { conversationEvent } from './conversation-events';
import { presentConversations } from './conversation-presenter';
import { type ConversationRecord, conversationRepository } from './conversation-repository';
import type { AttachmentPresenter } from './message-surroundings';
import { appendActivity, appendMessage } from './message-writer';

type ConversationCreate = Schemas['ConversationCreate'];

/** How the answer links to files: absolute links on the request's origin. */
export interface Presentation {
  presentAttachment: AttachmentPresenter;
}

/** The priority a request asks for: `none`, an empty string and null all remove it. */
const priorityOf = (input: Schemas['ConversationPriorityInput']): ConversationPriority | null =>
  input === null || input === '' || input === 'none' ? null : input;

/** The contact's session a new conversation belongs to, with its inbox and contact. */
interface ConversationParty {
  contact: ContactRecord;
  inbox: InboxRecord;
  contactInboxId: number;
}

/** Whether the actor may start conversations in the inbox: administrators and bots anywhere, agents in their inboxes. */
function mayWorkInbox(directory: AccountDirectory, actor: DeskActor, inboxId: number): boolean {
  if (actor.kind === 'agentBot' || isAdministrator(actor)) return true;
  return directory.inboxIdsOf(actor.user.id).includes(inboxId);
}

/** The conversations of an account, as its agents and bots work them. */
export function conversationService(dependencies: ServiceDependencies) {
  const { db, clock, events, directories } = dependencies;

  async function present(
    actor: DeskActor,
    records: ConversationRecord[],
    presentation: Presentation,
  ): Promise<Schemas['Conversation'][]> {
    const accountId = accountIdOf(actor);
    return presentConversations(db, records, {
      viewer: actor,
      accountId,
      directory: await directoryOf(directories, actor),
      nowSeconds: clock.nowSeconds(),
      presentAttachment: presentation.presentAttachment,
    });
  }

  async function presentOne(actor: DeskActor, record: ConversationRecord, presentation: Presentation) {
    const [conversation] = await present(actor, [record], presentation);
    if (!conversation) throw appError('RESOURCE_NOT_FOUND');
    return conversation;
  }

  /** Finds the session by `source_id`, or finds or opens the session of `contact_id` in `inbox_id`. */
  async function partyOf(
    trx: Database,
    directory: AccountDirectory,
    actor: DeskActor,
    input: ConversationCreate,
  ): Promise<ConversationParty> {
    const accountId = accountIdOf(actor);
    const now = clock.nowSeconds();
    if (input.inbox_id !== undefined) {
      const inbox = await inboxRepository(trx).findInAccount(accountId, input.inbox_id);
      if (!inbox || !mayWorkInbox(directory, actor, inbox.id)) throw appError('RESOURCE_NOT_FOUND');
      if (input.contact_id === undefined) {
        if (input.source_id === undefined) {
          throw validationError([{ attribute: 'contact_id', message: "can't be blank" }]);
        }
        return sessionParty(trx, accountId, inbox, input.source_id);
      }
      const contact = await contactRepository(trx).findInAccount(accountId, input.contact_id, { lock: true });
      if (!contact) throw appError('RESOURCE_NOT_FOUND');
      const session = await openContactSession(trx, contact, inbox, input.source_id, now);
      const stored = await contactInboxRepository(trx).findBySource(inbox.id, session.source_id);
      if (!stored) throw appError('RESOURCE_NOT_FOUND');
      return { contact, inbox, contactInboxId: stored.id };
    }
    if (input.source_id === undefined) {
      throw validationError([{ attribute: 'source_id', message: "can't be blank" }]);
    }
    const first = await contactInboxRepository(trx).findFirstInAccountBySource(accountId, input.source_id);
    const inbox = first && (await inboxRepository(trx).findInAccount(accountId, first.inbox_id));
    if (!inbox || !mayWorkInbox(directory, actor, inbox.id)) throw appError('RESOURCE_NOT_FOUND');
    return sessionParty(trx, accountId, inbox, input.source_id);
  }

  async function sessionParty(
    trx: Database,
    accountId: number,
    inbox: InboxRecord,
    sourceId: string,
  ): Promise<ConversationParty> {
    const session = await contactInboxRepository(trx).findBySource(inbox.id, sourceId);
    const contact = session && (await contactRepository(trx).findInAccount(accountId, session.contact_id));
    if (!session || !contact) throw appError('RESOURCE_NOT_FOUND');
    return { contact, inbox, contactInboxId: session.id };
  }

  /**
   * The assignee and team a new conversation takes: members and teams of the account only, and an assignee who
   * belongs to the team given.
   */
  function holdersOf(directory: AccountDirectory, input: ConversationCreate) {
    const team = input.team_id === undefined ? undefined : directory.team(input.team_id, null);
    const agent = input.assignee_id === undefined ? undefined : directory.agent(input.assignee_id);
    const assignee = agent && team && !directory.team(team.id, agent.id)?.is_member ? undefined : agent;
    return { assignee, team };
  }

  /** Sets or removes the conversation's priority, under its lock. */
  async function changePriority(
    actor: DeskActor,
    displayId: number,
    priority: Schemas['ConversationPriorityInput'],
  ): Promise<ConversationRecord> {
    return db.transaction(async (trx) => {
      const conversation = await findVisibleConversation(trx, actor, displayId, { lock: true });
      return changeConversation(trx, dependencies, actor, conversation, {
        fields: { priority: priorityOf(priority) },
      });
    });
  }

  return {
    async create(actor: DeskActor, input: ConversationCreate, presentation: Presentation) {
      const accountId = accountIdOf(actor);
      // Read before the transaction: on SQLite a directory not yet in memory is read over the one connection, which
      // the transaction holds.
      const directory = await directoryOf(directories, actor);
      const record = await db.transaction(async (trx) => {
        const party = await partyOf(trx, directory, actor, input);
        const now = { seconds: clock.nowSeconds(), milliseconds: clock.nowMilliseconds() };
        const sender =
          actor.kind === 'member'
            ? { sender_type: 'User' as const, sender_id: actor.user.id }
            : { sender_type: 'AgentBot' as const, sender_id: actor.agentBot.id };

        if (party.inbox.lock_to_single_conversation) {
          const latest = await conversationRepository(trx).latestOfSession(party.contactInboxId);
          if (latest) {
            if (input.message === undefined) return latest;
            const { conversation } = await appendMessage(trx, dependencies, actor, latest, {
              message_type: 'outgoing',
              content: input.message.content,
              ...sender,
            });
            return conversation;
          }
        }

        const { assignee, team } = holdersOf(directory, input);
        const inboxBotId = await inboxAgentBotRepository(trx).botIdOf(party.inbox.id);
        const status = party.contact.blocked
          ? 'resolved'
          : inboxBotId !== undefined
            ? 'pending'
            : (input.status ?? 'open');
        let conversation = await conversationRepository(trx).insert(
          {
            account_id: accountId,
            inbox_id: party.inbox.id,
            contact_id: party.contact.id,
            contact_inbox_id: party.contactInboxId,
            status,
            snoozed_until: status === 'snoozed' ? (input.snoozed_until ?? null) : null,
            assignee_id: assignee?.id ?? null,
            assignee_agent_bot_id: assignee === undefined && inboxBotId !== undefined ? inboxBotId : null,
            team_id: team?.id ?? null,
            waiting_since: now.seconds,
            additional_attributes: input.additional_attributes ?? {},
            custom_attributes: input.custom_attributes ?? {},
          },
          now,
        );
        await events.record(trx, conversationEvent('conversation_created', actor, conversation));
        if (actor.kind === 'member') {
          const text = assignmentActivityText(actor.user, {
            ...(assignee && { assignee }),
            ...(team && { team, previousTeam: null }),
          });
          if (text !== undefined)
            ({ conversation } = await appendActivity(trx, dependencies, actor, conversation, text));
        }
        if (input.message !== undefined) {
          ({ conversation } = await appendMessage(trx, dependencies, actor, conversation, {
            message_type: 'outgoing',
            content: input.message.content,
            ...sender,
          }));
        }
        return conversation;
      });
      return presentOne(actor, record, presentation);
    },

    async show(actor: DeskActor, displayId: number, presentation: Presentation) {
      const conversation = await findVisibleConversation(db, actor, displayId);
      return presentOne(actor, conversation, presentation);
    },

    /** Changes what a caller may change of the conversation: its priority, when given. */
    async update(
      actor: DeskActor,
      displayId: number,
      input: Schemas['ConversationUpdate'],
      presentation: Presentation,
    ): Promise<Schemas['Conversation']> {
      const conversation =
        input.priority === undefined
          ? await findVisibleConversation(db, actor, displayId)
          : await changePriority(actor, displayId, input.priority);
      return presentOne(actor, conversation, presentation);
    },

    async togglePriority(
      actor: DeskActor,
      displayId: number,
      priority: Schemas['ConversationPriorityInput'],
    ): Promise<void> {
      await changePriority(actor, displayId, priority);
    },
  };
}

export type ConversationService = ReturnType<typeof conversationService>;
