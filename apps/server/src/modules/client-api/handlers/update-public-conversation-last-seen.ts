import type { Handler } from '../../../http/operation-types';

/** POST /public/api/v1/inboxes/{inbox_identifier}/contacts/{contact_identifier}/conversations/{conversation_id}/update_last_seen */
export const updatePublicConversationLastSeen: Handler<'updatePublicConversationLastSeen'> = async ({
  path,
  services,
}) => {
  await services.publicConversations.markSeen(path.inbox_identifier, path.contact_identifier, path.conversation_id);
  return { status: 200, body: undefined };
};
