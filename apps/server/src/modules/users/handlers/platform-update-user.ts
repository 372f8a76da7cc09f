import type { Handler } from '../../../http/operation-types';
import { toUser } from '../user-mapper';

export const platformUpdateUser: Handler<'platformUpdateUser'> = async ({ path, body, actor, services }) => {
  const user = await services.users.update(actor, path.id, body);
  return { status: 200, body: toUser(user) };
};
