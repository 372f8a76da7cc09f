import type { Handler } from '../../../http/operation-types';

/** POST /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/messages */
export const createPublicMessage: Handler<'createPublicMessage'> = async ({ path, body, files, services, origin }) => ({
  status: 200,
  body: await services.publicMessages.create(
    path.inbox_identifier,
    path.contact_identifier,
    path.conversation_id,
    body,
    files,
    await services.presentation(origin),
  ),
});
