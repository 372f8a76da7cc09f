import type { Handler } from '../../../http/operation-types';
import { toConversationCounts } from '../conversation-counts-mapper';

/** GET /api/v1/accounts/{account_id}/conversations */
export const listConversations: Handler<'listConversations'> = async ({ query, actor, services, origin }) => {
  const listed = await services.conversationLists.list(
    actor,
    {
      assigneeType: query.assignee_type,
      status: query.status,
      inboxId: query.inbox_id,
      teamId: query.team_id,
      labels: query.labels,
      q: query.q,
      sortBy: query.sort_by,
      page: query.page,
    },
    await services.presentation(origin),
  );
  return { status: 200, body: { data: { meta: toConversationCounts(listed.counts), payload: listed.conversations } } };
};
