import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';
import { toContact } from '../../../modules/contacts/contact-mapper';
import { inboxViewerOf, toInbox } from '../../../modules/inboxes/inbox-mapper';

/** POST /api/v1/accounts/{account_id}/contacts */
export const createContact: Handler<'createContact'> = async ({ body, member, services, origin }) => {
  const viewer = memberOf(member);
  const { contact, session } = await services.contacts.create(viewer, body);
  const inboxViewer = inboxViewerOf(viewer, origin);
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
