import type { Handler } from '../../../http/operation-types';

/** GET /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations */
export const listPublicConversations: Handler<'listPublicConversations'> = async ({ path, services, origin }) => ({
  status: 200,
  body: await services.publicConversations.list(
    path.inbox_identifier,
    path.contact_identifier,
    await services.presentation(origin),
  ),
});
