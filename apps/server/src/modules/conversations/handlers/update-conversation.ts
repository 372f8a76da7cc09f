import type { Handler } from '../../../http/operation-types';

/** PATCH /api/v1/accounts/{account_id}/conversations/{conversation_id} */
export const updateConversation: Handler<'updateConversation'> = async ({ path, body, actor, services, origin }) => {
  const conversation = await services.conversations.update(
    actor,
    path.conversation_id,
    body,
    await services.presentation(origin),
  );
  return { status: 200, body: conversation };
};
