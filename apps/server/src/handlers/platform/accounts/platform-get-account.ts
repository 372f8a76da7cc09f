import { platformAppOf } from '../../../auth/caller';
import type { Handler } from '../../../http/operation-types';
import { toPlatformAccount } from '../../../modules/accounts/account-mapper';

export const platformGetAccount: Handler<'platformGetAccount'> = async ({ path, caller, services }) => {
  const account = await services.accounts.findPermitted(platformAppOf(caller), path.account_id);
  return { status: 200, body: toPlatformAccount(account) };
};
