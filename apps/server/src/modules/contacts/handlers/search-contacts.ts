import type { Handler } from '../../../http/operation-types';
import { inboxViewerOf } from '../../inboxes/inbox-mapper';
import { toContact } from '../contact-mapper';

/** GET /api/v1/accounts/{account_id}/contacts/search */
export const searchContacts: Handler<'searchContacts'> = async ({ actor, query, services, origin }) => {
  const found = await services.contacts.search(actor, query.q, { page: query.page, sort: query.sort });
  const inboxViewer = inboxViewerOf(actor, origin);
  return {
    status: 200,
    body: {
      meta: { count: found.contacts.length, current_page: found.page, has_more: found.hasMore },
      payload: found.contacts.map((contact) => toContact(contact, inboxViewer)),
    },
  };
};
