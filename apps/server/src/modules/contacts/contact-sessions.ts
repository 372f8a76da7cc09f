import type { Database } from '../../db/connection';
import { isUniqueViolation } from '../../db/unique-violation';
import { validationError } from '../../errors/app-error';
import { channelOfType } from '../inboxes/channels/channel-catalogue';
import { type InboxRecord, inboxRepository } from '../inboxes/inbox-repository';
import { contactInboxRepository } from './contact-inbox-repository';
import type { ContactRecord } from './contact-repository';

/** A contact's session in an inbox, with the inbox. */
export interface ContactSession {
  source_id: string;
  inbox: InboxRecord;
}

/** The sessions of each of these contacts, with their inboxes, oldest first. */
export async function sessionsOfContacts(
  db: Database,
  accountId: number,
  contactIds: number[],
): Promise<Map<number, ContactSession[]>> {
  const records = await contactInboxRepository(db).listOfContacts(contactIds);
  const inboxIds = [...new Set(records.map((record) => record.inbox_id))];
  const inboxes = new Map(
    (await inboxRepository(db).findManyInAccount(accountId, inboxIds)).map((inbox) => [inbox.id, inbox]),
  );
  const sessions = new Map<number, ContactSession[]>(contactIds.map((id) => [id, []]));
  for (const record of records) {
    const inbox = inboxes.get(record.inbox_id);
    if (inbox) sessions.get(record.contact_id)?.push({ source_id: record.source_id, inbox });
  }
  return sessions;
}

/**
 * The contact's session in the inbox under `sourceId`, or under the one the inbox's channel makes when none is
 * given; an existing session of the contact under that id is returned as it is. The source id of another contact in
 * the inbox, or a missing email the channel needs, is a 422 naming the field.
 */
export async function openContactSession(
  db: Database,
  contact: ContactRecord,
  inbox: InboxRecord,
  sourceId: string | undefined,
  now: number,
): Promise<ContactSession> {
  const sourcing = channelOfType(inbox.channel_type).contactSourcing;
  const chosen = sourceId ?? sourcing.newSourceId(contact);
  if (chosen === undefined) {
    throw validationError([{ attribute: sourcing.requiredField ?? 'source_id', message: "can't be blank" }]);
  }
  const sessions = contactInboxRepository(db);
  const existing = await sessions.findBySource(inbox.id, chosen);
  if (existing && existing.contact_id !== contact.id) {
    throw validationError([{ attribute: 'source_id', message: 'has already been taken' }]);
  }
  if (!existing) {
    try {
      await sessions.insert(contact.id, inbox.id, chosen, now);
    } catch (error) {
      if (isUniqueViolation(error))
        throw validationError([{ attribute: 'source_id', message: 'has already been taken' }]);
      throw error;
    }
  }
  return { source_id: chosen, inbox };
}
