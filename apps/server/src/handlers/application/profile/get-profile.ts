import { userOf } from '../../../auth/caller';
import type { Handler } from '../../../http/operation-types';
import { toUser } from '../../../modules/users/user-mapper';

export const getProfile: Handler<'getProfile'> = async ({ caller, services }) => {
  const profile = await services.users.viewOf(userOf(caller));
  return { status: 200, body: toUser(profile) };
};
