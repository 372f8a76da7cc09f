import { platformAppOf } from '../../../auth/caller';
import type { Handler } from '../../../http/operation-types';

export const platformDeleteUser: Handler<'platformDeleteUser'> = async ({ path, caller, services }) => {
  await services.users.delete(platformAppOf(caller), path.id);
  return { status: 200 };
};
