import type { Handler } from '../../../http/operation-types';

/** POST /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/toggle_status */
export const resolvePublicConversation: Handler<'resolvePublicConversation'> = async ({ path, services, origin }) => ({
  status: 200,
  body: await services.publicConversations.resolve(
    path.inbox_identifier,
    path.contact_identifier,
    path.conversation_id,
    await services.presentation(origin),
  ),
});
