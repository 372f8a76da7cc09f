import type { ContactActor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { appError } from '../../errors/app-error';
import { accountRepository } from '../accounts/account-repository';
import { type ContactInboxRecord, contactInboxRepository } from '../contacts/contact-inbox-repository';
import { type ContactRecord, contactRepository } from '../contacts/contact-repository';
import { type ConversationRecord, conversationRepository } from '../conversations/conversation-repository';
import type { InboxRecord } from '../inboxes/inbox-repository';
import type { PublicInboxService } from './public-inbox-service';

/** A contact's session in an API inbox, as a client API path names it, with its inbox and contact. */
export interface PublicSession {
  inbox: InboxRecord;
  session: ContactInboxRecord;
  contact: ContactRecord;
}

/** The session a client API path names by inbox identifier and source id; 404 when either is unknown. */
export async function findPublicSession(
  db: Database,
  inboxes: PublicInboxService,
  inboxIdentifier: string,
  sourceId: string,
): Promise<PublicSession> {
  const inbox = await inboxes.find(inboxIdentifier);
  const session = await contactInboxRepository(db).findBySource(inbox.id, sourceId);
  const contact = session && (await contactRepository(db).findInAccount(inbox.account_id, session.contact_id));
  if (!session || !contact) throw appError('RESOURCE_NOT_FOUND');
  return { inbox, session, contact };
}

/**
 * The conversation of this display id if the session sees it: its own, or any of its contact's once the session
 * proved the contact's identity; 404 otherwise. With `lock`, see `lockingRowsOf`.
 */
export async function findSessionConversation(
  db: Database,
  { inbox, session, contact }: PublicSession,
  displayId: number,
  { lock = false } = {},
): Promise<ConversationRecord> {
  const conversation = await conversationRepository(db).findByDisplayId(inbox.account_id, displayId, { lock });
  const seen =
    conversation &&
    (session.hmac_verified ? conversation.contact_id === contact.id : conversation.contact_inbox_id === session.id);
  if (!conversation || !seen) throw appError('RESOURCE_NOT_FOUND');
  return conversation;
}

/** The contact of the session as the actor of what they do through the client API. */
export async function contactActorOf(
  db: Database,
  { inbox, contact }: Pick<PublicSession, 'inbox' | 'contact'>,
): Promise<ContactActor> {
  const account = await accountRepository(db).findById(inbox.account_id);
  if (!account) throw appError('RESOURCE_NOT_FOUND');
  return { kind: 'contact', account, contact };
}
