import type { Handler } from '../../../http/operation-types';

/** POST /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/toggle_typing */
export const togglePublicConversationTyping: Handler<'togglePublicConversationTyping'> = async ({
  path,
  body,
  services,
}) => {
  await services.publicConversations.typing(
    path.inbox_identifier,
    path.contact_identifier,
    path.conversation_id,
    body?.typing_status,
  );
  return { status: 200, body: undefined };
};
