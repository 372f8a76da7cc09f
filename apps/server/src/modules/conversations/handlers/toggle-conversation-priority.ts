import type { Handler } from '../../../http/operation-types';

/** POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_priority */
export const toggleConversationPriority: Handler<'toggleConversationPriority'> = async ({
  path,
  body,
  actor,
  services,
}) => {
  await services.conversations.togglePriority(actor, path.conversation_id, body.priority);
  return { status: 200 };
};
