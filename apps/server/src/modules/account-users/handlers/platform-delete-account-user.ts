import type { Handler } from '../../../http/operation-types';

export const platformDeleteAccountUser: Handler<'platformDeleteAccountUser'> = async ({
  path,
  body,
  actor,
  services,
}) => {
  await services.accountUsers.delete(actor, path.account_id, body.user_id);
  return { status: 200 };
};
