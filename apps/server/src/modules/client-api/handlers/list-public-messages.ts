import type { Handler } from '../../../http/operation-types';

/** GET /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/messages */
export const listPublicMessages: Handler<'listPublicMessages'> = async ({ path, query, services, origin }) => ({
  status: 200,
  body: await services.publicMessages.list(
    path.inbox_identifier,
    path.contact_identifier,
    path.conversation_id,
    query.before,
    await services.presentation(origin),
  ),
});
