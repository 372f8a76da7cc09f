import type { Handler } from '../../../http/operation-types';
import { toConversationCounts } from '../conversation-counts-mapper';

/** GET /api/v1/accounts/{account_id}/conversations/meta */
export const getConversationCounts: Handler<'getConversationCounts'> = async ({ query, actor, services }) => {
  const counts = await services.conversationLists.counts(actor, {
    status: query.status,
    inboxId: query.inbox_id,
    teamId: query.team_id,
    labels: query.labels,
    q: query.q,
  });
  return { status: 200, body: { meta: toConversationCounts(counts) } };
};
