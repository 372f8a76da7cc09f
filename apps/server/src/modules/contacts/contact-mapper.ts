import type { Schemas } from '../../http/schemas';
import type { InboxViewer } from '../inboxes/channels/channel-definition';
import { toInbox } from '../inboxes/inbox-mapper';
import type { ContactListPage, ContactView } from './contact-service';
import type { ContactSession } from './contact-sessions';

/** A contact's session in an inbox as the viewer may see it. */
export function toContactInbox(session: ContactSession, viewer: InboxViewer): Schemas['ContactInbox'] {
  return { source_id: session.source_id, inbox: toInbox(session.inbox, viewer) };
}

/** A contact as the application API shows it, with its sessions when the view carries them. */
export function toContact({ contact, sessions }: ContactView, viewer: InboxViewer): Schemas['Contact'] {
  return {
    id: contact.id,
    name: contact.name,
    email: contact.email,
    phone_number: contact.phone_number,
    identifier: contact.identifier,
    thumbnail: contact.avatar_url ?? '',
    blocked: contact.blocked,
    // Presence comes from live-chat connections, which contacts do not hold through this API.
    availability_status: 'offline',
    additional_attributes: contact.additional_attributes,
    custom_attributes: contact.custom_attributes,
    ...(contact.last_activity_at !== null && { last_activity_at: contact.last_activity_at }),
    created_at: contact.created_at,
    ...(sessions && { contact_inboxes: sessions.map((session) => toContactInbox(session, viewer)) }),
  };
}

/** A page of the contact list or of a contact filter. */
export function toContactList(listed: ContactListPage, viewer: InboxViewer): Schemas['ContactList'] {
  return {
    meta: { count: listed.count, current_page: listed.page },
    payload: listed.contacts.map((contact) => toContact(contact, viewer)),
  };
}
