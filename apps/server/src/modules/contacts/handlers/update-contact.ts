import type { Handler } from '../../../http/operation-types';
import { inboxViewerOf } from '../../inboxes/inbox-mapper';
import { toContact } from '../contact-mapper';

/** PUT /api/v1/accounts/{account_id}/contacts/{id} */
export const updateContact: Handler<'updateContact'> = async ({ path, body, actor, services, origin }) => {
  const contact = await services.contacts.update(actor, path.id, body);
  return { status: 200, body: { payload: toContact(contact, inboxViewerOf(actor, origin)) } };
};
