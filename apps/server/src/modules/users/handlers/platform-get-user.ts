import type { Handler } from '../../../http/operation-types';
import { toUser } from '../user-mapper';

export const platformGetUser: Handler<'platformGetUser'> = async ({ path, actor, services }) => {
  const user = await services.users.get(actor, path.id);
  return { status: 200, body: toUser(user) };
};
