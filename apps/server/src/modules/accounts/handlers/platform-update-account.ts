import type { Handler } from '../../../http/operation-types';
import { toPlatformAccount } from '../account-mapper';

export const platformUpdateAccount: Handler<'platformUpdateAccount'> = async ({ path, body, actor, services }) => {
  const account = await services.accounts.update(actor, path.account_id, body);
  return { status: 200, body: toPlatformAccount(account) };
};
