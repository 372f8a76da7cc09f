import type { Handler } from '../../../http/operation-types';
import { toConversationFilterCounts } from '../conversation-counts-mapper';

/** POST /api/v1/accounts/{account_id}/conversations/filter */
export const filterConversations: Handler<'filterConversations'> = async ({ query, body, actor, services, origin }) => {
  const filtered = await services.conversationLists.filter(
    actor,
    body.payload,
    query.page,
    await services.presentation(origin),
  );
  return { status: 200, body: { meta: toConversationFilterCounts(filtered.counts), payload: filtered.conversations } };
};
