import { platformAppOf } from '../../../auth/caller';
import type { Handler } from '../../../http/operation-types';
import { toUser } from '../../../modules/users/user-mapper';

export const platformCreateUser: Handler<'platformCreateUser'> = async ({ body, caller, services }) => {
  const user = await services.users.createOrClaim(platformAppOf(caller), body);
  return { status: 200, body: toUser(user) };
};
