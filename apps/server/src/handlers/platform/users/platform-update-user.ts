import { platformAppOf } from '../../../auth/caller';
import type { Handler } from '../../../http/operation-types';
import { toUser } from '../../../modules/users/user-mapper';

export const platformUpdateUser: Handler<'platformUpdateUser'> = async ({ path, body, caller, services }) => {
  const user = await services.users.update(platformAppOf(caller), path.id, body);
  return { status: 200, body: toUser(user) };
};
