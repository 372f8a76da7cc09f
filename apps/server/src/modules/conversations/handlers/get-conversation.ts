import type { Handler } from '../../../http/operation-types';

/** GET /api/v1/accounts/{account_id}/conversations/{conversation_id} */
export const getConversation: Handler<'getConversation'> = async ({ path, actor, services, origin }) => {
  const conversation = await services.conversations.show(
    actor,
    path.conversation_id,
    await services.presentation(origin),
  );
  return { status: 200, body: conversation };
};
