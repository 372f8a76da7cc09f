import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/connection';
import { isUniqueViolation } from '../../db/unique-violation';
import { appError, validationError } from '../../errors/app-error';
import { changedAttributes } from '../../events/change-event';
import type { Schemas } from '../../http/schemas';
import { contactEvent } from '../contacts/contact-events';
import { type ContactInboxRecord, contactInboxRepository } from '../contacts/contact-inbox-repository';
import { contactChanges, newContactFields } from '../contacts/contact-input';
import { mergeContacts } from '../contacts/contact-merge';
import { type ContactFields, type ContactRecord, contactRepository } from '../contacts/contact-repository';
import { deepMerge } from '../contacts/deep-merge';
import type { InboxRecord } from '../inboxes/inbox-repository';
import type { ServiceDependencies } from '../service-dependencies';
import { randomContactHandle } from './contact-handles';
import { type IdentityClaim, provenIdentity } from './contact-identity';
import type { PublicInboxService } from './public-inbox-service';
import { contactActorOf, findPublicSession } from './public-session';

/** A contact's session in an API inbox, with its realtime token. */
export interface PublicContactView {
  contact: ContactRecord;
  session: ContactInboxRecord;
  pubsubToken: string;
}

type PublicContactInput = Schemas['PublicContactFields'];

/** The contact fields the client API takes, as the application API's rules check and normalise them. */
function contactInput(input: PublicContactInput): Schemas['ContactFields'] {
  return {
    ...(typeof input.name === 'string' && input.name.trim() !== '' && { name: input.name }),
    ...(input.email !== undefined && { email: input.email }),
    ...(input.phone_number !== undefined && { phone_number: input.phone_number }),
    ...(input.avatar_url !== undefined && { avatar_url: input.avatar_url }),
  };
}

/** The people who write to API inboxes through the client API, as contacts of the inboxes' accounts. */
export function publicContactService(dependencies: ServiceDependencies, inboxes: PublicInboxService) {
  const { db, clock, events } = dependencies;

  async function viewOf(inbox: InboxRecord, session: ContactInboxRecord): Promise<PublicContactView> {
    const contact = await contactRepository(db).findInAccount(inbox.account_id, session.contact_id);
    if (!contact) throw appError('RESOURCE_NOT_FOUND');
    return { contact, session, pubsubToken: await contactInboxRepository(db).ensurePubsubToken(session) };
  }

  /**
   * The contact the visitor turns out to be, as the reference finds it on an update: the account's contact with the
   * email given, then the one with the phone number given (unless that one has another email than the one given),
   * each merged with the visitor's contact (see `mergeContacts`). Answers the contact the session now belongs to; a
   * phone number left to the other contact is dropped from `changes`.
   */
  async function mergeIntoKnownContact(
    trx: Database,
    inbox: InboxRecord,
    visitor: ContactRecord,
    changes: Partial<ContactFields>,
  ): Promise<ContactRecord> {
    const contacts = contactRepository(trx);
    let current = visitor;
    for (const field of ['email', 'phone_number'] as const) {
      const value = changes[field];
      if (value === undefined || value === null) continue;
      const known = await contacts.findByUniqueFields(inbox.account_id, { [field]: value });
      if (!known || known.id === current.id) continue;
      if (field === 'phone_number' && changes.email && known.email !== null && known.email !== changes.email) {
        delete changes.phone_number;
        continue;
      }
      const base = await contacts.findInAccount(inbox.account_id, known.id, { lock: true });
      if (!base) continue;
      current = await mergeContacts(
        trx,
        dependencies,
        await contactActorOf(trx, { inbox, contact: current }),
        base,
        current,
      );
    }
    return current;
  }

  /** Marks the session verified when the call proved the contact's identity. */
  async function verifyWhenProven(inbox: InboxRecord, session: ContactInboxRecord, claim: IdentityClaim) {
    if (!provenIdentity(inbox, claim) || session.hmac_verified) return session;
    await contactInboxRepository(db).markVerified(session.id, clock.nowSeconds());
    return { ...session, hmac_verified: true };
  }

  return {
    /**
     * The session under the given `source_id` if the inbox has it; otherwise a new session of the account's contact
     * with the same identifier, email or phone number, or of a new contact. Never marked verified.
     */
    async create(inboxIdentifier: string, input: Schemas['PublicContactCreate']): Promise<PublicContactView> {
      const inbox = await inboxes.find(inboxIdentifier);
      provenIdentity(inbox, input);
      if (input.source_id !== undefined) {
        const existing = await contactInboxRepository(db).findBySource(inbox.id, input.source_id);
        if (existing) return viewOf(inbox, existing);
      }
      const given = contactChanges(contactInput(input));
      const identifier = input.identifier?.trim() || null;
      const customAttributes = input.custom_attributes ?? {};
      const now = clock.nowSeconds();
      const opening = db.transaction(async (trx) => {
        const contacts = contactRepository(trx);
        const known = await contacts.findByUniqueFields(inbox.account_id, {
          identifier,
          email: given.email ?? null,
          phone_number: given.phone_number ?? null,
        });
        const contact =
          known ??
          (await contacts.insert(
            inbox.account_id,
            {
              ...newContactFields({}),
              ...given,
              name: given.name ?? randomContactHandle(),
              identifier,
              custom_attributes: customAttributes,
            },
            now,
          ));
        const session = await contactInboxRepository(trx).insert(
          contact.id,
          inbox.id,
          input.source_id ?? randomUUID(),
          now,
        );
        const actor = await contactActorOf(trx, { inbox, contact });
        const contactInbox = { contact_inbox: { inbox_id: inbox.id, source_id: session.source_id } };
        await events.record(
          trx,
          contactEvent(known ? 'contact_inbox_created' : 'contact_created', actor, contact, contactInbox),
        );
        return { contact, session, pubsubToken: session.pubsub_token ?? '' };
      });
      return opening.catch(async (error: unknown) => {
        // A concurrent request opened the session under the same source id first: answer that session.
        const opened =
          isUniqueViolation(error) && input.source_id !== undefined
            ? await contactInboxRepository(db).findBySource(inbox.id, input.source_id)
            : undefined;
        if (!opened) throw error;
        return viewOf(inbox, opened);
      });
    },

    /** The contact of the session; a proven identity marks the session verified. */
    async show(inboxIdentifier: string, sourceId: string, claim: IdentityClaim): Promise<PublicContactView> {
      const party = await findPublicSession(db, inboxes, inboxIdentifier, sourceId);
      const session = await verifyWhenProven(party.inbox, party.session, claim);
      return {
        contact: party.contact,
        session,
        pubsubToken: await contactInboxRepository(db).ensurePubsubToken(session),
      };
    },

    /** Changes what the contact says of themselves; a proven identity marks the session verified. */
    async update(inboxIdentifier: string, sourceId: string, input: PublicContactInput): Promise<PublicContactView> {
      const { inbox, session: found } = await findPublicSession(db, inboxes, inboxIdentifier, sourceId);
      const session = await verifyWhenProven(inbox, found, input);
      const now = clock.nowSeconds();
      const updated = await db.transaction(async (trx) => {
        const contacts = contactRepository(trx);
        const visitor = await contacts.findInAccount(inbox.account_id, session.contact_id, { lock: true });
        if (!visitor) throw appError('RESOURCE_NOT_FOUND');
        const changes = contactChanges(contactInput(input), visitor);
        const current = await mergeIntoKnownContact(trx, inbox, visitor, changes);
        if (input.custom_attributes !== undefined) {
          changes.custom_attributes = deepMerge(current.custom_attributes, input.custom_attributes);
        }
        const clashes = await contacts.takenFields(inbox.account_id, changes, current.id);
        if (clashes.length > 0) {
          throw validationError(clashes.map((attribute) => ({ attribute, message: 'has already been taken' })));
        }
        await contacts.update(current.id, changes, now);
        const contact = { ...current, ...changes, updated_at: now };
        const changed = changedAttributes(current, changes);
        if (changed.length > 0) {
          await events.record(
            trx,
            contactEvent('contact_updated', await contactActorOf(trx, { inbox, contact }), contact, {
              changed_attributes: changed,
            }),
          );
        }
        return contact;
      });
      return { contact: updated, session, pubsubToken: await contactInboxRepository(db).ensurePubsubToken(session) };
    },
  };
}

export type PublicContactService = ReturnType<typeof publicContactService>;
