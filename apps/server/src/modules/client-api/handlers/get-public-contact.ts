import type { Handler } from '../../../http/operation-types';
import { toPublicContact } from '../public-contact-mapper';

/** GET /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier} */
export const getPublicContact: Handler<'getPublicContact'> = async ({ path, query, services }) => ({
  status: 200,
  body: toPublicContact(await services.publicContacts.show(path.inbox_identifier, path.contact_identifier, query)),
});
