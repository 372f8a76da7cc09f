import type { Handler } from '../../../http/operation-types';

/** GET /api/v1/accounts/{account_id}/conversations/{conversation_id}/messages */
export const listConversationMessages: Handler<'listConversationMessages'> = async ({
  path,
  query,
  actor,
  services,
  origin,
}) => {
  const cursors = {
    ...(query.before !== undefined && { before: query.before }),
    ...(query.after !== undefined && { after: query.after }),
  };
  const page = await services.messages.list(actor, path.conversation_id, cursors, await services.presentation(origin));
  return { status: 200, body: page };
};
