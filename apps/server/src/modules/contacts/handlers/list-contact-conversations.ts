import type { Handler } from '../../../http/operation-types';

/** GET /api/v1/accounts/{account_id}/contacts/{id}/conversations */
export const listContactConversations: Handler<'listContactConversations'> = async ({ path, actor, services }) => {
  const conversations = await services.contacts.conversations(actor, path.id);
  return { status: 200, body: { payload: conversations } };
};
