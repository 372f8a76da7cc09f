import type { Handler } from '../../../http/operation-types';

/** POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/assignments */
export const assignConversation: Handler<'assignConversation'> = async ({ path, body, actor, services }) => {
  const holder = await services.conversationAssignments.assign(actor, path.conversation_id, body);
  return { status: 200, body: holder };
};
