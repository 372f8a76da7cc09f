import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';

/** POST /api/v1/accounts/{account_id}/contacts/{id}/labels */
export const setContactLabels: Handler<'setContactLabels'> = async ({ path, body, member, services }) => {
  const labels = await services.contactLabels.replace(memberOf(member), path.id, body.labels);
  return { status: 200, body: { payload: labels } };
};
