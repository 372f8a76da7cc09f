import type { MemberActor } from '../../auth/actor';
import type { Database } from '../../db/connection';
import { isUniqueViolation } from '../../db/unique-violation';
import { appError, validationError } from '../../errors/app-error';
import { changedAttributes } from '../../events/change-event';
import type { Schemas } from '../../http/schemas';
import type { FilterCondition } from '../filters/filter-attribute';
import { findVisibleInbox } from '../inboxes/inbox-access';
import type { ServiceDependencies } from '../service-dependencies';
import { findAccountContact } from './contact-access';
import { contactEvent } from './contact-events';
import { contactFilterCondition } from './contact-filter';
import { contactChanges, newContactFields } from './contact-input';
import { normalisedLabels } from './contact-label-service';
import { type ContactOrder, type ContactSort, contactOrderOf } from './contact-order';
import {
  allOf,
  type ContactCondition,
  type ContactFields,
  type ContactRecord,
  carryingAnyLabel,
  contactRepository,
  identifiedContacts,
  type UniqueContactField,
  uniqueContactFields,
} from './contact-repository';
import { searchContactsPage } from './contact-search';
import { type ContactSession, openContactSession, sessionsOfContacts } from './contact-sessions';

export const contactsPerPage = 15;

/** A contact with, where asked for, its sessions in the account's inboxes. */
export interface ContactView {
  contact: ContactRecord;
  sessions?: ContactSession[];
}

/** One page of a contact listing, with the total of contacts over every page. */
export interface ContactListPage {
  count: number;
  page: number;
  contacts: ContactView[];
}

export interface ContactListing {
  page?: number;
  sort?: ContactSort;
  includeSessions?: boolean;
}

const taken = (fields: UniqueContactField[]) =>
  validationError(fields.map((attribute) => ({ attribute, message: 'has already been taken' })));

/** Which unique field a unique-index violation is about, from the index name both engines put in the error. */
function clashingField(error: unknown): UniqueContactField | undefined {
  const { constraint, message } = error as { constraint?: string; message?: string };
  const text = `${constraint ?? ''} ${message ?? ''}`;
  return uniqueContactFields.find((field) => text.includes(field));
}

/** The contacts of an account: listing, search, and the rules that keep email, phone and identifier unique. */
export function contactService({ db, clock, events }: ServiceDependencies) {
  const contacts = contactRepository(db);

  async function withSessions(
    accountId: number,
    records: ContactRecord[],
    includeSessions: boolean,
  ): Promise<ContactView[]> {
    if (!includeSessions) return records.map((contact) => ({ contact }));
    const sessions = await sessionsOfContacts(
      db,
      accountId,
      records.map((contact) => contact.id),
    );
    return records.map((contact) => ({ contact, sessions: sessions.get(contact.id) ?? [] }));
  }

  /** Writes through the unique indexes, turning a clash that a simultaneous write won into a 422. */
  async function guardingUniqueFields<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const field = isUniqueViolation(error) ? clashingField(error) : undefined;
      if (field) throw taken([field]);
      throw error;
    }
  }

  async function requireUnique(
    accountId: number,
    fields: Partial<ContactFields>,
    exceptId?: number,
    database: Database = db,
  ): Promise<void> {
    const clashes = await contactRepository(database).takenFields(accountId, fields, exceptId);
    if (clashes.length > 0) throw taken(clashes);
  }

  /** One page of the account's contacts meeting `condition`, with their total. */
  async function listPage(
    member: MemberActor,
    condition: ContactCondition,
    listing: ContactListing,
  ): Promise<ContactListPage> {
    const accountId = member.account.id;
    const page = listing.page ?? 1;
    const order: ContactOrder = contactOrderOf(listing.sort);
    const [count, records] = await Promise.all([
      contacts.count(accountId, condition),
      contacts.page(accountId, condition, { page, pageSize: contactsPerPage, order }),
    ]);
    return { count, page, contacts: await withSessions(accountId, records, listing.includeSessions ?? true) };
  }

  return {
    /** The identified contacts of the account, only those carrying any of `labels` when some are given. */
    async list(member: MemberActor, listing: ContactListing & { labels?: string[] }) {
      const labels = normalisedLabels(listing.labels ?? []);
      const condition =
        labels.length > 0 ? allOf(identifiedContacts, carryingAnyLabel(member.account.id, labels)) : identifiedContacts;
      return listPage(member, condition, listing);
    },

    /** One page of the account's contacts, identified or not, matching a filter's conditions, with their total. */
    async filter(member: MemberActor, conditions: FilterCondition[], listing: ContactListing) {
      const condition = await contactFilterCondition(db, member.account.id, conditions, clock.nowSeconds());
      return listPage(member, condition, listing);
    },

    /**
     * One page of the contacts matching `text`, and whether more follow; counting every match of a large account
     * would cost more than the search itself.
     */
    async search(member: MemberActor, text: string | undefined, listing: ContactListing) {
      const trimmed = text?.trim() ?? '';
      if (trimmed === '') throw appError('SEARCH_QUERY_MISSING');
      const accountId = member.account.id;
      const page = listing.page ?? 1;
      const records = await searchContactsPage(db, contacts, accountId, trimmed, {
        page,
        pageSize: contactsPerPage,
        order: contactOrderOf(listing.sort),
      });
      const hasMore = records.length > contactsPerPage;
      const onPage = records.slice(0, contactsPerPage);
      return { page, hasMore, contacts: await withSessions(accountId, onPage, true) };
    },

    async get(member: MemberActor, id: number): Promise<ContactView> {
      const contact = await findAccountContact(db, member, id);
      const [view] = await withSessions(member.account.id, [contact], true);
      return view as ContactView;
    },

    /**
     * A new contact and, with `inbox_id`, its session in that inbox; both or neither are stored.
     */
    async create(
      member: MemberActor,
      input: Schemas['ContactCreate'],
    ): Promise<{ contact: ContactView; session: ContactSession | null }> {
      const fields = newContactFields(input);
      const inbox = input.inbox_id === undefined ? null : await findVisibleInbox(db, member, input.inbox_id);
      if (!inbox && input.source_id !== undefined) {
        throw validationError([{ attribute: 'source_id', message: 'needs inbox_id' }]);
      }
      await requireUnique(member.account.id, fields);
      const now = clock.nowSeconds();
      const { contact, session } = await guardingUniqueFields(() =>
        db.transaction(async (trx) => {
          const contact = await contactRepository(trx).insert(member.account.id, fields, now);
          const session = inbox ? await openContactSession(trx, contact, inbox, input.source_id, now) : null;
          const sessionData = session && {
            contact_inbox: { inbox_id: session.inbox.id, source_id: session.source_id },
          };
          await events.record(trx, contactEvent('contact_created', member, contact, { ...sessionData }));
          return { contact, session };
        }),
      );
      return { contact: { contact, sessions: session ? [session] : [] }, session };
    },

    async update(member: MemberActor, id: number, input: Schemas['ContactUpdate']): Promise<ContactView> {
      const now = clock.nowSeconds();
      const updated = await guardingUniqueFields(() =>
        db.transaction(async (trx) => {
          // Attributes merge into what is stored: the row is read under a lock, so that concurrent updates take turns
          // and each merges into, and is checked against, what the one before it committed (see `lockingRowsOf`).
          const current = await findAccountContact(trx, member, id, { lock: true });
          const changes = contactChanges(input, current);
          await requireUnique(member.account.id, changes, current.id, trx);
          await contactRepository(trx).update(current.id, changes, now);
          const updated = { ...current, ...changes, updated_at: now };
          const changed = changedAttributes(current, changes);
          await events.record(trx, contactEvent('contact_updated', member, updated, { changed_attributes: changed }));
          return updated;
        }),
      );
      const [view] = await withSessions(member.account.id, [updated], true);
      return view as ContactView;
    },

    async delete(member: MemberActor, id: number): Promise<void> {
      const contact = await findAccountContact(db, member, id);
      await db.transaction(async (trx) => {
        await contactRepository(trx).delete(contact.id);
        await events.record(trx, contactEvent('contact_deleted', member, contact));
      });
    },
  };
}

export type ContactService = ReturnType<typeof contactService>;
