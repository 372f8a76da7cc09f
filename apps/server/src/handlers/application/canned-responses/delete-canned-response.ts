import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/canned_responses/{id} */
export const deleteCannedResponse: Handler<'deleteCannedResponse'> = async ({ member, path, services }) => {
  await services.cannedResponses.delete(memberOf(member), path.id);
  return { status: 200 };
};
