import type { Handler } from '../../../http/operation-types';

/** GET /api/v1/accounts/{account_id}/conversations/{conversation_id}/labels */
export const listConversationLabels: Handler<'listConversationLabels'> = async ({ path, actor, services }) => {
  const labels = await services.conversationLabels.list(actor, path.conversation_id);
  return { status: 200, body: { payload: labels } };
};
