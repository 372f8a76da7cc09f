import type { Handler } from '../../../http/operation-types';
import { toUser } from '../user-mapper';

export const getProfile: Handler<'getProfile'> = async ({ actor, services }) => {
  const profile = await services.users.viewOf(actor.user);
  return { status: 200, body: toUser(profile) };
};
