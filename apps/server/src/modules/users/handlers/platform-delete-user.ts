import type { Handler } from '../../../http/operation-types';

export const platformDeleteUser: Handler<'platformDeleteUser'> = async ({ path, actor, services }) => {
  await services.users.delete(actor, path.id);
  return { status: 200 };
};
