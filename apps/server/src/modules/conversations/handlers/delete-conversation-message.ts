import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/conversations/{conversation_id}/messages/{message_id} */
export const deleteConversationMessage: Handler<'deleteConversationMessage'> = async ({
  path,
  actor,
  services,
  origin,
}) => {
  const message = await services.messages.delete(
    actor,
    path.conversation_id,
    path.message_id,
    await services.presentation(origin),
  );
  return { status: 200, body: message };
};
