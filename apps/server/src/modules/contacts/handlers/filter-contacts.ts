import type { Handler } from '../../../http/operation-types';
import { inboxViewerOf } from '../../inboxes/inbox-mapper';
import { toContactList } from '../contact-mapper';

/** POST /api/v1/accounts/{account_id}/contacts/filter */
export const filterContacts: Handler<'filterContacts'> = async ({ actor, query, body, services, origin }) => {
  const filtered = await services.contacts.filter(actor, body.payload, {
    page: query.page,
    sort: query.sort,
    includeSessions: query.include_contact_inboxes,
  });
  return { status: 200, body: toContactList(filtered, inboxViewerOf(actor, origin)) };
};
