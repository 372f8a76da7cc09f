import { platformAppOf } from '../../../auth/caller';
import type { Handler } from '../../../http/operation-types';
import { toUser } from '../../../modules/users/user-mapper';

export const platformGetUser: Handler<'platformGetUser'> = async ({ path, caller, services }) => {
  const user = await services.users.get(platformAppOf(caller), path.id);
  return { status: 200, body: toUser(user) };
};
