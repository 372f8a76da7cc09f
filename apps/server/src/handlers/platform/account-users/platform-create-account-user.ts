import { platformAppOf } from '../../../auth/caller';
import type { Handler } from '../../../http/operation-types';
import { toAccountUser } from '../../../modules/account-users/account-user-mapper';

export const platformCreateAccountUser: Handler<'platformCreateAccountUser'> = async ({
  path,
  body,
  caller,
  services,
}) => {
  const accountUser = await services.accountUsers.createOrUpdate(platformAppOf(caller), path.account_id, body);
  return { status: 200, body: toAccountUser(accountUser) };
};
