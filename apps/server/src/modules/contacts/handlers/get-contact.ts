import type { Handler } from '../../../http/operation-types';
import { inboxViewerOf } from '../../inboxes/inbox-mapper';
import { toContact } from '../contact-mapper';

/** GET /api/v1/accounts/{account_id}/contacts/{id} */
export const getContact: Handler<'getContact'> = async ({ path, actor, services, origin }) => {
  const contact = await services.contacts.get(actor, path.id);
  return { status: 200, body: { payload: toContact(contact, inboxViewerOf(actor, origin)) } };
};
