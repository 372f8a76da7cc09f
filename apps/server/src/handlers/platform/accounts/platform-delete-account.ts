import { platformAppOf } from '../../../auth/caller';
import type { Handler } from '../../../http/operation-types';

export const platformDeleteAccount: Handler<'platformDeleteAccount'> = async ({ path, caller, services }) => {
  await services.accounts.delete(platformAppOf(caller), path.account_id);
  return { status: 200 };
};
