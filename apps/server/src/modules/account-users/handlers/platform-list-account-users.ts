import type { Handler } from '../../../http/operation-types';
import { toAccountUser } from '../account-user-mapper';

export const platformListAccountUsers: Handler<'platformListAccountUsers'> = async ({ path, actor, services }) => {
  const accountUsers = await services.accountUsers.list(actor, path.account_id);
  return { status: 200, body: accountUsers.map(toAccountUser) };
};
