import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';
import { toContact } from '../../../modules/contacts/contact-mapper';
import { inboxViewerOf } from '../../../modules/inboxes/inbox-mapper';

/** GET /api/v1/accounts/{account_id}/contacts/{id} */
export const getContact: Handler<'getContact'> = async ({ path, member, services, origin }) => {
  const viewer = memberOf(member);
  const contact = await services.contacts.get(viewer, path.id);
  return { status: 200, body: { payload: toContact(contact, inboxViewerOf(viewer, origin)) } };
};
