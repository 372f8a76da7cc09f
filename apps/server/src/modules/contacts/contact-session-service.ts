import { type AccountMember, isAdministrator } from '../../auth/account-member';
import type { Clock } from '../../config/clock';
import type { Database } from '../../db/connection';
import { channelOfType } from '../inboxes/channels/channel-catalogue';
import { findVisibleInbox } from '../inboxes/inbox-access';
import { inboxRepository } from '../inboxes/inbox-repository';
import { findAccountContact } from './contact-access';
import { contactInboxRepository } from './contact-inbox-repository';
import { type ContactSession, openContactSession } from './contact-sessions';

/** Contacts' sessions in the inboxes: opening one, and where a conversation with a contact could start. */
export function contactSessionService(db: Database, clock: Clock) {
  return {
    async open(
      member: AccountMember,
      contactId: number,
      inboxId: number,
      sourceId: string | undefined,
    ): Promise<ContactSession> {
      const contact = await findAccountContact(db, member, contactId);
      const inbox = await findVisibleInbox(db, member, inboxId);
      return openContactSession(db, contact, inbox, sourceId, clock.nowSeconds());
    },

    /** Each inbox the member may look into through which a conversation with the contact can start, by name. */
    async contactable(member: AccountMember, contactId: number): Promise<ContactSession[]> {
      const contact = await findAccountContact(db, member, contactId);
      const inboxes = await inboxRepository(db).listInAccount(
        member.account.id,
        isAdministrator(member) ? undefined : member.user.id,
      );
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
