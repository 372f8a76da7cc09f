import type { Handler } from '../../../http/operation-types';
import { inboxViewerOf } from '../../inboxes/inbox-mapper';
import { toContactList } from '../contact-mapper';

/** GET /api/v1/accounts/{account_id}/contacts */
export const listContacts: Handler<'listContacts'> = async ({ actor, query, services, origin }) => {
  const listed = await services.contacts.list(actor, {
    page: query.page,
    sort: query.sort,
    includeSessions: query.include_contact_inboxes,
    labels: query.labels,
  });
  return { status: 200, body: toContactList(listed, inboxViewerOf(actor, origin)) };
};
