import type { Handler } from '../../../http/operation-types';
import { toPublicContact } from '../public-contact-mapper';

/** POST /public/api/v1/inboxes/{inbox_identifier}/contacts */
export const createPublicContact: Handler<'createPublicContact'> = async ({ path, body, services }) => ({
  status: 200,
  body: toPublicContact(await services.publicContacts.create(path.inbox_identifier, body ?? {})),
});
