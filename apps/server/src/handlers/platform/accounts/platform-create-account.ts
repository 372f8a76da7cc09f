import { platformAppOf } from '../../../auth/caller';
import type { Handler } from '../../../http/operation-types';
import { toPlatformAccount } from '../../../modules/accounts/account-mapper';

export const platformCreateAccount: Handler<'platformCreateAccount'> = async ({ body, caller, services }) => {
  const account = await services.accounts.create(platformAppOf(caller), body);
  return { status: 200, body: toPlatformAccount(account) };
};
