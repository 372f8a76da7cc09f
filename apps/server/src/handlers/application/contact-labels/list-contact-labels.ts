import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';

/** GET /api/v1/accounts/{account_id}/contacts/{id}/labels */
export const listContactLabels: Handler<'listContactLabels'> = async ({ path, member, services }) => {
  const labels = await services.contactLabels.list(memberOf(member), path.id);
  return { status: 200, body: { payload: labels } };
};
