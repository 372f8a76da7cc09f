import type { Handler } from '../../../http/operation-types';
import { toAccountUser } from '../account-user-mapper';

export const platformCreateAccountUser: Handler<'platformCreateAccountUser'> = async ({
  path,
  body,
  actor,
  services,
}) => {
  const accountUser = await services.accountUsers.createOrUpdate(actor, path.account_id, body);
  return { status: 200, body: toAccountUser(accountUser) };
};
