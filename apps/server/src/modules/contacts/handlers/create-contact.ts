import type { Handler } from '../../../http/operation-types';
import { inboxViewerOf, toInbox } from '../../inboxes/inbox-mapper';
import { toContact } from '../contact-mapper';

/** POST /api/v1/accounts/{account_id}/contacts */
export const createContact: Handler<'createContact'> = async ({ body, actor, services, origin }) => {
  const { contact, session } = await services.contacts.create(actor, body);
  const inboxViewer = inboxViewerOf(actor, origin);
  return {
    status: 200,
    body: {
      payload: {
        contact: toContact(contact, inboxViewer),
        contact_inbox: {
          inbox: session ? toInbox(session.inbox, inboxViewer) : null,
          source_id: session?.source_id ?? null,
        },
      },
    },
  };
};
