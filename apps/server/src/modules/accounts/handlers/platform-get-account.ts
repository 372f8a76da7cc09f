import type { Handler } from '../../../http/operation-types';
import { toPlatformAccount } from '../account-mapper';

export const platformGetAccount: Handler<'platformGetAccount'> = async ({ path, actor, services }) => {
  const account = await services.accounts.get(actor, path.account_id);
  return { status: 200, body: toPlatformAccount(account) };
};
