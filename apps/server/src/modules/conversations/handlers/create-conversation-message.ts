import type { Handler } from '../../../http/operation-types';

/** POST /api/v1/accounts/{account_id}/conversations/{conversation_id}/messages */
export const createConversationMessage: Handler<'createConversationMessage'> = async ({
  path,
  body,
  files,
  actor,
  services,
  origin,
}) => {
  const message = await services.messages.create(
    actor,
    path.conversation_id,
    body,
    files,
    await services.presentation(origin),
  );
  return { status: 200, body: message };
};
