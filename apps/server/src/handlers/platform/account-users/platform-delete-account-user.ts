import { platformAppOf } from '../../../auth/caller';
import type { Handler } from '../../../http/operation-types';

export const platformDeleteAccountUser: Handler<'platformDeleteAccountUser'> = async ({
  path,
  body,
  caller,
  services,
}) => {
  await services.accountUsers.delete(platformAppOf(caller), path.account_id, body.user_id);
  return { status: 200 };
};
