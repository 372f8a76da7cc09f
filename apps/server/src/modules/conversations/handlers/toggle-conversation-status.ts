import type { Handler } from '../../../http/operation-types';

/** POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/toggle_status */
export const toggleConversationStatus: Handler<'toggleConversationStatus'> = async ({
  path,
  body,
  actor,
  services,
}) => {
  const toggled = await services.conversationStatuses.toggle(actor, path.conversation_id, body);
  return { status: 200, body: toggled };
};
