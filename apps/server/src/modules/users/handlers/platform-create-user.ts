import type { Handler } from '../../../http/operation-types';
import { toUser } from '../user-mapper';

export const platformCreateUser: Handler<'platformCreateUser'> = async ({ body, actor, services }) => {
  const user = await services.users.createOrClaim(actor, body);
  return { status: 200, body: toUser(user) };
};
