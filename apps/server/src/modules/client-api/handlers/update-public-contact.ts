import type { Handler } from '../../../http/operation-types';
import { toPublicContact } from '../public-contact-mapper';

/** PATCH /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier} */
export const updatePublicContact: Handler<'updatePublicContact'> = async ({ path, body, services }) => ({
  status: 200,
  body: toPublicContact(
    await services.publicContacts.update(path.inbox_identifier, path.contact_identifier, body ?? {}),
  ),
});
