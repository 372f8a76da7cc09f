import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/inbox_members */
export const removeInboxMembers: Handler<'removeInboxMembers'> = async ({ body, actor, services }) => {
  await services.inboxMembers.remove(actor, body);
  return { status: 200 };
};
