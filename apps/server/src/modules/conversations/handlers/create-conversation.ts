import type { Handler } from '../../../http/operation-types';

/** POST /api/v1/accounts/{account_id}/conversations */
export const createConversation: Handler<'createConversation'> = async ({ body, actor, services, origin }) => {
  const conversation = await services.conversations.create(actor, body, await services.presentation(origin));
  return { status: 200, body: conversation };
};
