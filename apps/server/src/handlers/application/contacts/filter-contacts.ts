import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';
import { toContact } from '../../../modules/contacts/contact-mapper';
import { inboxViewerOf } from '../../../modules/inboxes/inbox-mapper';

/** POST /api/v1/accounts/{account_id}/contacts/filter */
export const filterContacts: Handler<'filterContacts'> = async ({ member, query, body, services, origin }) => {
  const viewer = memberOf(member);
  const filtered = await services.contacts.filter(viewer, body.payload, {
    page: query.page,
    sort: query.sort,
    includeSessions: query.include_contact_inboxes,
  });
  const inboxViewer = inboxViewerOf(viewer, origin);
  return {
    status: 200,
    body: {
      meta: { count: filtered.count, current_page: filtered.page },
      payload: filtered.contacts.map((contact) => toContact(contact, inboxViewer)),
    },
  };
};
