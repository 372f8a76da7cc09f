import { isAdministrator, type MemberActor } from '../../auth/actor';
import { channelOfType } from '../inboxes/channels/channel-catalogue';
import { findVisibleInbox } from '../inboxes/inbox-access';
import type { ServiceDependencies } from '../service-dependencies';
import { findAccountContact } from './contact-access';
import { contactEvent } from './contact-events';
import { contactInboxRepository } from './contact-inbox-repository';
import { type ContactSession, openContactSession } from './contact-sessions';

/** Contacts' sessions in the inboxes: opening one, and where a conversation with a contact could start. */
export function contactSessionService({ db, clock, events, repositories }: ServiceDependencies) {
  return {
    async open(
      member: MemberActor,
      contactId: number,
      inboxId: number,
      sourceId: string | undefined,
    ): Promise<ContactSession> {
      return db.transaction(async (trx) => {
        // The contact's sessions are opened one at a time, so that a request opening the session a concurrent one has
        // just opened finds it (see `lockingRowsOf`). An unknown contact is told before an unknown inbox.
        const contact = await findAccountContact(trx, member, contactId, { lock: true });
        const inbox = await findVisibleInbox(trx, member, inboxId);
        // Opening a session the contact already has in the inbox changes nothing, and records nothing.
        const existing =
          sourceId === undefined ? undefined : await contactInboxRepository(trx).findBySource(inbox.id, sourceId);
        const session = await openContactSession(trx, contact, inbox, sourceId, clock.nowSeconds());
        if (!existing) {
          const contactInbox = { inbox_id: inbox.id, source_id: session.source_id };
          await events.record(
            trx,
            contactEvent('contact_inbox_created', member, contact, { contact_inbox: contactInbox }),
          );
        }
        return session;
      });
    },

    /** Each inbox the member may look into through which a conversation with the contact can start, by name. */
    async contactable(member: MemberActor, contactId: number): Promise<ContactSession[]> {
      const contact = await findAccountContact(db, member, contactId);
      const inboxes = await repositories
        .inboxes(db)
        .listInAccount(member.account.id, isAdministrator(member) ? undefined : member.user.id);
      const latestSourceIds = new Map<number, string>();
      for (const session of await contactInboxRepository(db).listOfContacts([contact.id])) {
        latestSourceIds.set(session.inbox_id, session.source_id);
      }
      return inboxes.flatMap((inbox) => {
        const sourceId = channelOfType(inbox.channel_type).contactSourcing.reachableAs(
          contact,
          latestSourceIds.get(inbox.id),
        );
        return sourceId === undefined ? [] : [{ source_id: sourceId, inbox }];
      });
    },
  };
}

export type ContactSessionService = ReturnType<typeof contactSessionService>;
