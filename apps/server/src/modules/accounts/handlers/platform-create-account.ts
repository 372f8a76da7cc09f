import type { Handler } from '../../../http/operation-types';
import { toPlatformAccount } from '../account-mapper';

export const platformCreateAccount: Handler<'platformCreateAccount'> = async ({ body, actor, services }) => {
  const account = await services.accounts.create(actor, body);
  return { status: 200, body: toPlatformAccount(account) };
};
