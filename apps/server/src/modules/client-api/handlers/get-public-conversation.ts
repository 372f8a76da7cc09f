import type { Handler } from '../../../http/operation-types';

/** GET /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id} */
export const getPublicConversation: Handler<'getPublicConversation'> = async ({ path, services, origin }) => ({
  status: 200,
  body: await services.publicConversations.show(
    path.inbox_identifier,
    path.contact_identifier,
    path.conversation_id,
    await services.presentation(origin),
  ),
});
