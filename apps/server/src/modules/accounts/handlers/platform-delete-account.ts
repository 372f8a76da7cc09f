import type { Handler } from '../../../http/operation-types';

export const platformDeleteAccount: Handler<'platformDeleteAccount'> = async ({ path, actor, services }) => {
  await services.accounts.delete(actor, path.account_id);
  return { status: 200 };
};
