import type { Handler } from '../../../http/operation-types';

/** GET /api/v1/accounts/{account_id}/contacts/{id}/conversations */
export const listContactConversations: Handler<'listContactConversations'> = async ({
  path,
  actor,
  services,
  origin,
}) => {
  const conversations = await services.conversationLists.ofContact(actor, path.id, await services.presentation(origin));
  return { status: 200, body: { payload: conversations } };
};
