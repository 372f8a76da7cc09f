import type { Handler } from '../../../http/operation-types';
import { toContact } from '../../../modules/contacts/contact-mapper';
import { inboxViewerOf } from '../../../modules/inboxes/inbox-mapper';

/** GET /api/v1/accounts/{account_id}/contacts/{id} */
export const getContact: Handler<'getContact'> = async ({ path, actor, services, origin }) => {
  const contact = await services.contacts.get(actor, path.id);
  return { status: 200, body: { payload: toContact(contact, inboxViewerOf(actor, origin)) } };
};
