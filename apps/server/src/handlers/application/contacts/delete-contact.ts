import { memberOf } from '../../../auth/account-member';
import type { Handler } from '../../../http/operation-types';

/** DELETE /api/v1/accounts/{account_id}/contacts/{id} */
export const deleteContact: Handler<'deleteContact'> = async ({ path, member, services }) => {
  await services.contacts.delete(memberOf(member), path.id);
  return { status: 200 };
};
