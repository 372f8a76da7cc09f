import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/agents/{id} */
export const deleteAgent: Handler<'deleteAgent'> = async ({ path, member, services }) => {
  await services.agents.delete(memberOf(member), path.id);
  return { status: 200 };
};
