import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/inbox_members */
export const removeInboxMembers: Handler<'removeInboxMembers'> = async ({ body, member, services }) => {
  await services.inboxMembers.remove(memberOf(member), body);
  return { status: 200 };
};
