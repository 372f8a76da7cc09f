import type { Handler } from '../../../http/operation-types';

/** POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/labels */
export const setConversationLabels: Handler<'setConversationLabels'> = async ({ path, body, actor, services }) => {
  const labels = await services.conversationLabels.replace(actor, path.conversation_id, body.labels);
  return { status: 200, body: { payload: labels } };
};
